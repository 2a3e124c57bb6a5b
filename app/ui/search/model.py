"""Search hits as a concordance: each passage drawn with its matched words in bold at the same
place on every row, the words before them right-aligned, then who spoke, where and when.
Interviewer turns are tinted, as in the transcript reader, so that the participants' own words
stand out."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.i18n import N_, _
from app.services.search import SearchHit
from app.ui.formatting import format_offset
from app.ui.labels import SPEAKER_ROLES, label
from app.ui.models.base import RIGHT, ROW_ROLE, Column, RowsModel
from app.ui.models.delegates import draw_item_background

INTERVIEWER_TINT = QColor("#eef2f7")
PASSAGE_COLUMN = 0
ANCHOR = 0.45  # where the match starts, as a share of the passage column's width
PADDING = 6
_BREAKS = re.compile(r"[\t\n\r\v\f]")


def one_line(text: str) -> str:
    return _BREAKS.sub(" ", text)


def left_text(hit: SearchHit) -> str:
    return ("…" if hit.more_before else "") + one_line(hit.left).strip()


def right_text(hit: SearchHit) -> str:
    return one_line(hit.right).strip() + ("…" if hit.more_after else "")


def passage(hit: SearchHit) -> str:
    return left_text(hit) + _gap(hit.left) + one_line(hit.match) + _gap(hit.right, after=True) + right_text(hit)


def _gap(context: str, after: bool = False) -> str:
    """A space between the match and its context when the text has one there (« l’ » has none)."""
    edge = context[:1] if after else context[-1:]
    return " " if edge.isspace() else ""


def words_after(hit: SearchHit) -> str:
    """Sorting a concordance on the words that follow the match groups the same phrasings."""
    return (one_line(hit.match) + " " + one_line(hit.right).strip()).casefold()


def speaker_tip(hit: SearchHit) -> str:
    return _("{speaker} ({role})").format(speaker=hit.speaker_label or "—", role=label(SPEAKER_ROLES, hit.speaker_role))


class SearchHitModel(RowsModel):
    columns = (
        Column(N_("Passage"), passage, sort=words_after, tooltip=lambda h: h.context,
               header_tip=N_("The words found, in bold, with what was said around them. Sorting this column "
                             "sorts on the words found and those that follow.")),
        Column(N_("Participant"), lambda h: h.participant_code or "—"),
        Column(N_("Transcript"), lambda h: h.transcript_title),
        Column(N_("Speaker"), lambda h: h.speaker_label or "—", tooltip=speaker_tip),
        Column(N_("Time"), lambda h: format_offset(h.start_ms) or "—",
               sort=lambda h: (h.transcript_title, h.position), align=RIGHT,
               header_tip=N_("Where the turn starts in the recording, when the transcript has times.")),
    )

    def background(self, row: SearchHit, column: int) -> QColor | None:
        return INTERVIEWER_TINT if row.speaker_role == "interviewer" else None


class PassageDelegate(QStyledItemDelegate):
    """Draws a hit's passage: the words before, right-aligned up to a fixed point, then the match
    in bold from that point, then the words after; each side elided away from the match."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit: SearchHit | None = index.data(ROW_ROLE)
        draw_item_background(painter, option, index, self)
        if hit is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = option.rect.adjusted(PADDING, 0, -PADDING, 0)
        painter.save()
        painter.setPen(option.palette.color(role))
        # Metrics from the painter itself: a picture or a printer may not share the screen's.
        normal_font = QFont(option.font)
        bold_font = QFont(option.font)
        bold_font.setBold(True)
        painter.setFont(bold_font)
        bold = painter.fontMetrics()
        painter.setFont(normal_font)
        normal = painter.fontMetrics()
        space = normal.horizontalAdvance(" ")
        match = one_line(hit.match)
        anchor = rect.left() + int(rect.width() * ANCHOR)
        left_end = anchor - (space if _gap(hit.left) else 0)
        match_width = min(bold.horizontalAdvance(match) + 1, max(0, rect.right() - anchor))
        right_start = anchor + match_width + (space if _gap(hit.right, after=True) else 0)
        middle = Qt.AlignmentFlag.AlignVCenter
        left_width = max(0, left_end - rect.left())
        painter.drawText(QRect(rect.left(), rect.top(), left_width, rect.height()), middle | Qt.AlignmentFlag.AlignRight,
                         normal.elidedText(left_text(hit), Qt.TextElideMode.ElideLeft, left_width))
        right_width = max(0, rect.right() - right_start)
        painter.drawText(QRect(right_start, rect.top(), right_width, rect.height()), middle | Qt.AlignmentFlag.AlignLeft,
                         normal.elidedText(right_text(hit), Qt.TextElideMode.ElideRight, right_width))
        painter.setFont(bold_font)
        painter.drawText(QRect(anchor, rect.top(), match_width, rect.height()), middle | Qt.AlignmentFlag.AlignLeft,
                         bold.elidedText(match, Qt.TextElideMode.ElideRight, match_width))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(min(size.width(), 720), size.height())
