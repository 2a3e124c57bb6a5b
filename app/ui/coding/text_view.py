"""The transcript as the coder reads it: speakers' turns, codings tinted, bars in the margin.

Read-only. Selections are reported in code points of the transcript's full text (through the
``OffsetMap``), never in Qt's positions. A code dragged from the codebook and dropped on the
text is handed on through ``code_dropped``, for the selection.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from app.ui.coding.margin import WIDTH as MARGIN_WIDTH
from app.ui.coding.margin import CodingMargin
from app.ui.coding.marks import Mark
from app.ui.coding.offsets import OffsetMap

CODE_MIME_TYPE = "application/x-terrain-code-id"
LINE_HEIGHT = 135  # per cent: room between lines for reading and for the tints
TURN_GAP = 14
INTERVIEWER_ROLES = ("interviewer",)


def code_id_from(mime: QMimeData) -> str | None:
    """The code id a drag from the codebook carries, or None for anything else."""
    if not mime.hasFormat(CODE_MIME_TYPE):
        return None
    code_id = bytes(mime.data(CODE_MIME_TYPE).data()).decode("utf-8", errors="replace").strip()
    return code_id or None


class CodedTextView(QTextEdit):
    code_dropped = Signal(str)  # a code id, dropped on the text
    span_changed = Signal()  # the selection or the cursor moved

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setUndoRedoEnabled(False)
        self.offsets = OffsetMap([])
        self._marks: dict[str, Mark] = {}
        self._tints: dict[str, list[QRectF]] = {}  # each coding's rectangles, in document pixels
        self.margin = CodingMargin(self._extent_of, lambda: self.verticalScrollBar().value(), self)
        self.setViewportMargins(0, 0, MARGIN_WIDTH, 0)
        self.selectionChanged.connect(self.span_changed)
        self.cursorPositionChanged.connect(self.span_changed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._forget_geometry())
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.margin.update())

    # the transcript -----------------------------------------------------------------------------------
    def load(self, turns: list[tuple[str, str, str]]) -> None:
        """Show the turns ``(speaker label, speaker role, text)``; codings are set apart."""
        self.offsets = OffsetMap(turns)
        self._marks = {}
        self._tints = {}
        document = self.document()
        document.clear()
        document.setDocumentMargin(18)
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        speaker_block = QTextBlockFormat()
        speaker_block.setTopMargin(TURN_GAP)
        speaker_block.setBottomMargin(2)
        speaker_format = QTextCharFormat()
        speaker_format.setFontWeight(QFont.Weight.DemiBold)
        speaker_format.setForeground(muted)
        words_block = QTextBlockFormat()
        words_block.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        participant_format = QTextCharFormat()
        interviewer_format = QTextCharFormat()
        interviewer_format.setForeground(QColor("#55595f"))
        interviewer_format.setFontItalic(True)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        for index, paragraph in enumerate(self.offsets.paragraphs):
            if paragraph.kind == "speaker":
                block, char = speaker_block, speaker_format
            else:
                block = words_block
                char = interviewer_format if paragraph.role in INTERVIEWER_ROLES else participant_format
            if index:
                cursor.insertBlock(block, char)
            else:
                cursor.setBlockFormat(block)
                cursor.setBlockCharFormat(char)
            cursor.insertText(paragraph.text, char)
        cursor.endEditBlock()
        self.setTextCursor(QTextCursor(document))
        self._refresh_highlights()
        self.margin.set_marks(self._marks)

    # codings ----------------------------------------------------------------------------------------------
    def set_marks(self, marks: list[Mark]) -> None:
        self._marks = {mark.coding_id: mark for mark in marks}
        self._refresh_highlights()
        self.margin.set_marks(self._marks)

    def add_mark(self, mark: Mark) -> None:
        self._marks[mark.coding_id] = mark
        self._refresh_highlights()
        self.margin.set_marks(self._marks)

    def remove_mark(self, coding_id: str) -> None:
        if self._marks.pop(coding_id, None) is not None:
            self._refresh_highlights()
            self.margin.set_marks(self._marks)

    def marks(self) -> list[Mark]:
        return list(self._marks.values())

    def _refresh_highlights(self) -> None:
        self._tints = {key: value for key, value in self._tints.items() if key in self._marks}
        self.viewport().update()

    # The tints are painted here rather than set as QTextEdit extra selections: those would work
    # too, but PySide6 6.12's setExtraSelections drops a reference to None on every call, which
    # ends in a crash after a long session. Painting also spares re-setting every coding's
    # selection each time one coding is added.
    def paintEvent(self, event) -> None:
        if self._marks:
            painter = QPainter(self.viewport())
            x, y = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
            visible = QRectF(event.rect()).translated(x, y)
            painter.translate(-x, -y)
            painter.setPen(Qt.PenStyle.NoPen)
            for mark in sorted(self._marks.values(), key=lambda m: (m.start, -m.end)):
                rects = self._tints.get(mark.coding_id)
                if rects is None:
                    rects = self._tints[mark.coding_id] = self._span_rects(mark)
                painter.setBrush(mark.tint())
                for rect in rects:
                    if rect.intersects(visible):
                        painter.drawRect(rect)
            painter.end()
        super().paintEvent(event)

    def _span_rects(self, mark: Mark) -> list[QRectF]:
        """The rectangles, line by line and in document pixels, that a coding's words cover."""
        begin, finish = self.offsets.span_to_document(mark.start, mark.end)
        rects = []
        block = self.document().findBlock(begin)
        while block.isValid() and block.position() < finish:
            layout = block.layout()
            origin = layout.position()
            first = block.position()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                start = max(begin, first + line.textStart())
                end = min(finish, first + line.textStart() + line.textLength())
                if start >= end:
                    continue
                left = line.cursorToX(start - first)[0]
                right = line.cursorToX(end - first)[0]
                rects.append(QRectF(origin.x() + left, origin.y() + line.y(), right - left, line.height()))
            block = block.next()
        return rects

    def _extent_of(self, mark: Mark) -> tuple[int, int]:
        """The top of a coding's first line and the bottom of its last, in document pixels."""
        begin, finish = self.offsets.span_to_document(mark.start, mark.end)
        top = self._line_rect(begin).top()
        bottom = self._line_rect(max(begin, finish - 1)).bottom()
        return int(top), int(bottom)

    def _line_rect(self, position: int):
        block = self.document().findBlock(position)
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            rect = self.document().documentLayout().blockBoundingRect(block)
            return rect
        line = layout.lineForTextPosition(position - block.position())
        if not line.isValid():
            line = layout.lineAt(layout.lineCount() - 1)
        origin = layout.position()
        return line.rect().translated(origin)

    # selection, in full-text offsets -------------------------------------------------------------------------
    def selected_span(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return self.offsets.span_to_full_text(cursor.selectionStart(), cursor.selectionEnd())

    def cursor_offset(self) -> int:
        return self.offsets.to_full_text(self.textCursor().position())

    def select_span(self, start: int, end: int) -> None:
        """Select [start, end) of the full text and bring it into view."""
        begin, finish = self.offsets.span_to_document(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(begin, self.document().characterCount() - 1))
        cursor.setPosition(min(finish, self.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        # Show the start of a long passage rather than its end, where the cursor is.
        start_cursor = QTextCursor(self.document())
        start_cursor.setPosition(begin)
        top = self.cursorRect(start_cursor).top()
        if top < 0 or top > self.viewport().height() * 2 // 3:
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + top - self.viewport().height() // 4)

    # the margin sits between the text and the scroll bar -------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        viewport = self.viewport().geometry()
        self.margin.setGeometry(QRect(viewport.right() + 1, viewport.top(), MARGIN_WIDTH, viewport.height()))
        self._forget_geometry()

    def _forget_geometry(self) -> None:
        """The text was laid out again: tints and bars are measured anew when next painted."""
        self._tints.clear()
        self.margin.forget_geometry()

    # drops from the codebook -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if code_id_from(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if code_id_from(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        code_id = code_id_from(event.mimeData())
        if code_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.code_dropped.emit(code_id)
