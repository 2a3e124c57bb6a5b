"""Coded segments as a list to read: each passage wrapped, with its context dimmed, its code,
participant and source; double-click (or Enter) asks to open the transcript at the passage.

Shared by the retrieval panel and the matrices' lower pane.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.services.matrices import Passage
from app.ui.areas.base import SPACING, RoomyRows, make_table, row_of
from app.ui.formatting import format_number
from app.ui.models.base import CENTER, ROW_ROLE, Column, RowsModel
from app.ui.models.delegates import draw_item_background

PASSAGE_COLUMN = 3
PARTICIPANT_COLUMN = 1
CODER_COLUMN = 4
SHOWN_CHARS = 600  # a longer segment shows its beginning and its end
MAX_SHOWN = 500  # passages listed at most; the count line gives the full number
CONTEXT_COLOUR = "#8a8a8a"
PADDING = 6


def shown_text(text: str) -> str:
    """The passage as listed: whole when short, else its beginning and end around « […] »."""
    text = " ".join(text.split())
    if len(text) <= SHOWN_CHARS:
        return text
    return text[: SHOWN_CHARS - 140].rstrip() + " […] " + text[-120:].lstrip()


def passage_html(passage: Passage, text_colour: str = "", context_colour: str = CONTEXT_COLOUR) -> str:
    """The passage in full colour between its context, dimmed."""
    before = escape(" ".join(passage.before.split()) + (" " if passage.before[-1:].isspace() else ""))
    after = escape((" " if passage.after[:1].isspace() else "") + " ".join(passage.after.split()))
    dim = f"color:{context_colour}"
    text = escape(shown_text(passage.text))
    if text_colour:
        text = f"<span style='color:{text_colour}'>{text}</span>"
    html = f"<span style='{dim}'>{before}</span>{text}<span style='{dim}'>{after}</span>"
    memo = " ".join(passage.segment.memo.split())
    if memo:
        html += f"<br><i style='{dim}'>{escape(_('Memo: {memo}').format(memo=memo))}</i>"
    return html


def code_label(passage: Passage) -> str:
    if passage.partner is not None:
        return _("{code} with {other}").format(code=passage.segment.code, other=passage.partner.code)
    return passage.segment.code


def passage_tip(passage: Passage) -> str:
    lines = [passage.text]
    if passage.segment.memo:
        lines += ["", _("Memo: {memo}").format(memo=passage.segment.memo)]
    lines += ["", _("Coded by {coder}").format(coder=passage.segment.coder)]
    return "\n".join(lines)


class PassageModel(RowsModel):
    columns = (
        Column(N_("Code"), code_label),
        Column(N_("Participant"), lambda p: p.segment.participant_code or "—"),
        Column(N_("Source"), lambda p: p.segment.transcript_title, sort=lambda p: (p.segment.transcript_title, p.start)),
        Column(N_("Passage"), lambda p: " ".join(p.text.split()), tooltip=passage_tip,
               header_tip=N_("The coded words, with a few words before and after them in grey, and the "
                             "coding's memo in italics.")),
        Column(N_("Coder"), lambda p: p.segment.coder),
        Column(N_("Quotable"), lambda p: "★" if p.segment.quotable else "", sort=lambda p: p.segment.quotable,
               align=CENTER, header_tip=N_("Marked as quotable in the report (the participant consented to quotes).")),
    )

    def decoration(self, row: Passage, column: int) -> QColor | None:
        colour = self._colours.get(row.segment.code_id, "") if column == 0 else ""
        return QColor(colour) if colour and QColor.isValidColorName(colour) else None

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self._colours: dict[str, str] = {}

    def set_colours(self, colours: dict[str, str]) -> None:
        self._colours = dict(colours)


class PassageDelegate(QStyledItemDelegate):
    """Wraps the passage over several lines, context in grey; rows as tall as their text."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex, width: int,
                  selected: bool = False) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        passage = index.data(ROW_ROLE)
        colours = {}
        if selected:
            text = option.palette.color(QPalette.ColorRole.HighlightedText)
            ground = option.palette.color(QPalette.ColorRole.Highlight)
            context = QColor(*(round(0.72 * a + 0.28 * b) for a, b in
                               zip(text.getRgb()[:3], ground.getRgb()[:3])))
            colours = {"text_colour": text.name(), "context_colour": context.name()}
        document.setHtml(passage_html(passage, **colours) if passage is not None else "")
        document.setTextWidth(max(40, width - 2 * PADDING))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        draw_item_background(painter, option, index, self)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = self._document(option, index, option.rect.width(), selected)
        painter.save()
        top = option.rect.top() + max(PADDING, (option.rect.height() - document.size().height()) / 2)
        painter.translate(option.rect.left() + PADDING, top)
        document.drawContents(painter, QRectF(0, 0, option.rect.width() - 2 * PADDING, option.rect.height()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        view = self.parent()
        width = view.columnWidth(index.column()) if hasattr(view, "columnWidth") else 480
        document = self._document(option, index, width)
        return QSize(width, int(document.size().height()) + 2 * PADDING + 4)


class SegmentList(QWidget):
    """A count line over the list of passages."""

    open_requested = Signal(str, int, int)  # transcript id, start, end (code points of its full text)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 6)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        layout.addWidget(self.count_label)
        self.model = PassageModel()
        self.view = make_table(self.model)
        self.view.setItemDelegate(RoomyRows(self.view))
        self.view.setItemDelegateForColumn(PASSAGE_COLUMN, PassageDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setAccessibleName(_("Coded segments"))
        self.view.doubleClicked.connect(self._open)
        self.view.installEventFilter(self)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._width_changed)
        layout.addWidget(self.view, 1)
        self._fitting = False

    def set_passages(self, passages: list[Passage], colours: dict[str, str], heading: str = "") -> None:
        """Show these passages; ``heading`` says where they come from (a cell), before the count."""
        self.model.set_colours(colours)
        self.model.set_rows(passages[:MAX_SHOWN])
        count = count_text(passages)
        if len(passages) > MAX_SHOWN:
            count += " " + _("The first {n} are listed.").format(n=format_number(MAX_SHOWN))
        self.count_label.setText(f"{heading} — {count}" if heading else count)
        self._fit()

    def show_participants(self, shown: bool) -> None:
        """A list of one participant's segments (a framework cell) needs no participant column."""
        self.view.setColumnHidden(PARTICIPANT_COLUMN, not shown)

    def clear(self, message: str) -> None:
        self.model.set_rows([])
        self.count_label.setText(message)

    def passages(self) -> list[Passage]:
        return self.model.rows()

    def _fit(self) -> None:
        header = self.view.horizontalHeader()
        self._fitting = True
        for column in range(header.count()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.view.resizeColumnsToContents()
        for column, cap in ((0, 200), (1, 100), (2, 170), (4, 140), (5, 90)):
            header.resizeSection(column, min(header.sectionSize(column) + 12, cap))
        # The coder only when several coded these segments, the quotable mark only when there is one.
        rows = self.model.rows()
        self.view.setColumnHidden(CODER_COLUMN, len({p.segment.coder_id for p in rows}) < 2)
        self.view.setColumnHidden(CODER_COLUMN + 1, not any(p.segment.quotable for p in rows))
        header.setSectionResizeMode(PASSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._fitting = False
        self.view.resizeRowsToContents()

    def _width_changed(self, column: int, _old: int, _new: int) -> None:
        if column == PASSAGE_COLUMN and not self._fitting:
            self.view.resizeRowsToContents()

    def _open(self, index) -> None:
        passage = row_of(index)
        if passage is not None:
            self.open_requested.emit(passage.transcript_id, passage.start, passage.end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)


def count_text(passages: list[Passage]) -> str:
    """How many segments, from how many participants and transcripts."""
    if not passages:
        return _("No coded segment here.")
    people = len({p.segment.participant_code for p in passages if p.segment.participant_code})
    transcripts = len({p.transcript_id for p in passages})
    return _("{segments} from {participants}, in {transcripts}.").format(
        segments=ngettext("{n} segment", "{n} segments", len(passages)).format(n=format_number(len(passages))),
        participants=ngettext("{n} participant", "{n} participants", people).format(n=format_number(people)),
        transcripts=ngettext("{n} transcript", "{n} transcripts", transcripts).format(n=format_number(transcripts)),
    )
