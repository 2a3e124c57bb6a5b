"""« Lecture »: the turns of one transcript, to read and to correct in place.

Double-click a turn, or press F2, and its text opens for editing in the row itself; Ctrl+Enter
or leaving the row saves, Escape gives up. Saving goes through the transcripts service, which
keeps the codings on their words; the reader then says how many codings moved and how many were
flagged because their words were deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.transcripts import Turn
from app.i18n import N_, _, ngettext
from app.services import transcripts as service
from app.store.project import Project
from app.ui.areas.base import heading, muted
from app.ui.transcripts.turn_model import SPEAKER, TEXT, TIME, TurnModel

EDITOR_EXTRA_LINES = 2
ROW_PADDING = 8
ERROR_STYLE = "color: #a33a2b;"
SELECTED_TINT = QColor("#d7e6f5")


def edit_report(result: service.EditResult) -> str:
    """« 2 codages recalés, 1 codage signalé »: what the edit did to the codings."""
    if not result.remapped and not result.orphaned:
        return _("Turn saved; no coding needed to move.")
    parts = []
    if result.remapped:
        parts.append(ngettext("{n} coding realigned", "{n} codings realigned", result.remapped).format(
            n=result.remapped))
    if result.orphaned:
        parts.append(ngettext("{n} coding flagged (its words were deleted)",
                              "{n} codings flagged (their words were deleted)", result.orphaned).format(
            n=result.orphaned))
    return _("Turn saved: {what}.").format(what=", ".join(parts))


class SpeakerDelegate(QStyledItemDelegate):
    """The speaker's label in bold over their role in grey."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        # From the model: the option's text has its line break turned into a line separator.
        label, _newline, role = (index.data() or "").partition("\n")
        option.text = ""
        option.widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(4, 2, -4, -2)
        bold = QFont(option.font)
        bold.setBold(True)
        painter.save()
        painter.setFont(bold)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        line = painter.fontMetrics().lineSpacing()
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        elided = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, flags, elided)
        painter.setFont(option.font)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(rect.adjusted(0, line, 0, 0), flags, role)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + ROW_PADDING)
        return size


EDITING_HINT = N_("Editing: Ctrl+Enter or a click elsewhere saves, Escape cancels.")
READING_HINT = N_("Double-click a turn, or press F2, to correct it: the codings follow the words.")


class TurnDelegate(QStyledItemDelegate):
    """Edits a turn's text in a plain-text box; the row grows while it is open."""

    editing = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._editing: QPersistentModelIndex | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setObjectName("turnEditor")
        editor.setTabChangesFocus(True)
        editor.setToolTip(_(EDITING_HINT))
        editor.installEventFilter(self)
        self._editing = QPersistentModelIndex(index)
        self.sizeHintChanged.emit(index)
        self.editing.emit(True)
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex) -> None:
        self._editing = None
        super().destroyEditor(editor, index)
        if index.isValid():
            self.sizeHintChanged.emit(index)
        self.editing.emit(False)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        editor.setGeometry(option.rect)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + ROW_PADDING)
        if self._editing is not None and self._editing.row() == index.row() and index.column() == TEXT:
            line = option.fontMetrics.lineSpacing()
            size.setHeight(size.height() + EDITOR_EXTRA_LINES * line + 12)
        return size

    def eventFilter(self, editor, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)


class TurnTable(QTableView):
    """Turns, one per row; any column of a row opens its text for editing."""

    def __init__(self, model: TurnModel, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.delegate = TurnDelegate(self)
        self.setItemDelegateForColumn(TEXT, self.delegate)
        self.setItemDelegateForColumn(SPEAKER, SpeakerDelegate(self))
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(SPEAKER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(TIME, 72)
        header.resizeSection(SPEAKER, 160)
        # Selected rows keep their tint readable: a light highlight, the text in its usual colour.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, SELECTED_TINT)
        palette.setColor(QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text))
        self.setPalette(palette)
        self.doubleClicked.connect(lambda index: self.edit_row(index.row()))

    def edit_row(self, row: int) -> bool:
        if not (0 <= row < self.model().rowCount()):
            return False
        index = self.model().index(row, TEXT)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return self.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F2 and self.state() != QAbstractItemView.State.EditingState:
            self.edit_row(self.currentIndex().row() if self.currentIndex().isValid() else 0)
            return
        super().keyPressEvent(event)


class TurnReader(QWidget):
    edited = Signal(object)  # the EditResult of a saved turn

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(6)
        self.heading = heading(_("Turns"), 2)
        layout.addWidget(self.heading)
        self.meta = muted()
        layout.addWidget(self.meta)
        self.model = TurnModel(self)
        self.model.save = self._save
        self.table = TurnTable(self.model)
        layout.addWidget(self.table, 1)
        self.empty_label = muted()
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label, 1)
        self.hint = muted(_(READING_HINT))
        self.table.delegate.editing.connect(lambda on: self.hint.setText(_(EDITING_HINT if on else READING_HINT)))
        layout.addWidget(self.hint)
        self.report = QLabel()
        self.report.setWordWrap(True)
        layout.addWidget(self.report)
        self.clear(_("No transcript yet: imported transcripts appear here."))

    def clear(self, message: str) -> None:
        self._project = None
        self.heading.setText(_("Turns"))
        self.meta.clear()
        self.model.set_turns([])
        self.table.hide()
        self.hint.hide()
        self.empty_label.setText(message)
        self.empty_label.show()
        self.report.clear()

    def show_turns(self, project: Project, title: str, facts: str, turns: list[Turn]) -> None:
        self._project = project
        self.heading.setText(title)
        self.meta.setText(facts)
        self.report.clear()
        self.model.set_turns(turns)
        has_turns = bool(turns)
        self.table.setVisible(has_turns)
        self.hint.setVisible(has_turns)
        self.empty_label.setVisible(not has_turns)
        self.empty_label.setText("" if has_turns else _("This transcript has no turns."))

    def text(self) -> str:
        """Everything shown, as plain text (for tests and for a quick look)."""
        return "\n".join(
            [self.empty_label.text()] if not self.model.rowCount() else
            [f"{self.model.index(r, SPEAKER).data()}\n{self.model.index(r, TEXT).data()}"
             for r in range(self.model.rowCount())]
        )

    def scroll_to_turn(self, position: int) -> None:
        row = self.model.row_of_position(position)
        if row is not None:
            index = self.model.index(row, TEXT)
            self.table.selectRow(row)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def _save(self, turn: Turn, text: str) -> bool:
        if self._project is None:
            return False
        try:
            result = service.edit_turn(self._project, turn.id, text)
        except service.TranscriptEditError as error:
            self._say(str(error), error=True)
            return False
        self._say(edit_report(result))
        self.edited.emit(result)
        return True

    def _say(self, message: str, error: bool = False) -> None:
        self.report.setStyleSheet(ERROR_STYLE if error else "")
        self.report.setText(message)
