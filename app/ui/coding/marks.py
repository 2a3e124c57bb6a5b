"""What the coding view shows of one coding: its span, colour and name."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

FALLBACK_COLOUR = "#888888"
TINT_ALPHA = 70  # light enough to read through, dark enough that two overlapping tints show


def code_colour(colour: str) -> QColor:
    return QColor(colour) if QColor.isValidColorName(colour) else QColor(FALLBACK_COLOUR)


@dataclass(frozen=True)
class Mark:
    """One coding as drawn: [start, end) in code points of the full text."""

    coding_id: str
    start: int
    end: int
    colour: str
    code_name: str
    coder_name: str
    coder_initials: str = ""

    def tint(self) -> QColor:
        colour = QColor(code_colour(self.colour))
        colour.setAlpha(TINT_ALPHA)
        return colour

    def bar(self) -> QColor:
        return code_colour(self.colour)

    def overlaps(self, start: int, end: int) -> bool:
        """True when the coding shares a character with [start, end), or holds the point ``start``."""
        if start == end:
            return self.start <= start < self.end
        return self.start < end and start < self.end
