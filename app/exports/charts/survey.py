"""Survey items as diverging stacked bars: disagreement to the left of zero, agreement to the
right, the neutral answer split across zero, so that the balance of each item reads at a glance."""

from __future__ import annotations

from matplotlib.patches import Patch

from app.core.dashboards import DashboardData, LikertItem
from app.core.numbers import format_percent
from app.exports.charts.chart import Chart
from app.exports.charts.palette import INK, MUTED, RED, hatch_colour_on, likert_colours, text_colour_on
from app.exports.charts.style import (KEY_ROW_INCHES, LABEL_SIZE, NOTE_SIZE, TICK_SIZE, heading, key_row, new_figure,
                                      nothing_to_show, percent_formatter, plain_axes, wrap)
from app.exports.charts.wording import footer, n_equals, respondents_text, scope_phrase, with_note
from app.i18n import _

KEY = "survey-items"
LABEL_WIDTH = 34
# Percentages are written inside a segment only when it is wide enough to hold them.
INSIDE_MIN = 10.0
HATCH = "///"
TOTALS_ROOM = 20.0


def survey_items(data: DashboardData) -> Chart:
    language = data.language
    title = _("Survey answers")
    items = data.likert
    most = max((item.n for item in items), default=0)
    n_text = respondents_text(most, language)
    caption = with_note(_("Answers to the five-point survey items ({scope}), in percent of respondents; up to "
                          "{respondents} per item.").format(scope=scope_phrase(data), respondents=n_text), data, KEY)
    if not items:
        figure = new_figure(2.0)
        heading(figure, title, footer(data, n_text))
        nothing_to_show(figure, _("No five-point item in the questionnaire yet, so there is no answer to show."))
        return Chart(KEY, title, _("The questionnaire has no five-point item, so the chart is empty."), caption,
                     figure, tuple(figure.get_size_inches()))

    labels = [_item_label(item, data) for item in items]
    lines = sum(max(2, label.count("\n") + 1) for label in labels)
    figure = new_figure(1.9 + 0.15 * lines + 0.1 * len(items))
    heading(figure, title, footer(data, n_text))
    grid = figure.add_gridspec(2, 1, height_ratios=[0.15 * lines + 0.1 * len(items), KEY_ROW_INCHES + 0.1])
    axes = figure.add_subplot(grid[0, 0])
    plain_axes(axes)
    reach = 50.0
    for y, item in enumerate(items):
        reach = max(reach, _draw_item(axes, y, item, language))
    # Room beyond the longest bar for the side totals written at its ends; ticks stop at 100 %.
    limit = reach + TOTALS_ROOM
    axes.set_xlim(-limit, limit)
    last_tick = min(100, 25 * int(limit // 25))
    axes.set_xticks(range(-last_tick, last_tick + 1, 25))
    axes.xaxis.set_major_formatter(percent_formatter(language, absolute=True))
    axes.axvline(0, color=INK, linewidth=0.8)
    axes.set_yticks(range(len(items)), labels, fontsize=TICK_SIZE)
    for tick, item in zip(axes.get_yticklabels(), items):
        if 0 < item.n < data.small_n_threshold:
            tick.set_color(RED)
    axes.tick_params(axis="y", length=0)
    axes.set_ylim(len(items) - 0.5, -0.5)
    axes.spines["left"].set_visible(False)
    axes.set_xlabel(_("Share of respondents (disagreement to the left of zero, agreement to the right)"),
                    fontsize=LABEL_SIZE, color=INK)
    choices = next((item.choices for item in items if item.choices), ())
    key_row(figure, grid[1, 0], _key(choices), columns=max(1, len(choices)))
    return Chart(KEY, title, _alt_text(items, language), caption, figure, tuple(figure.get_size_inches()))


def _item_label(item: LikertItem, data: DashboardData) -> str:
    n = n_equals(item.n, data.language)
    if 0 < item.n < data.small_n_threshold:
        n = f"{n}, {_('small sample')}"
    return f"{wrap(item.label or item.name, LABEL_WIDTH)}\n({n})"


def _percentages(item: LikertItem) -> list[float]:
    return [100 * count / item.n for count in item.counts] if item.n else [0.0] * len(item.counts)


def _sides(item: LikertItem) -> tuple[float, float, float]:
    """Disagreement, neutral and agreement, in percent (the middle answer of an odd scale is neutral)."""
    shares = _percentages(item)
    half = len(shares) // 2
    neutral = shares[half] if len(shares) % 2 else 0.0
    return sum(shares[:half]), neutral, sum(shares[len(shares) - half:])


def _draw_item(axes, y: int, item: LikertItem, language: str) -> float:
    """Draw one bar; returns how far it reaches from zero on either side."""
    if not item.n:
        axes.text(1.5, y, _("no answer yet"), va="center", fontsize=NOTE_SIZE, color=MUTED, style="italic")
        return 0.0
    shares = _percentages(item)
    disagree, neutral, agree = _sides(item)
    left = -(disagree + neutral / 2)
    colours = likert_colours(len(shares))
    for index, (share, colour) in enumerate(zip(shares, colours)):
        if share > 0:
            _segment(axes, y, left, share, colour, disagreeing=index < len(shares) // 2)
            if share >= INSIDE_MIN:
                axes.text(left + share / 2, y, format_percent(share, 0, language), ha="center", va="center",
                          fontsize=NOTE_SIZE, color=text_colour_on(colour), zorder=4,
                          bbox={"facecolor": colour, "edgecolor": "none", "pad": 0.6})
        left += share
    # Totals of each side at the bar's ends: the balance of the item in two numbers.
    start = -(disagree + neutral / 2)
    end = agree + neutral / 2
    axes.annotate(format_percent(disagree, 0, language), (start, y), xytext=(-3, 0), textcoords="offset points",
                  ha="right", va="center", fontsize=NOTE_SIZE, fontweight="bold", color=INK)
    axes.annotate(format_percent(agree, 0, language), (end, y), xytext=(3, 0), textcoords="offset points",
                  ha="left", va="center", fontsize=NOTE_SIZE, fontweight="bold", color=INK)
    return max(-start, end)


def _segment(axes, y: float, left: float, share: float, colour: str, disagreeing: bool) -> None:
    """One answer's part of a bar. The disagreeing answers are hatched: in grey, "agree" and
    "disagree" have the same lightness, and the hatching still tells them apart."""
    if disagreeing:
        # The hatching takes the edge colour: draw it first, then the white separator on top.
        axes.barh(y, share, left=left, height=0.62, color=colour, edgecolor=hatch_colour_on(colour), hatch=HATCH,
                  linewidth=0)
        axes.barh(y, share, left=left, height=0.62, color="none", edgecolor="white", linewidth=0.6)
    else:
        axes.barh(y, share, left=left, height=0.62, color=colour, edgecolor="white", linewidth=0.6)


def _key(choices: tuple[str, ...]) -> list[Patch]:
    colours = likert_colours(len(choices))
    return [Patch(facecolor=colour, edgecolor=hatch_colour_on(colour) if index < len(choices) // 2 else "white",
                  hatch=HATCH if index < len(choices) // 2 else None, linewidth=0, label=wrap(choice, 16))
            for index, (choice, colour) in enumerate(zip(choices, colours))]


def _alt_text(items: list[LikertItem], language: str) -> str:
    sentences = [_("Diverging stacked bars, one per five-point item: disagreement to the left of zero, agreement "
                   "to the right, the neutral answer split across zero.")]
    for item in items:
        label = item.label or item.name
        if not item.n:
            sentences.append(_("{label}: no answer yet.").format(label=label))
            continue
        disagree, neutral, agree = _sides(item)
        sentences.append(_("{label} ({n}): {agree} agree, {neutral} neutral, {disagree} disagree.").format(
            label=label, n=n_equals(item.n, language), agree=format_percent(agree, 0, language),
            neutral=format_percent(neutral, 0, language), disagree=format_percent(disagree, 0, language)))
    return " ".join(sentences)
