"""Repositories hand out dataclasses and keep data typed across the round trip."""

from __future__ import annotations

import sqlite3

import pytest

from app.core.coding import Code, Coder, Coding
from app.core.participants import Consent, Identity, Participant
from app.core.study import Indicator, Territory
from app.core.transcripts import Transcript, Turn, full_text
from app.store.errors import RecordNotFoundError
from app.store.project import Project


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.terrain", "Étude test", evaluative_question="Qu’est-ce qui change ?") as p:
        yield p


def test_study_round_trip(project):
    study = project.study()
    assert study.title == "Étude test"
    assert study.languages == ["fr"]
    study.languages = ["fr", "en"]
    project.studies.update(study)
    assert project.studies.get(study.id).languages == ["fr", "en"]


def test_json_and_bool_fields_come_back_typed(project):
    sid = project.study().id
    territory = project.territories.insert(Territory(study_id=sid, code="LYO", name="Lyon"))
    participant = project.participants.insert(
        Participant(study_id=sid, code="LYO-01", territory_id=territory.id, attributes={"statut": "associé·e"})
    )
    consent = project.consents.insert(
        Consent(participant_id=participant.id, given_on="2025-03-01", method="oral", scope_interview=True)
    )
    assert project.participants.get(participant.id).attributes == {"statut": "associé·e"}
    stored = project.consents.get(consent.id)
    assert stored.scope_interview is True and stored.scope_quotes is False
    assert stored.allows("interview") and not stored.allows("quotes")


def test_unknown_id_raises_not_found(project):
    with pytest.raises(RecordNotFoundError):
        project.participants.get("nope")


def test_schema_refuses_a_duplicate_participant_code(project):
    sid = project.study().id
    project.participants.insert(Participant(study_id=sid, code="BXL-01"))
    with pytest.raises(sqlite3.IntegrityError):
        project.participants.insert(Participant(study_id=sid, code="BXL-01"))
    assert project.participants.count() == 1


def test_foreign_keys_are_enforced(project):
    with pytest.raises(sqlite3.IntegrityError):
        project.consents.insert(Consent(participant_id="ghost", given_on="2025-01-01", method="oral"))


def test_indicator_level_is_checked_in_the_domain():
    with pytest.raises(ValueError, match="level"):
        Indicator(study_id="s", code="X", label="x", level="output-ish", source_kind="count")


def test_transcript_turns_get_offsets_in_the_full_text_and_fts(project):
    sid = project.study().id
    transcript = Transcript(study_id=sid, title="T1", imported_at="2025-01-01T00:00:00")
    turns = [
        Turn(transcript_id="", position=0, text="Qu’est-ce que la coopérative a changé ?", speaker_role="interviewer"),
        Turn(transcript_id="", position=0, text="Beaucoup de choses, la sécurité surtout.", speaker_role="participant"),
    ]
    project.add_transcript(transcript, turns)
    stored = project.turns_of(transcript.id)
    text = full_text(stored)
    assert text[stored[1].char_start:stored[1].char_end] == "Beaucoup de choses, la sécurité surtout."
    hits = project.db.execute(
        "SELECT turn.text FROM turn_fts JOIN turn ON turn.rowid = turn_fts.rowid WHERE turn_fts MATCH ?",
        ["cooperative"],
    ).fetchall()
    assert hits == [("Qu’est-ce que la coopérative a changé ?",)]


def test_failed_transcript_import_leaves_nothing(project):
    sid = project.study().id
    transcript = Transcript(study_id=sid, title="T1", imported_at="2025-01-01T00:00:00")
    bad = [Turn(transcript_id="", position=0, text="ok"), Turn(transcript_id="", position=0, text="x", speaker_role="?")]
    with pytest.raises(sqlite3.IntegrityError):
        project.add_transcript(transcript, bad)
    assert project.transcripts.count() == 0 and project.turns.count() == 0


def test_coding_offsets_must_make_a_span():
    with pytest.raises(ValueError):
        Coding(transcript_id="t", code_id="c", coder_id="k", start_offset=5, end_offset=5)


def test_code_tree_and_codings(project):
    sid = project.study().id
    parent = project.codes.insert(Code(study_id=sid, name="Autonomie"))
    child = project.codes.insert(Code(study_id=sid, name="Choix des clients", parent_id=parent.id))
    assert project.codes.find("parent_id = ?", [parent.id]) == [child]
    coder = project.coders.insert(Coder(study_id=sid, name="A"))
    assert project.coders.get(coder.id).name == "A"


def test_identity_lives_apart_from_participant(project):
    sid = project.study().id
    participant = project.participants.insert(Participant(study_id=sid, code="DRO-03"))
    project.identities.put(Identity(participant_id=participant.id, full_name="Jeanne Martin", contact="j@example.org"))
    participant_row = project.db.execute("SELECT * FROM participant").fetchone()
    assert "Jeanne Martin" not in participant_row
    assert project.identities.reveal(participant.id).full_name == "Jeanne Martin"
    assert set(project.identities.all_strings()) == {"Jeanne Martin", "j@example.org"}


def test_erasing_a_participant_erases_its_identity(project):
    sid = project.study().id
    participant = project.participants.insert(Participant(study_id=sid, code="DRO-04"))
    project.identities.put(Identity(participant_id=participant.id, full_name="Paul Durand"))
    project.participants.delete(participant.id)
    assert project.identities.count() == 0


def test_unguarded_transcript_inside_a_transaction_rolls_back_with_it(project):
    sid = project.study().id
    transcript = Transcript(study_id=sid, title="T", imported_at="2025-01-01T00:00:00")
    with pytest.raises(RuntimeError):
        with project.transaction():
            project.add_transcript(transcript, [Turn(transcript_id="", position=0, text="Bonjour")], guarded=False)
            raise RuntimeError("a later step fails")
    assert project.transcripts.count() == 0 and project.turns.count() == 0
