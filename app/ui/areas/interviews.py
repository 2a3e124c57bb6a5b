"""Interviews, with the notes taken during the selected one and its reflexive field note.

From here an interview starts (or resumes) in the runner, and the reflexive note is written.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStyle, QVBoxLayout, QWidget

from app.core.interviews import FieldNote
from app.core.summaries import InterviewRow
from app.i18n import N_, _, ngettext
from app.store import views
from app.store.project import Project
from app.ui.areas.base import (
    Area,
    detail_browser,
    fit_columns,
    heading,
    html_field,
    make_table,
    muted,
    row_of,
    selected_row,
    split,
)
from app.ui.field.field_note import FieldNoteDialog
from app.ui.field.runner import RunnerWindow
from app.ui.field.start import StartInterviewDialog
from app.ui.formatting import format_datetime
from app.ui.labels import FIELD_NOTE_TITLES
from app.ui.models.interviews import InterviewModel, NoteModel

RESUMABLE = ("in_progress", "paused")
NEEDS_FIELD_NOTE = ("completed", "abandoned")


# Whole phrases per status, so that each language can agree the word with the number.
STATUS_COUNTS = {
    "completed": lambda n: ngettext("{n} completed", "{n} completed", n),
    "in_progress": lambda n: ngettext("{n} in progress", "{n} in progress", n),
    "paused": lambda n: ngettext("{n} paused", "{n} paused", n),
    "planned": lambda n: ngettext("{n} planned", "{n} planned", n),
    "abandoned": lambda n: ngettext("{n} abandoned", "{n} abandoned", n),
}


class InterviewsArea(Area):
    key = "interviews"
    title = N_("Interviews")
    subtitle = N_("Each completed interview should have a reflexive field note: missing ones are highlighted.")
    icon = QStyle.StandardPixmap.SP_MediaVolume

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: Project | None = None
        self.runner: RunnerWindow | None = None
        self.field_note_dialog: FieldNoteDialog | None = None
        bar = QHBoxLayout()
        self.start_button = QPushButton(_("Start an interview…"))
        self.start_button.setToolTip(_("Run an interview with the guide on screen: notes, probes and clock."))
        self.start_button.clicked.connect(self.start_interview)
        self.resume_button = QPushButton(_("Resume"))
        self.resume_button.setToolTip(_("Go on with the selected interview where it stopped."))
        self.resume_button.clicked.connect(self.resume_interview)
        self.field_note_button = QPushButton(_("Write the reflexive note…"))
        self.field_note_button.setToolTip(_("Setting, relationship, what may have steered the answers."))
        self.field_note_button.clicked.connect(self.write_field_note)
        for button in (self.start_button, self.resume_button, self.field_note_button):
            bar.addWidget(button)
        self.summary_label = muted()
        bar.addWidget(self.summary_label, 1)
        self.body.addLayout(bar)
        self.model = InterviewModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._show_selected())

        notes_box = QWidget()
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 8, 0, 0)
        self.notes_heading = heading(_("Notes taken during the interview"), 2)
        notes_layout.addWidget(self.notes_heading)
        self.note_model = NoteModel()
        self.note_view = make_table(self.note_model, wrap=True)
        notes_layout.addWidget(self.note_view)

        field_box = QWidget()
        field_layout = QVBoxLayout(field_box)
        field_layout.setContentsMargins(0, 8, 0, 0)
        field_layout.addWidget(heading(_("Reflexive field note"), 2))
        self.field_note_view = detail_browser()
        field_layout.addWidget(self.field_note_view)

        lower = split(Qt.Orientation.Horizontal, (notes_box, 3), (field_box, 2))
        self.body.addWidget(split(Qt.Orientation.Vertical, (self.view, 1), (lower, 1)), 1)

    def load(self, project: Project) -> None:
        self._project = project
        rows = views.interview_rows(project.db)
        self.model.set_rows(rows)
        self.summary_label.setText(self.summary(rows))
        fit_columns(self.view)
        if rows:
            self.view.selectRow(0)
        else:
            self._show_selected()

    def select_interview(self, interview_id: str) -> None:
        proxy = self.view.model()
        for row in range(proxy.rowCount()):
            if row_of(proxy.index(row, 0)).id == interview_id:
                self.view.selectRow(row)
                return

    def _reload(self, interview_id: str | None = None) -> None:
        if self._project is None:
            return
        self.load(self._project)
        if interview_id:
            self.select_interview(interview_id)
        self.changed.emit()

    # running -----------------------------------------------------------------------------------
    def start_interview(self) -> None:
        if self._project is None:
            return
        dialog = StartInterviewDialog(self._project, self)
        if dialog.exec() and dialog.interview is not None:
            self._reload(dialog.interview.id)
            self.open_runner(dialog.interview.id)

    def resume_interview(self) -> None:
        row = selected_row(self.view)
        if row is not None and row.status in RESUMABLE:
            self.open_runner(row.id)

    def open_runner(self, interview_id: str) -> RunnerWindow:
        """The runner, in a window of its own over this one; the list is read again when it closes."""
        if self.runner is not None and not self.runner.isVisible():
            self.runner.deleteLater()  # one closed runner kept at most, for its field-note dialog
        runner = RunnerWindow(self._project, interview_id, self.window())
        runner.setWindowModality(Qt.WindowModality.ApplicationModal)
        runner.closed.connect(self._reload)
        runner.finished.connect(self._runner_finished)
        self.runner = runner
        runner.show()
        runner.activateWindow()
        return runner

    def _runner_finished(self, interview_id: str) -> None:
        self._reload(interview_id)
        dialog = self.runner.field_note_dialog if self.runner is not None else None
        if dialog is not None:
            self._watch_field_note(dialog)

    def write_field_note(self) -> FieldNoteDialog | None:
        row = selected_row(self.view)
        if row is None or self._project is None:
            return None
        dialog = FieldNoteDialog(self._project, row.id, self)
        self._watch_field_note(dialog)
        dialog.open()
        return dialog

    def _watch_field_note(self, dialog: FieldNoteDialog) -> None:
        self.field_note_dialog = dialog
        dialog.saved.connect(self._field_note_saved)
        dialog.finished.connect(lambda _result, interview_id=dialog.interview_id: self._reload(interview_id))

    def _field_note_saved(self, interview_id: str) -> None:
        # The first save makes the interview complete: the list stops showing the note as missing.
        listed = next((row for row in self.model.rows() if row.id == interview_id), None)
        if listed is not None and not listed.has_field_note:
            self._reload(interview_id)

    def _update_buttons(self) -> None:
        row = selected_row(self.view)
        self.start_button.setEnabled(self._project is not None)
        self.resume_button.setEnabled(row is not None and row.status in RESUMABLE and not row.participant_withdrawn)
        self.field_note_button.setEnabled(row is not None and row.status in NEEDS_FIELD_NOTE)
        if row is not None and row.status in NEEDS_FIELD_NOTE:
            self.field_note_button.setText(_("Edit the reflexive note…") if row.has_field_note
                                           else _("Write the reflexive note…"))

    @staticmethod
    def summary(rows: list[InterviewRow]) -> str:
        statuses = Counter(row.status for row in rows)
        parts = [STATUS_COUNTS[status](statuses[status]).format(n=statuses[status])
                 for status in STATUS_COUNTS if statuses[status]]
        text = ngettext("{n} interview", "{n} interviews", len(rows)).format(n=len(rows))
        if parts:
            text += " (" + ", ".join(parts) + ")"
        missing = sum(
            1 for row in rows if row.status in ("completed", "abandoned") and not row.has_field_note
        )
        if missing:
            text += ". " + ngettext(
                "{n} field note missing", "{n} field notes missing", missing
            ).format(n=missing)
        return text + "."

    def _show_selected(self) -> None:
        self._update_buttons()
        row = selected_row(self.view)
        if row is None or self._project is None:
            self.note_model.set_rows([])
            self.field_note_view.clear()
            return
        notes = views.notes_of_interview(self._project.db, row.id)
        self.note_model.set_rows(notes)
        self.notes_heading.setText(
            _("Notes taken during the interview with {code} ({n})").format(code=row.participant_code, n=len(notes))
        )
        fit_columns(self.note_view, stretch=(1, 3))
        field_note = self._project.field_notes.first("interview_id = ?", [row.id], order_by="written_at DESC")
        self.field_note_view.setHtml(self.field_note_html(field_note))

    @staticmethod
    def field_note_html(note: FieldNote | None) -> str:
        if note is None:
            return "<p style='color:gray'>" + escape(
                _("No field note for this interview yet. Write it soon after the interview, while memory is fresh.")
            ) + "</p>"
        parts = [
            "<p style='color:gray'>"
            + escape(_("Written on {date}").format(date=format_datetime(note.written_at)))
            + "</p>"
        ] + [html_field(_(title), getattr(note, name)) for name, title in FIELD_NOTE_TITLES.items()]
        return "".join(parts)
