"""What every chart shares: the page size, the type sizes, the heading and the footer, number
formatting on the axes, and the "nothing to show yet" panel.

Figures are built with ``matplotlib.figure.Figure`` directly: pyplot keeps global state (a list
of open figures) and the rcParams stay untouched, so building a chart changes nothing elsewhere.
"""

from __future__ import annotations

import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from app.core.numbers import format_number, format_percent
from app.exports.charts.palette import GRID, INK, MUTED

CM = 1 / 2.54
# A Word page with 2.5 cm margins leaves 16 cm; charts are drawn at that width so that their
# text keeps its printed size in the report.
PAGE_WIDTH = 16 * CM

# On screen a figure inch takes this many pixels (a file is written at its own dpi): a little more
# than matplotlib's 100, so that type set for print reads comfortably on a laptop.
SCREEN_DPI = 120

TITLE_SIZE = 10.5
LABEL_SIZE = 8.0
TICK_SIZE = 7.5
NOTE_SIZE = 7.0


def new_figure(height_inches: float, width_inches: float = PAGE_WIDTH) -> Figure:
    """A report-width figure whose layout adapts when a screen canvas resizes it."""
    figure = Figure(figsize=(width_inches, height_inches), dpi=SCREEN_DPI, layout="constrained")
    figure.get_layout_engine().set(w_pad=0.06, h_pad=0.06, wspace=0.04, hspace=0.04)
    return figure


def heading(figure: Figure, title: str, footer: str) -> None:
    """The title at the top left; the scope and the n at the bottom left, as a source note."""
    figure.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold", color=INK)
    figure.supxlabel(footer, x=0.01, ha="left", fontsize=NOTE_SIZE, color=MUTED)


KEY_ROW_INCHES = 0.28


def key_row(figure: Figure, cell, handles: list, columns: int) -> None:
    """The chart's key in its own row of the grid (``cell``, usually the last row spanning every
    column), between the axes and the source note: a figure legend would collide with the note."""
    axes = figure.add_subplot(cell)
    axes.set_axis_off()
    axes.legend(handles=handles, loc="center", ncol=columns, fontsize=NOTE_SIZE, frameon=False,
                handlelength=1.6, columnspacing=1.2, borderaxespad=0)


def plain_axes(axes: Axes, grid_axis: str = "x") -> None:
    """Light frame: no top or right spine, a faint grid behind the data on ``grid_axis``."""
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(MUTED)
    axes.tick_params(labelsize=TICK_SIZE, colors=INK, length=3)
    if grid_axis:
        axes.grid(axis=grid_axis, color=GRID, linewidth=0.6)
        axes.set_axisbelow(True)


def percent_formatter(language: str, absolute: bool = False) -> FuncFormatter:
    """Tick labels for an axis in percent (0–100): « 50 % » or "50%"; ``absolute`` drops the
    sign, for the left half of a diverging chart."""
    def label(value: float, _position) -> str:
        return format_percent(abs(value) if absolute else value, 0, language)
    return FuncFormatter(label)


def number_formatter(language: str) -> FuncFormatter:
    """Tick labels with the language's decimal mark (a comma in French)."""
    def label(value: float, _position) -> str:
        decimals = 0 if float(value).is_integer() else 1
        return format_number(value, decimals, language)
    return FuncFormatter(label)


def wrap(text: str, width: int) -> str:
    """``text`` on lines of at most ``width`` characters (long words are not cut)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def nothing_to_show(figure: Figure, message: str) -> None:
    """A panel that says why the chart is empty, so that an empty chart is never a blank image."""
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, wrap(message, 70), ha="center", va="center", fontsize=LABEL_SIZE + 1,
              color=MUTED, transform=axes.transAxes)
