"""The quick-search palette: type a few letters of a theme, press Enter, the selection is coded.

Letters match anywhere in a theme's name, without regard to accents or case (« isol » finds
« Isolement », « ecole » finds « École »). The themes used last come first, so coding the same
theme again is Ctrl+K, Enter.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.core.coding import Code
from app.i18n import _
from app.ui.areas.base import RoomyRows, muted
from app.ui.swatch import swatch

CODE_ROLE = Qt.ItemDataRole.UserRole
WIDTH = 360
ROWS_SHOWN = 9


def folded(text: str) -> str:
    """Text without accents and case, for matching what a person types."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character)).casefold()


def ordered_matches(codes: Sequence[Code], typed: str, recent: Sequence[str]) -> list[Code]:
    """The codes whose name holds ``typed``: the recently used first (latest first), then the codebook's order."""
    needle = folded(typed.strip())
    matching = [code for code in codes if needle in folded(code.name)]
    rank = {code_id: position for position, code_id in enumerate(recent)}
    return sorted(matching, key=lambda code: rank.get(code.id, len(rank)))  # sorted() keeps ties in order


class CodePalette(QFrame):
    """A small popup over the text; ``chosen`` carries the code id picked."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(WIDTH)
        self._codes: list[Code] = []
        self._recent: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Theme to apply: type a few letters"))
        self.filter_edit.setAccessibleName(_("Theme to apply"))
        self.filter_edit.textChanged.connect(self._fill)
        self.filter_edit.installEventFilter(self)
        layout.addWidget(self.filter_edit)
        self.list = QListWidget()
        self.list.setItemDelegate(RoomyRows(self.list))
        self.list.setUniformItemSizes(True)
        self.list.itemActivated.connect(self._choose)
        self.list.installEventFilter(self)
        layout.addWidget(self.list)
        self.empty_label = muted(_("No theme matches: check the spelling, or add the theme to the codebook."))
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        self.hint_label: QLabel = muted(_("Enter codes the selection; Esc closes."))
        layout.addWidget(self.hint_label)

    def open_at(self, codes: Sequence[Code], recent: Sequence[str], where: QPoint) -> None:
        """Show the palette at ``where`` (global coordinates) with the live codes."""
        self._codes = list(codes)
        self._recent = list(recent)
        self.filter_edit.blockSignals(True)
        self.filter_edit.clear()
        self.filter_edit.blockSignals(False)
        self._fill()
        row_height = max(self.list.sizeHintForRow(0), 24) if self.list.count() else 28
        self.list.setFixedHeight(row_height * min(ROWS_SHOWN, max(3, self.list.count())) + 6)
        self.adjustSize()
        self.move(where)
        self.show()
        self.raise_()
        self.activateWindow()
        self.filter_edit.setFocus()

    def _fill(self, _typed: str = "") -> None:
        self.list.clear()
        for code in ordered_matches(self._codes, self.filter_edit.text(), self._recent):
            item = QListWidgetItem(swatch(code.colour), code.name)
            item.setData(CODE_ROLE, code.id)
            if code.definition:
                item.setToolTip(code.definition)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.empty_label.setVisible(self.list.count() == 0)
        self.list.setVisible(self.list.count() > 0)
        self.adjustSize()

    def current_code_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(CODE_ROLE) if item is not None else None

    def _choose(self, item: QListWidgetItem | None = None) -> None:
        code_id = item.data(CODE_ROLE) if item is not None else self.current_code_id()
        if code_id is None:
            return
        self.hide()
        self.chosen.emit(code_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose()
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if watched is self.filter_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown,
                                                       Qt.Key.Key_PageUp):
                # Arrows move in the list while the typing stays in the filter.
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}[key]
                if self.list.count():
                    row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                    self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)
