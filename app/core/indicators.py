"""Indicator values: what each source of the framework yields for one wave and one territory.

The service gathers observations from the project (answers, codings, counts, figures typed in)
and these functions turn them into a value with the number of observations behind it. They
hold the rules, so that the tests can check them against values worked out by hand:

- **survey item**: ``mean`` of the numeric answers; ``share_at_least`` the percentage of
  respondents whose answer is at or above ``threshold``; ``distribution`` the count of each
  answer, its headline value the percentage of respondents who gave one of the answers in
  ``choices`` (by default the top two of a five-point scale, "agree" and "strongly agree").
  A participant who answered in several waves counts once, with their latest answer, when all
  waves are read together.
- **theme**: ``share_of_participants`` the percentage of participants with a coded transcript
  whose transcripts carry the theme (or one of its sub-themes); ``segments`` the number of
  coded segments. The base is the participants whose transcripts have been coded at all: a
  transcript nobody has coded yet says nothing about the theme.
- **count**: interviews held, participants met (optionally of one profile), transcripts,
  reflexive field notes. A count has no sample: it is never "too small".
- **manual**: the figure typed in for that wave and territory; over all territories, the
  figure typed in for the whole study, or else, if the indicator says so, the sum or the mean
  of the territories' figures; over all waves, the latest wave's figure.

A rate or a mean over fewer than the study's small-n threshold (5 participants by default)
is still computed but flagged: it is too small to report without a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean

from app.i18n import _, ngettext

AGGREGATES = {
    "survey_item": ("mean", "share_at_least", "distribution"),
    "theme": ("share_of_participants", "segments"),
    "count": (),
    "manual": (),
}
DEFAULT_AGGREGATE = {"survey_item": "mean", "theme": "share_of_participants"}
COUNT_REFS = ("interviews_held", "participants_met", "transcripts", "field_notes")
COMBINES = ("", "sum", "mean")
DEFAULT_SMALL_N = 5
# The answers of a five-point scale that "agree" counts by default: the top two.
TOP_BOX = (4, 5)


# observations ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    """One participant's answer to a questionnaire item."""

    participant_id: str
    wave_id: str | None
    territory_id: str | None
    number: float | None = None
    # The answer of a choice item; the choices of a "multiple" item, one per line.
    text: str = ""
    answered_at: str = ""


@dataclass(frozen=True)
class CodedTranscript:
    """A coded transcript of a participant: the themes it carries (with their ancestors) and the
    number of segments of each."""

    participant_id: str
    wave_id: str | None
    territory_id: str | None
    segments: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ManualFigure:
    wave_id: str | None
    territory_id: str | None
    value: float
    source_note: str = ""
    observed_on: str | None = None
    wave_position: int = 0


@dataclass(frozen=True)
class Computed:
    """A value with the observations behind it; ``value`` None with a ``reason`` when it cannot be
    computed. ``distribution`` lists (answer, count) for a survey item."""

    value: float | None
    n: int | None
    reason: str = ""
    distribution: tuple[tuple[str, int], ...] = ()
    note: str = ""


# survey items ------------------------------------------------------------------------------------
def latest_per_participant(answers: list[Answer]) -> list[Answer]:
    """One answer per participant: the latest, so that nobody counts twice over several waves."""
    latest: dict[str, Answer] = {}
    for answer in sorted(answers, key=lambda a: a.answered_at):
        latest[answer.participant_id] = answer
    return list(latest.values())


def survey_value(answers: list[Answer], aggregate: str, item_type: str, choices: list[str],
                 threshold: float | None = None, counted: list[str] | None = None) -> Computed:
    """The value of a questionnaire item over ``answers`` (already one per participant)."""
    distribution = _distribution(answers, item_type, choices)
    if aggregate == "mean":
        numbers = [a.number for a in answers if a.number is not None]
        if item_type not in ("scale5", "number"):
            return Computed(None, len(answers), _("A mean needs a scale or a number item."), distribution)
        if not numbers:
            return Computed(None, 0, _("Nobody has answered this item here."), distribution)
        return Computed(fmean(numbers), len(numbers), distribution=distribution)
    if aggregate == "share_at_least":
        if threshold is None:
            return Computed(None, None, _("Set the threshold at or above which an answer counts."), distribution)
        numbers = [a.number for a in answers if a.number is not None]
        if not numbers:
            return Computed(None, 0, _("Nobody has answered this item here."), distribution)
        return Computed(100.0 * sum(1 for x in numbers if x >= threshold) / len(numbers), len(numbers),
                        distribution=distribution)
    if aggregate == "distribution":
        respondents = [a for a in answers if a.number is not None or a.text.strip()]
        if not respondents:
            return Computed(None, 0, _("Nobody has answered this item here."), distribution)
        wanted = _counted_answers(item_type, choices, counted)
        if not wanted:
            return Computed(None, len(respondents), _("Name the answers the headline share counts."), distribution)
        hits = sum(1 for a in respondents if wanted & _answer_keys(a, item_type, choices))
        return Computed(100.0 * hits / len(respondents), len(respondents), distribution=distribution)
    return Computed(None, None, _("Unknown way of summing up answers: {aggregate}.").format(aggregate=aggregate))


def _answer_keys(answer: Answer, item_type: str, choices: list[str]) -> set[str]:
    if item_type == "scale5" and answer.number is not None:
        index = int(answer.number) - 1
        return {choices[index]} if 0 <= index < len(choices) else {str(int(answer.number))}
    if item_type == "multiple":
        return {line.strip() for line in answer.text.splitlines() if line.strip()}
    if item_type == "number" and answer.number is not None:
        return {format(answer.number, "g")}
    return {answer.text.strip()} if answer.text.strip() else set()


def _counted_answers(item_type: str, choices: list[str], counted: list[str] | None) -> set[str]:
    if counted:
        return set(counted)
    if item_type == "scale5" and len(choices) == 5:
        return {choices[i - 1] for i in TOP_BOX}
    return set()


def _distribution(answers: list[Answer], item_type: str, choices: list[str]) -> tuple[tuple[str, int], ...]:
    """Each answer with its count; listed choices first in their order, then any other answer."""
    if item_type in ("text", "number"):
        return ()
    counts: dict[str, int] = {choice: 0 for choice in choices}
    for answer in answers:
        for key in _answer_keys(answer, item_type, choices):
            counts[key] = counts.get(key, 0) + 1
    return tuple(counts.items())


# themes ------------------------------------------------------------------------------------------
def theme_value(transcripts: list[CodedTranscript], code_ids: set[str], aggregate: str) -> Computed:
    """The value of a theme (``code_ids``: the theme and its sub-themes) over coded transcripts."""
    if not transcripts:
        return Computed(None, 0, _("No transcript has been coded here yet."))
    participants = {t.participant_id for t in transcripts}
    if aggregate == "segments":
        segments = sum(count for t in transcripts for code, count in t.segments.items() if code in code_ids)
        return Computed(float(segments), len(participants))
    if aggregate == "share_of_participants":
        carriers = {t.participant_id for t in transcripts if any(t.segments.get(code) for code in code_ids)}
        return Computed(100.0 * len(carriers) / len(participants), len(participants),
                        note=f"{len(carriers)}/{len(participants)}")
    return Computed(None, None, _("Unknown way of summing up a theme: {aggregate}.").format(aggregate=aggregate))


# figures typed in --------------------------------------------------------------------------------
def manual_value(figures: list[ManualFigure], wave_id: str | None, territory_id: str | None,
                 combine: str = "") -> Computed:
    """The figure typed in for a wave and a territory (None: all of them), see the module's rules."""
    if wave_id is not None:
        in_wave = [f for f in figures if f.wave_id == wave_id]
    else:
        # All waves: the latest wave that has a figure for this territory (or the whole study).
        usable = [f for f in figures if _manual_for_territory([f], territory_id, combine) is not None]
        if not usable and territory_id is None and combine:
            usable = [f for f in figures if f.territory_id is not None]
        if not usable:
            return Computed(None, None, _no_figure(territory_id, combine))
        latest = max(f.wave_position for f in usable)
        in_wave = [f for f in figures if f.wave_position == latest]
    value = _manual_for_territory(in_wave, territory_id, combine)
    if value is None:
        return Computed(None, None, _no_figure(territory_id, combine))
    return Computed(value, None, note=_sources_of(in_wave, territory_id))


def _manual_for_territory(figures: list[ManualFigure], territory_id: str | None, combine: str) -> float | None:
    if territory_id is not None:
        matching = [f for f in figures if f.territory_id == territory_id]
        return matching[-1].value if matching else None
    whole = [f for f in figures if f.territory_id is None]
    if whole:
        return whole[-1].value
    parts = [f.value for f in figures if f.territory_id is not None]
    if not parts or not combine:
        return None
    return float(sum(parts)) if combine == "sum" else fmean(parts)


def _sources_of(figures: list[ManualFigure], territory_id: str | None) -> str:
    """Where the figure used comes from: its own note, or the notes of the territories' figures
    when they were added up."""
    if territory_id is not None:
        used = [f for f in figures if f.territory_id == territory_id][-1:]
    else:
        used = [f for f in figures if f.territory_id is None][-1:] or [f for f in figures if f.territory_id]
    return " / ".join(dict.fromkeys(f.source_note for f in used if f.source_note))


def _no_figure(territory_id: str | None, combine: str) -> str:
    if territory_id is None and not combine:
        return _("No figure typed in for the whole study; figures per territory are not added up unless "
                 "the indicator says how.")
    return _("No figure typed in here.")


# the result --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IndicatorResult:
    """An indicator's value for one wave and one territory (None: all of them)."""

    indicator_id: str
    code: str
    label: str
    level: str
    dimension: str
    dimension_label: str
    unit: str
    target: float | None
    direction: str
    source_kind: str
    source: str
    value: float | None
    n: int | None
    reason: str = ""
    small_n: bool = False
    warning: str = ""
    wave_id: str | None = None
    territory_id: str | None = None
    distribution: tuple[tuple[str, int], ...] = ()
    note: str = ""
    definition: str = ""

    @property
    def target_met(self) -> bool | None:
        """Whether the value reaches the target in the indicator's direction; None if either is missing."""
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target if self.direction == "higher" else self.value <= self.target

    @property
    def attainment(self) -> float | None:
        """How far the value goes towards the target, 1.0 meaning reached (for "lower is better",
        target / value); None when it cannot be said."""
        if self.value is None or self.target is None:
            return None
        if self.direction == "higher":
            return self.value / self.target if self.target else None
        if self.value == 0:
            return None if self.target == 0 else float("inf")
        return self.target / self.value

    def to_json(self) -> dict:
        data = {
            "id": self.code, "level": self.level, "dimension": self.dimension_label or self.dimension,
            "label": self.label, "value": None if self.value is None else round(self.value, 4),
            "unit": self.unit, "target": self.target, "source": self.source, "n": self.n,
            "direction": self.direction, "small_n": self.small_n, "target_met": self.target_met,
        }
        if self.value is None:
            data["reason"] = self.reason
        if self.warning:
            data["warning"] = self.warning
        if self.distribution:
            data["distribution"] = {answer: count for answer, count in self.distribution}
        if self.note:
            data["note"] = self.note
        return data


def is_small(n: int | None, source_kind: str, threshold: int = DEFAULT_SMALL_N) -> bool:
    """A rate or a mean over fewer than ``threshold`` participants; counts and figures typed in are
    never "small"."""
    return source_kind in ("survey_item", "theme") and n is not None and 0 < n < threshold


def small_n_warning(n: int, threshold: int) -> str:
    return ngettext("Only {n} participant behind this value (fewer than {threshold}): too few to report "
                    "without a warning.",
                    "Only {n} participants behind this value (fewer than {threshold}): too few to report "
                    "without a warning.", n).format(n=n, threshold=threshold)
