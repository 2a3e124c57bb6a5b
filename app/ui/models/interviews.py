"""Interviews and the notes taken during one of them."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.summaries import InterviewRow, NoteRow
from app.i18n import N_, _
from app.ui.formatting import format_datetime, format_duration, format_offset
from app.ui.labels import INTERVIEW_STATUSES, MODES, label
from app.ui.models.base import MUTED_FOREGROUND, RIGHT, WARNING_BACKGROUND, Column, RowsModel

FIELD_NOTE_COLUMN = 7


def _needs_field_note(row: InterviewRow) -> bool:
    return row.status in ("completed", "abandoned")


def field_note_text(row: InterviewRow) -> str:
    if row.has_field_note:
        return _("Written")
    return _("Missing") if _needs_field_note(row) else "—"


def field_note_tip(row: InterviewRow) -> str | None:
    if not row.has_field_note and _needs_field_note(row):
        return _("No reflexive field note yet: setting, relationship, what may have steered the answers.")
    return None


def participant_text(row: InterviewRow) -> str:
    if row.participant_withdrawn:
        return _("{code} (withdrawn)").format(code=row.participant_code)
    return row.participant_code


class InterviewModel(RowsModel):
    columns = (
        Column(N_("Participant"), participant_text, sort=lambda r: r.participant_code.casefold()),
        Column(N_("Interviewer"), lambda r: r.interviewer),
        Column(N_("Wave"), lambda r: r.wave),
        Column(N_("Date"), lambda r: format_datetime(r.started_at), sort=lambda r: r.started_at or "",
               tooltip=lambda r: r.place or None),
        Column(N_("Mode"), lambda r: label(MODES, r.mode)),
        Column(N_("Duration"), lambda r: format_duration(r.duration_seconds),
               sort=lambda r: r.duration_seconds or 0.0, align=RIGHT),
        Column(N_("Status"), lambda r: label(INTERVIEW_STATUSES, r.status)),
        Column(N_("Field note"), field_note_text, tooltip=field_note_tip,
               header_tip=N_("The reflexive note written after the interview.")),
        Column(N_("Notes"), lambda r: str(r.notes), sort=lambda r: r.notes, align=RIGHT),
    )

    def background(self, row: InterviewRow, column: int) -> QColor | None:
        if column == FIELD_NOTE_COLUMN and not row.has_field_note and _needs_field_note(row):
            return WARNING_BACKGROUND
        return None

    def foreground(self, row: InterviewRow, column: int) -> QColor | None:
        return MUTED_FOREGROUND if row.participant_withdrawn else None


def _note_text(row: NoteRow) -> str:
    return _("Probe used: {text}").format(text=row.text) if row.kind == "probe" else row.text


class NoteModel(RowsModel):
    columns = (
        Column(N_("Time"), lambda r: format_offset(r.offset_ms), sort=lambda r: r.offset_ms, align=RIGHT),
        Column(N_("Question"), lambda r: r.question or "—", tooltip=lambda r: r.question or None),
        Column(N_("Third party"), lambda r: _("Yes") if r.third_party else "",
               tooltip=lambda r: _("Someone else answered for the participant.") if r.third_party else None,
               header_tip=N_("A third party or a carer answered for the participant.")),
        Column(N_("Note"), lambda r: _note_text(r), tooltip=lambda r: r.text or None),
    )

    def background(self, row: NoteRow, column: int) -> QColor | None:
        return WARNING_BACKGROUND if column == 2 and row.third_party else None
