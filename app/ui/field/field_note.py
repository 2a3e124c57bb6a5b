"""The reflexive field note, written after the interview: guided prompts, saved as you type.

The note exists (and the interview counts as complete) from the first thing typed; opening the
page and closing it without writing leaves the interview marked as missing its note.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services import fieldwork
from app.store.project import Project
from app.ui.areas.base import heading, muted
from app.ui.field.saving import FieldWrites, TypingSaver
from app.ui.formatting import format_datetime
from app.ui.guide.saving import exact_text
from app.ui.labels import FIELD_NOTE_TITLES
from app.ui.sync.hook import send_to_sync_folder


class FieldNoteDialog(QDialog):
    saved = Signal(str)  # interview id, after each save

    def __init__(self, project: Project, interview_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.interview_id = interview_id
        interview = project.interviews.get(interview_id)
        code = project.participants.get(interview.participant_id).code
        self.setWindowTitle(_("Reflexive field note — interview with {code}").format(code=code))
        self.resize(1280, 800)
        self.writes = FieldWrites(project, self)
        self.writes.failed.connect(lambda message: self._status(message))
        self.saver = TypingSaver(lambda key, _value: self._write(), parent=self)
        self.saver.saved.connect(self._saved)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(36, 20, 36, 14)
        outer.setSpacing(10)
        outer.addWidget(heading(_("Reflexive field note — interview with {code}").format(code=code), 1))
        outer.addWidget(muted(_(
            "Write it now, while memory is fresh: it says how the interview went and what may have shaped the "
            "answers. Each field is saved as you type; the interview counts as complete once the note exists.")))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        fields = QVBoxLayout(content)
        fields.setContentsMargins(0, 4, 12, 4)
        fields.setSpacing(4)
        existing = fieldwork.field_note_of(project, interview_id)
        self.editors: dict[str, QPlainTextEdit] = {}
        for name, prompt in fieldwork.FIELD_NOTE_PROMPTS:
            title = FIELD_NOTE_TITLES.get(name)
            fields.addWidget(heading(_(title) if title else _(prompt), 3))
            if title:
                fields.addWidget(muted(_(prompt)))
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setAccessibleName(_(title) if title else _(prompt))
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 18)
            if existing is not None:
                editor.setPlainText(getattr(existing, name, "") or "")
            editor.textChanged.connect(lambda: self.saver.change(self.interview_id, None))
            fields.addWidget(editor)
            fields.addSpacing(8)
            self.editors[name] = editor
        fields.addStretch(1)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.status_label = muted()
        if existing is not None:
            self._status(_("Written on {date}; changes are saved as you type.").format(
                date=format_datetime(existing.written_at)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        bottom = QVBoxLayout()
        bottom.addWidget(self.status_label)
        bottom.addWidget(buttons)
        outer.addLayout(bottom)
        first = next(iter(self.editors.values()))
        first.setFocus()

    def answers(self) -> dict[str, str]:
        return {name: exact_text(editor) for name, editor in self.editors.items()}

    def _write(self):
        return self.writes.call(fieldwork.save_field_note, self.interview_id, **self.answers())

    def _saved(self, _key, note) -> None:
        self._status(_("Saved."))
        self.saved.emit(self.interview_id)

    def _status(self, text: str) -> None:
        self.status_label.setText(text)

    def flush(self) -> None:
        self.saver.flush()

    def done(self, result: int) -> None:
        self.flush()
        super().done(result)
        # The interview is closed: on a field laptop with a sync folder, its bundle goes there now.
        send_to_sync_folder(self.project, self.parentWidget())

    def closeEvent(self, event) -> None:
        self.flush()
        super().closeEvent(event)


