"""A question's probes, and the library of neutral probes that attaches one in a click."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.guide import Probe
from app.i18n import _
from app.services import guides
from app.ui.areas.base import muted
from app.ui.guide.saving import GuideWrites

PROBE_ROLE = Qt.ItemDataRole.UserRole


def compact_list(rows: int) -> QListWidget:
    view = QListWidget()
    view.setWordWrap(True)
    view.setAlternatingRowColors(True)
    view.setMinimumHeight(rows * 26)
    return view


class ProbesBox(QWidget):
    changed = Signal()  # probes attached, edited or removed

    def __init__(self, writes: GuideWrites, parent=None):
        super().__init__(parent)
        self.writes = writes
        self.question_id: str | None = None
        self.editable = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(6)
        self.probe_list = compact_list(2)
        self.probe_list.setToolTip(_("Double-click or F2 to edit a probe; Del removes it."))
        self.probe_list.itemChanged.connect(self._edited)
        self.probe_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.probe_list, 1)
        row = QHBoxLayout()
        self.new_probe = QLineEdit()
        self.new_probe.setPlaceholderText(_("Another probe…"))
        self.new_probe.setToolTip(_("Write a probe of your own and press Enter"))
        self.new_probe.returnPressed.connect(self.add_typed)
        self.new_probe.textChanged.connect(lambda _text: self._update_buttons())
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_current)
        row.addWidget(self.new_probe, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.probe_list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self.remove_current)

        self.library_hint = muted(_("Neutral probes: one click attaches it to the question."))
        layout.addWidget(self.library_hint)
        self.library = compact_list(4)
        self.library.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.library.setCursor(Qt.CursorShape.PointingHandCursor)
        self.library.itemClicked.connect(self.attach_from_library)
        self.library.itemActivated.connect(self.attach_from_library)
        layout.addWidget(self.library, 2)

    # showing -----------------------------------------------------------------------------------
    def set_library(self, probes: list[str]) -> None:
        self.library.clear()
        for text in probes:
            item = QListWidgetItem("+  " + text)
            item.setData(PROBE_ROLE, text)
            item.setToolTip(_("Attach “{text}” to the question").format(text=text))
            self.library.addItem(item)

    def show_probes(self, question_id: str | None, probes: list[Probe], editable: bool) -> None:
        self.question_id = question_id
        self.editable = editable
        self.probe_list.blockSignals(True)
        self.probe_list.clear()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        for probe in probes:
            item = QListWidgetItem(probe.text)
            item.setData(PROBE_ROLE, probe)
            item.setFlags(flags)
            self.probe_list.addItem(item)
        self.probe_list.blockSignals(False)
        self.new_probe.setEnabled(editable)
        self.library.setEnabled(editable)
        self._mark_attached()
        self._update_buttons()

    def attached_texts(self) -> list[str]:
        return [self.probe_list.item(row).text() for row in range(self.probe_list.count())]

    def _mark_attached(self) -> None:
        attached = set(self.attached_texts())
        for row in range(self.library.count()):
            item = self.library.item(row)
            text = item.data(PROBE_ROLE)
            item.setText(("✓  " if text in attached else "+  ") + text)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.editable and bool(self.new_probe.text().strip()))
        self.remove_button.setEnabled(self.editable and self.probe_list.currentItem() is not None)

    # changing ----------------------------------------------------------------------------------
    def attach(self, text: str) -> bool:
        text = text.strip()
        if not (self.editable and self.question_id and text) or text in self.attached_texts():
            return False
        probe = self.writes.call(guides.add_probe, self.question_id, text)
        if probe is None:
            return False
        item = QListWidgetItem(probe.text)
        item.setData(PROBE_ROLE, probe)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.probe_list.blockSignals(True)
        self.probe_list.addItem(item)
        self.probe_list.blockSignals(False)
        self._mark_attached()
        self.changed.emit()
        return True

    def attach_from_library(self, item: QListWidgetItem) -> None:
        self.attach(item.data(PROBE_ROLE))

    def add_typed(self) -> None:
        if self.attach(self.new_probe.text()):
            self.new_probe.clear()

    def remove_current(self) -> None:
        item = self.probe_list.currentItem()
        if item is None or not self.editable:
            return
        probe: Probe = item.data(PROBE_ROLE)
        if not self.writes.attempt(guides.delete_probe, probe.id):
            return
        self.probe_list.takeItem(self.probe_list.row(item))
        self._mark_attached()
        self._update_buttons()
        self.changed.emit()

    def _edited(self, item: QListWidgetItem) -> None:
        probe: Probe = item.data(PROBE_ROLE)
        text = item.text().strip()
        if not text:  # an emptied probe is put back rather than stored blank
            self.probe_list.blockSignals(True)
            item.setText(probe.text)
            self.probe_list.blockSignals(False)
            return
        updated = self.writes.call(guides.update_probe, probe.id, text)
        if updated is not None:
            self.probe_list.blockSignals(True)
            item.setData(PROBE_ROLE, updated)
            self.probe_list.blockSignals(False)
            self._mark_attached()
            self.changed.emit()
