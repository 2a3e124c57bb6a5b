"""A theme's colour as a small rounded square, the same everywhere a theme is named."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

FALLBACK = "#888888"


def theme_colour(colour: str) -> QColor:
    """The code's colour, or a neutral grey when the stored text is not a colour."""
    return QColor(colour) if QColor.isValidColorName(colour) else QColor(FALLBACK)


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 60))
    painter.setBrush(theme_colour(colour))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)
