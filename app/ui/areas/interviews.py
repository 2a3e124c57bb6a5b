"""Interviews, with the notes taken during the selected one and its reflexive field note."""

from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

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
    selected_row,
    split,
)
from app.ui.formatting import format_datetime
from app.ui.models.interviews import InterviewModel, NoteModel


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
        self.summary_label = muted()
        self.body.addWidget(self.summary_label)
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
            + "</p>",
            html_field(_("Setting"), note.setting),
            html_field(_("Others present"), note.others_present),
            html_field(_("Relationship with the participant"), note.rapport),
            html_field(_("What may have steered the answers"), note.steering),
            html_field(_("The participant's state"), note.participant_state),
            html_field(_("Departures from the guide"), note.deviations),
            html_field(_("Other remarks"), note.free_text),
        ]
        return "".join(parts)
