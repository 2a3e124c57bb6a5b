"""The dialog before writing the quote table: which wave, only the passages that may be quoted
or every coded passage, and the file (Word, Excel or CSV, after its extension)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QWidget

from app.i18n import _
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.export.dialog import ExportDialog, wave_box
from app.ui.export.names import default_file_name

TABLE_SUFFIXES = (".docx", ".xlsx", ".csv")


@dataclass(frozen=True)
class QuoteChoices:
    out: Path
    wave_id: str | None
    quotable_only: bool


class QuotesDialog(ExportDialog):
    """``choices`` holds what was chosen once the dialog is accepted."""

    def __init__(self, project: Project, folder: Path, parent: QWidget | None = None):
        proposed = Path(folder) / default_file_name("quotes", project.study().title, TABLE_SUFFIXES[0])
        super().__init__(_("Export the quote table"), TABLE_SUFFIXES, proposed, parent)
        self.choices: QuoteChoices | None = None
        self.intro.addWidget(muted(_("The coded passages, code by code, with their source and the participant’s "
                                     "attributes; Word, Excel or CSV after the file’s extension.")))
        self.wave_box = wave_box(project)
        self.form.addRow(_("Waves"), self.wave_box)
        self.quotable_box = QCheckBox(_("Authorised quotes only"))
        self.quotable_box.setToolTip(_("Only the passages marked as quotable, from participants who agreed to "
                                       "be quoted: the ones a report may print."))
        self.form.addRow("", self.quotable_box)
        self.add_output_row()

    def gather(self) -> None:
        self.choices = QuoteChoices(self.out, self.wave_box.currentData(), self.quotable_box.isChecked())
