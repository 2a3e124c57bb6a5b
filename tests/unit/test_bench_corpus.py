"""The benchmark corpus generator: right shape, shared study definition, deterministic, searchable."""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest

from app.store.errors import ProjectExistsError

# bench/ is not part of the installed package; pytest's `pythonpath` setting puts the checkout
# on sys.path.
from bench.corpus import generate
from bench.french import french_transcript, word_count
from bench.search import search_turns

SMALL = {"devices": 2, "interviews_per_device": 3, "words": 300}
STUDY_TABLES = ["study", "wave", "territory", "guide", "guide_section", "question", "questionnaire", "questionnaire_item"]
FIELD_TABLES = ["participant", "identity", "consent", "interview", "note", "field_note", "transcript", "turn"]
ACCENTED = ["coopérative", "société", "activité", "équipe", "sécurité", "rémunération"]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    return {
        "first": generate(root / "first", seed=11, **SMALL),
        "again": generate(root / "again", seed=11, **SMALL),
        "other": generate(root / "other", seed=12, **SMALL),
    }


@pytest.fixture(scope="module")
def corpus(corpora):
    return corpora["first"]


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def column(path: Path, sql: str, params=()) -> list:
    with connect(path) as conn:
        return [row[0] for row in conn.execute(sql, params)]


def dump(path: Path) -> dict[str, list]:
    """Every row of every table, the full-text index's own tables included."""
    with connect(path) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}


def all_turns(corpus) -> list[tuple]:
    rows = []
    for path in corpus.field_paths:
        with connect(path) as conn:
            rows += conn.execute(
                "SELECT transcript_id, position, speaker_role, start_ms, end_ms, text FROM turn "
                "ORDER BY transcript_id, position"
            ).fetchall()
    return rows


def test_writes_one_database_per_device_and_one_for_the_analyst(corpus):
    assert corpus.analyst_path.name == "analyst.sqlite" and corpus.analyst_path.is_file()
    assert [path.name for path in corpus.field_paths] == ["field-terrain-01.sqlite", "field-terrain-02.sqlite"]
    assert all(path.is_file() for path in corpus.field_paths)


def test_every_database_holds_the_same_study_definition_with_the_same_ids(corpus):
    for table in STUDY_TABLES:
        analyst_ids = column(corpus.analyst_path, f"SELECT id FROM {table} ORDER BY id")
        assert analyst_ids, f"the analyst database has no {table}"
        for path in corpus.field_paths:
            assert column(path, f"SELECT id FROM {table} ORDER BY id") == analyst_ids, (table, path.name)
    assert column(corpus.analyst_path, "SELECT id FROM study") == [corpus.study_id]
    assert column(corpus.analyst_path, "SELECT id FROM guide") == [corpus.guide_id]


def test_the_analyst_database_holds_no_field_data(corpus):
    for table in FIELD_TABLES:
        assert column(corpus.analyst_path, f"SELECT count(*) FROM {table}") == [0], table


def test_each_laptop_has_its_own_field_records_and_one_interviewer(corpus):
    for path in corpus.field_paths:
        assert column(path, "SELECT count(*) FROM interviewer") == [1]
        assert column(path, "SELECT count(*) FROM participant") == [SMALL["interviews_per_device"]]
        assert column(path, "SELECT count(*) FROM consent") == [SMALL["interviews_per_device"]]
        completed = column(path, "SELECT count(*) FROM interview WHERE status = 'completed'")[0]
        assert column(path, "SELECT count(*) FROM field_note") == [completed]
        assert column(path, "SELECT count(*) FROM transcript") == [completed]
    participant_ids = [column(path, "SELECT id FROM participant") for path in corpus.field_paths]
    assert not set(participant_ids[0]) & set(participant_ids[1])


def test_participant_codes_are_unique_across_laptops(corpus):
    codes = [code for path in corpus.field_paths for code in column(path, "SELECT code FROM participant")]
    assert len(codes) == len(set(codes)) == SMALL["devices"] * SMALL["interviews_per_device"]


def test_the_same_seed_gives_identical_databases(corpora):
    first, again = corpora["first"], corpora["again"]
    assert dump(first.analyst_path) == dump(again.analyst_path)
    for path, path_again in zip(first.field_paths, again.field_paths, strict=True):
        assert dump(path) == dump(path_again), path.name


def test_another_seed_gives_other_content(corpora):
    first, other = corpora["first"], corpora["other"]
    assert first.study_id != other.study_id
    assert dump(first.field_paths[0])["turn"] != dump(other.field_paths[0])["turn"]


def test_an_existing_corpus_is_never_overwritten(corpus):
    before = {path: path.stat().st_mtime_ns for path in corpus.out.iterdir()}
    with pytest.raises(ProjectExistsError):
        generate(corpus.out, seed=99, **SMALL)
    assert {path: path.stat().st_mtime_ns for path in corpus.out.iterdir()} == before


def test_transcripts_are_french_with_accents_and_questions(corpus):
    text = "\n".join(row[5] for row in all_turns(corpus))
    assert any(word in text for word in ACCENTED)
    assert "\u00a0?" in text
    assert " ?" not in text  # the question mark follows a non-breaking space, never a plain one


def test_the_interviewer_says_a_minority_of_the_words(corpus):
    turns = all_turns(corpus)
    interviewer = sum(word_count(text) for *_rest, role, _start, _end, text in turns if role == "interviewer")
    total = sum(word_count(row[5]) for row in turns)
    assert 0.1 <= interviewer / total <= 0.35
    assert {row[2] for row in turns} == {"interviewer", "participant"}


def test_turn_timestamps_increase_within_each_transcript(corpus):
    previous_transcript, previous_end = None, -1
    for transcript_id, _position, _role, start_ms, end_ms, _text in all_turns(corpus):
        if transcript_id != previous_transcript:
            previous_transcript, previous_end = transcript_id, -1
        assert previous_end < start_ms < end_ms
        previous_end = end_ms


def test_full_text_search_ignores_accents(corpus):
    path = corpus.field_paths[0]
    with connect(path) as conn:
        accented = [
            rowid for rowid, text in conn.execute("SELECT rowid, text FROM turn")
            if re.search(r"\bcoopérative\b", text, re.IGNORECASE)
        ]
        assert accented, "the corpus should mention « coopérative »"
        found = {row[0] for row in conn.execute("SELECT rowid FROM turn_fts WHERE turn_fts MATCH 'cooperative'")}
        assert set(accented) <= found
        hits = search_turns(conn, "cooperative")
    assert hits and all("[" in hit.context for hit in hits)


def test_french_transcript_is_deterministic_and_near_the_word_count():
    turns = french_transcript(random.Random(3), 2000)
    assert turns == french_transcript(random.Random(3), 2000)
    assert 1800 <= sum(word_count(turn.text) for turn in turns) <= 2400
    assert turns[0].role == "interviewer" and turns[0].label in ("Enquêtrice", "Enquêteur")
    assert {turn.label for turn in turns if turn.role == "participant"} == {"Participant·e"}
