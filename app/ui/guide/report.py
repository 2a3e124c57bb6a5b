"""The guide as a whole, under the tree: order of the questions (funnel, sensitive topics late),
share of closed questions, estimated duration. Folds away to leave room to the tree."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.ui.areas.base import muted
from app.ui.formatting import format_number, format_percent
from app.ui.guide.underline import severity_colour

QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole
MAX_LIST_HEIGHT = 150  # beyond, the list scrolls: the outline above keeps its room


def dot_icon(colour: QColor, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class GuideReportPanel(QWidget):
    question_requested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setStyleSheet("QToolButton { font-weight: bold; }")
        self.toggle.toggled.connect(self.set_expanded)
        layout.addWidget(self.toggle)
        self.summary_label = muted()
        layout.addWidget(self.summary_label)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout.addWidget(self.list)
        self.set_report(None)
        self.toggle.setChecked(True)

    def set_expanded(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.list.setVisible(expanded and self.list.count() > 0)

    def set_report(self, report) -> None:
        self.list.clear()
        if report is None:
            self.toggle.setText(_("Guide check"))
            self.summary_label.setText("")
            self.list.hide()
            return
        count = len(report.findings)
        if count:
            self.toggle.setText(ngettext("Guide check: {n} point", "Guide check: {n} points", count).format(n=count))
        else:
            self.toggle.setText(_("Guide check: the order reads well"))
        facts = [_("Closed questions: {share}").format(share=format_percent(report.closed_share or 0))]
        if report.estimated_minutes:
            facts.append(_("estimated duration: about {minutes} min").format(
                minutes=format_number(report.estimated_minutes)))
        self.summary_label.setText(" · ".join(facts))
        for finding in report.findings:
            item = QListWidgetItem(dot_icon(severity_colour(finding.severity)), finding.message)
            item.setData(QUESTION_ID_ROLE, finding.question_id)
            if finding.question_id:
                item.setToolTip(_("Click to go to the question."))
            self.list.addItem(item)
        self.set_expanded(self.toggle.isChecked())
        self._fit_list()

    def _fit_list(self) -> None:
        # As tall as its entries (up to a point): the room left goes to the outline above.
        # The list's own size hints ignore word wrapping: measure the wrapped text instead.
        metrics = self.list.fontMetrics()
        width = max(100, self.list.viewport().width() - self.list.iconSize().width() - 16)
        heights = [metrics.boundingRect(QRect(0, 0, width, 0), Qt.TextFlag.TextWordWrap,
                                        self.list.item(row).text()).height() + 4
                   for row in range(self.list.count())]
        self.list.setFixedHeight(min(sum(heights), MAX_LIST_HEIGHT) + 2 * self.list.frameWidth() + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_list()  # wrapped entries change height with the width

    def _activated(self, item: QListWidgetItem) -> None:
        question_id = item.data(QUESTION_ID_ROLE)
        if question_id:
            self.question_requested.emit(question_id)
