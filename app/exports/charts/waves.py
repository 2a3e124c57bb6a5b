"""Wave-to-wave comparison: one small panel per indicator (each with its own unit and scale), one
bar per wave, the target as a dashed line, the values written above the bars."""

from __future__ import annotations

import math

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from app.core.dashboards import DashboardData, WaveSeries
from app.exports.charts.chart import Chart
from app.exports.charts.palette import INK, MUTED, OUTLINE, RED, wave_colours
from app.exports.charts.style import (KEY_ROW_INCHES, NOTE_SIZE, heading, key_row, new_figure, nothing_to_show,
                                      number_formatter, percent_formatter, plain_axes, wrap)
from app.exports.charts.wording import footer, n_equals, number, participants_text, value_with_unit, with_note
from app.i18n import _

KEY = "waves"
HATCH = "////"
COLUMNS = 3
ROW_INCHES = 1.85
# What a panel's title may hold on one line at a third of the report's width.
TITLE_WIDTH = 24
# Room above the tallest bar for its value and the target's label.
HEADROOM = 1.38


def wave_comparison(data: DashboardData) -> Chart:
    language = data.language
    title = _("Indicators wave after wave")
    series = data.waves
    n_text = participants_text(data.participants, language)
    caption = with_note(_("Each indicator wave after wave (territory: {territory}); the dashed line is the target "
                          "and hatched bars rest on fewer than {threshold} participants.").format(
        territory=data.territory_label, threshold=data.small_n_threshold), data, KEY)
    if not series:
        figure = new_figure(2.0)
        heading(figure, title, footer(data, n_text))
        nothing_to_show(figure, _("No indicator yet: add indicators to the framework to follow them wave after wave."))
        return Chart(KEY, title, _("No indicator has been defined yet, so the chart is empty."), caption, figure,
                     tuple(figure.get_size_inches()))

    columns = min(COLUMNS, len(series))
    rows = math.ceil(len(series) / columns)
    figure = new_figure(1.3 + ROW_INCHES * rows)
    heading(figure, title, footer(data, n_text))
    grid = figure.add_gridspec(rows + 1, columns, height_ratios=[ROW_INCHES] * rows + [KEY_ROW_INCHES])
    for index, one in enumerate(series):
        row, column = divmod(index, columns)
        axes = figure.add_subplot(grid[row, column])
        _draw_series(axes, one, data)
        if index + columns >= len(series):
            axes.set_xlabel(_("Wave"), fontsize=NOTE_SIZE, color=MUTED)
    key_row(figure, grid[-1, :], [
        Line2D([], [], color=INK, linewidth=1, linestyle=(0, (4, 2)), label=_("target")),
        Patch(facecolor="white", edgecolor=OUTLINE, hatch=HATCH,
              label=_("fewer than {threshold} participants").format(threshold=data.small_n_threshold)),
    ], columns=2)
    return Chart(KEY, title, _alt_text(series, language), caption, figure, tuple(figure.get_size_inches()))


def _panel_title(one: WaveSeries) -> str:
    text = wrap(f"{one.code} · {one.label}" if one.code else one.label, TITLE_WIDTH)
    if one.direction == "lower":
        text += "\n" + wrap(_("(lower is better)"), TITLE_WIDTH)
    return text


def _draw_series(axes, one: WaveSeries, data: DashboardData) -> None:
    language = data.language
    plain_axes(axes, grid_axis="y")
    axes.set_title(_panel_title(one), loc="left", fontsize=NOTE_SIZE + 0.5, fontweight="bold", color=INK)
    points = one.points
    values = [p.value for p in points if p.value is not None]
    top = max(values + ([one.target] if one.target is not None else []), default=0.0)
    top = top * HEADROOM if top > 0 else 1.0
    axes.set_ylim(0, top)
    colours = wave_colours(len(points))
    for x, (point, colour) in enumerate(zip(points, colours)):
        if point.value is None:
            axes.text(x, top * 0.04, wrap(_("not computable"), 10), ha="center", va="bottom", fontsize=NOTE_SIZE - 0.5,
                      color=MUTED, style="italic")
            continue
        if point.small_n:
            axes.bar(x, point.value, width=0.62, color="white", edgecolor=OUTLINE, hatch=HATCH, linewidth=1)
        else:
            axes.bar(x, point.value, width=0.62, color=colour)
        # On a white ground, so that a target line just above the bar does not cross the figure.
        axes.annotate(number(point.value, one.unit, language), (x, point.value), xytext=(0, 2),
                      textcoords="offset points", ha="center", va="bottom", fontsize=NOTE_SIZE, color=INK,
                      fontweight="bold", zorder=4, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8})
    if one.target is not None:
        axes.axhline(one.target, color=INK, linewidth=1, linestyle=(0, (4, 2)))
        # Written in the panel's top corner, where neither a bar nor its value can reach.
        axes.text(0.99, 0.99, _("target {value}").format(value=number(one.target, one.unit, language)),
                  transform=axes.transAxes, ha="right", va="top", fontsize=NOTE_SIZE - 0.5, color=MUTED)
    axes.set_xlim(-0.6, max(len(points), 2) - 0.4)
    axes.set_xticks(range(len(points)), [_wave_label(p.wave, p.n, language) for p in points], fontsize=NOTE_SIZE)
    for tick, point in zip(axes.get_xticklabels(), points):
        if point.small_n:
            tick.set_color(RED)
            tick.set_fontweight("bold")
    axes.tick_params(axis="x", length=0)
    axes.tick_params(axis="y", labelsize=NOTE_SIZE)
    axes.yaxis.set_major_formatter(percent_formatter(language) if one.unit.strip() == "%"
                                   else number_formatter(language))
    axes.set_ylabel(wrap(one.unit, 16) if one.unit.strip() not in ("", "%") else
                    (_("percent") if one.unit.strip() == "%" else _("value")), fontsize=NOTE_SIZE, color=MUTED)
    axes.locator_params(axis="y", nbins=4)


def _wave_label(wave: str, n: int | None, language: str) -> str:
    return f"{wave}\n{n_equals(n, language)}" if n is not None else wave


def _alt_text(series: list[WaveSeries], language: str) -> str:
    sentences = [_("Small panels, one per indicator, with one bar per wave and the target as a dashed line.")]
    for one in series:
        parts = []
        for point in one.points:
            if point.value is None:
                parts.append(_("{wave} not computable").format(wave=point.wave))
            else:
                text = f"{point.wave} {value_with_unit(point.value, one.unit, language)}"
                if point.n is not None:
                    text += f" ({n_equals(point.n, language)}" + (f", {_('small sample')})" if point.small_n else ")")
                parts.append(text)
        if one.target is not None:
            parts.append(_("target {value}").format(value=value_with_unit(one.target, one.unit, language)))
        sentences.append(_("{label}: {values}.").format(label=one.label,
                                                        values="; ".join(parts) if parts else _("no wave yet")))
    return " ".join(sentences)
