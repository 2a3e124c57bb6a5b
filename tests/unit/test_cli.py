"""The `terrain` command line: exit codes, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app import __version__
from app.cli import main


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"terrain {__version__}"


def test_init_then_info_json(tmp_path, capsys):
    path = tmp_path / "étude.terrain"
    assert main(["init", str(path), "--title", "Ma coopérative"]) == 0
    capsys.readouterr()
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["title"] == "Ma coopérative"
    assert info["counts"]["participants"] == 0
    assert set(info["counts"]) >= {"participants", "interviews", "transcripts", "turns", "codes", "codings", "indicators"}


def test_init_refuses_an_existing_file(tmp_path, capsys):
    path = tmp_path / "p.terrain"
    path.write_text("keep me", encoding="utf-8")
    assert main(["init", str(path), "--title", "T"]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "already exists" in err
    assert path.read_text(encoding="utf-8") == "keep me"


def test_init_refuses_an_empty_title(tmp_path, capsys):
    assert main(["init", str(tmp_path / "p.terrain"), "--title", "  "]) == 2
    assert "title" in capsys.readouterr().err
    assert not (tmp_path / "p.terrain").exists()


def test_info_on_a_file_that_is_not_a_project(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("bonjour", encoding="utf-8")
    assert main(["info", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err and "not a Terrain project" in captured.err


def test_gui_is_not_opened_without_an_entry_point(capsys):
    assert main([]) == 1
    assert "desktop application" in capsys.readouterr().err


def test_python_dash_m_app_runs_headless_commands(tmp_path):
    path = tmp_path / "p.terrain"
    result = subprocess.run(
        [sys.executable, "-m", "app", "init", str(path), "--title", "T"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_french_error_messages(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRAIN_LANG", "fr")
    result = subprocess.run(
        [sys.executable, "-m", "app", "info", str(tmp_path / "absent.terrain")], capture_output=True, text=True,
        env={**__import__("os").environ, "TERRAIN_LANG": "fr"},
    )
    assert result.returncode == 1
    assert "n’existe pas" in result.stderr
