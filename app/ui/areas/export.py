"""What can be exported, where it goes, and what the report would hold today.

Each document has its button. The report and the summary ask for a language, a wave and a Word
template in a dialog; the quote table asks which passages; the guide and the codebook ask only
for a file. Documents are written on a thread of their own (a report with its charts takes
seconds) while a busy bar shows and the buttons wait; then a message says where the file is,
with a button to open it, or why it was not written. The builders still to come are shown
greyed out with a word saying so, rather than hidden, so that people know what to expect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
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
from app.ui.export.job import ExportJob, ExportTask
from app.ui.export.names import default_file_name, file_filter, suffix_of_filter, with_suffix
from app.ui.export.quotes_dialog import QuoteChoices, QuotesDialog
from app.ui.export.report_dialog import ReportChoices, ReportDialog
from app.ui.formatting import format_number


@dataclass(frozen=True)
class Document:
    key: str
    name: str  # marked with N_
    description: str  # marked with N_
    available: bool = True


DOCUMENTS = (
    Document("report", N_("Impact report (.docx)"),
             N_("Method, sample, bias safeguards, indicators, themes with pseudonymised quotes, charts; "
                "to finish in Word.")),
    Document("summary", N_("Summary for stakeholders (.docx)"),
             N_("The key figures and findings, with neither quotes nor participant codes, for funders and "
                "partners.")),
    Document("guide", N_("Interviewer’s guide (.docx)"),
             N_("The current guide, ready to print, with its probes and reminders.")),
    Document("codebook", N_("Codebook (.docx, .xlsx, .csv)"),
             N_("Themes and sub-themes with their definitions, rules and examples.")),
    Document("quotes", N_("Quote table (.docx, .xlsx, .csv)"),
             N_("The coded passages by code, with their source and the participant’s attributes.")),
    Document("charts", N_("Charts (PNG)"),
             N_("Indicators, sample, themes, questionnaire and waves, one file per chart, ready for slides.")),
    Document("tables", N_("Tables (CSV, XLSX)"),
             N_("Indicators, achieved sample against quotas, codings per theme."), available=False),
    Document("qdpx", N_("REFI-QDA project (.qdpx)"),
             N_("The codebook and coded transcripts, for other qualitative analysis software."), available=False),
)
CODEBOOK_SUFFIXES = (".docx", ".xlsx", ".csv")
BUSY_TEXT_WIDTH = 560  # pixels

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
        self.folder = Path.home()
        self._project: Project | None = None
        self.job: ExportJob | None = None
        self.dialog: ReportDialog | QuotesDialog | None = None  # the export dialog open, if any
        self.notice: QMessageBox | None = None  # the last « saved » message

        # The busy bar sits beside the heading, so that the page does not move while it shows.
        documents_heading = QHBoxLayout()
        documents_heading.addWidget(heading(_("Documents"), 2))
        documents_heading.addStretch(1)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no known length: the bar moves to and fro
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedSize(160, 10)  # slim, so that the heading's line keeps its height
        self.busy_label = QLabel()
        self.busy_row = QWidget()
        busy_layout = QHBoxLayout(self.busy_row)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar)
        self.busy_row.hide()
        documents_heading.addWidget(self.busy_row)
        self.body.addLayout(documents_heading)
        self.body.addLayout(self._document_rows())

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.body.addWidget(line)
        self.body.addWidget(heading(_("Default output folder"), 2))
        self.folder_label = wrapped()
        self.body.addWidget(self.folder_label)

        self.body.addSpacing(8)
        self.body.addWidget(heading(_("What the report would hold today"), 2))
        self.body.addLayout(self._figure_rows())
        self.body.addWidget(
            muted(_("Only quotes from participants who agreed to be quoted will go into the report."))
        )
        self.body.addStretch(1)
        application = QCoreApplication.instance()
        if application is not None:  # a document half written when the application quits is finished first
            application.aboutToQuit.connect(self._finish_before_quitting)

    def _document_rows(self) -> QGridLayout:
        actions: dict[str, Callable[[], None]] = {
            "report": self.export_report, "summary": self.export_summary, "guide": self.export_guide,
            "codebook": self.export_codebook, "quotes": self.export_quotes, "charts": self.export_charts,
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        self.export_buttons: list[QPushButton] = []
        for row, document in enumerate(DOCUMENTS):
            text = QWidget()
            text_layout = QVBoxLayout(text)
            text_layout.setContentsMargins(0, 0, 0, 0)
            text_layout.setSpacing(2)
            text_layout.addWidget(heading(_(document.name), 3))
            text_layout.addWidget(muted(_(document.description)))
            grid.addWidget(text, row, 0)
            button = QPushButton(_("Export…"))
            if document.available:
                button.clicked.connect(actions[document.key])
            else:
                button.setEnabled(False)
                button.setToolTip(_("Coming in a later version of Terrain."))
            self.buttons[document.key] = button
            self.export_buttons.append(button)
            grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.setColumnStretch(0, 1)
        return grid

    def _figure_rows(self) -> QGridLayout:
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
        return figures

    def set_output_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))

    def load(self, project: Project) -> None:
        self._project = project
        counts = views.study_counts(project.db)
        for attribute, value in self.figure_labels.items():
            value.setText(format_number(getattr(counts, attribute)))
        self.indicator_value.setText(format_number(project.indicators.count()))

    # asking what to write ----------------------------------------------------------------------------
    def export_report(self) -> None:
        self._open_report_dialog(summary=False)

    def export_summary(self) -> None:
        self._open_report_dialog(summary=True)

    def _open_report_dialog(self, summary: bool) -> None:
        if self._project is None:
            return
        dialog = ReportDialog(self._project, self.folder, summary, self)
        dialog.accepted.connect(lambda: self.write_report(dialog.choices, summary))
        self._show_dialog(dialog)

    def export_quotes(self) -> None:
        if self._project is None:
            return
        dialog = QuotesDialog(self._project, self.folder, self)
        dialog.accepted.connect(lambda: self.write_quotes(dialog.choices))
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: ReportDialog | QuotesDialog) -> None:
        # Window-modal and without a nested event loop: the area goes on once it is accepted.
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def export_guide(self) -> None:
        out = self.ask_output("guide", (".docx",), _("Save the interviewer’s guide"))
        if out is not None:
            self.write_guide(out)

    def export_codebook(self) -> None:
        out = self.ask_output("codebook", CODEBOOK_SUFFIXES, _("Save the codebook"))
        if out is not None:
            self.write_codebook(out)

    def ask_output(self, kind: str, suffixes: tuple[str, ...], title: str) -> Path | None:
        """The save dialog, on a proposed name in the output folder; the format follows the
        extension, or the file type picked when no extension was typed."""
        if self._project is None:
            return None
        proposed = self.folder / default_file_name(kind, self._project.study().title, suffixes[0])
        chosen, chosen_filter = QFileDialog.getSaveFileName(self, title, str(proposed), file_filter(suffixes))
        if not chosen:
            return None
        return with_suffix(Path(chosen), suffixes, suffix_of_filter(chosen_filter, suffixes))

    # writing ------------------------------------------------------------------------------------------
    def write_report(self, choices: ReportChoices, summary: bool = False) -> bool:
        def task(project: Project) -> Path:
            from app.services import reports

            export = reports.export_summary if summary else reports.export_report
            return export(project, choices.out, language=choices.language, template=choices.template,
                          wave_id=choices.wave_id)

        return self.run_export(choices.out, task)

    def write_quotes(self, choices: QuoteChoices) -> bool:
        def task(project: Project) -> Path:
            from app.services import documents

            return documents.export_quotes(project, choices.out, wave_id=choices.wave_id,
                                           quotable_only=choices.quotable_only)

        return self.run_export(choices.out, task)

    def write_guide(self, out: Path) -> bool:
        def task(project: Project) -> Path:
            from app.services import documents

            return documents.export_guide(project, out)

        return self.run_export(out, task)

    def write_codebook(self, out: Path) -> bool:
        def task(project: Project) -> Path:
            from app.services import documents

            return documents.export_codebook(project, out)

        return self.run_export(out, task)

    def run_export(self, out: Path, task: ExportTask) -> bool:
        """Write ``out`` in the background; False when another export is still running."""
        if self._project is None or self._project.path is None or self.job is not None:
            return False
        job = ExportJob(self._project.path, out, task)
        job.finished.connect(self._export_finished)
        self.job = job
        self._set_busy(_("Writing the file {name}…").format(name=out.name))
        job.start()
        return True

    def _set_busy(self, message: str) -> None:
        # A long study title must not widen the window: the middle of the name gives way.
        self.busy_label.setText(self.busy_label.fontMetrics().elidedText(message, Qt.TextElideMode.ElideMiddle,
                                                                          BUSY_TEXT_WIDTH))
        self.busy_label.setToolTip(message)
        self.busy_row.setVisible(bool(message))
        for document in DOCUMENTS:
            self.buttons[document.key].setEnabled(document.available and not message)

    def _export_finished(self) -> None:
        job, self.job = self.job, None
        if job is None:
            return
        job.wait()  # ``finished`` comes as run() returns; the thread is a moment from its end
        job.deleteLater()
        self._set_busy("")
        if job.written is not None:
            self.show_written(job.written)
        else:
            QMessageBox.critical(self, _("The document was not saved"), job.error)

    def show_written(self, path: Path) -> None:
        """Where the file is, with a button to open it in the program that reads it."""
        box = QMessageBox(QMessageBox.Icon.Information, _("Document saved"),
                          _("{name} is saved in {folder}.").format(name=path.name, folder=path.parent),
                          QMessageBox.StandardButton.Close, self)
        box.button(QMessageBox.StandardButton.Close).setText(_("Close"))
        self.open_button = box.addButton(_("Open"), QMessageBox.ButtonRole.AcceptRole)
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        box.setDefaultButton(self.open_button)
        box.finished.connect(box.deleteLater)
        self.notice = box
        box.open()

    def wait_for_export(self, timeout_ms: int = 120_000) -> bool:
        """Block until the running export ends and its message is handled; True if none is left."""
        job = self.job
        if job is None:
            return True
        if not job.wait(timeout_ms):
            return False
        QCoreApplication.sendPostedEvents()  # delivers ``finished`` to this thread
        if self.job is job:
            self._export_finished()
        return self.job is None

    def _finish_before_quitting(self) -> None:
        # A thread still running when Qt tears down aborts the process and leaves a temporary file.
        if self.job is not None:
            self.job.wait()

    # charts ---------------------------------------------------------------------------------------------
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
