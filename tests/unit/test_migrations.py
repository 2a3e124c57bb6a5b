"""Schema migrations: fresh, upgrade, too new, and a failing step that rolls back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.paths import migrations_dir
from app.store.database import create_database, open_database
from app.store.errors import MigrationError, ProjectTooNewError
from app.store.migrations import available_migrations, latest_version, schema_version, split_statements

DATA_MODEL_TABLES = {
    "study", "wave", "territory", "stakeholder_group", "vocabulary", "indicator", "indicator_value",
    "guide", "guide_section", "question", "probe", "question_indicator", "questionnaire",
    "questionnaire_item", "participant", "identity", "consent", "quota", "device", "interviewer",
    "interview", "note", "field_note", "survey_answer", "transcript", "transcript_speaker", "turn",
    "turn_fts", "coder", "code", "code_indicator", "coding", "memo", "sync_ledger", "audit_log",
}


def tables(db) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.fixture
def migrations_copy(tmp_path) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), folder)
    return folder


def test_fresh_database_reaches_latest_version_with_whole_data_model(tmp_path):
    db = create_database(tmp_path / "fresh.terrain")
    assert schema_version(db) == latest_version() >= 1
    assert DATA_MODEL_TABLES <= tables(db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_every_connection_turns_foreign_keys_on(tmp_path):
    path = tmp_path / "p.terrain"
    create_database(path).close()
    db = open_database(path)
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_runs_no_migration_again(tmp_path):
    path = tmp_path / "p.terrain"
    create_database(path).close()
    db = open_database(path)
    assert schema_version(db) == latest_version()


def test_upgrade_applies_new_migration_and_keeps_data(tmp_path, migrations_copy):
    path = tmp_path / "old.terrain"
    db = create_database(path, migrations=migrations_copy)
    with db.atomic():
        db.execute("INSERT INTO study (id, title, created_at, updated_at) VALUES ('s1', 'Old', 'x', 'x')")
    db.close()
    version = latest_version(migrations_copy) + 1
    (migrations_copy / f"{version:04d}_add_study_funder.sql").write_text(
        "ALTER TABLE study ADD COLUMN funder TEXT NOT NULL DEFAULT '';\n"
        "UPDATE study SET funder = 'unknown';\n",
        encoding="utf-8",
    )
    db = open_database(path, migrations=migrations_copy)
    assert schema_version(db) == version
    assert db.execute("SELECT title, funder FROM study").fetchall() == [("Old", "unknown")]


def test_failing_migration_rolls_back_entirely(tmp_path, migrations_copy):
    path = tmp_path / "p.terrain"
    create_database(path, migrations=migrations_copy).close()
    before = latest_version(migrations_copy)
    (migrations_copy / f"{before + 1:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (id TEXT);\nINSERT INTO no_such_table VALUES (1);\n", encoding="utf-8"
    )
    with pytest.raises(MigrationError) as caught:
        open_database(path, migrations=migrations_copy)
    assert str(path) in str(caught.value)
    (migrations_copy / f"{before + 1:04d}_broken.sql").unlink()
    db = open_database(path, migrations=migrations_copy)
    assert schema_version(db) == before
    assert "half_done" not in tables(db)


def test_database_newer_than_the_app_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "future.terrain"
    db = create_database(path)
    db.execute(f"PRAGMA user_version = {latest_version() + 5}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(ProjectTooNewError) as caught:
        open_database(path)
    assert caught.value.found == latest_version() + 5
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_migration_files_are_numbered_without_gaps():
    versions = [migration.version for migration in available_migrations()]
    assert versions == list(range(1, len(versions) + 1))


def test_a_gap_in_numbering_is_reported(tmp_path, migrations_copy):
    (migrations_copy / f"{latest_version() + 2:04d}_far_ahead.sql").write_text("SELECT 1;\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="missing"):
        available_migrations(migrations_copy)


def test_split_statements_keeps_trigger_bodies_whole():
    script = (
        "-- a comment\n"
        "CREATE TABLE a (x);\n"
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "    INSERT INTO a VALUES (1);\n"
        "    INSERT INTO a VALUES (2);\n"
        "END;\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_incomplete_script_is_an_error():
    with pytest.raises(ValueError):
        split_statements("CREATE TABLE a (x")
