"""Opening and creating project files.

A project is one SQLite file. Every connection turns foreign keys on (SQLite leaves them off)
and uses WAL, so a crash or a power cut never leaves a half-written page. A file is checked
before anything is written to it: not an SQLite file, another application's database, a newer
schema or a read-only place each get a clear refusal and the file stays untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from app.i18n import _
from app.store.errors import (
    NotAProjectError,
    ProjectError,
    ProjectExistsError,
    ProjectNotWritableError,
    ProjectTooNewError,
)
from app.store.migrations import latest_version, migrate, schema_version

SQLITE_MAGIC = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".terrain"


def open_database(path: Path | str, *, migrations: Path | None = None) -> sqlite_utils.Database:
    """Open an existing project, upgrading its schema if it is older than this version."""
    if str(path) == ":memory:":
        return _prepare(sqlite_utils.Database(memory=True), ":memory:", migrations)
    path = Path(path)
    if not path.exists():
        raise ProjectError(path, _("{path} does not exist.").format(path=path))
    if path.is_dir():
        raise NotAProjectError(path, _("It is a folder."))
    _check_header(path)
    _check_writable(path)
    return _prepare(_connect(path), path, migrations, existing=True)


def create_database(path: Path | str, *, migrations: Path | None = None) -> sqlite_utils.Database:
    """Create a new, empty project at the latest schema. Refuses to overwrite a file."""
    if str(path) == ":memory:":
        return _prepare(sqlite_utils.Database(memory=True), ":memory:", migrations)
    path = Path(path)
    if path.exists():
        raise ProjectExistsError(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ProjectNotWritableError(path)
    try:
        db = _connect(path)
        db.execute("PRAGMA user_version")  # makes SQLite create the file now
    except sqlite3.Error as error:
        raise ProjectNotWritableError(path, str(error)) from error
    try:
        return _prepare(db, path, migrations)
    except BaseException:
        db.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise


def _connect(path: Path) -> sqlite_utils.Database:
    # check_same_thread stays on: a connection belongs to the thread that opened it.
    return sqlite_utils.Database(sqlite3.connect(str(path), timeout=10))


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise ProjectError(path, _("Cannot read {path}: {reason}").format(path=path, reason=error.strerror)) from error
    if not header.startswith(SQLITE_MAGIC):
        detail = _("The file is empty.") if not header else ""
        raise NotAProjectError(path, detail)
    if len(header) < 100:
        raise NotAProjectError(path, _("The file is truncated."))


def _check_writable(path: Path) -> None:
    # WAL needs to create -wal and -shm files next to the project.
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK):
        raise ProjectNotWritableError(path)


def _prepare(
    db: sqlite_utils.Database, path: Path | str, migrations: Path | None, existing: bool = False
) -> sqlite_utils.Database:
    try:
        try:
            found = schema_version(db)
            has_tables = db.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise NotAProjectError(path, str(error)) from error
        supported = latest_version(migrations)
        if found > supported:
            raise ProjectTooNewError(path, found, supported)
        if existing and found == 0 and has_tables:
            raise NotAProjectError(path, _("It holds another application's tables."))
        db.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            try:
                db.enable_wal()
            except sqlite3.OperationalError as error:
                raise ProjectNotWritableError(path, str(error)) from error
        migrate(db, path, migrations)
    except BaseException:
        db.close()
        raise
    return db
