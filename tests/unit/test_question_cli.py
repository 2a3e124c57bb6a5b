"""`terrain lint-questions FILE --lang fr|en|auto --format json|text`: the contract others build on."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from app.cli import main

QUESTIONS = (
    "Est-ce que vous avez aimé l’atelier\u00a0?\n"
    "\n"
    "You take your medication properly, right?\r\n"
    "Comment s’est passée votre arrivée ?\n"
)


@pytest.fixture
def questions_file(tmp_path):
    path = tmp_path / "questions.txt"
    path.write_bytes(QUESTIONS.encode("utf-8"))
    return path


def run_json(capsys, *args) -> list[dict]:
    assert main(["lint-questions", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_one_object_per_line_in_order(questions_file, capsys):
    records = run_json(capsys, str(questions_file))
    assert [r["text"] for r in records] == [
        "Est-ce que vous avez aimé l’atelier\u00a0?", "", "You take your medication properly, right?",
        "Comment s’est passée votre arrivée ?"]
    assert [r["lang"] for r in records] == ["fr", "fr", "en", "fr"]
    assert records[1]["findings"] == [] and records[3]["findings"] == []
    for record in records:
        assert set(record) == {"text", "lang", "findings"}
        for finding in record["findings"]:
            assert set(finding) == {"rule", "start", "end", "severity", "message", "suggestion"}
    first = records[0]["findings"][0]
    assert (first["rule"], records[0]["text"][first["start"]:first["end"]]) == ("closed", "Est-ce que")
    assert first["suggestion"] == "Qu’avez-vous pensé de l’atelier\u00a0?"
    assert {f["rule"] for f in records[2]["findings"]} >= {"social_desirability", "leading"}


def test_json_keeps_non_ascii_characters(questions_file, capsys):
    assert main(["lint-questions", str(questions_file), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "l’atelier" in out and "\\u2019" not in out


def test_forced_language(questions_file, capsys):
    records = run_json(capsys, str(questions_file), "--lang", "en")
    assert {r["lang"] for r in records} == {"en"}


def test_text_report_underlines_the_flagged_words(questions_file, capsys):
    assert main(["lint-questions", str(questions_file), "--format", "text"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1 (fr) Est-ce que vous avez aimé l’atelier\u00a0?"
    assert lines[1] == "       " + "^" * len("Est-ce que") + " Closed question (closed), worth a look"
    assert any(line.strip() == "Suggestion: Qu’avez-vous pensé de l’atelier\u00a0?" for line in lines)
    assert "2 (fr) " in lines and "  (empty line)" in lines
    assert lines[-2:] == ["4 (fr) Comment s’est passée votre arrivée ?", "  No findings."]


def test_text_report_quotes_spans_of_long_lines(tmp_path, capsys):
    path = tmp_path / "long.txt"
    path.write_text(" ".join(["mot"] * 40) + " ?\n", encoding="utf-8")
    assert main(["lint-questions", str(path)]) == 0
    out = capsys.readouterr().out
    assert "“mot mot" in out and "^" not in out


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Do you like it?\n".encode("utf-8"))))
    records = run_json(capsys, "-")
    assert [(r["text"], [f["rule"] for f in r["findings"]]) for r in records] == [("Do you like it?", ["closed"])]


def test_empty_file_gives_an_empty_list(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert run_json(capsys, str(path)) == []


def test_utf8_bom_is_accepted(tmp_path, capsys):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffVous sortez souvent ?\n".encode("utf-8"))
    assert run_json(capsys, str(path))[0]["text"] == "Vous sortez souvent ?"


def test_non_utf8_file_is_refused_with_its_name(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Comment ça va ?\nVous êtes là ?\n".encode("latin-1"))
    assert main(["lint-questions", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err and "UTF-8" in captured.err and "line 1" in captured.err


def test_binary_file_is_refused(tmp_path, capsys):
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert main(["lint-questions", str(path)]) == 1
    assert str(path) in capsys.readouterr().err


def test_missing_file_is_an_error(tmp_path, capsys):
    assert main(["lint-questions", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err


def test_bad_lines_do_not_crash(tmp_path, capsys):
    path = tmp_path / "bad.txt"
    path.write_text("a" * 10_000 + "\n\x07\x1b ?\n😀\n", encoding="utf-8")
    records = run_json(capsys, str(path))
    assert len(records) == 3
    assert main(["lint-questions", str(path)]) == 0


def test_messages_follow_the_interface_language(questions_file):
    env = {**os.environ, "TERRAIN_LANG": "fr"}
    result = subprocess.run([sys.executable, "-m", "app", "lint-questions", str(questions_file), "--format", "json"],
                            capture_output=True, text=True, encoding="utf-8", env=env, check=True)
    records = json.loads(result.stdout)
    assert records[0]["findings"][0]["message"].startswith("On peut répondre à cette question par oui ou par non")
    env["TERRAIN_LANG"] = "en"
    result = subprocess.run([sys.executable, "-m", "app", "lint-questions", str(questions_file), "--format", "json"],
                            capture_output=True, text=True, encoding="utf-8", env=env, check=True)
    assert json.loads(result.stdout)[0]["findings"][0]["message"].startswith("This question can be answered")
