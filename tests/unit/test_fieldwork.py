"""Running an interview: consent first, notes as typed, checkpoints, field note, questionnaire."""

from __future__ import annotations

import pytest

from app.services import fieldwork
from app.services import participants as people
from app.services.demo import build_demo
from app.store.project import Project


@pytest.fixture
def demo(tmp_path):
    with Project.open(build_demo(tmp_path / "demo.terrain")) as project:
        yield project


def new_participant(project, consent=True):
    lyon = project.territories.first("code = 'LYO'")
    participant = people.add_participant(project, people.next_code(project, lyon.id), lyon.id, "client")
    if consent:
        people.record_consent(project, participant.id, method="oral", scopes=["interview"])
    return participant


def test_no_interview_without_consent_to_the_interview(demo):
    participant = new_participant(demo, consent=False)
    with pytest.raises(fieldwork.InterviewError, match="consent"):
        fieldwork.start_interview(demo, participant.id)
    people.record_consent(demo, participant.id, method="oral", scopes=["recording"])
    with pytest.raises(fieldwork.InterviewError):
        fieldwork.start_interview(demo, participant.id)
    assert demo.interviews.count("participant_id = ?", [participant.id]) == 0


def test_starting_uses_and_freezes_the_latest_guide(demo):
    from app.services import guides

    version_2 = guides.new_version(demo, demo.current_guide().id)
    interview = fieldwork.start_interview(demo, new_participant(demo).id, place="Atelier")
    assert interview.guide_id == version_2.id and interview.status == "in_progress"
    assert demo.guides.get(version_2.id).is_frozen


def test_notes_checkpoints_and_resume(demo):
    interview = fieldwork.start_interview(demo, new_participant(demo).id)
    state = fieldwork.run_state(demo, interview.id)
    assert len(state.questions) == 15 and state.current_index == 0 and state.elapsed_ms == 0
    first, third = state.questions[0], state.questions[2]
    fieldwork.save_note(demo, interview.id, first.question.id, "Souriante", offset_ms=12_000)
    fieldwork.save_note(demo, interview.id, first.question.id, "Souriante, détendue", offset_ms=15_000)
    fieldwork.log_probe(demo, interview.id, first.question.id, "Pouvez-vous m’en dire plus ?", offset_ms=20_000)
    fieldwork.set_third_party(demo, interview.id, third.question.id, True, offset_ms=95_000)
    fieldwork.checkpoint(demo, interview.id, current_question_id=third.question.id, elapsed_ms=100_000,
                         section_elapsed_ms={first.section.id: 60_000, third.section.id: 40_000})
    resumed = fieldwork.run_state(demo, interview.id)
    assert resumed.current_index == 2 and resumed.elapsed_ms == 100_000
    assert resumed.section_elapsed_ms == {first.section.id: 60_000, third.section.id: 40_000}
    note = resumed.notes[first.question.id]
    assert (note.text, note.offset_ms) == ("Souriante, détendue", 12_000), "the offset is when the note began"
    assert [p.text for p in resumed.probes_used[first.question.id]] == ["Pouvez-vous m’en dire plus ?"]
    assert resumed.notes[third.question.id].answered_by_third_party is True


def test_a_huge_note_is_refused_with_a_message(demo):
    interview = fieldwork.start_interview(demo, new_participant(demo).id)
    question = fieldwork.run_state(demo, interview.id).questions[0].question
    with pytest.raises(fieldwork.InterviewError, match="100000|100 000|characters"):
        fieldwork.save_note(demo, interview.id, question.id, "x" * 1_000_000, offset_ms=0)
    assert demo.notes.count("interview_id = ?", [interview.id]) == 0


def test_pause_resume_finish_and_the_field_note(demo):
    interview = fieldwork.start_interview(demo, new_participant(demo).id)
    assert fieldwork.pause(demo, interview.id, 30_000, {}).status == "paused"
    assert fieldwork.interviews_in_progress(demo)[0].id == interview.id
    assert fieldwork.resume(demo, interview.id).status == "in_progress"
    finished = fieldwork.finish(demo, interview.id, 2_400_000, {})
    assert finished.status == "completed" and finished.duration_seconds == 2400
    assert not fieldwork.is_complete(demo, interview.id), "complete only once the field note exists"
    fieldwork.save_field_note(demo, interview.id, setting="Café associatif", rapport="Bon contact")
    fieldwork.save_field_note(demo, interview.id, steering="J’ai relancé deux fois sur l’argent")
    note = fieldwork.field_note_of(demo, interview.id)
    assert (note.setting, note.steering) == ("Café associatif", "J’ai relancé deux fois sur l’argent")
    assert fieldwork.is_complete(demo, interview.id)
    with pytest.raises(fieldwork.InterviewError):
        fieldwork.resume(demo, interview.id)
    with pytest.raises(ValueError):
        fieldwork.save_field_note(demo, interview.id, mood="?")
    assert [name for name, _prompt in fieldwork.FIELD_NOTE_PROMPTS][:2] == ["setting", "others_present"]


def test_questionnaire_answers_inside_the_interview(demo):
    interview = fieldwork.start_interview(demo, new_participant(demo).id)
    items = {item.item_type: item for item in fieldwork.questionnaire_items(demo)}
    scale = items["scale5"]
    fieldwork.record_answer(demo, interview.id, scale.id, 4)
    answer = fieldwork.record_answer(demo, interview.id, scale.id, 5)
    assert answer.value_number == 5
    assert demo.survey_answers.count("interview_id = ? AND item_id = ?", [interview.id, scale.id]) == 1
    with pytest.raises(ValueError):
        fieldwork.record_answer(demo, interview.id, scale.id, 7)
