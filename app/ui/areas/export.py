"""What can be exported, where it goes, and what the report would hold today.

The charts can be written today; the other builders arrive in a later version: their buttons
are shown greyed out with a word saying so, rather than hidden, so that people know what to
expect.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.services.charts import write_charts
from app.store import views
from app.store.project import Project
from app.ui.areas.base import Area, heading, muted, wrapped
from app.ui.formatting import format_number

DOCUMENTS = (
    (N_("Word report (.docx)"),
     N_("Method, sample, bias safeguards, indicators, themes with pseudonymised quotes, charts; "
        "to finish in Word.")),
    (N_("Tables (CSV, XLSX)"), N_("Indicators, achieved sample against quotas, codings per theme.")),
    (N_("REFI-QDA project (.qdpx)"),
     N_("The codebook and coded transcripts, for other qualitative analysis software.")),
    (N_("Charts (PNG)"), N_("Indicators, sample, themes, questionnaire and waves, one file per chart, "
                            "ready for slides.")),
)
CHARTS_ROW = 3

# (attribute of StudyCounts, label) for the report's content.
REPORT_FIGURES = (
    ("participants", N_("Participants (withdrawn left out)")),
    ("completed_interviews", N_("Completed interviews")),
    ("transcripts", N_("Transcripts")),
    ("themes", N_("Themes of the codebook")),
    ("codings", N_("Codings")),
    ("quotable_codings", N_("Passages marked as quotable")),
)


class ExportArea(Area):
    key = "export"
    title = N_("Export")
    subtitle = N_("Documents are built from the project as it is; names never leave it, only participant codes.")
    icon = QStyle.StandardPixmap.SP_DialogSaveButton

    def __init__(self, parent=None):
        super().__init__(parent)
        self.body.addWidget(heading(_("Documents"), 2))
        documents = QGridLayout()
        documents.setHorizontalSpacing(24)
        documents.setVerticalSpacing(10)
        self.export_buttons: list[QPushButton] = []
        for row, (name, description) in enumerate(DOCUMENTS):
            text = QWidget()
            text_layout = QVBoxLayout(text)
            text_layout.setContentsMargins(0, 0, 0, 0)
            text_layout.setSpacing(2)
            text_layout.addWidget(heading(_(name), 3))
            text_layout.addWidget(muted(_(description)))
            documents.addWidget(text, row, 0)
            button = QPushButton(_("Export…"))
            if row == CHARTS_ROW:
                button.clicked.connect(self.export_charts)
            else:
                button.setEnabled(False)
                button.setToolTip(_("Coming in a later version of Terrain."))
            self.export_buttons.append(button)
            documents.addWidget(button, row, 1, Qt.AlignmentFlag.AlignVCenter)
        documents.setColumnStretch(0, 1)
        self.body.addLayout(documents)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.body.addWidget(line)
        self.body.addWidget(heading(_("Default output folder"), 2))
        self.folder_label = wrapped()
        self.body.addWidget(self.folder_label)

        self.body.addSpacing(8)
        self.body.addWidget(heading(_("What the report would hold today"), 2))
        figures = QGridLayout()
        figures.setHorizontalSpacing(24)
        self.figure_labels: dict[str, QLabel] = {}
        for row, (attribute, caption) in enumerate(REPORT_FIGURES):
            figures.addWidget(QLabel(_(caption)), row, 0)
            value = wrapped()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figure_labels[attribute] = value
            figures.addWidget(value, row, 1)
        self.indicator_value = wrapped()
        self.indicator_value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        figures.addWidget(QLabel(_("Indicators")), len(REPORT_FIGURES), 0)
        figures.addWidget(self.indicator_value, len(REPORT_FIGURES), 1)
        figures.setColumnStretch(2, 1)
        self.body.addLayout(figures)
        self.body.addWidget(
            muted(_("Only quotes from participants who agreed to be quoted will go into the report."))
        )
        self.body.addStretch(1)
        self.folder = Path.home()
        self._project: Project | None = None

    def set_output_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))

    def export_charts(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the charts"), str(self.folder))
        if folder:
            self.write_charts(Path(folder))

    def write_charts(self, folder: Path) -> list[Path]:
        """Every chart over all waves and territories, as PNG; the Analysis area's Charts tab
        writes them for one wave or one territory."""
        if self._project is None:
            return []
        try:
            paths = write_charts(self._project, folder, "png")
        except OSError as error:
            QMessageBox.critical(self, _("Charts not saved"), _("Cannot write into {path}: {reason}").format(
                path=folder, reason=error.strerror or error))
            return []
        QMessageBox.information(self, _("Charts saved"), ngettext(
            "{n} chart written to {folder}", "{n} charts written to {folder}", len(paths)).format(
            n=len(paths), folder=folder))
        return paths

    def load(self, project: Project) -> None:
        self._project = project
        counts = views.study_counts(project.db)
        for attribute, value in self.figure_labels.items():
            value.setText(format_number(getattr(counts, attribute)))
        self.indicator_value.setText(format_number(project.indicators.count()))
