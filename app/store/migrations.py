"""Numbered, forward-only schema migrations kept as SQL files under ``db/migrations``.

Each file ``NNNN_name.sql`` runs in one transaction together with the bump of
``PRAGMA user_version`` (which SQLite keeps transactionally), so a failing migration leaves the
database exactly as it was. ``executescript`` is avoided on purpose: it commits first.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from app.paths import migrations_dir
from app.store.errors import MigrationError

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    path: Path

    def statements(self) -> list[str]:
        return split_statements(self.path.read_text(encoding="utf-8"))


def available_migrations(directory: Path | None = None) -> list[Migration]:
    directory = directory or migrations_dir()
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration {expected:04d} is missing in {directory}")
    return found


def latest_version(directory: Path | None = None) -> int:
    migrations = available_migrations(directory)
    return migrations[-1].version if migrations else 0


def split_statements(script: str) -> list[str]:
    """Cut a script into statements; sqlite3.complete_statement knows about trigger bodies."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError("the migration script ends with an incomplete statement")
    return statements


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database, path: Path | str, directory: Path | None = None) -> int:
    """Bring the database up to the latest schema; returns the version reached."""
    current = schema_version(db)
    for migration in available_migrations(directory):
        if migration.version <= current:
            continue
        try:
            with db.atomic():
                for statement in migration.statements():
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {migration.version:d}")
        except sqlite3.Error as error:
            raise MigrationError(path, migration.version, str(error)) from error
        current = migration.version
    return current
