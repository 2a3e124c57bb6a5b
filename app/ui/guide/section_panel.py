"""The selected section: its title and the notes for whoever leads the interview."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.core.guide import GuideSection
from app.i18n import _
from app.services import guides
from app.ui.areas.base import heading, muted
from app.ui.guide.saving import DebouncedSave, GuideWrites, exact_text


class SectionPanel(QWidget):
    title_changed = Signal(str)  # as typed, before it is saved

    def __init__(self, writes: GuideWrites, parent=None):
        super().__init__(parent)
        self.writes = writes
        self.section_id: str | None = None
        self.editable = False
        self.save = DebouncedSave(
            lambda section_id, changes: self.writes.call(guides.update_section, section_id, **changes), parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 10, 0)
        layout.setSpacing(8)
        layout.addWidget(heading(_("Section"), 2))
        layout.addWidget(muted(_("A section groups the questions on one theme; general themes come first.")))
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.textEdited.connect(self._title_edited)
        form.addRow(_("&Title"), self.title_edit)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setPlaceholderText(_("What the interviewer should keep in mind in this part"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.textChanged.connect(self._notes_edited)
        form.addRow(_("&Notes"), self.notes_edit)
        layout.addLayout(form, 1)

    def show_section(self, section: GuideSection, editable: bool) -> None:
        self.save.flush()
        self.section_id = section.id
        self.editable = editable
        self.title_edit.setText(section.title)
        self.notes_edit.blockSignals(True)
        self.notes_edit.setPlainText(section.notes)
        self.notes_edit.blockSignals(False)
        self.title_edit.setReadOnly(not editable)
        self.notes_edit.setReadOnly(not editable)

    def _title_edited(self, text: str) -> None:
        if self.editable and self.section_id and text.strip():
            self.title_changed.emit(text)
            self.save.change(self.section_id, title=text.strip())

    def _notes_edited(self) -> None:
        if self.editable and self.section_id:
            self.save.change(self.section_id, notes=exact_text(self.notes_edit))
