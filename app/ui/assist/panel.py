"""Assisted coding: the sentences that may belong to a code, for the analyst to accept or reject.

The panel shows the chosen code's keywords and example phrases (editable here: they are part of
the codebook), then the suggestions, best first, with the matched words marked. « Accept » (key A)
codes the sentence for the current coder, « Reject » (key R) records that it does not belong; both
move on to the next suggestion. Nothing is coded any other way. Suggestions are computed on the GUI
thread: on a study of a few dozen interviews it takes tens of milliseconds.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services import assist
from app.services.coding import CodingError, code_ancestors, live_codes
from app.store.project import Project
from app.ui.areas.base import SPACING, fit_columns, make_table, muted, row_of
from app.ui.swatch import swatch
from app.ui.assist.model import (
    PARTICIPANT_COLUMN,
    PASSAGE_COLUMN,
    REASONS_COLUMN,
    SCORE_COLUMN,
    PassageDelegate,
    ScoreDelegate,
    SuggestionModel,
)

HINT_LINES = 5
INDENT = "    "


class SuggestionsPanel(QWidget):
    """``open_requested(transcript_id, start, end)`` on double-click; ``changed`` after a coding
    or a codebook edit; ``step_made`` carries the undo Step of each decision."""

    open_requested = Signal(str, int, int)
    changed = Signal()
    step_made = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._coder_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 2)

        choices = QHBoxLayout()
        choices.setSpacing(SPACING - 4)
        choices.addWidget(QLabel(_("Code")))
        self.code_combo = QComboBox()
        self.code_combo.setAccessibleName(_("Code"))
        self.code_combo.setMinimumContentsLength(28)
        self.code_combo.currentIndexChanged.connect(self._code_changed)
        choices.addWidget(self.code_combo)
        choices.addSpacing(SPACING)
        choices.addWidget(QLabel(_("In")))
        self.transcript_combo = QComboBox()
        self.transcript_combo.setAccessibleName(_("Transcript"))
        self.transcript_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.transcript_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        choices.addWidget(self.transcript_combo)
        choices.addStretch(1)
        layout.addLayout(choices)

        hints = QGridLayout()
        hints.setHorizontalSpacing(SPACING)
        hints.setVerticalSpacing(4)
        hints.addWidget(QLabel(_("Keywords")), 0, 0)
        hints.addWidget(QLabel(_("Example phrases")), 0, 1)
        self.keywords_edit = self._hint_edit(_("Keywords, one per line"), _("loneliness\nisolation"))
        self.phrases_edit = self._hint_edit(_("Example phrases, one per line"),
                                            _("I feel alone with my decisions."))
        hints.addWidget(self.keywords_edit, 1, 0)
        hints.addWidget(self.phrases_edit, 1, 1)
        hints.setColumnStretch(0, 2)
        hints.setColumnStretch(1, 3)
        self.save_hints_button = QPushButton(_("Save and suggest again"))
        self.save_hints_button.setToolTip(_("The keywords and example phrases are part of the codebook: "
                                            "the change is recorded in its history."))
        self.save_hints_button.clicked.connect(self.save_hints)
        hints.addWidget(self.save_hints_button, 1, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(hints)
        self.hint_label = muted(_("One per line. Other forms of each word are found too (seule, seuls); accents "
                                  "and capitals are ignored. Only the participants' words are suggested."))
        layout.addWidget(self.hint_label)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.model = SuggestionModel()
        self.view = make_table(self.model, sortable=False, wrap=True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setItemDelegateForColumn(SCORE_COLUMN, ScoreDelegate(self.model, self.view))
        self.view.setItemDelegateForColumn(PASSAGE_COLUMN, PassageDelegate(self.model, self.view))
        self.view.doubleClicked.connect(self._open)
        self.view.installEventFilter(self)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        layout.addWidget(self.view, 1)

        actions = QHBoxLayout()
        actions.setSpacing(SPACING - 4)
        self.accept_button = QPushButton(_("Accept (A)"))
        self.accept_button.setToolTip(_("Code this sentence with the code, as you, and go to the next one."))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button = QPushButton(_("Reject (R)"))
        self.reject_button.setToolTip(_("This sentence does not belong to the code: it will not be suggested "
                                        "to you again."))
        self.reject_button.clicked.connect(self.reject_current)
        self.accept_all_button = QPushButton(_("Accept all selected"))
        self.accept_all_button.clicked.connect(self.accept_selected)
        for button in (self.accept_button, self.reject_button, self.accept_all_button):
            actions.addWidget(button)
        actions.addSpacing(SPACING)
        self.message_label = muted(_("Double-click a sentence to read it in its transcript."))
        actions.addWidget(self.message_label, 1)
        layout.addLayout(actions)
        self._update_buttons()
        self.setEnabled(False)

    def _hint_edit(self, name: str, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        lines = edit.fontMetrics().lineSpacing() * HINT_LINES
        edit.setFixedHeight(lines + 2 * int(edit.document().documentMargin()) + 2 * edit.frameWidth() + 4)
        edit.textChanged.connect(self._update_buttons)
        return edit

    # the project, the code, the transcript ------------------------------------------------------
    def set_project(self, project: Project | None, coder_id: str | None) -> None:
        """Suggest for this coder from now on; the code and transcript chosen stay when they still exist."""
        self._project, self._coder_id = project, coder_id
        self.setEnabled(project is not None and coder_id is not None)
        code_id, transcript_id = self.code_combo.currentData(), self.transcript_combo.currentData()
        for combo in (self.code_combo, self.transcript_combo):
            combo.blockSignals(True)
            combo.clear()
        self.transcript_combo.addItem(_("All transcripts"), None)
        if project is not None:
            for code in live_codes(project):
                depth = len(code_ancestors(project, code.parent_id))
                self.code_combo.addItem(swatch(code.colour), INDENT * depth + code.name, code.id)
            for choice_id, title in assist.transcript_choices(project):
                self.transcript_combo.addItem(title, choice_id)
        self.code_combo.setCurrentIndex(max(0, self.code_combo.findData(code_id)))
        self.transcript_combo.setCurrentIndex(max(0, self.transcript_combo.findData(transcript_id)))
        for combo in (self.code_combo, self.transcript_combo):
            combo.blockSignals(False)
        self._code_changed()

    def show_code(self, code_id: str, transcript_id: str | None = None) -> None:
        """Suggest for this code (and, when given, in this transcript only)."""
        self.transcript_combo.blockSignals(True)
        self.transcript_combo.setCurrentIndex(max(0, self.transcript_combo.findData(transcript_id)))
        self.transcript_combo.blockSignals(False)
        index = self.code_combo.findData(code_id)
        if index == self.code_combo.currentIndex():
            self._code_changed()
        elif index >= 0:
            self.code_combo.setCurrentIndex(index)

    def code_id(self) -> str | None:
        return self.code_combo.currentData()

    def _code_changed(self, _index: int = 0) -> None:
        code_id = self.code_id()
        code = self._project.codes.get(code_id) if self._project is not None and code_id else None
        for edit, text in ((self.keywords_edit, code.keywords if code else ""),
                           (self.phrases_edit, code.example_phrases if code else "")):
            edit.blockSignals(True)
            edit.setPlainText(text)
            edit.blockSignals(False)
        self.model.colour = code.colour if code else "#888888"
        self.refresh()

    # suggestions ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for suggestions again (after the code, the transcript or the hints changed)."""
        code_id = self.code_id()
        if self._project is None or self._coder_id is None or code_id is None:
            self.model.set_rows([])
            self.summary_label.setText("")
            self._update_buttons()
            return
        try:
            found = assist.suggest(self._project, code_id, self._coder_id, self.transcript_combo.currentData())
        except (assist.AssistError, sqlite3.Error) as error:
            found = []
            self.summary_label.setText(str(error))
        else:
            self.summary_label.setText(self._summary(len(found)))
        self.model.set_rows(found)
        fit_columns(self.view, max_width=260, stretch=(PASSAGE_COLUMN,))
        self.view.setColumnWidth(SCORE_COLUMN, 80)
        self.view.setColumnWidth(PARTICIPANT_COLUMN, 110)
        self.view.setColumnWidth(REASONS_COLUMN, 250)
        self.view.resizeRowsToContents()
        if found:
            self._select_row(0)
        self._update_buttons()

    def _summary(self, count: int) -> str:
        code = self.code_combo.currentText().strip()
        if count:
            return ngettext(
                "{n} sentence may belong to “{code}”, best first. Nothing is coded until you accept it.",
                "{n} sentences may belong to “{code}”, best first. Nothing is coded until you accept them.",
                count).format(n=count, code=code)
        if not (self.keywords_edit.toPlainText().strip() or self.phrases_edit.toPlainText().strip()):
            return _("Give the code a few keywords or example phrases: Terrain then suggests the sentences that "
                     "use them.")
        return _("No sentence left to suggest for “{code}”: those that match are coded or decided.").format(
            code=code)

    def save_hints(self) -> None:
        code_id = self.code_id()
        if self._project is None or code_id is None:
            return
        author = self._project.coders.get(self._coder_id).name if self._coder_id else ""
        try:
            assist.set_hints(self._project, code_id, self.keywords_edit.toPlainText(),
                             self.phrases_edit.toPlainText(), actor=author)
        except assist.AssistError as error:
            self.message_label.setText(str(error))
            return
        self._code_changed()
        self.changed.emit()

    def _hints_edited(self) -> bool:
        code_id = self.code_id()
        if self._project is None or code_id is None:
            return False
        code = self._project.codes.get(code_id)
        return (assist.hint_lines(self.keywords_edit.toPlainText()) != assist.hint_lines(code.keywords)
                or assist.hint_lines(self.phrases_edit.toPlainText()) != assist.hint_lines(code.example_phrases))

    # decisions ----------------------------------------------------------------------------------
    def _selected(self) -> list:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    def _current(self):
        return row_of(self.view.currentIndex())

    def accept_current(self) -> None:
        suggestion = self._current()
        if suggestion is not None:
            self._decide([suggestion], accept=True)

    def reject_current(self) -> None:
        suggestion = self._current()
        if suggestion is not None:
            self._decide([suggestion], accept=False)

    def accept_selected(self) -> None:
        chosen = self._selected()
        if chosen:
            self._decide(chosen, accept=True)

    def _decide(self, suggestions: list, accept: bool) -> None:
        code_id = self.code_id()
        if self._project is None or self._coder_id is None or code_id is None:
            return
        row = self.model.rows().index(suggestions[0])
        try:
            if accept:
                step = assist.accept_many(self._project, suggestions, code_id, self._coder_id)
            else:
                step = assist.reject(self._project, suggestions[0], code_id, self._coder_id)
        except (assist.AssistError, CodingError) as error:
            self.message_label.setText(str(error))
            return
        self.model.remove(suggestions)
        count = len(suggestions)
        if accept:
            self.message_label.setText(ngettext("{n} sentence coded.", "{n} sentences coded.", count).format(n=count))
        else:
            self.message_label.setText(_("Rejected: it will not be suggested to you again."))
        self.summary_label.setText(self._summary(self.model.rowCount()))
        if self.model.rowCount():
            self._select_row(min(row, self.model.rowCount() - 1))
        self._update_buttons()
        self.step_made.emit(step)
        if accept:
            self.changed.emit()

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, PASSAGE_COLUMN)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def _update_buttons(self) -> None:
        has_current = self._current() is not None
        self.accept_button.setEnabled(has_current)
        self.reject_button.setEnabled(has_current)
        self.accept_all_button.setEnabled(len(self.view.selectionModel().selectedRows()) > 1)
        self.save_hints_button.setEnabled(self._hints_edited())

    # keys and opening -----------------------------------------------------------------------------
    def _open(self, index) -> None:
        suggestion = row_of(index)
        if suggestion is not None:
            self.open_requested.emit(suggestion.transcript_id, suggestion.start, suggestion.end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return super().eventFilter(watched, event)
            if event.key() == Qt.Key.Key_A:
                self.accept_current()
                return True
            if event.key() == Qt.Key.Key_R:
                self.reject_current()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)
