"""Running an interview on the field laptop, and the reflexive note written after it.

Everything typed reaches the database as it is typed; the runner checkpoints where it stands,
so an interview reopens at the right question after a crash or a power cut. Durations come
from the runner's monotonic clock (elapsed milliseconds), never from wall-clock differences:
a laptop's clock may be changed in the middle of an interview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.guide import GuideSection, Probe, Question, QuestionnaireItem
from app.core.interviews import FieldNote, Interview, Note, SurveyAnswer
from app.core.records import utc_now
from app.i18n import N_, _
from app.services import guides
from app.services.participants import current_consent
from app.store.project import Project

MAX_NOTE_CHARS = 100_000

FIELD_NOTE_PROMPTS = [
    ("setting", N_("Setting: where the interview took place, and how it went materially.")),
    ("others_present", N_("Who else was present, even for a moment?")),
    ("rapport", N_("Rapport: how did the relationship with the person feel?")),
    ("steering", N_("Moments where you may have steered the answers (a word, a silence, an opinion).")),
    ("participant_state", N_("The person's state: tired, hurried, moved, at ease…")),
    ("deviations", N_("Deviations from the guide: questions skipped, reordered or added, and why.")),
    ("free_text", N_("Anything else worth remembering.")),
]


class InterviewError(ValueError):
    """An interview action that cannot be done, with a message a person can act on."""


@dataclass(frozen=True)
class RunQuestion:
    question: Question
    section: GuideSection
    probes: list[Probe]
    position: int


@dataclass
class RunState:
    interview: Interview
    questions: list[RunQuestion]
    current_index: int = 0
    elapsed_ms: int = 0
    section_elapsed_ms: dict[str, int] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    probes_used: dict[str, list[Note]] = field(default_factory=dict)


def start_interview(project: Project, participant_id: str, *, interviewer_id: str | None = None,
                    wave_id: str | None = None, place: str = "", mode: str = "in_person") -> Interview:
    participant = project.participants.get(participant_id)
    if participant.is_withdrawn:
        raise InterviewError(_("{code} has withdrawn from the study; no interview can be held.").format(
            code=participant.code))
    consent = current_consent(project, participant_id)
    if consent is None or not consent.allows("interview"):
        raise InterviewError(_("{code} has not consented to the interview: record their consent first.").format(
            code=participant.code))
    guide = project.current_guide()
    if guide is None:
        raise InterviewError(_("The study has no interview guide yet."))
    interview = Interview(study_id=participant.study_id, participant_id=participant_id, interviewer_id=interviewer_id,
                          guide_id=guide.id, wave_id=wave_id, place=place, mode=mode, status="in_progress",
                          started_at=utc_now(), duration_seconds=0.0)
    with project.transaction():
        guides.freeze(project, guide.id)
        project.interviews.insert(interview)
        project.audit("interview_started", "interview", interview.id, participant=participant.code)
    return interview


def interviews_in_progress(project: Project) -> list[Interview]:
    return project.interviews.find("status IN ('in_progress', 'paused')", order_by="started_at DESC")


def run_state(project: Project, interview_id: str) -> RunState:
    interview = project.interviews.get(interview_id)
    questions = []
    if interview.guide_id:
        for section in project.sections_of(interview.guide_id):
            for question in project.questions_of(section.id):
                questions.append(RunQuestion(question, section, project.probes_of(question.id), len(questions)))
    state = RunState(interview, questions, elapsed_ms=int(round((interview.duration_seconds or 0) * 1000)))
    for index, item in enumerate(questions):
        if item.question.id == interview.current_question_id:
            state.current_index = index
    rows = project.db.execute("SELECT section_id, elapsed_ms FROM interview_section_time WHERE interview_id = ?",
                              [interview_id])
    state.section_elapsed_ms = dict(rows.fetchall())
    for note in project.notes.find("interview_id = ?", [interview_id], order_by="offset_ms, created_at"):
        if note.kind == "probe":
            state.probes_used.setdefault(note.question_id or "", []).append(note)
        else:
            state.notes[note.question_id or ""] = note
    return state


def _answer_note(project: Project, interview_id: str, question_id: str | None) -> Note | None:
    if question_id is None:
        return project.notes.first("interview_id = ? AND question_id IS NULL AND kind = 'note'", [interview_id])
    return project.notes.first("interview_id = ? AND question_id = ? AND kind = 'note'", [interview_id, question_id])


def save_note(project: Project, interview_id: str, question_id: str | None, text: str, offset_ms: int) -> Note:
    """The note for one question of one interview, created at its first keystroke, then updated."""
    if len(text) > MAX_NOTE_CHARS:
        raise InterviewError(_("This note is {length} characters long; a note holds up to {limit}. Keep long "
                               "texts in a file and note where they are.").format(length=len(text),
                                                                                   limit=MAX_NOTE_CHARS))
    note = _answer_note(project, interview_id, question_id)
    if note is None:
        return project.notes.insert(Note(interview_id=interview_id, question_id=question_id, text=text,
                                         offset_ms=max(0, int(offset_ms))))
    note.text = text
    return project.notes.update(note)


def set_third_party(project: Project, interview_id: str, question_id: str | None, answered_by_third_party: bool,
                    offset_ms: int) -> Note:
    note = _answer_note(project, interview_id, question_id) or save_note(project, interview_id, question_id, "",
                                                                          offset_ms)
    note.answered_by_third_party = answered_by_third_party
    return project.notes.update(note)


def log_probe(project: Project, interview_id: str, question_id: str | None, probe_text: str, offset_ms: int) -> Note:
    return project.notes.insert(Note(interview_id=interview_id, question_id=question_id, text=probe_text,
                                     offset_ms=max(0, int(offset_ms)), kind="probe"))


def checkpoint(project: Project, interview_id: str, *, current_question_id: str | None, elapsed_ms: int,
               section_elapsed_ms: dict[str, int]) -> None:
    """Remember where the interview stands, so that it reopens there."""
    interview = project.interviews.get(interview_id)
    interview.current_question_id = current_question_id
    interview.duration_seconds = max(0, int(elapsed_ms)) / 1000
    now = utc_now()
    with project.transaction():
        project.interviews.update(interview)
        project.db.conn.executemany(
            "INSERT INTO interview_section_time (interview_id, section_id, elapsed_ms, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (interview_id, section_id) DO UPDATE SET elapsed_ms = excluded.elapsed_ms, "
            "updated_at = excluded.updated_at",
            [(interview_id, section_id, max(0, int(ms)), now) for section_id, ms in section_elapsed_ms.items()],
        )


def pause(project: Project, interview_id: str, elapsed_ms: int, section_elapsed_ms: dict[str, int]) -> Interview:
    interview = project.interviews.get(interview_id)
    checkpoint(project, interview_id, current_question_id=interview.current_question_id, elapsed_ms=elapsed_ms,
               section_elapsed_ms=section_elapsed_ms)
    return _set_status(project, interview_id, "paused")


def resume(project: Project, interview_id: str) -> Interview:
    return _set_status(project, interview_id, "in_progress")


def finish(project: Project, interview_id: str, elapsed_ms: int, section_elapsed_ms: dict[str, int]) -> Interview:
    interview = project.interviews.get(interview_id)
    checkpoint(project, interview_id, current_question_id=interview.current_question_id, elapsed_ms=elapsed_ms,
               section_elapsed_ms=section_elapsed_ms)
    interview = project.interviews.get(interview_id)
    interview.status, interview.ended_at = "completed", utc_now()
    project.interviews.update(interview)
    project.audit("interview_finished", "interview", interview_id, duration_seconds=interview.duration_seconds)
    return interview


def _set_status(project: Project, interview_id: str, status: str) -> Interview:
    interview = project.interviews.get(interview_id)
    if interview.status == "completed":
        raise InterviewError(_("This interview is already finished."))
    interview.status = status
    return project.interviews.update(interview)


def field_note_of(project: Project, interview_id: str) -> FieldNote | None:
    return project.field_notes.first("interview_id = ?", [interview_id], order_by="written_at DESC")


def save_field_note(project: Project, interview_id: str, **answers: str) -> FieldNote:
    known = {name for name, _prompt in FIELD_NOTE_PROMPTS}
    unknown = set(answers) - known
    if unknown:
        raise ValueError(f"unknown field-note prompts {sorted(unknown)}")
    interview = project.interviews.get(interview_id)
    note = field_note_of(project, interview_id)
    if note is None:
        note = FieldNote(study_id=interview.study_id, interview_id=interview_id,
                         interviewer_id=interview.interviewer_id, written_at=utc_now(), **answers)
        return project.field_notes.insert(note)
    for name, value in answers.items():
        setattr(note, name, value)
    return project.field_notes.update(note)


def is_complete(project: Project, interview_id: str) -> bool:
    """Finished and its reflexive note written."""
    return project.interviews.get(interview_id).status == "completed" and field_note_of(project, interview_id) is not None


def questionnaire_items(project: Project) -> list[QuestionnaireItem]:
    return project.questionnaire_items.find(
        "questionnaire_id IN (SELECT id FROM questionnaire WHERE study_id = ?)", [project.study().id],
        order_by="position")


def record_answer(project: Project, interview_id: str, item_id: str, value) -> SurveyAnswer:
    """Store (or replace) the answer to a questionnaire item asked during the interview."""
    interview = project.interviews.get(interview_id)
    item = project.questionnaire_items.get(item_id)
    answer = project.survey_answers.first("interview_id = ? AND item_id = ?", [interview_id, item_id]) or SurveyAnswer(
        participant_id=interview.participant_id, item_id=item_id, interview_id=interview_id, answered_at=utc_now())
    answer.value_number, answer.value_text = _answer_values(item, value)
    answer.answered_at = utc_now()
    if project.survey_answers.first("id = ?", [answer.id]):
        return project.survey_answers.update(answer)
    return project.survey_answers.insert(answer)


def _answer_values(item: QuestionnaireItem, value) -> tuple[float | None, str]:
    if item.item_type in ("scale5", "number"):
        number = float(value)
        if item.item_type == "scale5" and number not in (1, 2, 3, 4, 5):
            raise ValueError(_("A five-point answer is a whole number from 1 to 5."))
        return number, ""
    if item.item_type == "multiple":
        choices = list(value)
        unknown = [choice for choice in choices if choice not in item.choices]
        if unknown:
            raise ValueError(f"not among the item's choices: {unknown}")
        return None, "\n".join(choices)
    if item.item_type == "single" and item.choices and value not in item.choices:
        raise ValueError(f"not among the item's choices: {value!r}")
    return None, str(value)
