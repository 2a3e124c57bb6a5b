"""Sample achieved against quotas: for each territory and profile, the quota (an outline) and the
participants met (a solid bar inside it), both written as numbers."""

from __future__ import annotations

from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from app.core.dashboards import DashboardData, QuotaBar
from app.core.numbers import format_number, format_percent
from app.exports.charts.chart import Chart
from app.exports.charts.palette import DARK_BLUE, INK, MUTED, OUTLINE, PALE
from app.exports.charts.style import (KEY_ROW_INCHES, LABEL_SIZE, TICK_SIZE, heading, key_row, new_figure,
                                      nothing_to_show, number_formatter, plain_axes, wrap)
from app.exports.charts.wording import footer, scope_phrase, with_note
from app.i18n import _

KEY = "sample-quotas"


def sample_vs_quotas(data: DashboardData) -> Chart:
    language = data.language
    title = _("Sample achieved against quotas")
    quotas = data.quotas
    achieved = sum(q.achieved for q in quotas)
    target = sum(q.target for q in quotas)
    totals = _("{achieved} of {target} participants met").format(
        achieved=format_number(achieved, 0, language), target=format_number(target, 0, language))
    caption = with_note(_("Participants met against the quota of each territory and profile ({scope}): {totals}.")
                        .format(scope=scope_phrase(data), totals=totals), data, KEY)
    if not quotas:
        figure = new_figure(2.0)
        heading(figure, title, footer(data, totals))
        nothing_to_show(figure, _("No quota set yet: set quotas in the sampling plan to follow the sample here."))
        return Chart(KEY, title, _("No quota has been set yet, so the chart is empty."), caption, figure,
                     tuple(figure.get_size_inches()))

    territories = _by_territory(quotas)
    heights = [0.25 * len(rows) + 0.05 for _name, rows in territories]
    figure = new_figure(1.45 + sum(heights) + 0.3 * len(territories))
    heading(figure, title, footer(data, totals))
    grid = figure.add_gridspec(len(territories) + 1, 1, height_ratios=heights + [KEY_ROW_INCHES])
    widest = max(max(q.target, q.achieved) for q in quotas)
    first = None
    for row, (territory, rows) in enumerate(territories):
        axes = figure.add_subplot(grid[row, 0], sharex=first)
        first = first or axes
        _draw_territory(axes, territory, rows, language)
        axes.set_xlim(0, max(1, widest) * 1.18 + 0.5)
        if row < len(territories) - 1:
            axes.tick_params(labelbottom=False)
    first.xaxis.set_major_locator(MaxNLocator(integer=True))
    first.xaxis.set_major_formatter(number_formatter(language))
    axes.set_xlabel(_("Participants"), fontsize=LABEL_SIZE, color=INK)
    key_row(figure, grid[-1, 0], [Patch(facecolor=PALE, edgecolor=OUTLINE, label=_("quota (target)")),
                                  Patch(facecolor=DARK_BLUE, edgecolor=DARK_BLUE, label=_("participants met"))],
            columns=2)
    alt = _alt_text(territories, achieved, target, language)
    return Chart(KEY, title, alt, caption, figure, tuple(figure.get_size_inches()))


def _by_territory(quotas: list[QuotaBar]) -> list[tuple[str, list[QuotaBar]]]:
    """Territories in the order the data gives them, each with its profiles."""
    order: dict[str, list[QuotaBar]] = {}
    for quota in quotas:
        order.setdefault(quota.territory, []).append(quota)
    return list(order.items())


def _draw_territory(axes, territory: str, rows: list[QuotaBar], language: str) -> None:
    plain_axes(axes)
    met = sum(q.achieved for q in rows)
    wanted = sum(q.target for q in rows)
    axes.set_title(_("{territory}: {met} of {quota} met").format(
        territory=territory, met=format_number(met, 0, language), quota=format_number(wanted, 0, language)),
                   loc="left", fontsize=LABEL_SIZE + 0.5, fontweight="bold", color=INK)
    positions = range(len(rows))
    axes.barh(positions, [q.target for q in rows], height=0.72, color=PALE, edgecolor=OUTLINE, linewidth=0.8)
    axes.barh(positions, [q.achieved for q in rows], height=0.38, color=DARK_BLUE)
    axes.set_yticks(list(positions), [wrap(q.profile, 28) for q in rows], fontsize=TICK_SIZE)
    axes.tick_params(axis="y", length=0)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    for y, quota in enumerate(rows):
        text = f"{format_number(quota.achieved, 0, language)} / {format_number(quota.target, 0, language)}"
        colour = INK if quota.achieved >= quota.target else MUTED
        axes.annotate(text, (max(quota.target, quota.achieved), y), xytext=(4, 0), textcoords="offset points",
                      va="center", fontsize=TICK_SIZE, color=colour,
                      fontweight="bold" if quota.achieved >= quota.target else "normal")


def _alt_text(territories: list[tuple[str, list[QuotaBar]]], achieved: int, target: int, language: str) -> str:
    share = format_percent(100 * achieved / target, 0, language) if target else "—"
    sentences = [
        _("Horizontal bars, one per territory and profile: the quota as an outline and the participants met "
          "as a solid bar inside it."),
        _("Overall, {achieved} of {target} participants met ({share}).").format(
            achieved=format_number(achieved, 0, language), target=format_number(target, 0, language), share=share),
    ]
    for territory, rows in territories:
        items = ", ".join(_("{profile} {achieved} of {target}").format(
            profile=q.profile, achieved=format_number(q.achieved, 0, language),
            target=format_number(q.target, 0, language)) for q in rows)
        sentences.append(_("{territory}: {items}.").format(territory=territory, items=items))
    return " ".join(sentences)
