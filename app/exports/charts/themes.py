"""Theme frequency by profile or by territory: a table of shaded cells, one row per theme and one
column per group, each cell the share of the group's participants whose coded transcripts carry
the theme, written « k/n » so that small groups cannot pass for big ones."""

from __future__ import annotations

import math
from dataclasses import replace

from app.core.dashboards import DashboardData, ThemeShares
from app.core.numbers import format_number, format_percent
from app.exports.charts.chart import Chart
from app.exports.charts.palette import INK, MUTED, NO_VALUE, SHARE_MAP, text_colour_on
from app.exports.charts.style import (LABEL_SIZE, NOTE_SIZE, TICK_SIZE, heading, new_figure, nothing_to_show,
                                      percent_formatter, wrap)
from app.exports.charts.wording import footer, n_equals, scope_phrase, with_note
from app.i18n import N_, _, ngettext

ATTRIBUTES = ("profile", "territory")
TITLES = {"profile": N_("Themes by profile"), "territory": N_("Themes by territory")}
AXIS_NAMES = {"profile": N_("Profile"), "territory": N_("Territory")}
CAPTIONS = {
    "profile": N_("Share of participants whose coded transcripts carry each theme, by profile ({scope}); "
                  "{participants}."),
    "territory": N_("Share of participants whose coded transcripts carry each theme, by territory ({scope}); "
                    "{participants}."),
}
THEME_WIDTH = 34
COLUMN_INCHES = 1.05
CELLS_MAX_WIDTH = 4.2
SCALE_ROW_INCHES = 0.5
SCALE_INCHES = 2.2


def theme_frequency(data: DashboardData, attribute: str, max_themes: int | None = None) -> Chart:
    """The chart of ``attribute`` ("profile" or "territory"); of the ``max_themes`` themes carried by
    the most participants only, when there are more (a printed page cannot hold hundreds)."""
    if attribute not in ATTRIBUTES:
        raise ValueError(f"unknown attribute {attribute!r}: expected one of {ATTRIBUTES}")
    shares = data.themes_by_profile if attribute == "profile" else data.themes_by_territory
    language = data.language
    left_out = ""
    if max_themes and len(shares.themes) > max_themes:
        left_out = " " + _("Only the {shown} themes carried by the most participants are shown, of {total}.").format(
            shown=format_number(max_themes, 0, language), total=format_number(len(shares.themes), 0, language))
        shares = most_frequent(shares, max_themes)
    key = f"themes-{attribute}"
    title = _(TITLES[attribute])
    coded = sum(shares.group_sizes)
    n_text = ngettext("{n} participant with a coded transcript", "{n} participants with a coded transcript",
                      coded).format(n=format_number(coded, 0, language))
    caption = with_note(_(CAPTIONS[attribute]).format(scope=scope_phrase(data), participants=n_text) + left_out,
                        data, key)
    if not shares.themes or not shares.groups or coded == 0:
        figure = new_figure(2.0)
        heading(figure, title, footer(data, n_text))
        message = (_("No transcript has been coded yet: themes appear here once transcripts are coded.")
                   if shares.themes else _("The codebook has no theme yet."))
        nothing_to_show(figure, message)
        return Chart(key, title, _("Nothing has been coded yet, so the chart is empty."), caption, figure,
                     tuple(figure.get_size_inches()))

    labels = [wrap(theme, THEME_WIDTH) for theme in shares.themes]
    lines = sum(max(2, label.count("\n") + 1) for label in labels)
    figure = new_figure(1.6 + 0.15 * lines + 0.08 * len(labels) + SCALE_ROW_INCHES)
    heading(figure, title, footer(data, n_text))
    # A column is about an inch wide: with few groups the table keeps to the left rather than
    # stretching a single column across the page.
    cells_width = min(CELLS_MAX_WIDTH, COLUMN_INCHES * len(shares.groups))
    grid = figure.add_gridspec(2, 2, width_ratios=[cells_width, CELLS_MAX_WIDTH - cells_width + 1e-6],
                               height_ratios=[0.15 * lines + 0.08 * len(labels), SCALE_ROW_INCHES])
    axes = figure.add_subplot(grid[0, 0])
    matrix = [[_share(shares, t, g) for g in range(len(shares.groups))] for t in range(len(shares.themes))]
    image = axes.imshow(matrix, cmap=SHARE_MAP.with_extremes(bad=NO_VALUE), vmin=0, vmax=100, aspect="auto")
    _annotate(axes, shares, matrix, language)
    axes.set_yticks(range(len(labels)), labels, fontsize=TICK_SIZE, color=INK)
    columns = [f"{wrap(group, 16)}\n({n_equals(size, language)})"
               for group, size in zip(shares.groups, shares.group_sizes)]
    axes.set_xticks(range(len(columns)), columns, fontsize=TICK_SIZE, color=INK)
    axes.xaxis.tick_top()
    axes.xaxis.set_label_position("top")
    axes.set_xlabel(_(AXIS_NAMES[attribute]), fontsize=LABEL_SIZE, color=INK)
    axes.set_ylabel(_("Theme"), fontsize=LABEL_SIZE, color=INK)
    axes.tick_params(length=0)
    # White lines between the cells make a table of them.
    axes.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(labels))], minor=True)
    axes.grid(which="minor", color="white", linewidth=2)
    axes.tick_params(which="minor", length=0)
    for spine in axes.spines.values():
        spine.set_visible(False)
    _scale(figure, grid[1, :], image, language)
    return Chart(key, title, _alt_text(shares, attribute, language) + left_out, caption, figure,
                 tuple(figure.get_size_inches()))


def most_frequent(shares: ThemeShares, count: int) -> ThemeShares:
    """The ``count`` themes carried by the most participants, from the most to the least carried
    (the codebook's order between equals)."""
    order = sorted(range(len(shares.themes)), key=lambda t: -sum(shares.carriers[t]))[:count]
    return replace(shares, themes=tuple(shares.themes[t] for t in order),
                   carriers=tuple(shares.carriers[t] for t in order))


def _scale(figure, cell, image, language: str) -> None:
    """The shading's key: a bar of fixed width under the table, left-aligned with it, in its own
    row of the grid (so that a narrow table does not shrink it to nothing)."""
    holder = figure.add_subplot(cell)
    holder.set_axis_off()
    width = SCALE_INCHES / CELLS_MAX_WIDTH
    bar = holder.inset_axes([0.0, 0.68, width, 0.2])
    scale = figure.colorbar(image, cax=bar, orientation="horizontal")
    scale.set_ticks([0, 25, 50, 75, 100])
    bar.xaxis.set_major_formatter(percent_formatter(language))
    bar.tick_params(labelsize=NOTE_SIZE, length=2, colors=INK)
    scale.outline.set_visible(False)
    # Under the bar's ticks, left-aligned with the table.
    bar.set_xlabel(_("Share of the group's participants whose transcripts carry the theme"), fontsize=NOTE_SIZE,
                   color=MUTED, loc="left")


def _share(shares: ThemeShares, theme: int, group: int) -> float:
    size = shares.group_sizes[group]
    return 100 * shares.carriers[theme][group] / size if size else math.nan


def _annotate(axes, shares: ThemeShares, matrix: list[list[float]], language: str) -> None:
    for t, row in enumerate(matrix):
        for g, share in enumerate(row):
            if math.isnan(share):
                axes.text(g, t, "—", ha="center", va="center", fontsize=TICK_SIZE, color=MUTED)
                continue
            colour = text_colour_on(SHARE_MAP(share / 100))
            count = f"{shares.carriers[t][g]}/{shares.group_sizes[g]}"
            axes.text(g, t - 0.14, format_percent(share, 0, language), ha="center", va="center",
                      fontsize=TICK_SIZE, fontweight="bold", color=colour)
            axes.text(g, t + 0.2, count, ha="center", va="center", fontsize=NOTE_SIZE, color=colour)


def _alt_text(shares: ThemeShares, attribute: str, language: str) -> str:
    coded = sum(shares.group_sizes)
    intro = {
        "profile": _("A table of {themes} themes by {groups} profiles: each cell gives the share of the "
                     "profile's participants whose coded transcripts carry the theme."),
        "territory": _("A table of {themes} themes by {groups} territories: each cell gives the share of the "
                       "territory's participants whose coded transcripts carry the theme."),
    }[attribute].format(themes=len(shares.themes), groups=len(shares.groups))
    groups = ", ".join(f"{group} ({n_equals(size, language)})"
                       for group, size in zip(shares.groups, shares.group_sizes))
    sentences = [intro, _("Groups: {groups}.").format(groups=groups)]
    for t, theme in enumerate(shares.themes):
        carriers = shares.carriers[t]
        overall = sum(carriers)
        text = _("{theme}: {count} of {total} participants overall").format(
            theme=theme, count=format_number(overall, 0, language), total=format_number(coded, 0, language))
        rated = [(100 * carriers[g] / size, g) for g, size in enumerate(shares.group_sizes) if size]
        if overall and rated:
            best, g = max(rated)
            text += ", " + _("most often among {group} ({count} of {size}, {share})").format(
                group=shares.groups[g], count=carriers[g], size=shares.group_sizes[g],
                share=format_percent(best, 0, language))
        sentences.append(text + ".")
    return " ".join(sentences)
