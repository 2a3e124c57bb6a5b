"""One memo's title, date and text, edited in place; shared by the memo panel and the journal.

The editor knows whether what is shown differs from what is stored (``is_dirty``) and writes it
through the memos service when asked (``save``). The panels around it ask before anything else
replaces what it shows, so that nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.coding import Memo
from app.i18n import _
from app.services import memos
from app.store.project import Project
from app.ui.areas.base import SPACING, muted

ISO = Qt.DateFormat.ISODate


class MemoEditor(QWidget):
    """Edits one memo (or a new one on a given target). Emits ``saved``/``deleted`` with the memo's
    id after a write, and ``step_made`` with the undo Step of a deletion."""

    saved = Signal(str)
    deleted = Signal(str)
    step_made = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._author = ""
        self._memo: Memo | None = None
        self._target: tuple[str, str | None] | None = None
        self._shown: tuple[str, str, str] = ("", "", "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)

        top = QHBoxLayout()
        top.setSpacing(SPACING)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(_("Title of the memo"))
        self.title_edit.setAccessibleName(_("Title of the memo"))
        top.addWidget(self.title_edit, 1)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(_("Date of the memo"))
        self.date_edit.setToolTip(_("The day the memo was written: the journal is ordered by it."))
        top.addWidget(self.date_edit)
        layout.addLayout(top)

        self.body_edit = QPlainTextEdit()
        self.body_edit.setPlaceholderText(_("What you noticed, a question to follow up, a decision and why…"))
        self.body_edit.setAccessibleName(_("Text of the memo"))
        layout.addWidget(self.body_edit, 1)

        self.status_label = muted()
        layout.addWidget(self.status_label)

        buttons = QHBoxLayout()
        buttons.setSpacing(SPACING - 4)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setToolTip(_("Save the memo (Ctrl+S). It is also saved when you move to another one."))
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        for signal in (self.title_edit.textChanged, self.body_edit.textChanged, self.date_edit.dateChanged):
            signal.connect(self._update_buttons)
        self.clear()

    # what is shown ------------------------------------------------------------------------------
    def set_context(self, project: Project | None, author: str) -> None:
        self._project = project
        self._author = author

    def memo(self) -> Memo | None:
        return self._memo

    def show_memo(self, memo: Memo) -> None:
        """Show a stored memo; the caller has saved what was shown before."""
        self._memo, self._target = memo, (memo.target_kind, memo.target_id)
        self._fill(memo.title, memo.written_on, memo.body)
        self.status_label.setText(_("Written by {author}.").format(author=memo.author) if memo.author else "")

    def start_new(self, kind: str, target_id: str | None) -> None:
        """An empty memo on this target, dated today; stored on the first save."""
        self._memo, self._target = None, (kind, target_id)
        self._fill("", QDate.currentDate().toString(ISO), "")
        self.status_label.setText(_("A new memo: it is stored when you save it or move on."))
        self.title_edit.setFocus()

    def clear(self) -> None:
        """Nothing to edit (no target)."""
        self._memo, self._target = None, None
        self._fill("", QDate.currentDate().toString(ISO), "")
        self.status_label.setText("")

    def _fill(self, title: str, written_on: str, body: str) -> None:
        for widget in (self.title_edit, self.body_edit, self.date_edit):
            widget.blockSignals(True)
        self.title_edit.setText(title)
        self.body_edit.setPlainText(body)
        self.date_edit.setDate(QDate.fromString(written_on, ISO))
        for widget in (self.title_edit, self.body_edit, self.date_edit):
            widget.blockSignals(False)
        self._shown = self._values()
        self._update_buttons()

    def _values(self) -> tuple[str, str, str]:
        return (self.title_edit.text().strip(), self.date_edit.date().toString(ISO), self.body_edit.toPlainText())

    def is_dirty(self) -> bool:
        """Whether something typed is not stored yet (an empty new memo is nothing to keep)."""
        if self._target is None or self._values() == self._shown:
            return False
        title, _date, body = self._values()
        return self._memo is not None or bool(title or body.strip())

    def _update_buttons(self) -> None:
        editable = self._target is not None and self._project is not None
        for widget in (self.title_edit, self.body_edit, self.date_edit):
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable and self.is_dirty())
        self.delete_button.setEnabled(editable and self._memo is not None)

    # writing ------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Store what is shown; True when it is stored (or there was nothing to store)."""
        if not self.is_dirty() or self._project is None or self._target is None:
            return True
        title, written_on, body = self._values()
        try:
            if self._memo is None:
                memo = memos.add_memo(self._project, *self._target, title, body, self._author, written_on)
            else:
                memo = memos.update_memo(self._project, self._memo.id, title=title, body=body, written_on=written_on,
                                         actor=self._author)
        except memos.MemoError as error:
            self.status_label.setText(str(error))
            return False
        self._memo = memo
        self._shown = self._values()
        self.status_label.setText(_("Saved."))
        self._update_buttons()
        self.saved.emit(memo.id)
        return True

    def delete(self) -> None:
        if self._project is None or self._memo is None:
            return
        title = self._memo.title or _("untitled")
        answer = QMessageBox.question(
            self, _("Delete a memo"),
            _("Delete the memo “{title}”? Edit ▸ Undo brings it back.").format(title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        memo_id = self._memo.id
        step = memos.delete_memo(self._project, memo_id, actor=self._author)
        self.clear()  # the panel around picks what to show next
        self.step_made.emit(step)
        self.deleted.emit(memo_id)
