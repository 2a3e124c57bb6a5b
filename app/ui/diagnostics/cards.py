"""One figure as a calm card: its name and value, the level in a symbol and a word, the counts
behind it; what it means and, when it is not fine, what to try — on hover, or below when asked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.diagnostics import Figure
from app.i18n import _
from app.ui.areas.base import muted, wrapped
from app.ui.diagnostics.style import figure_tooltip, figure_value, level_badge, level_style


class FigureCard(QFrame):
    def __init__(self, figure: Figure, parent: QWidget | None = None):
        super().__init__(parent)
        self.figure = figure
        style = level_style(figure.level)
        self.setObjectName("figureCard")
        self.setStyleSheet(
            f"#figureCard {{ background: palette(base); border: 1px solid palette(midlight);"
            f" border-left: 5px solid {style.ink}; border-radius: 4px; }}"
        )
        self.setToolTip(figure_tooltip(figure))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(4)

        top = QHBoxLayout()
        self.name_label = QLabel(figure.label)
        self.name_label.setWordWrap(True)
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        self.name_label.setFont(bold)
        top.addWidget(self.name_label, 1)
        self.value_label = QLabel(figure_value(figure.value, figure.threshold.unit))
        big = QFont(bold)
        big.setPointSizeF(big.pointSizeF() * 1.35)
        self.value_label.setFont(big)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.value_label)
        layout.addLayout(top)

        second = QHBoxLayout()
        second.setSpacing(8)
        self.badge = QLabel(level_badge(figure.level))
        self.badge.setStyleSheet(
            f"QLabel {{ color: {style.ink}; background: {style.tint}; border-radius: 3px; padding: 2px 6px; }}"
        )
        # Room above the capitals: « À travailler » keeps its accent.
        self.badge.setMinimumHeight(self.badge.fontMetrics().height() + 8)
        second.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.detail_label = muted(figure.detail)
        second.addWidget(self.detail_label, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(second)

        self.explanation_label = muted(figure.explanation)
        self.explanation_label.setVisible(False)
        layout.addWidget(self.explanation_label)
        self.tip_label = wrapped(_("Next time: {tip}").format(tip=figure.tip) if figure.tip else "")
        self.tip_label.setVisible(False)
        layout.addWidget(self.tip_label)
        layout.addStretch(1)  # a short card in a row of taller ones keeps its lines together, at the top

    def show_explanation(self, shown: bool) -> None:
        """What the figure means, and what to try when it is not fine (both also on hover)."""
        self.explanation_label.setVisible(shown)
        self.tip_label.setVisible(shown and bool(self.figure.tip))


class FigureGrid(QWidget):
    """Cards in one, two or three columns as the width allows: the panel may sit in a narrow pane."""

    # Panel widths from which 2 and 3 columns of cards fit without squeezing their titles.
    COLUMNS_FROM = ((980, 3), (600, 2))

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(10)
        self.cards: list[FigureCard] = []
        self._columns = 0

    def set_figures(self, figures, explained: bool) -> None:
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = [FigureCard(figure, self) for figure in figures]
        for card in self.cards:
            card.show_explanation(explained)
        self._columns = 0
        self._arrange()

    def show_explanations(self, shown: bool) -> None:
        for card in self.cards:
            card.show_explanation(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        columns = next((n for width, n in self.COLUMNS_FROM if self.width() >= width), 1)
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
