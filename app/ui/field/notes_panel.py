"""The notes of the current question: a large field that saves as you type, the time the note
was begun, and whether a third party answered for the participant."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QVBoxLayout, QWidget

from app.i18n import _
from app.ui.areas.base import heading, muted
from app.ui.field.question_view import scaled

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


class NotesEdit(QPlainTextEdit):
    """A plain text field that lets the runner's keys through.

    A text field claims Ctrl+Left/Right for moving by words, which would swallow the runner's
    next/previous question keys while the cursor is in the notes, where it always is.
    """

    def __init__(self, reserved: set[QKeyCombination] | None = None, parent=None):
        super().__init__(parent)
        self.reserved: set[QKeyCombination] = set(reserved or ())
        self.setTabChangesFocus(True)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.keyCombination() in self.reserved:
                event.ignore()
                return True
        return super().event(event)


class NotesPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(heading(_("Notes"), 3))
        self.started_label = muted()
        self.started_label.setWordWrap(False)
        top.addWidget(self.started_label, 1, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(top)
        self.editor = NotesEdit()
        self.editor.setPlaceholderText(_("Notes on this answer: they are saved as you type."))
        self.editor.setAccessibleName(_("Notes on this answer"))
        scaled(self.editor, 1.3)
        layout.addWidget(self.editor, 1)
        bottom = QHBoxLayout()
        self.third_party = QCheckBox(_("Answer given by a third party"))
        self.third_party.setToolTip(_("Tick it when a relative, a carer or anyone else answered for the participant."))
        bottom.addWidget(self.third_party)
        self.status_label = muted()
        self.status_label.setWordWrap(True)
        bottom.addWidget(self.status_label, 1, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(bottom)

    def show_started(self, offset_text: str) -> None:
        self.started_label.setText(_("Note begun at {time}").format(time=offset_text) if offset_text else "")

    def show_status(self, text: str, problem: bool = False) -> None:
        palette = self.status_label.palette()
        role = QPalette.ColorRole.WindowText
        colour = QColor("#a33a1f") if problem else palette.color(QPalette.ColorRole.PlaceholderText)
        palette.setColor(role, colour)
        self.status_label.setPalette(palette)
        self.status_label.setText(text)
