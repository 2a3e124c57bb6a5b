"""Transcripts and a reading view of the selected one's turns."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

from app.core.summaries import TranscriptRow
from app.core.transcripts import Turn
from app.i18n import N_, _, ngettext
from app.store import views
from app.store.project import Project
from app.ui.areas.base import (
    Area,
    detail_browser,
    fit_columns,
    heading,
    make_table,
    muted,
    selected_row,
    split,
)
from app.ui.formatting import format_datetime, format_number, format_offset, format_percent
from app.ui.labels import SPEAKER_ROLES, label
from app.ui.models.transcripts import TranscriptModel

# Interviewer turns sit on a faint tint so that the participant's words stand out when reading.
INTERVIEWER_TINT = "#eef2f7"


class TranscriptsArea(Area):
    key = "transcripts"
    title = N_("Transcripts")
    subtitle = N_("Transcripts of participants who withdrew no longer appear here nor in any analysis.")
    icon = QStyle.StandardPixmap.SP_FileIcon

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: Project | None = None
        self.summary_label = muted()
        self.body.addWidget(self.summary_label)
        self.model = TranscriptModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._show_selected())

        reader = QWidget()
        reader_layout = QVBoxLayout(reader)
        reader_layout.setContentsMargins(0, 8, 0, 0)
        self.reader_heading = heading(_("Turns"), 2)
        reader_layout.addWidget(self.reader_heading)
        self.reader_meta = muted()
        reader_layout.addWidget(self.reader_meta)
        self.turns_view = detail_browser()
        reader_layout.addWidget(self.turns_view)

        self.body.addWidget(split(Qt.Orientation.Vertical, (self.view, 1), (reader, 2)), 1)

    def load(self, project: Project) -> None:
        self._project = project
        rows = views.transcript_rows(project.db)
        self.model.set_rows(rows)
        words = sum(row.words for row in rows)
        self.summary_label.setText(
            _("{transcripts}, {words} in all.").format(
                transcripts=ngettext("{n} transcript", "{n} transcripts", len(rows)).format(n=len(rows)),
                words=ngettext("{n} word", "{n} words", words).format(n=format_number(words)),
            )
        )
        fit_columns(self.view, stretch=(0,))
        if rows:
            self.view.selectRow(0)
        else:
            self._show_selected()

    def _show_selected(self) -> None:
        row: TranscriptRow | None = selected_row(self.view)
        if row is None or self._project is None:
            self.reader_heading.setText(_("Turns"))
            self.reader_meta.clear()
            self.turns_view.setHtml(
                "<p style='color:gray'>" + escape(_("No transcript yet: imported transcripts appear here.")) + "</p>"
            )
            return
        self.reader_heading.setText(row.title)
        facts = [
            ngettext("{n} turn", "{n} turns", row.turns).format(n=format_number(row.turns)),
            ngettext("{n} word", "{n} words", row.words).format(n=format_number(row.words)),
        ]
        if row.interviewer_share is not None:
            facts.append(_("interviewer talk {share}").format(share=format_percent(row.interviewer_share)))
        if row.source_name:
            facts.append(
                _("imported from {file} on {date}").format(file=row.source_name, date=format_datetime(row.imported_at))
            )
        self.reader_meta.setText(" · ".join(facts))
        self.turns_view.setHtml(self.turns_html(self._project.turns_of(row.id)))

    @staticmethod
    def turns_html(turns: list[Turn]) -> str:
        if not turns:
            return "<p style='color:gray'>" + escape(_("This transcript has no turns.")) + "</p>"
        rows = []
        for turn in turns:
            tint = f" bgcolor='{INTERVIEWER_TINT}'" if turn.speaker_role == "interviewer" else ""
            rows.append(
                f"<tr{tint}>"
                f"<td width='64' style='color:gray'>{escape(format_offset(turn.start_ms))}</td>"
                f"<td width='150'><b>{escape(turn.speaker_label or '—')}</b><br>"
                f"<span style='color:gray'>{escape(label(SPEAKER_ROLES, turn.speaker_role))}</span></td>"
                f"<td>{escape(turn.text)}</td></tr>"
            )
        return "<table width='100%' cellspacing='0' cellpadding='6'>" + "".join(rows) + "</table>"
