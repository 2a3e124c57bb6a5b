"""Suggestions as rows: a small bar for the score, the sentence with its matched words marked in the
code's colour, who said it, and why it was suggested."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.i18n import N_, _
from app.services.assist import Suggestion
from app.ui.models.base import ROW_ROLE, Column, RowsModel
from app.ui.models.delegates import draw_item_background

SCORE_COLUMN, PASSAGE_COLUMN, PARTICIPANT_COLUMN, REASONS_COLUMN = range(4)
BAR_WIDTH, BAR_HEIGHT = 56, 8
PADDING = 6


def marked_html(suggestion: Suggestion, colour: str) -> str:
    """The sentence as rich text, the matched words in bold on a light wash of the code's colour."""
    wash = QColor(colour) if QColor.isValidColorName(colour) else QColor("#888888")
    wash.setAlpha(70)
    background = f"rgba({wash.red()},{wash.green()},{wash.blue()},{wash.alpha()})"
    parts, position = [], suggestion.start
    for start, end in sorted(suggestion.matches):
        if start < position:
            continue
        parts.append(escape(suggestion.text[position - suggestion.start:start - suggestion.start]))
        word = escape(suggestion.text[start - suggestion.start:end - suggestion.start])
        parts.append(f'<b style="background-color:{background}">{word}</b>')
        position = end
    parts.append(escape(suggestion.text[position - suggestion.start:]))
    return "".join(parts)


def source_text(suggestion: Suggestion) -> str:
    return suggestion.participant_code or suggestion.transcript_title


def score_text(suggestion: Suggestion) -> str:
    return _("{percent}%").format(percent=round(suggestion.score * 100))


class SuggestionModel(RowsModel):
    columns = (
        Column(N_("Score"), score_text, sort=lambda s: s.score, tooltip=score_text,
               header_tip=N_("How much the sentence shares with the code's keywords and example phrases.")),
        Column(N_("Passage"), lambda s: s.text, tooltip=lambda s: s.text),
        Column(N_("Participant"), source_text, tooltip=lambda s: s.transcript_title),
        Column(N_("Why"), lambda s: "\n".join(s.reasons)),
    )

    def __init__(self, parent=None):
        super().__init__((), parent)
        self.colour = "#888888"

    def remove(self, suggestions: list[Suggestion]) -> None:
        """Take decided suggestions out of the list, row by row, so that the selection stays put."""
        for suggestion in suggestions:
            if suggestion in self._rows:
                row = self._rows.index(suggestion)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()


class ScoreDelegate(QStyledItemDelegate):
    """The score as a short bar in the code's colour."""

    def __init__(self, model: SuggestionModel, parent=None):
        super().__init__(parent)
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        draw_item_background(painter, option, index, self)
        suggestion: Suggestion | None = index.data(ROW_ROLE)
        if suggestion is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = option.rect.left() + PADDING
        top = option.rect.top() + PADDING + 4
        track = QRectF(left, top, BAR_WIDTH, BAR_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 28))
        painter.drawRoundedRect(track, 3, 3)
        colour = QColor(self._model.colour) if QColor.isValidColorName(self._model.colour) else QColor("#888888")
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(left, top, max(4.0, BAR_WIDTH * suggestion.score), BAR_HEIGHT), 3, 3)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(BAR_WIDTH + 2 * PADDING, BAR_HEIGHT + 2 * PADDING)


class PassageDelegate(QStyledItemDelegate):
    """The sentence, wrapped to the column, its matched words marked."""

    def __init__(self, model: SuggestionModel, parent=None):
        super().__init__(parent)
        self._model = model

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int) -> QTextDocument | None:
        suggestion: Suggestion | None = index.data(ROW_ROLE)
        if suggestion is None:
            return None
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(PADDING)
        document.setHtml(marked_html(suggestion, self._model.colour))
        document.setTextWidth(max(80, width))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        draw_item_background(painter, option, index, self)
        document = self._document(option, index, option.rect.width())
        if document is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        view = option.widget
        width = view.columnWidth(index.column()) if view is not None and hasattr(view, "columnWidth") else 480
        document = self._document(option, index, width)
        if document is None:
            return super().sizeHint(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))
