"""Coders and the codings per theme."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.summaries import ThemeCount
from app.i18n import N_
from app.ui.formatting import format_number
from app.ui.models.base import RIGHT, Column, RowsModel


class CoderModel(RowsModel):
    columns = (
        Column(N_("Coder"), lambda r: r.name),
        Column(N_("Initials"), lambda r: r.initials),
        Column(N_("Codings"), lambda r: format_number(r.codings), sort=lambda r: r.codings, align=RIGHT),
        Column(N_("Transcripts coded"), lambda r: format_number(r.transcripts), sort=lambda r: r.transcripts,
               align=RIGHT),
    )


class ThemeCountModel(RowsModel):
    columns = (
        Column(N_("Theme"), lambda r: r.name),
        Column(N_("Codings"), lambda r: format_number(r.codings), sort=lambda r: r.codings, align=RIGHT),
        Column(N_("Transcripts"), lambda r: format_number(r.transcripts), sort=lambda r: r.transcripts,
               align=RIGHT),
        Column(N_("Participants"), lambda r: format_number(r.participants), sort=lambda r: r.participants,
               align=RIGHT, header_tip=N_("Participants in whose words the theme was coded.")),
    )

    def decoration(self, row: ThemeCount, column: int) -> QColor | None:
        return QColor(row.colour) if column == 0 and QColor.isValidColorName(row.colour) else None
