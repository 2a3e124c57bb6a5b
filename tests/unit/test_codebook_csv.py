"""The codebook as CSV: a faithful round trip, French Excel files, and refusals that change nothing."""

from __future__ import annotations

import argparse
import csv

import pytest

from app import cli_coding
from app.services import codebook
from app.services.codebook import CSV_COLUMNS, CodebookFileError, export_csv, import_csv
from app.store.project import Project

HEADER = ",".join(CSV_COLUMNS)


@pytest.fixture
def fresh(tmp_path):
    with Project.create(tmp_path / "fresh.terrain", "Étude vide") as project:
        yield project


def tree(project: Project) -> list[tuple]:
    """The codebook as (name, parent name, fields) in depth-first order."""
    codes = codebook.live_codes(project)
    names = {code.id: code.name for code in codes}
    return [(c.name, names.get(c.parent_id), c.definition, c.include_rule, c.exclude_rule, c.example, c.colour)
            for c in codes]


def state(project: Project) -> tuple:
    return tuple(project.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                 for table in ("code", "audit_log"))


def test_round_trip_into_a_fresh_project(demo, fresh, tmp_path):
    out = tmp_path / "codebook.csv"
    assert export_csv(demo, out) == len(tree(demo)) > 10
    assert out.read_text(encoding="utf-8").splitlines()[0] == HEADER
    result = import_csv(fresh, out, actor="Inès")
    assert len(result.created) == len(tree(demo)) and result.updated == []
    assert tree(fresh) == tree(demo)
    # Importing again changes nothing but is logged.
    again = import_csv(fresh, out)
    assert again.created == [] and again.updated == [] and tree(fresh) == tree(demo)
    log = fresh.audit_log.find("action = 'codebook_imported'", order_by="at")
    assert len(log) == 2 and log[0].actor == "Inès" and log[0].detail["file"] == "codebook.csv"


def test_export_skips_the_bin(demo, tmp_path):
    isolement = demo.codes.first("name = 'Isolement'")
    codebook.delete_code(demo, isolement.id)
    out = tmp_path / "codebook.csv"
    export_csv(demo, out)
    assert "Isolement" not in [row["name"] for row in csv.DictReader(out.open(encoding="utf-8", newline=""))]


def test_import_updates_by_name_and_reparents(demo, tmp_path):
    isolement = demo.codes.first("name = 'Isolement'")
    codings = demo.codings.count("code_id = ?", [isolement.id])
    path = tmp_path / "edit.csv"
    path.write_text(f"{HEADER}\nIsolement,Sécurité et revenus,Nouvelle définition,,,,#123456\n"
                    "Réseau,Isolement,,,,,\n", encoding="utf-8")
    result = import_csv(demo, path)
    assert result.created == ["Réseau"] and result.updated == ["Isolement"]
    updated = demo.codes.get(isolement.id)  # same code: its codings stay with it
    assert updated.definition == "Nouvelle définition" and updated.colour == "#123456"
    assert demo.codes.get(updated.parent_id).name == "Sécurité et revenus"
    assert demo.codings.count("code_id = ?", [isolement.id]) == codings
    assert demo.codes.first("name = 'Réseau'").parent_id == isolement.id
    assert demo.codes.first("name = 'Réseau'").colour == codebook.DEFAULT_COLOUR


def test_french_excel_file_with_bom_and_semicolons(fresh, tmp_path):
    path = tmp_path / "excel.csv"
    body = ("name;parent;definition;include;exclude;example;colour\r\n"
            "Confiance;;« Se sentir soutenu »;;;\"Ils m’ont dit ; vas-y\";#F9C74F\r\n"
            "Doutes;Confiance;;;;;#ffe08a\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert import_csv(fresh, path).created == ["Confiance", "Doutes"]
    assert tree(fresh) == [("Confiance", None, "« Se sentir soutenu »", "", "", "Ils m’ont dit ; vas-y", "#F9C74F"),
                           ("Doutes", "Confiance", "", "", "", "", "#FFE08A")]


@pytest.mark.parametrize("content, line, words", [
    ("nom,parent\nA,\n", 1, "header"),
    (f"{HEADER}\nA,,,,,,\nB,Inconnu,,,,,\n", 3, "Inconnu"),
    (f"{HEADER}\nA,B,,,,,\nB,C,,,,,\nC,A,,,,,\n", 2, "cycle"),
    (f"{HEADER}\nA,,,,,,rouge\n", 2, "#RRGGBB"),
    (f"{HEADER}\nA,,,,,,\n\"Multi\nligne\",,,,,,\nA,,,,,,\n", 5, "line 2"),
    (f"{HEADER}\n,Autonomie et organisation du travail,,,,,\n", 2, "no name"),
    (f"{HEADER}\nIsolement,Liberté d’organisation,,,,,\nLiberté d’organisation,Isolement,,,,,\n", 2, "cycle"),
])
def test_refusals_name_file_and_line_and_change_nothing(demo, tmp_path, content, line, words):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    before = state(demo)
    with pytest.raises(CodebookFileError) as error:
        import_csv(demo, path)
    message = str(error.value)
    assert f"bad.csv, line {line}:" in message and words in message
    assert error.value.line == line
    assert state(demo) == before


def test_a_cycle_through_the_existing_codebook_is_refused(demo, tmp_path):
    # The file re-parents a top-level code under one of its own sub-codes.
    path = tmp_path / "cycle.csv"
    path.write_text(f"{HEADER}\nAutonomie et organisation du travail,Isolement,,,,,\n", encoding="utf-8")
    before = state(demo)
    with pytest.raises(CodebookFileError, match="cycle"):
        import_csv(demo, path)
    assert state(demo) == before


@pytest.mark.parametrize("data, line", [
    (HEADER.encode() + b"\nCaf\xe9,,,,,,\n", 2),  # Latin-1
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),  # binary
])
def test_non_utf8_and_binary_files_are_refused(demo, tmp_path, data, line):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    before = state(demo)
    with pytest.raises(CodebookFileError) as error:
        import_csv(demo, path)
    assert "bad.csv" in str(error.value) and error.value.line == line
    assert state(demo) == before


def test_missing_file_is_refused(demo, tmp_path):
    with pytest.raises(CodebookFileError, match="missing.csv"):
        import_csv(demo, tmp_path / "missing.csv")


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli_coding.add_commands(parser.add_subparsers(dest="command"))
    return cli_coding.run(parser.parse_args(argv))


def test_cli_codebook_export_and_import(demo, fresh, tmp_path, capsys):
    out = tmp_path / "codebook.csv"
    assert _cli(["codebook", "export", str(demo.path), str(out)]) == 0
    assert _cli(["codebook", "import", str(fresh.path), str(out), "--actor", "Inès"]) == 0
    assert tree(fresh) == tree(demo)
    assert "created" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("nothing here\n", encoding="utf-8")
    before = state(fresh)
    assert _cli(["codebook", "import", str(fresh.path), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv, line 1" in err and "left unchanged" in err
    assert state(fresh) == before


def test_french_messages(demo, tmp_path):
    from app.i18n import set_language

    path = tmp_path / "bad.csv"
    path.write_text(f"{HEADER}\nA,,,,,,rouge\n", encoding="utf-8")
    set_language("fr")
    with pytest.raises(CodebookFileError) as error:
        import_csv(demo, path)
    assert "bad.csv, ligne 2\u00a0: «\u00a0rouge\u00a0» n’est pas une couleur" in str(error.value)
