"""The study and its framework: waves, territories, stakeholder groups, indicators."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.records import Record, require_one_of

LEVELS = ("output", "outcome", "impact")
DIRECTIONS = ("higher", "lower")
SOURCE_KINDS = ("survey_item", "theme", "count", "manual")
VOCABULARY_KINDS = ("profile", "dimension", "age_band", "gender")
PARTICIPATION = ("guide", "codebook", "results")


@dataclass(kw_only=True)
class Study(Record):
    title: str
    organisation: str = ""
    evaluative_question: str = ""
    description: str = ""
    languages: list[str] = field(default_factory=lambda: ["fr"])
    blind_coding: bool = False
    # Below this many participants a rate or a mean carries a small-sample warning.
    small_n_threshold: int = 5


@dataclass(kw_only=True)
class Wave(Record):
    study_id: str
    label: str
    starts_on: str | None = None
    ends_on: str | None = None
    position: int = 0


@dataclass(kw_only=True)
class Territory(Record):
    study_id: str
    code: str
    name: str
    description: str = ""


@dataclass(kw_only=True)
class StakeholderGroup(Record):
    study_id: str
    name: str
    participation: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class VocabularyItem(Record):
    """One entry of an editable list of the study (a profile, a dimension, ...)."""

    study_id: str
    kind: str
    key: str
    label: str
    position: int = 0


@dataclass(kw_only=True)
class Indicator(Record):
    study_id: str
    code: str
    label: str
    level: str
    source_kind: str
    dimension: str = ""
    definition: str = ""
    unit: str = ""
    target: float | None = None
    direction: str = "higher"
    source_ref: str = ""
    source_params: dict = field(default_factory=dict)
    position: int = 0

    def __post_init__(self):
        require_one_of(self.level, LEVELS, "indicator level")
        require_one_of(self.source_kind, SOURCE_KINDS, "indicator source")
        require_one_of(self.direction, DIRECTIONS, "indicator direction")


@dataclass(kw_only=True)
class IndicatorValue(Record):
    """A figure typed in by hand, with where it comes from."""

    indicator_id: str
    value: float
    wave_id: str | None = None
    territory_id: str | None = None
    source_note: str = ""
    observed_on: str | None = None
