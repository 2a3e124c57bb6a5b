"""Transcripts with their size and the interviewer's share of the words."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.summaries import TranscriptRow
from app.i18n import N_, _
from app.ui.formatting import format_number, format_percent
from app.ui.labels import LANGUAGE_NAMES, label
from app.ui.models.base import MUTED_FOREGROUND, RIGHT, WARNING_BACKGROUND, Column, RowsModel


def source_text(row: TranscriptRow) -> str:
    return row.source_name or row.source_format or "—"


# Past this share of the words, the interviewer may be leading rather than listening.
HIGH_TALK_SHARE = 0.4
TALK_COLUMN = 4


def talk_tip(row: TranscriptRow) -> str | None:
    if row.interviewer_share is not None and row.interviewer_share > HIGH_TALK_SHARE:
        return _("The interviewer speaks a large share of the words: check for leading questions.")
    return None


class TranscriptModel(RowsModel):
    columns = (
        Column(N_("Title"), lambda r: r.title),
        Column(N_("Participant"), lambda r: r.participant_code or "—",
               tooltip=lambda r: _("Withdrawn: left out of the analysis.") if r.participant_withdrawn else None),
        Column(N_("Turns"), lambda r: format_number(r.turns), sort=lambda r: r.turns, align=RIGHT),
        Column(N_("Words"), lambda r: format_number(r.words), sort=lambda r: r.words, align=RIGHT),
        Column(N_("Interviewer talk"), lambda r: format_percent(r.interviewer_share),
               sort=lambda r: r.interviewer_share or 0.0, align=RIGHT, tooltip=talk_tip,
               header_tip=N_("Share of the words spoken by the interviewer: a high share may steer the answers.")),
        Column(N_("Language"), lambda r: label(LANGUAGE_NAMES, r.language)),
        Column(N_("Source"), source_text),
    )

    def background(self, row: TranscriptRow, column: int) -> QColor | None:
        share = row.interviewer_share
        return WARNING_BACKGROUND if column == TALK_COLUMN and share is not None and share > HIGH_TALK_SHARE else None

    def foreground(self, row: TranscriptRow, column: int) -> QColor | None:
        return MUTED_FOREGROUND if row.participant_withdrawn else None
