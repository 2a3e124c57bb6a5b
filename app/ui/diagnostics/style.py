"""How a level looks: a symbol, a word and a colour, so that no one has to tell colours apart.

The hues are from the Okabe–Ito palette (blue, orange, vermillion), which stays distinct for the
common forms of colour blindness; each level also has its own symbol and its own word.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtGui import QColor

from app.core.diagnostics import Figure, level_label, threshold_text
from app.i18n import _, ngettext
from app.ui.formatting import format_number, format_percent


@dataclass(frozen=True)
class LevelStyle:
    symbol: str
    ink: str     # text and border
    tint: str    # soft background


LEVEL_STYLES = {
    "ok": LevelStyle("✓", "#0b5a8c", "#e3eef8"),
    "caution": LevelStyle("▲", "#8a5300", "#fcefd4"),
    "alert": LevelStyle("◆", "#a8380a", "#fbe1d5"),
    None: LevelStyle("–", "#6b6b6b", "#eeeeee"),
}


def level_style(level: str | None) -> LevelStyle:
    return LEVEL_STYLES.get(level, LEVEL_STYLES[None])


def level_badge(level: str | None) -> str:
    """"▲ Worth a look": the symbol and the word together."""
    return f"{level_style(level).symbol} {level_label(level)}"


def tint(level: str | None) -> QColor | None:
    return QColor(level_style(level).tint) if level else None


def figure_value(value: float | int | None, unit: str) -> str:
    """A figure the local way: 47 % (narrow space in French), 79 words, 3."""
    if value is None:
        return "—"
    if unit == "fraction":
        return format_percent(value)
    if unit == "words":
        number = round(value)
        return ngettext("{n} word", "{n} words", number).format(n=format_number(number))
    return format_number(round(value, 1) if isinstance(value, float) else value, 1)


def figure_tooltip(figure: Figure) -> str:
    """What the figure means, its thresholds and what to try, for hovering."""
    level = level_badge(figure.level) + (f" — {figure.detail}" if figure.detail else "")
    parts = [f"<b>{escape(figure.label)}</b><br>{escape(level)}", escape(figure.explanation),
             "<i>" + escape(threshold_text(figure.threshold)) + "</i>"]
    if figure.tip:
        parts.append(escape(_("Next time: {tip}").format(tip=figure.tip)))
    return "<p style='white-space:pre-wrap'>" + "<br><br>".join(parts) + "</p>"
