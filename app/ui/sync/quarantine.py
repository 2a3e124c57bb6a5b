"""Refused bundles waiting in quarantine, with their reason, and the way to try them again."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.services.sync import folder as folder_service
from app.services.sync import importer
from app.services.sync.importer import BundleOutcome, QuarantinedFile
from app.store.project import Project
from app.ui.areas.base import detail_browser, fit_columns, html_field, make_table, muted, row_of, selected_row, split
from app.ui.formatting import format_datetime
from app.ui.models.sync import QuarantineModel
from app.ui.sync.dialogs import ImportResultDialog
from app.ui.sync.registering import register_from_bundle
from app.ui.sync.running import run


FILE_COLUMN_WIDTH = 200  # bundle names are long; the pane beside shows them whole


def quarantined_html(item: QuarantinedFile) -> str:
    return "".join([
        f"<h3>{escape(item.path.name)}</h3>",
        html_field(_("Refused on"), format_datetime(item.at)),
        html_field(_("Device"), item.device_name),
        html_field(_("Why it was refused"), item.reason),
        html_field(_("Where the copy is"), str(item.path)),
    ])


def receipts_folder_for(project: Project, bundle: Path) -> Path | None:
    """A bundle quarantined from the sync folder gets its receipt in that folder, where its laptop looks."""
    folder = folder_service.sync_folder(project)
    if folder is not None and bundle.parent == folder / "quarantine":
        return folder / "receipts"
    return None


class QuarantinePanel(QWidget):
    changed = Signal()
    imported = Signal(list)  # list[BundleOutcome] of a retry

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.actor = ""
        self.result_dialog: ImportResultDialog | None = None
        self.model = QuarantineModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        self.detail = detail_browser()
        self.register_button = QPushButton(_("Register this device…"))
        self.register_button.setToolTip(_("Compare its fingerprint with the laptop's, register it, then import the "
                                          "bundle again."))
        self.register_button.clicked.connect(self.register_and_retry)
        self.retry_button = QPushButton(_("Try again"))
        self.retry_button.clicked.connect(self.retry)
        self.open_button = QPushButton(_("Open the folder"))
        self.open_button.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.splitter = split(Qt.Orientation.Horizontal, (self.view, 7), (self.detail, 3))
        self.splitter.setSizes([720, 330])
        self.empty_label = muted(_(
            "No bundle in quarantine. A bundle that cannot be imported (unknown laptop, damaged file, another "
            "study) is kept here with the reason, and never changes the project."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty_label, 1)

    def set_project(self, project: Project) -> None:
        self.project = project
        self.reload()

    def reload(self) -> None:
        rows = importer.quarantined(self.project) if self.project is not None else []
        self.model.set_rows(rows)
        self.splitter.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        fit_columns(self.view, max_width=FILE_COLUMN_WIDTH, stretch=(3,))
        if rows:
            self.view.selectRow(0)
        self._show_selected()

    def count(self) -> int:
        return self.model.rowCount()

    def current(self) -> QuarantinedFile | None:
        return selected_row(self.view)

    def _show_selected(self) -> None:
        item = self.current()
        self.detail.setHtml(quarantined_html(item) if item is not None else "")
        self.retry_button.setEnabled(item is not None)
        self.open_button.setEnabled(item is not None)
        self.register_button.setEnabled(item is not None and item.reason_code == "unknown_device")

    def select_code(self, reason_code: str) -> bool:
        """Select the first bundle refused for this reason."""
        for position in range(self.view.model().rowCount()):
            if row_of(self.view.model().index(position, 0)).reason_code == reason_code:
                self.view.selectRow(position)
                return True
        return False

    def select_file(self, name: str) -> bool:
        for position in range(self.view.model().rowCount()):
            if row_of(self.view.model().index(position, 0)).path.name == name:
                self.view.selectRow(position)
                return True
        return False

    def register_and_retry(self) -> None:
        item = self.current()
        if item is None or self.project is None:
            return
        if register_from_bundle(self, self.project, item.path, self.actor) is None:
            return
        self.changed.emit()
        self.retry()

    def retry(self) -> list[BundleOutcome]:
        item = self.current()
        if item is None or self.project is None:
            return []
        done = run(self, _("Import a field bundle"), importer.import_bundles, self.project, [item.path],
                   quarantine=item.path.parent, receipts=receipts_folder_for(self.project, item.path),
                   actor=self.actor)
        if not done.ok:
            return []
        self.reload()
        self.changed.emit()
        self.result_dialog = ImportResultDialog(done.value, self)
        self.result_dialog.open()
        self.imported.emit(done.value)
        return done.value

    def open_folder(self) -> None:
        item = self.current()
        if item is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.path.parent)))
