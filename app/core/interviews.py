"""Interviewers, interviews, the notes taken during them, field notes and survey answers."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.records import Record, require_one_of

INTERVIEW_STATUSES = ("planned", "in_progress", "paused", "completed", "abandoned")
INTERVIEW_MODES = ("in_person", "phone", "video")


@dataclass(kw_only=True)
class Interviewer(Record):
    study_id: str
    name: str
    initials: str = ""
    device_id: str | None = None


@dataclass(kw_only=True)
class Interview(Record):
    study_id: str
    participant_id: str
    interviewer_id: str | None = None
    guide_id: str | None = None
    wave_id: str | None = None
    place: str = ""
    mode: str = "in_person"
    status: str = "planned"
    started_at: str | None = None
    ended_at: str | None = None
    duration_seconds: float | None = None
    current_question_id: str | None = None

    def __post_init__(self):
        require_one_of(self.status, INTERVIEW_STATUSES, "interview status")
        require_one_of(self.mode, INTERVIEW_MODES, "interview mode")


@dataclass(kw_only=True)
class Note(Record):
    interview_id: str
    text: str = ""
    question_id: str | None = None
    offset_ms: int = 0
    answered_by_third_party: bool = False
    kind: str = "note"  # "note" typed by the interviewer, or "probe": a neutral probe used


@dataclass(kw_only=True)
class FieldNote(Record):
    """The reflexive note an interviewer writes after an interview."""

    study_id: str
    written_at: str
    interview_id: str | None = None
    interviewer_id: str | None = None
    setting: str = ""
    others_present: str = ""
    rapport: str = ""
    steering: str = ""
    participant_state: str = ""
    deviations: str = ""
    free_text: str = ""


@dataclass(kw_only=True)
class SurveyAnswer(Record):
    participant_id: str
    item_id: str
    answered_at: str
    interview_id: str | None = None
    value_number: float | None = None
    value_text: str = ""
