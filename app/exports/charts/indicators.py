"""The indicator dashboard: every indicator of the framework against its target, by level.

Indicators have different units (interviews, a score out of 5, a percentage), so a common axis
can only be the share of the target reached (``IndicatorResult.attainment``, which already turns
"lower is better" around). The real value, the target and the n are written beside each bar.
"""

from __future__ import annotations

import math

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from app.core.dashboards import DashboardData
from app.core.indicators import IndicatorResult
from app.core.numbers import format_percent
from app.core.study import LEVELS
from app.exports.charts.chart import Chart
from app.exports.charts.palette import INK, MUTED, NOT_REACHED, RED, REACHED
from app.exports.charts.style import (KEY_ROW_INCHES, LABEL_SIZE, NOTE_SIZE, TICK_SIZE, heading, key_row, new_figure,
                                      nothing_to_show, percent_formatter, plain_axes, shorten, wrap)
from app.exports.charts.wording import (footer, interviews_text, level_name, n_equals, participants_text,
                                        scope_phrase, value_and_target, value_with_unit, with_note)
from app.i18n import _

KEY = "indicators"
# Bars stop here (in percent of the target): a value far beyond its target would flatten the rest.
CAP = 150.0
LABEL_WIDTH = 30
# What fits between the axis and the value column at the report's width.
REASON_WIDTH = 44
HATCH = "////"


def indicator_dashboard(data: DashboardData) -> Chart:
    language = data.language
    title = _("Indicators by level, against their targets")
    n_text = participants_text(data.participants, language)
    caption = with_note(_("Indicators by level as a share of their targets ({scope}), from {participants} and "
                          "{interviews}.").format(scope=scope_phrase(data), participants=n_text,
                                                  interviews=interviews_text(data.interviews, language)), data, KEY)
    if not data.results:
        figure = new_figure(2.0)
        heading(figure, title, footer(data, n_text))
        nothing_to_show(figure, _("No indicator yet: add indicators to the framework to see them here."))
        alt = _("No indicator has been defined yet, so the chart is empty.")
        return Chart(KEY, title, alt, caption, figure, tuple(figure.get_size_inches()))

    groups = _by_level(data.results)
    pitches = [_row_pitch(results) for _level, results in groups]
    heights = [max(1, len(results)) * pitch for (_level, results), pitch in zip(groups, pitches)]
    figure = new_figure(1.35 + sum(heights) + 0.32 * len(groups))
    heading(figure, title, footer(data, n_text))
    grid = figure.add_gridspec(len(groups) + 1, 2, height_ratios=heights + [KEY_ROW_INCHES],
                               width_ratios=[1.0, 0.56])
    bar_axes = None
    for row, (level, results) in enumerate(groups):
        bars = figure.add_subplot(grid[row, 0], sharex=bar_axes)
        bar_axes = bar_axes or bars
        notes = figure.add_subplot(grid[row, 1], sharey=bars)
        _draw_level(bars, notes, level, results, data, first=row == 0, last=row == len(groups) - 1)
    _legend(figure, grid[-1, :], data.small_n_threshold)
    return Chart(KEY, title, _alt_text(groups, language), caption, figure, tuple(figure.get_size_inches()))


def _by_level(results: list[IndicatorResult]) -> list[tuple[str, list[IndicatorResult]]]:
    """The three levels in order, even an empty one (an empty level is worth seeing), then any
    level the framework does not know."""
    levels = list(LEVELS) + sorted({r.level for r in results} - set(LEVELS))
    return [(level, [r for r in results if r.level == level]) for level in levels]


def _label(result: IndicatorResult) -> str:
    text = wrap(f"{result.code} · {result.label}" if result.code else result.label, LABEL_WIDTH)
    if result.direction == "lower":
        text += "\n" + _("(lower is better)")
    return text


def _row_pitch(results: list[IndicatorResult]) -> float:
    """Height of a row in inches: enough for the longest label of the level."""
    lines = max((_label(r).count("\n") + 1 for r in results), default=1)
    return 0.12 + 0.12 * max(2, lines)


def _draw_level(bars, notes, level: str, results: list[IndicatorResult], data: DashboardData,
                first: bool, last: bool) -> None:
    language = data.language
    plain_axes(bars)
    bars.set_title(level_name(level), loc="left", fontsize=LABEL_SIZE + 1, fontweight="bold", color=INK)
    bars.set_xlim(0, CAP + 8)
    bars.set_xticks([0, 50, 100, 150])
    bars.xaxis.set_major_formatter(percent_formatter(language))
    bars.axvline(100, color=INK, linewidth=1, linestyle=(0, (4, 2)), zorder=3)
    notes.set_axis_off()
    notes.set_xlim(0, 1)
    if first:
        notes.set_title(_("Value / target · n"), loc="left", fontsize=NOTE_SIZE, color=MUTED)
    if last:
        bars.set_xlabel(_("Share of the target reached ({hundred} = target)").format(
            hundred=format_percent(100, 0, language)), fontsize=LABEL_SIZE, color=INK)
    else:
        bars.tick_params(labelbottom=False)
    if not results:
        bars.set_ylim(0.5, -0.5)
        bars.set_yticks([])
        bars.text(2, 0, _("No indicator at this level."), va="center", fontsize=NOTE_SIZE, color=MUTED,
                  style="italic")
        return
    bars.set_ylim(len(results) - 0.5, -0.5)
    bars.set_yticks(range(len(results)), [_label(r) for r in results], fontsize=TICK_SIZE)
    bars.tick_params(axis="y", length=0)
    for y, result in enumerate(results):
        _draw_indicator(bars, notes, y, result, language)


def _draw_indicator(bars, notes, y: int, result: IndicatorResult, language: str) -> None:
    attainment = result.attainment
    if result.value is None:
        text = _("not computable")
        if result.reason:
            text = shorten(f"{text} — {result.reason}", REASON_WIDTH)
        bars.text(2, y, text, va="center", fontsize=NOTE_SIZE, color=MUTED, style="italic", zorder=4,
                  bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    elif result.target is None:
        bars.text(2, y, _("no target: value on the right"), va="center", fontsize=NOTE_SIZE, color=MUTED,
                  style="italic", zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    elif attainment is not None:
        shown = CAP if math.isinf(attainment) else min(100 * attainment, CAP)
        colour = REACHED if result.target_met else NOT_REACHED
        if result.small_n:
            # Hatched and pale: the value is there, but it rests on too few people.
            bars.barh(y, shown, height=0.56, color="white", edgecolor=colour, hatch=HATCH, linewidth=1.2)
        else:
            bars.barh(y, shown, height=0.56, color=colour, edgecolor=colour)
        if math.isinf(attainment) or 100 * attainment > CAP:
            bars.plot(CAP + 3, y, marker=">", markersize=5, color=colour, clip_on=False)
    value_line = value_and_target(result.value, result.target, result.unit, language)
    n_line = n_equals(result.n, language) if result.n is not None else ""
    # One line (a count has no n) sits in the middle of its row; two lines share it.
    notes.text(0.02, y - 0.17 if n_line else y, value_line, va="center", fontsize=TICK_SIZE, color=INK)
    if result.small_n:
        warning = _("small sample")
        notes.text(0.02, y + 0.2, f"{n_line} · {warning}" if n_line else warning, va="center",
                   fontsize=NOTE_SIZE, color=RED, fontweight="bold")
    elif n_line:
        notes.text(0.02, y + 0.2, n_line, va="center", fontsize=NOTE_SIZE, color=MUTED)


def _legend(figure, cell, threshold: int) -> None:
    handles = [
        Patch(facecolor=REACHED, edgecolor=REACHED, label=_("target reached")),
        Patch(facecolor=NOT_REACHED, edgecolor=NOT_REACHED, label=_("target not reached")),
        Patch(facecolor="white", edgecolor=MUTED, hatch=HATCH,
              label=_("fewer than {threshold} participants").format(threshold=threshold)),
        Line2D([], [], color=INK, linewidth=1, linestyle=(0, (4, 2)), label=_("target")),
    ]
    key_row(figure, cell, handles, columns=4)


def _alt_text(groups: list[tuple[str, list[IndicatorResult]]], language: str) -> str:
    results = [r for _level, level_results in groups for r in level_results]
    with_target = [r for r in results if r.target_met is not None]
    sentences = [
        _("Horizontal bars, one per indicator, grouped by level: each bar shows how far the indicator goes "
          "towards its target, {hundred} meaning the target is reached.").format(
            hundred=format_percent(100, 0, language)),
        _("Targets reached: {reached} of {total}.").format(reached=sum(1 for r in with_target if r.target_met),
                                                          total=len(with_target)),
    ]
    for level, level_results in groups:
        if level_results:
            items = "; ".join(_indicator_in_words(r, language) for r in level_results)
            sentences.append(_("{level}: {items}.").format(level=level_name(level), items=items))
    return " ".join(sentences)


def _indicator_in_words(result: IndicatorResult, language: str) -> str:
    if result.value is None:
        text = _("{label}: not computable ({reason})").format(label=result.label,
                                                             reason=result.reason.rstrip(".") or "—")
    elif result.target is None:
        text = _("{label}: {value}, no target").format(
            label=result.label, value=value_with_unit(result.value, result.unit, language))
    else:
        text = _("{label}: {value} for a target of {target}").format(
            label=result.label, value=value_with_unit(result.value, result.unit, language),
            target=value_with_unit(result.target, result.unit, language))
    details = []
    if result.n is not None:
        details.append(n_equals(result.n, language))
    if result.direction == "lower":
        details.append(_("lower is better"))
    if result.small_n:
        details.append(_("small sample"))
    return f"{text} ({', '.join(details)})" if details else text
