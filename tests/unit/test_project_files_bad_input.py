"""Bad project files get a clear message naming the file, and nothing is written."""

from __future__ import annotations

import os
import sqlite3

import pytest

from app.store.database import create_database, open_database
from app.store.errors import (
    NotAProjectError,
    ProjectError,
    ProjectExistsError,
    ProjectNotWritableError,
)


def snapshot(folder):
    return {path.name: path.read_bytes() for path in folder.iterdir()}


@pytest.mark.parametrize(
    "content",
    [b"", b"not a database at all\n" * 10, bytes(range(256)) * 4, b"SQLite format 3\x00" + b"\x00" * 20],
    ids=["empty", "text", "binary", "truncated-header"],
)
def test_non_sqlite_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "project.terrain"
    path.write_bytes(content)
    before = snapshot(tmp_path)
    with pytest.raises(NotAProjectError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert snapshot(tmp_path) == before


def test_corrupt_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "corrupt.terrain"
    create_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # overwrite the schema page after the header
    path.write_bytes(bytes(data))
    before = snapshot(tmp_path)
    with pytest.raises(NotAProjectError):
        open_database(path)
    assert snapshot(tmp_path) == before


def test_database_of_another_application_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    before = snapshot(tmp_path)
    with pytest.raises(NotAProjectError, match="another application"):
        open_database(path)
    assert snapshot(tmp_path) == before


def test_missing_file_is_not_created_by_opening(tmp_path):
    path = tmp_path / "missing.terrain"
    with pytest.raises(ProjectError, match="does not exist"):
        open_database(path)
    assert not path.exists()


def test_folder_given_as_project_is_refused(tmp_path):
    with pytest.raises(NotAProjectError, match="folder"):
        open_database(tmp_path)


def deny_writes(monkeypatch):
    # os.access is what the checks consult; as root, permission bits alone would not refuse.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode & os.W_OK else real_access(p, mode))


def test_read_only_folder_is_refused_for_a_new_project(tmp_path, monkeypatch):
    deny_writes(monkeypatch)
    with pytest.raises(ProjectNotWritableError) as caught:
        create_database(tmp_path / "new.terrain")
    assert "new.terrain" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_read_only_project_is_refused_untouched(tmp_path, monkeypatch):
    path = tmp_path / "p.terrain"
    create_database(path).close()
    before = snapshot(tmp_path)
    deny_writes(monkeypatch)
    with pytest.raises(ProjectNotWritableError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert snapshot(tmp_path) == before


def test_missing_folder_is_refused_for_a_new_project(tmp_path):
    with pytest.raises(ProjectNotWritableError):
        create_database(tmp_path / "no" / "such" / "folder.terrain")


def test_creating_over_an_existing_file_is_refused(tmp_path):
    path = tmp_path / "p.terrain"
    path.write_text("precious", encoding="utf-8")
    with pytest.raises(ProjectExistsError):
        create_database(path)
    assert path.read_text(encoding="utf-8") == "precious"
