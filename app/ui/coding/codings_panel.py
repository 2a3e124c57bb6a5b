"""« Codings here »: the codings under the cursor or the selection, and what can be done to one.

The panel only shows and asks; the workbench does the writing. Each row gives the theme with
its colour, the coder and the start of the coded words; under the list, the chosen coding's
memo and its quotable mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.areas.base import SPACING, RoomyRows, heading, muted
from app.ui.swatch import swatch

CODING_ROLE = Qt.ItemDataRole.UserRole
EXCERPT_CHARS = 90


@dataclass(frozen=True)
class CodingHere:
    coding_id: str
    code_name: str
    colour: str
    coder_name: str
    text: str
    memo: str
    quotable: bool


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The coded words on one line, cut at a word when long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


class CodingsHerePanel(QWidget):
    current_changed = Signal(str)  # coding id, "" when none
    remove_requested = Signal(str)
    memo_saved = Signal(str, str)  # coding id, memo
    quotable_toggled = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: dict[str, CodingHere] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, 0, 0, 0)
        layout.setSpacing(SPACING - 4)
        layout.addWidget(heading(_("Codings here"), 2))
        self.empty_label = muted(_("No coding here. Select some words, then press Ctrl+K or drag a theme "
                                   "onto them."))
        layout.addWidget(self.empty_label)
        self.list = QListWidget()
        self.list.setItemDelegate(RoomyRows(self.list))
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(14, 14))
        self.list.setAccessibleName(_("Codings here"))
        self.list.currentItemChanged.connect(self._show_current)
        layout.addWidget(self.list, 2)

        # What can be done to the chosen coding: hidden while there is no coding here.
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(SPACING - 4)
        layout.addWidget(self.details, 3)
        actions = QHBoxLayout()
        self.remove_button = QPushButton(_("Remove coding"))
        self.remove_button.setToolTip(_("Remove the chosen coding (Delete). Ctrl+Z brings it back."))
        self.remove_button.clicked.connect(lambda: self._emit_for_current(self.remove_requested.emit))
        actions.addWidget(self.remove_button)
        actions.addStretch(1)
        details.addLayout(actions)
        # On a line of its own: the panel is narrow beside the transcript.
        self.quotable_box = QCheckBox(_("Quotable in the report"))
        self.quotable_box.setToolTip(_("Only for participants who consented to being quoted."))
        self.quotable_box.clicked.connect(
            lambda checked: self._emit_for_current(lambda key: self.quotable_toggled.emit(key, checked)))
        details.addWidget(self.quotable_box)

        details.addWidget(heading(_("Memo on this coding"), 3))
        self.memo_edit = QPlainTextEdit()
        self.memo_edit.setPlaceholderText(_("What strikes you in this passage, a doubt, a link to another theme…"))
        self.memo_edit.setAccessibleName(_("Memo on this coding"))
        self.memo_edit.setTabChangesFocus(True)
        self.memo_edit.textChanged.connect(self._memo_edited)
        details.addWidget(self.memo_edit, 1)
        memo_actions = QHBoxLayout()
        memo_actions.addStretch(1)
        self.save_memo_button = QPushButton(_("Save memo"))
        self.save_memo_button.clicked.connect(self.save_memo)
        memo_actions.addWidget(self.save_memo_button)
        details.addLayout(memo_actions)
        self.filler = QWidget()  # keeps the empty panel's sentence at the top
        layout.addWidget(self.filler, 1)
        self._show_current(None)
        self._show_empty(True)

    # content ------------------------------------------------------------------------------------------
    def show_codings(self, rows: list[CodingHere], current: str | None = None) -> None:
        """List ``rows``; keep the chosen coding when it is still there (or choose ``current``)."""
        keep = current or self.current_coding_id()
        if rows == list(self._rows.values()) and keep == self.current_coding_id():
            return  # nothing changed: leave the memo being typed alone
        self._rows = {row.coding_id: row for row in rows}
        self.list.blockSignals(True)
        self.list.clear()
        chosen = 0
        for index, row in enumerate(rows):
            detail = _("{coder} · “{text}”").format(coder=row.coder_name, text=excerpt(row.text))
            item = QListWidgetItem(swatch(row.colour), f"{row.code_name}\n{detail}")
            item.setData(CODING_ROLE, row.coding_id)
            item.setToolTip(row.text)
            self.list.addItem(item)
            if row.coding_id == keep:
                chosen = index
        if rows:
            self.list.setCurrentRow(chosen)
        self.list.blockSignals(False)
        self._show_empty(not rows)
        self._show_current(self.list.currentItem())

    def _show_empty(self, empty: bool) -> None:
        self.empty_label.setVisible(empty)
        self.filler.setVisible(empty)
        self.list.setVisible(not empty)
        self.details.setVisible(not empty)

    def current_coding_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(CODING_ROLE) if item is not None else None

    def choose(self, coding_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(CODING_ROLE) == coding_id:
                self.list.setCurrentRow(row)
                return

    def _show_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        row = self._rows.get(item.data(CODING_ROLE)) if item is not None else None
        for widget in (self.remove_button, self.quotable_box, self.memo_edit):
            widget.setEnabled(row is not None)
        self.quotable_box.setChecked(bool(row and row.quotable))
        self.memo_edit.blockSignals(True)
        self.memo_edit.setPlainText(row.memo if row else "")
        self.memo_edit.blockSignals(False)
        self.save_memo_button.setEnabled(False)
        self.current_changed.emit(row.coding_id if row else "")

    def _memo_edited(self) -> None:
        row = self._rows.get(self.current_coding_id() or "")
        self.save_memo_button.setEnabled(row is not None and self.memo_edit.toPlainText() != row.memo)

    def save_memo(self) -> None:
        self._emit_for_current(lambda key: self.memo_saved.emit(key, self.memo_edit.toPlainText()))

    def _emit_for_current(self, emit) -> None:
        key = self.current_coding_id()
        if key is not None:
            emit(key)
