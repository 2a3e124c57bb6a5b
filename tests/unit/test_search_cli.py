"""`terrain search`: the JSON contract, the concordance lines, and refusals that name the file."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.services.demo import build_demo

HIT_KEYS = {"turn_id", "transcript_id", "transcript_title", "participant_code", "speaker_label", "speaker_role",
            "position", "start_ms", "left", "match", "right", "match_start", "match_end"}


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.terrain"
    build_demo(path)
    return path


def run_json(capsys, *args) -> dict:
    assert main(["search", *map(str, args), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_contract(demo_path, capsys):
    result = run_json(capsys, demo_path, "coopérative", "--limit", "3")
    assert set(result) == {"query", "total", "truncated", "hits"}
    assert result["query"] == "coopérative" and result["truncated"] is False
    assert result["total"] > 3 and len(result["hits"]) == 3
    for hit in result["hits"]:
        assert HIT_KEYS <= set(hit)
        assert hit["match"].lower() == "coopérative"
        assert isinstance(hit["position"], int) and hit["speaker_role"] in ("interviewer", "participant")


def test_options_reach_the_search(demo_path, capsys):
    assert run_json(capsys, demo_path, "travaillait")["total"] == 0
    assert run_json(capsys, demo_path, "travaillait", "--stem")["total"] > 0
    lyon = run_json(capsys, demo_path, "coopérative", "--territory", "LYO", "--limit", "100")
    assert lyon["hits"] and {hit["participant_code"][:3] for hit in lyon["hits"]} == {"LYO"}
    own = run_json(capsys, demo_path, "coopérative", "--participants-only", "--limit", "100")
    assert {hit["speaker_role"] for hit in own["hits"]} == {"participant"}
    assert run_json(capsys, demo_path, "coopérative", "--wave", "2026")["total"] == 0
    assert run_json(capsys, demo_path, "rapport travail", "--phrase")["total"] == 0


def test_concordance_lines(demo_path, capsys):
    assert main(["search", str(demo_path), "coopérative", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all("[coopérative]" in line for line in lines[:2])
    assert lines[-1].endswith("turns match.")


def test_nothing_found_and_odd_queries(demo_path, capsys):
    assert main(["search", str(demo_path), "zzzz"]) == 0
    assert capsys.readouterr().out.strip() == "No turn matches."
    for query in ('"', "NEAR(", "text:*", "😀"):
        assert run_json(capsys, demo_path, query)["hits"] == []


def test_a_bad_project_is_named(tmp_path, capsys):
    missing = tmp_path / "absent.terrain"
    assert main(["search", str(missing), "x"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and str(missing) in captured.err
    text = tmp_path / "notes.txt"
    text.write_text("bonjour", encoding="utf-8")
    assert main(["search", str(text), "x", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and str(text) in captured.err and "not a Terrain project" in captured.err


def test_unknown_filters_are_refused(demo_path, capsys):
    assert main(["search", str(demo_path), "x", "--territory", "ZZZ"]) == 1
    err = capsys.readouterr().err
    assert "ZZZ" in err and "BXL, DRO, LYO" in err
    assert main(["search", str(demo_path), "x", "--wave", "1999"]) == 1
    assert "2025" in capsys.readouterr().err
    assert main(["search", str(demo_path), "x", "--profile", "astronaut"]) == 1
    assert "entrepreneur_salarie" in capsys.readouterr().err
