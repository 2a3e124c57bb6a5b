"""The interview guide (versioned) and the short questionnaire."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.records import Record

INTENTS = ("main", "probe", "closing")
ITEM_TYPES = ("scale5", "single", "multiple", "number", "text")


@dataclass(kw_only=True)
class Guide(Record):
    study_id: str
    title: str
    language: str = "fr"
    version: int = 1
    previous_version_id: str | None = None
    frozen_at: str | None = None

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


@dataclass(kw_only=True)
class GuideSection(Record):
    guide_id: str
    title: str
    position: int
    notes: str = ""


@dataclass(kw_only=True)
class Question(Record):
    section_id: str
    text: str
    position: int
    intent: str = "main"
    is_sensitive: bool = False
    reminder: str = ""
    estimated_minutes: float | None = None


@dataclass(kw_only=True)
class Probe(Record):
    question_id: str
    text: str
    position: int


@dataclass(kw_only=True)
class Questionnaire(Record):
    study_id: str
    title: str


@dataclass(kw_only=True)
class QuestionnaireItem(Record):
    questionnaire_id: str
    name: str
    label: str
    item_type: str
    position: int
    choices: list[str] = field(default_factory=list)
    indicator_id: str | None = None

    def __post_init__(self):
        if self.item_type not in ITEM_TYPES:
            raise ValueError(f"item type must be one of {ITEM_TYPES}, not {self.item_type!r}")
