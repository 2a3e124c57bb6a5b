"""What the impact report says, as plain data: the services gather it from the project, the Word
writer lays it out. Every string here is already safe to print: participants appear only by
their code, quotes are pseudonymised and consented, withdrawn participants are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.coding import Code
from app.core.dashboards import DashboardData
from app.core.guide import GuideOutline
from app.core.indicators import IndicatorResult
from app.core.study import StakeholderGroup, Study, Territory, Wave


@dataclass(frozen=True)
class Share:
    """``count`` of ``total``; ``share`` is None when there is nobody to count."""

    label: str
    count: int
    total: int

    @property
    def share(self) -> float | None:
        return self.count / self.total if self.total else None


@dataclass(frozen=True)
class SampleRow:
    """One quota (a territory and a profile): participants met against the target."""

    territory: str
    profile: str
    target: int
    achieved: int


@dataclass(frozen=True)
class Sample:
    participants: int            # taking part, withdrawn left out
    withdrawn: int               # left out of everything that follows
    interviews: int              # completed interviews
    transcripts: int
    coded_transcripts: int
    by_territory: tuple[Share, ...] = ()   # participants per territory, of all participants
    by_profile: tuple[Share, ...] = ()     # participants per profile, of all participants
    quotas: tuple[SampleRow, ...] = ()
    questionnaire_respondents: int = 0


@dataclass(frozen=True)
class ThemeAgreement:
    theme: str
    kappa: float | None
    percent_agreement: float | None
    units: int


@dataclass(frozen=True)
class Agreement:
    """Two coders' agreement on the transcripts both coded; coders appear by their initials."""

    coder_a: str
    coder_b: str
    transcripts: int
    themes: tuple[ThemeAgreement, ...]
    overall_kappa: float | None


@dataclass(frozen=True)
class Safeguards:
    """The bias safeguards actually applied, computed from the data."""

    interviews: int                        # completed interviews
    with_field_note: int                   # of which with a reflexive field note
    talk_share_mean: float | None          # interviewer's share of the words, over transcripts
    talk_share_min: float | None
    talk_share_max: float | None
    talk_share_measured: int               # transcripts it was measured on
    talk_share_ceiling: float              # the share above which it reads as too much
    questions_asked: int                   # interviewer questions in the transcripts
    leading_asked: int                     # of which flagged as leading
    guide_version: int | None              # the guide used; None without one
    guide_questions: int
    guide_flagged: int                     # questions the checker still flags
    guide_set_aside: int                   # findings set aside with a written reason
    guide_fixed: int                       # flagged in the previous version, clean in this one
    agreement: Agreement | None
    pseudonymised_transcripts: int
    quote_consents: int                    # participants who agreed to be quoted


@dataclass(frozen=True)
class Quote:
    """A verbatim passage, pseudonymised, from a participant who agreed to be quoted."""

    text: str
    participant_code: str
    profile: str
    territory: str
    wave: str
    theme: str                             # the (sub-)theme it was coded with


@dataclass(frozen=True)
class ThemeSection:
    """A main theme (top-level code) with its sub-themes, frequencies and quotes."""

    name: str
    definition: str
    sub_themes: tuple[str, ...]
    carriers: Share                        # participants whose coded transcripts carry it
    segments: int
    by_profile: tuple[Share, ...]
    by_territory: tuple[Share, ...]
    quotes: tuple[Quote, ...]
    quotable: int                          # passages marked quotable and still allowed


@dataclass(frozen=True)
class CodebookEntry:
    code: Code
    depth: int                             # 0 for a main theme
    segments: int = 0


@dataclass
class ReportData:
    """Everything the impact report shows, in the order it shows it."""

    study: Study
    language: str
    scope: str                             # « Toutes les vagues » or a wave's label
    generated_on: str                      # ISO date
    waves: list[Wave]
    territories: list[Territory]
    stakeholders: list[StakeholderGroup]
    profiles: dict[str, str]               # key -> label
    guide: GuideOutline | None
    sample: Sample
    safeguards: Safeguards
    indicators: list[IndicatorResult]
    themes: list[ThemeSection]
    codebook: list[CodebookEntry]
    limits: list[str]
    dashboard: DashboardData | None = None
    small_n_threshold: int = 5
    notes: dict[str, str] = field(default_factory=dict)
