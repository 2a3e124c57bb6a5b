"""A passage in disagreement drawn on two lines: the code with its colour and who applied it,
then the words of the passage and its transcript. A narrow pane reads it better than five columns."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.i18n import _
from app.ui.agreement.models import DisagreementRow
from app.ui.models.base import ROW_ROLE
from app.ui.models.delegates import draw_item_background

PADDING = 8
SWATCH = 11
LINE_GAP = 3
GAP = 10


def first_line(row: DisagreementRow) -> tuple[str, str]:
    """(the code, who applied it alone) as the card's first line says them."""
    return row.disagreement.code, _("by {coder} only").format(coder=row.coder)


def passage_text(row: DisagreementRow) -> str:
    return " ".join(row.disagreement.text.split())


class PassageCard(QStyledItemDelegate):
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: DisagreementRow | None = index.data(ROW_ROLE)
        draw_item_background(painter, option, index, self)
        if row is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = text_colour if selected else option.palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(PADDING, PADDING - 2, -PADDING, -(PADDING - 2))
        normal = QFont(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        line = QFontMetrics(normal).height()
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.save()
        metrics, bold_metrics = QFontMetrics(normal), QFontMetrics(bold)
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        body = QRect(rect.left(), top.bottom() + LINE_GAP, rect.width(), line)
        # first line: the swatch, the code in bold, then who applied it
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(0, 0, 0, 60))
        painter.setBrush(QColor(row.colour) if QColor.isValidColorName(row.colour) else QColor("#888888"))
        painter.drawRoundedRect(rect.left() + 1, top.top() + (line - SWATCH) // 2, SWATCH, SWATCH, 3, 3)
        x = rect.left() + SWATCH + 8
        room = max(0, rect.right() - x)
        code, who = first_line(row)
        # The code gives way to who applied it, down to half the room.
        who_wanted = metrics.horizontalAdvance(who) + GAP
        code_text = bold_metrics.elidedText(code, Qt.TextElideMode.ElideRight, max(room // 2, room - who_wanted))
        code_width = bold_metrics.horizontalAdvance(code_text)
        painter.setFont(bold)
        painter.setPen(text_colour)
        painter.drawText(QRect(x, top.top(), code_width + 1, line), middle, code_text)
        painter.setFont(normal)
        painter.setPen(quiet)
        who_room = max(0, room - code_width - GAP)
        painter.drawText(QRect(x + code_width + GAP, top.top(), who_room, line), middle,
                         metrics.elidedText(who, Qt.TextElideMode.ElideRight, who_room))
        # second line: the words of the passage, and the transcript on the right in a quiet colour
        title_width = min(metrics.horizontalAdvance(row.transcript) + 4, rect.width() // 3)
        painter.drawText(QRect(rect.right() - title_width, body.top(), title_width, line),
                         middle | Qt.AlignmentFlag.AlignRight,
                         metrics.elidedText(row.transcript, Qt.TextElideMode.ElideRight, title_width))
        painter.setPen(text_colour)
        words_width = max(0, rect.width() - title_width - 2 * GAP)
        painter.drawText(QRect(rect.left(), body.top(), words_width, line), middle,
                         metrics.elidedText(passage_text(row), Qt.TextElideMode.ElideRight, words_width))
        painter.restore()

    @staticmethod
    def height(view) -> int:
        return 2 * QFontMetrics(view.font()).height() + LINE_GAP + 2 * PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(320, 2 * line + LINE_GAP + 2 * PADDING)
