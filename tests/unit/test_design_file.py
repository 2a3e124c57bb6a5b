"""The study's design as a file: export, import by natural keys, hostile files, and the CLI."""

from __future__ import annotations

import argparse
import json

import pytest

from app import cli_design
from app.core.coding import Code
from app.core.guide import Questionnaire, QuestionnaireItem
from app.services import design_file, study_design
from app.services.design_file import FORMAT, MAX_BYTES, export_design, import_design
from app.services.projects import init_project
from app.services.study_design import DesignError
from app.store.project import Project

SECTIONS = ("waves", "territories", "stakeholder_groups", "profiles", "dimensions", "indicators")


def dump(project) -> str:
    return "\n".join(project.db.conn.iterdump())


@pytest.fixture
def exported(demo, tmp_path):
    return export_design(demo, tmp_path / "design.json")


@pytest.fixture
def fresh(tmp_path):
    """A new project holding the questionnaire items and codes the demo's indicators read."""
    init_project(tmp_path / "fresh.terrain", "Évaluation 2027")
    with Project.open(tmp_path / "fresh.terrain") as project:
        yield project


def give_sources(source, target) -> None:
    """What a design names but does not carry: the questionnaire items and the codebook's themes."""
    study_id = target.study().id
    questionnaire = Questionnaire(study_id=study_id, title="Questionnaire")
    target.questionnaires.insert(questionnaire)
    for item in source.questionnaire_items.find(order_by="position"):
        target.questionnaire_items.insert(QuestionnaireItem(
            questionnaire_id=questionnaire.id, name=item.name, label=item.label, item_type=item.item_type,
            choices=item.choices, position=item.position))
    for position, code in enumerate(source.codes.find("deleted_at IS NULL")):
        target.codes.insert(Code(study_id=study_id, name=code.name, position=position))


def write(tmp_path, document, name="design.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


# the file ----------------------------------------------------------------------------------------------
def test_export_names_everything_by_its_natural_key(demo, exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == (FORMAT, 1)
    assert [w["label"] for w in document["waves"]] == ["2025", "2026"]
    assert {t["code"] for t in document["territories"]} == {"LYO", "DRO", "BXL"}
    indicators = {i["code"]: i for i in document["indicators"]}
    assert indicators["OC1"]["source"] == {"kind": "survey_item", "ref": "satisfaction_autonomie", "aggregate": "mean"}
    assert indicators["OC2"]["source"]["ref"] == "Appartenance au collectif"  # a code's name, not its id
    figures = indicators["IMP1"]["figures"]
    assert {"wave": "2025", "territory": None, "value": 77.0} .items() <= figures[0].items()
    assert {f["territory"] for f in figures} == {None, "LYO", "DRO", "BXL"}
    assert "figures" not in indicators["OC1"]
    # Nothing internal leaks out: no id of the project appears in the file.
    text = exported.read_text(encoding="utf-8")
    assert demo.study().id not in text and demo.waves.first().id not in text


def test_import_into_the_project_it_came_from_changes_nothing(demo, exported):
    before = dump(demo)
    summary = import_design(demo, exported)
    assert not summary.changed
    assert summary.lines() == ["Nothing to change: the project already has this design."]
    assert dump(demo) == before


def test_round_trip_into_a_fresh_project(demo, fresh, exported, tmp_path):
    give_sources(demo, fresh)
    summary = import_design(fresh, exported, actor="Inès")
    assert summary.added["indicators"] == [i.code for i in demo.indicators.find(order_by="position")]
    assert len(summary.added["figures"]) == demo.indicator_values.count()
    original = json.loads(exported.read_text(encoding="utf-8"))
    copy = json.loads(export_design(fresh, tmp_path / "copy.json").read_text(encoding="utf-8"))
    for section in SECTIONS:
        assert copy[section] == original[section], section
    # The study keeps its own title; what it lacked is filled in.
    assert copy["study"]["title"] == "Évaluation 2027"
    assert copy["study"]["evaluative_question"] == original["study"]["evaluative_question"]
    assert summary.updated["study"] == ["organisation", "evaluative question", "description"]
    assert fresh.db.execute("SELECT actor FROM audit_log WHERE action = 'design_imported'").fetchone()[0] == "Inès"
    # Read a second time, the file changes nothing at all.
    before = dump(fresh)
    assert not import_design(fresh, exported).changed
    assert dump(fresh) == before


def test_import_adds_and_updates_but_never_deletes(demo, exported, tmp_path):
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["waves"].append({"label": "2027", "starts_on": "2027-03-01", "ends_on": None})
    document["territories"] = [t for t in document["territories"] if t["code"] != "BXL"]
    for indicator in document["indicators"]:
        if indicator["code"] == "OC3":
            indicator["target"] = 75
        if indicator["code"] == "IMP1":
            indicator["figures"][0]["value"] = 78
    document["study"]["small_n_threshold"] = 6
    summary = import_design(demo, write(tmp_path, document, "next.json"))
    assert summary.added == {"waves": ["2027"]}
    assert summary.updated == {"study": ["small-sample threshold"], "indicators": ["OC3"],
                               "figures": ["IMP1 2025 whole study"]}
    assert demo.territories.first("code = 'BXL'") is not None
    assert demo.study().small_n_threshold == 6
    assert [w.label for w in study_design.waves(demo)] == ["2025", "2026", "2027"]
    assert "Waves: added 2027" in summary.lines()


# hostile files -------------------------------------------------------------------------------------
def refused(project, path, match: str) -> DesignError:
    before = dump(project)
    with pytest.raises(DesignError, match=match) as caught:
        import_design(project, path)
    assert dump(project) == before
    assert str(caught.value).startswith(path.name)
    return caught.value


def test_refuses_what_is_not_a_design(demo, tmp_path):
    (tmp_path / "notes.json").write_text("{ pas du json", encoding="utf-8")
    refused(demo, tmp_path / "notes.json", "not JSON \\(line 1")
    (tmp_path / "image.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    refused(demo, tmp_path / "image.json", "not a text file")
    (tmp_path / "latin.json").write_bytes('{"format": "é"}'.encode("latin-1"))
    refused(demo, tmp_path / "latin.json", "not UTF-8")
    refused(demo, write(tmp_path, {"waves": []}, "other.json"), "not a Terrain study design")
    refused(demo, write(tmp_path, [1, 2], "list.json"), "not a Terrain study design")
    refused(demo, write(tmp_path, {"format": FORMAT, "version": 9}, "future.json"), "newer Terrain")
    refused(demo, write(tmp_path, {"format": FORMAT, "version": "1"}, "version.json"), "format version")
    refused(demo, tmp_path / "missing.json", "cannot read the file")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(DesignError):
        import_design(demo, tmp_path / "deep.json")


def test_refuses_a_huge_file_without_reading_it(demo, tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    refused(demo, path, "at most 5 MB")


@pytest.mark.parametrize("mutate, match", [
    (lambda d: d.update(waves="2025"), "waves: this part must be a list"),
    (lambda d: d.update(study=["x"]), "the study: this part"),
    (lambda d: d["waves"].append({"label": ""}), "entry 4 of “waves”"),
    (lambda d: d["waves"].append({"label": "2030", "starts_on": "demain"}), "wave 2030: .*not a date"),
    (lambda d: d["territories"].append({"code": "GRE"}), "territory GRE: .*needs a name"),
    (lambda d: d["stakeholder_groups"].append({"name": "X", "participation": ["vote"]}), "Unknown way of taking"),
    (lambda d: d["indicators"][0].update(level="huge"), "indicator OUT1: .*level"),
    (lambda d: d["indicators"][0].update(source="count"), "indicator OUT1: .*“source”"),
    (lambda d: d["indicators"][3]["source"].update(ref="inconnu"), "indicator OC1: No questionnaire item"),
    (lambda d: d["indicators"][4]["source"].update(ref="Thème absent"), "indicator OC2: the codebook has no theme"),
    (lambda d: d["indicators"][2]["figures"][0].update(wave="1999"), "figure 1 of indicator OUT3: no wave"),
    (lambda d: d["indicators"][2]["figures"][0].update(territory="XYZ"), "no territory has the code “XYZ”"),
    (lambda d: d["indicators"][2]["figures"][0].update(value="douze"), "must be a number"),
    (lambda d: d["study"].update(languages=["de"]), "the study: Unknown language"),
    (lambda d: d["indicators"][1]["source"].update(profile=["client"]), "indicator OUT2: No participant profile"),
    (lambda d: d["indicators"][1].update(target=True), "indicator OUT2: The target must be a number"),
])
def test_refuses_invalid_content_and_leaves_the_project_as_it_was(demo, exported, tmp_path, mutate, match):
    document = json.loads(exported.read_text(encoding="utf-8"))
    # A valid change early in the file must not survive a refusal later on.
    document["waves"].append({"label": "2029"})
    assert [i["code"] for i in document["indicators"]][:5] == ["OUT1", "OUT2", "OUT3", "OC1", "OC2"]
    mutate(document)
    refused(demo, write(tmp_path, document, "bad.json"), match)
    assert demo.waves.first("label = '2029'") is None


def test_export_refuses_an_unwritable_place(demo, tmp_path):
    with pytest.raises(DesignError, match="Cannot write"):
        export_design(demo, tmp_path / "no" / "such" / "folder" / "design.json")


# the command line ------------------------------------------------------------------------------------
def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="terrain")
    cli_design.add_commands(parser.add_subparsers(dest="command"))
    return cli_design.run(parser.parse_args(list(argv)))


def test_cli_export_import_show(demo_file, tmp_path, capsys):
    out = tmp_path / "design.json"
    assert run("design", "export", str(demo_file), str(out)) == 0
    assert "10 indicators" in capsys.readouterr().out
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == FORMAT
    init_project(tmp_path / "empty.terrain", "Vide")
    assert run("design", "import", str(tmp_path / "empty.terrain"), str(out)) == 1
    assert "no questionnaire item is named" in capsys.readouterr().err.lower()
    with Project.open(tmp_path / "empty.terrain") as project:
        assert study_design.waves(project) == []

    copy = tmp_path / "copy.terrain"
    init_project(copy, "Copie")
    with Project.open(demo_file) as source, Project.open(copy) as target:
        give_sources(source, target)
    assert run("design", "import", str(copy), str(out)) == 0
    printed = capsys.readouterr().out
    assert "Waves: added 2025, 2026" in printed and "Indicators: added OUT1" in printed
    assert run("design", "import", str(copy), str(out), "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"file": "design.json", "added": {}, "updated": {}}

    assert run("design", "show", str(copy)) == 0
    text = capsys.readouterr().out
    assert "Copie" in text and "Outputs" in text and "OC3" in text and "share at or above 4" in text
    assert "2025, whole study: 77" in text
    assert run("design", "show", str(copy), "--json") == 0
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["indicators"]][0] == "OUT1"


def test_cli_refuses_a_missing_project(tmp_path, capsys):
    assert run("design", "show", str(tmp_path / "nowhere.terrain")) == 1
    assert capsys.readouterr().err.startswith("terrain: ")


def test_summary_lines_name_each_change():
    summary = design_file.DesignImportSummary("x.json")
    summary.add("waves", "2027")
    summary.update("indicators", "OC1")
    assert summary.lines() == ["Waves: added 2027", "Indicators: updated OC1"]
