"""The interview guide (versioned) and the short questionnaire."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.records import Record, require_one_of

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
        require_one_of(self.item_type, ITEM_TYPES, "item type")


@dataclass(kw_only=True)
class FindingDismissal(Record):
    """A checker finding the guide's author set aside on purpose, and why."""

    question_id: str
    rule: str
    reason: str


@dataclass(kw_only=True)
class StudyWord(Record):
    """A word a study adds to one of the checker's lists (its own acronyms, words never to flag)."""

    study_id: str
    list_name: str
    word: str


@dataclass(frozen=True)
class QuestionOutline:
    question: Question
    probes: list[Probe]
    indicator_ids: list[str]


@dataclass(frozen=True)
class SectionOutline:
    section: GuideSection
    questions: list[QuestionOutline]


@dataclass(frozen=True)
class GuideOutline:
    guide: Guide
    sections: list[SectionOutline]

    def questions(self) -> list[QuestionOutline]:
        return [item for section in self.sections for item in section.questions]
