"""`terrain lint-guide`: a stored guide checked question by question and as a whole."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.core.guide import Guide
from app.services import guides
from app.services.demo import build_demo
from app.store.project import Project


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("lint") / "demo.terrain")


def run_json(capsys, *args) -> dict:
    assert main(["lint-guide", *map(str, args), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_report_of_the_demo_guide(demo_path, capsys):
    report = run_json(capsys, demo_path)
    assert report["guide"]["version"] == 1 and report["guide"]["frozen"] is True
    assert len(report["questions"]) == 15
    assert [entry["number"] for entry in report["questions"]] == list(range(1, 16))
    double = report["questions"][6]
    assert [f["rule"] for f in double["findings"]] == ["double_barreled"]
    assert set(double["findings"][0]) == {"rule", "start", "end", "severity", "message", "suggestion"}
    assert 0 <= report["closed_share"] <= 1 and report["estimated_minutes"] == pytest.approx(33, abs=1)


def test_a_dismissed_finding_is_reported_apart_with_its_reason(demo_path, capsys):
    first = run_json(capsys, demo_path)["questions"][0]
    assert first["findings"] == []
    assert [(d["rule"], d["reason"][:24]) for d in first["dismissed"]] == [("closed", "Question de consentement")]
    # and the opening check that follows from it goes too
    assert "opening_closed" not in [f["rule"] for f in run_json(capsys, demo_path)["guide_findings"]]


def test_guide_level_findings_and_choice_of_version(tmp_path, capsys):
    path = tmp_path / "p.terrain"
    with Project.create(path, "Étude") as project:
        old = project.guides.insert(Guide(study_id=project.study().id, title="Ancien"))
        section = guides.add_section(project, old.id, "S")
        guides.add_question(project, section.id, "Est-ce que vous aimez votre travail ?")
        guides.freeze(project, old.id)
        new = guides.new_version(project, old.id)
    latest = run_json(capsys, path)
    assert latest["guide"]["id"] == new.id
    assert "opening_closed" in [f["rule"] for f in latest["guide_findings"]]
    assert run_json(capsys, path, "--guide", old.id)["guide"]["id"] == old.id


def test_text_report_in_french(demo_path, capsys, monkeypatch):
    from app.i18n import set_language

    set_language("fr")
    assert main(["lint-guide", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "Questions fermées\u00a0:" in out and "écartée" in out
    assert "12 questions sur 15 sans remarque." in out or "questions sur 15 sans remarque." in out


def test_project_without_guide_and_unknown_guide(tmp_path, capsys):
    path = tmp_path / "empty.terrain"
    assert main(["init", str(path), "--title", "Vide"]) == 0
    capsys.readouterr()
    assert main(["lint-guide", str(path)]) == 1
    assert "no interview guide" in capsys.readouterr().err
    assert main(["lint-guide", str(path), "--guide", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
