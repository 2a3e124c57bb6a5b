"""The dialog before writing the impact report or the summary for stakeholders: in which
language, over which waves, on which Word template, into which file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, current_language
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.export.dialog import ExportDialog, wave_box
from app.ui.export.names import default_file_name, file_filter

# Each language under its own name: someone looking for their language reads it in that language.
REPORT_LANGUAGES = (("fr", "Français"), ("en", "English"))
DOCX = (".docx",)


@dataclass(frozen=True)
class ReportChoices:
    out: Path
    language: str
    wave_id: str | None
    template: Path | None


def study_language(project: Project) -> str:
    """The study's first language that a report can be written in, else the screen's."""
    for language in project.study().languages:
        if language in dict(REPORT_LANGUAGES):
            return language
    return current_language()


class ReportDialog(ExportDialog):
    """``choices`` holds what was chosen once the dialog is accepted. ``summary`` makes it the
    summary for stakeholders' dialog (same choices, another document)."""

    def __init__(self, project: Project, folder: Path, summary: bool = False, parent: QWidget | None = None):
        self.kind = "summary" if summary else "report"
        self.study_title = project.study().title
        self.folder = Path(folder)
        language = study_language(project)
        super().__init__(
            _("Export the summary for stakeholders") if summary else _("Export the impact report"), DOCX,
            self.folder / default_file_name(self.kind, self.study_title, ".docx", language), parent)
        self.choices: ReportChoices | None = None
        self.template: Path | None = None
        self.intro.addWidget(muted(
            _("The key figures and findings, with neither quotes nor participant codes, to share with funders "
              "and partners.")
            if summary else
            _("Method, sample, bias safeguards, indicators, one section per theme with consented quotes, "
              "charts, limits; the codebook and the guide as appendices.")))

        self.language_box = QComboBox()
        for key, name in REPORT_LANGUAGES:
            self.language_box.addItem(name, key)
        self.language_box.setCurrentIndex(self.language_box.findData(language))
        self.language_box.currentIndexChanged.connect(self._language_changed)
        self.form.addRow(_("Language"), self.language_box)

        self.wave_box = wave_box(project)
        self.form.addRow(_("Waves"), self.wave_box)

        self.template_field = QLineEdit()
        self.template_field.setReadOnly(True)
        self.template_field.setPlaceholderText(_("None: Terrain’s own styles"))
        self.template_button = QPushButton(_("Choose…"))
        self.template_button.clicked.connect(self.choose_template)
        self.clear_template_button = QPushButton(_("Remove"))
        self.clear_template_button.setToolTip(_("Write the document with Terrain’s own styles"))
        self.clear_template_button.clicked.connect(lambda: self.set_template(None))
        self.clear_template_button.setEnabled(False)
        template_row = QHBoxLayout()
        template_row.setSpacing(8)
        template_row.addWidget(self.template_field, 1)
        template_row.addWidget(self.template_button)
        template_row.addWidget(self.clear_template_button)
        template_field = QVBoxLayout()
        template_field.setSpacing(4)
        template_field.addLayout(template_row)
        template_field.addWidget(muted(_("The styles, fonts, headers and footers of your organisation’s Word "
                                         "document are used; its text is not copied.")))
        self.form.addRow(_("Word template"), template_field)
        self.add_output_row()

    # the language decides the proposed file name --------------------------------------------------
    def language(self) -> str:
        return self.language_box.currentData()

    def _language_changed(self) -> None:
        """The proposed name follows the language, unless the person typed or chose another."""
        current = Path(self.out_field.text().strip())
        proposals = {self.folder / default_file_name(self.kind, self.study_title, ".docx", key)
                     for key, _name in REPORT_LANGUAGES}
        if current in proposals:
            self.set_output(self.folder / default_file_name(self.kind, self.study_title, ".docx", self.language()))

    # the template -----------------------------------------------------------------------------------
    def choose_template(self) -> None:
        start = str(self.template.parent if self.template else self.folder)
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Word template"), start, file_filter(DOCX))
        if chosen:
            self.set_template(Path(chosen))

    def set_template(self, path: Path | None) -> None:
        self.template = path
        self.template_field.setText(str(path) if path else "")
        self.template_field.setToolTip(str(path) if path else "")
        self.clear_template_button.setEnabled(path is not None)
        self.show_error("")

    # closing ----------------------------------------------------------------------------------------
    def check(self) -> bool:
        if self.template is not None and not self.template.is_file():
            self.show_error(_("{path} does not exist.").format(path=self.template))
            return False
        return True

    def gather(self) -> None:
        self.choices = ReportChoices(self.out, self.language(), self.wave_box.currentData(), self.template)
