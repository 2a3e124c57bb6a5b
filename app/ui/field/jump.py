"""Jump to any question of the guide (Ctrl+J): a list to filter by typing, Enter to go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.i18n import _
from app.services.fieldwork import RunQuestion

STEP_ROLE = Qt.ItemDataRole.UserRole


class JumpDialog(QDialog):
    """``steps``: the questions, then the questionnaire when the study has one (step len(questions))."""

    def __init__(self, questions: list[RunQuestion], current: int, answered: set[str], with_questionnaire: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Go to a question"))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Type to filter, then Enter"))
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        section = None
        for index, item in enumerate(questions):
            if item.section.id != section:
                section = item.section.id
                header = QListWidgetItem(item.section.title)
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                header.setForeground(self.palette().windowText())  # a heading, not a greyed-out entry
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
            mark = "✓" if item.question.id in answered else "  "
            entry = QListWidgetItem(f"{mark}  {index + 1}. {item.question.text}")
            entry.setData(STEP_ROLE, index)
            if item.question.is_sensitive:
                entry.setToolTip(_("Sensitive question"))
            self.list.addItem(entry)
            if index == current:
                self.list.setCurrentItem(entry)
        if with_questionnaire:
            entry = QListWidgetItem(_("Questionnaire"))
            entry.setData(STEP_ROLE, len(questions))
            font = entry.font()
            font.setBold(True)
            entry.setFont(font)
            self.list.addItem(entry)
            if current == len(questions):
                self.list.setCurrentItem(entry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Go"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.returnPressed.connect(self.accept)
        self.filter.installEventFilter(self)
        self.filter.setFocus()

    def eventFilter(self, watched, event) -> bool:
        # Up and Down move in the list while the cursor stays in the filter.
        if watched is self.filter and event.type() == event.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            step = item.data(STEP_ROLE)
            hidden = bool(needle) and (step is None or needle not in item.text().casefold())
            item.setHidden(hidden)
            if not hidden and step is not None and first is None:
                first = item
        if needle and first is not None:
            self.list.setCurrentItem(first)

    def chosen_step(self) -> int | None:
        item = self.list.currentItem()
        return item.data(STEP_ROLE) if item is not None else None
