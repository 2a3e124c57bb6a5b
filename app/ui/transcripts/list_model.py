"""The list of transcripts, with a warning on those whose names are still in clear."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.core.summaries import TranscriptRow
from app.i18n import N_, _
from app.store.project import Project
from app.store import views
from app.ui.models.base import WARNING_BACKGROUND, Column
from app.ui.models.transcripts import TranscriptModel


@dataclass(frozen=True)
class ListedTranscript(TranscriptRow):
    pseudonymised: bool = False


def listed_transcripts(project: Project) -> list[ListedTranscript]:
    done = {transcript.id for transcript in project.transcripts.find("pseudonymised = 1")}
    return [ListedTranscript(**asdict(row), pseudonymised=row.id in done) for row in views.transcript_rows(project.db)]


def identity_text(row: ListedTranscript) -> str:
    return _("Pseudonymised") if row.pseudonymised else _("Names in clear")


def identity_tip(row: ListedTranscript) -> str:
    if row.pseudonymised:
        return _("Names and places were replaced; the originals stay in the identity register.")
    return _("Names and places are still in the text: pseudonymise it before quoting or exporting.")


class TranscriptListModel(TranscriptModel):
    columns = (*TranscriptModel.columns,
               Column(N_("Identities"), identity_text, sort=lambda r: r.pseudonymised, tooltip=identity_tip,
                      header_tip=N_("Whether names and places have been replaced in the text.")))
    IDENTITY_COLUMN = len(TranscriptModel.columns)

    def background(self, row: ListedTranscript, column: int) -> QColor | None:
        if column == self.IDENTITY_COLUMN and not row.pseudonymised:
            return WARNING_BACKGROUND
        return super().background(row, column)

    def decoration(self, row: ListedTranscript, column: int) -> QIcon | None:
        if column == self.IDENTITY_COLUMN and not row.pseudonymised:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None
