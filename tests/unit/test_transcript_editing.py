"""Editing a turn: later turns move, codings stay on their words or are flagged, all or nothing."""

from __future__ import annotations

import pytest

from app.core.coding import Code, Coder, Coding
from app.core.transcripts import Transcript, Turn, full_text
from app.services.transcripts import EditResult, TranscriptEditError, edit_turn
from app.store.project import Project

TURNS = [
    ("ENQ", "interviewer", "Comment êtes-vous arrivée dans la coopérative ?"),
    ("P01", "participant", "Par une amie. Avant j’étais seule, aujourd’hui on est un collectif."),
    ("ENQ", "interviewer", "Qu’est-ce qui a changé ?"),
    ("P01", "participant", "Je dors mieux. Les papiers, c’est la coopérative qui s’en occupe."),
]


@pytest.fixture
def study(tmp_path):
    project = Project.create(tmp_path / "edit.terrain", "Étude")
    sid = project.study().id
    transcript = Transcript(study_id=sid, title="Entretien P01", imported_at="2025-01-01T00:00:00Z")
    turns = [Turn(transcript_id="", position=0, speaker_label=label, speaker_role=role, text=text)
             for label, role, text in TURNS]
    project.add_transcript(transcript, turns)
    code = Code(study_id=sid, name="Collectif")
    coder = Coder(study_id=sid, name="Claire")
    project.codes.insert(code)
    project.coders.insert(coder)
    yield project, transcript, code, coder
    project.close()


def code_words(project, transcript, code, coder, words: str) -> Coding:
    text = full_text(project.turns_of(transcript.id))
    start = text.index(words)
    coding = Coding(transcript_id=transcript.id, code_id=code.id, coder_id=coder.id,
                    start_offset=start, end_offset=start + len(words))
    project.codings.insert(coding)
    return coding


def coded_text(project, coding: Coding) -> str:
    coding = project.codings.get(coding.id)
    return full_text(project.turns_of(coding.transcript_id))[coding.start_offset:coding.end_offset]


def test_editing_a_turn_moves_later_turns_and_their_codings(study):
    project, transcript, code, coder = study
    later = code_words(project, transcript, code, coder, "Je dors mieux.")
    earlier = code_words(project, transcript, code, coder, "dans la coopérative")
    turns = project.turns_of(transcript.id)
    result = edit_turn(project, turns[1].id,
                       "Par une amie, en 2019. Avant j’étais seule, aujourd’hui on est un collectif.")
    assert result == EditResult(remapped=1, orphaned=0)
    assert coded_text(project, later) == "Je dors mieux."
    assert coded_text(project, earlier) == "dans la coopérative"
    after = project.turns_of(transcript.id)
    assert after[1].text.startswith("Par une amie, en 2019.")
    starts = [turn.char_start for turn in after]
    assert starts == [0] + [sum(len(t.text) + 1 for t in after[:i]) for i in range(1, len(after))]


def test_a_coding_on_deleted_words_is_flagged_not_dropped(study):
    project, transcript, code, coder = study
    gone = code_words(project, transcript, code, coder, "Avant j’étais seule, ")
    shrinking = code_words(project, transcript, code, coder, "Par une amie. Avant j’étais seule")
    turn = project.turns_of(transcript.id)[1]
    result = edit_turn(project, turn.id, "Par une amie. aujourd’hui on est un collectif.")
    assert result == EditResult(remapped=1, orphaned=1)
    assert project.codings.get(gone.id).anchor_status == "orphaned"
    assert project.codings.get(shrinking.id).anchor_status == "ok"
    assert coded_text(project, shrinking) == "Par une amie. "


def test_a_coding_across_two_turns_follows_both(study):
    project, transcript, code, coder = study
    across = code_words(project, transcript, code, coder, "un collectif.\nQu’est-ce qui a changé ?")
    turn = project.turns_of(transcript.id)[0]
    edit_turn(project, turn.id, "Comment êtes-vous arrivée, vous, dans la coopérative ?")
    assert coded_text(project, across) == "un collectif.\nQu’est-ce qui a changé ?"


def test_search_finds_the_new_words_and_not_the_old(study):
    project, transcript, code, coder = study
    turn = project.turns_of(transcript.id)[3]
    edit_turn(project, turn.id, "Je dors mieux. Les formalités, c’est la coopérative qui s’en occupe.")

    def hits(word):
        return project.db.execute("SELECT count(*) FROM turn_fts WHERE turn_fts MATCH ?", [word]).fetchone()[0]

    assert hits("formalites") == 1 and hits("papiers") == 0


def test_an_empty_turn_is_refused_and_nothing_changes(study):
    project, transcript, code, coder = study
    coding = code_words(project, transcript, code, coder, "Je dors mieux.")
    before = [(t.text, t.char_start) for t in project.turns_of(transcript.id)]
    turn = project.turns_of(transcript.id)[1]
    with pytest.raises(TranscriptEditError, match="empty"):
        edit_turn(project, turn.id, "  \n ")
    assert [(t.text, t.char_start) for t in project.turns_of(transcript.id)] == before
    assert coded_text(project, coding) == "Je dors mieux."


def test_the_same_text_changes_nothing_and_line_endings_are_normalised(study):
    project, transcript, code, coder = study
    turn = project.turns_of(transcript.id)[1]
    assert edit_turn(project, turn.id, turn.text) == EditResult(0, 0)
    edit_turn(project, turn.id, "Par une amie.\r\nAvant j’étais seule.")
    assert project.turns.get(turn.id).text == "Par une amie.\nAvant j’étais seule."


def test_a_failure_half_way_leaves_the_transcript_as_it_was(study, monkeypatch):
    project, transcript, code, coder = study
    coding = code_words(project, transcript, code, coder, "Je dors mieux.")
    before = [(t.text, t.char_start) for t in project.turns_of(transcript.id)]

    def broken(record):
        raise RuntimeError("disk full")

    monkeypatch.setattr(project.codings, "update", broken)
    turn = project.turns_of(transcript.id)[0]
    with pytest.raises(RuntimeError):
        edit_turn(project, turn.id, "Comment êtes-vous arrivée ici ?")
    assert [(t.text, t.char_start) for t in project.turns_of(transcript.id)] == before
    assert project.codings.get(coding.id).start_offset == full_text(project.turns_of(transcript.id)).index(
        "Je dors mieux.")


def test_the_audit_log_records_counts_not_words(study):
    project, transcript, code, coder = study
    turn = project.turns_of(transcript.id)[2]
    edit_turn(project, turn.id, "Qu’est-ce qui a changé pour vous ?")
    event = project.audit_log.first("action = 'turn_edited'")
    assert event.entity_id == turn.id and event.detail["remapped"] == 0
    assert "changé" not in str(event.detail)
