"""What the analysis dashboards show, as plain data: the charts are drawn from these records,
and the same records feed the screen, the chart files and the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.indicators import DEFAULT_SMALL_N, IndicatorResult


@dataclass(frozen=True)
class QuotaBar:
    """One quota (a territory and a profile) with the participants met in the wave(s) read."""

    territory: str
    profile: str
    target: int
    achieved: int


@dataclass(frozen=True)
class ThemeShares:
    """Themes crossed with the values of one participant attribute ("profile" or "territory").

    ``carriers[t][g]`` participants of group ``g`` whose coded transcripts carry theme ``t``, out
    of ``group_sizes[g]`` participants of that group with a coded transcript.
    """

    attribute: str
    groups: tuple[str, ...]
    group_sizes: tuple[int, ...]
    themes: tuple[str, ...]
    carriers: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class LikertItem:
    """A five-point item: how many respondents gave each answer, from the lowest to the highest."""

    name: str
    label: str
    choices: tuple[str, ...]
    counts: tuple[int, ...]

    @property
    def n(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class WavePoint:
    wave: str
    value: float | None
    n: int | None
    small_n: bool = False


@dataclass(frozen=True)
class WaveSeries:
    """One indicator wave after wave (over the territory read, or all of them)."""

    code: str
    label: str
    level: str
    unit: str
    target: float | None
    direction: str
    points: tuple[WavePoint, ...]


@dataclass
class DashboardData:
    """Everything the dashboards draw for one wave (or all) and one territory (or all)."""

    study_title: str
    wave_label: str
    territory_label: str
    results: list[IndicatorResult]
    quotas: list[QuotaBar]
    themes_by_profile: ThemeShares
    themes_by_territory: ThemeShares
    likert: list[LikertItem]
    waves: list[WaveSeries]
    small_n_threshold: int = DEFAULT_SMALL_N
    language: str = "fr"
    # How many participants (and completed interviews) the wave(s) read cover, for the captions.
    participants: int = 0
    interviews: int = 0
    notes: dict[str, str] = field(default_factory=dict)
