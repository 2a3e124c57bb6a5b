"""The analyst's side of sync: study packages out, field bundles in, and what needs a decision
(conflicts, laptops to register, refused bundles)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services.sync import importer, package
from app.services.sync.folder import FolderRun
from app.services.sync.importer import BundleOutcome
from app.services.sync.package import PackageExport
from app.store.project import Project
from app.ui.sync.conflicts import ConflictsPanel
from app.ui.sync.devices import DevicesPanel
from app.ui.sync.dialogs import ImportResultDialog, PackageDialog
from app.ui.sync.folder_bar import SyncFolderBar
from app.ui.sync.journal import JournalPanel, journal_rows
from app.ui.sync.quarantine import QuarantinePanel
from app.ui.sync.registering import bundle_filter
from app.ui.sync.running import run
from app.ui.sync.texts import counted

POLL_MS = 30_000


class AnalystPage(QWidget):
    changed = Signal()

    # tab keys, in order
    JOURNAL, CONFLICTS, DEVICES, QUARANTINE = range(4)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.actor = ""
        self.result_dialog: ImportResultDialog | None = None

        self.package_button = QPushButton(_("Prepare a study package…"))
        self.package_button.clicked.connect(self.prepare_package)
        self.import_button = QPushButton(_("Import field bundles…"))
        self.import_button.clicked.connect(lambda: self.import_bundles())
        self.folder_bar = SyncFolderBar("analyst")
        self.folder_bar.changed.connect(self._folder_changed)
        self.folder_bar.folder_read.connect(self._folder_read)
        actions = QHBoxLayout()
        actions.addWidget(self.package_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.folder_bar.choose_button)  # the bar below says where the folder is
        actions.addStretch(1)

        self.journal = JournalPanel()
        self.conflicts = ConflictsPanel()
        self.devices = DevicesPanel()
        self.quarantine = QuarantinePanel()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.journal, _("Journal"))
        self.tabs.addTab(self.conflicts, _("Conflicts"))
        self.tabs.addTab(self.devices, _("Devices"))
        self.tabs.addTab(self.quarantine, _("Quarantine"))
        for panel in (self.conflicts, self.devices, self.quarantine):
            panel.changed.connect(self._panel_changed)

        # Reads the sync folder while the screen is shown (the area starts and stops it).
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.folder_bar)
        layout.addWidget(self.tabs, 1)

    def set_project(self, project: Project, actor: str = "") -> None:
        self.project = project
        self.actor = actor
        for part in (self.folder_bar, self.conflicts, self.devices, self.quarantine):
            part.actor = actor
        self.folder_bar.set_project(project)
        self.conflicts.set_project(project, actor)
        self.devices.set_project(project)
        self.quarantine.set_project(project)
        self.reload_journal()

    def reload(self) -> None:
        if self.project is not None:
            self.set_project(self.project, self.actor)

    def reload_journal(self) -> None:
        self.journal.set_rows(journal_rows(self.project))
        self._update_tab_titles()

    def _update_tab_titles(self) -> None:
        conflicts, quarantined = self.conflicts.count(), self.quarantine.count()
        self.tabs.setTabText(self.CONFLICTS, _("Conflicts ({n})").format(n=conflicts) if conflicts
                             else _("Conflicts"))
        self.tabs.setTabText(self.QUARANTINE, _("Quarantine ({n})").format(n=quarantined) if quarantined
                             else _("Quarantine"))

    def _panel_changed(self) -> None:
        self.reload()
        self.changed.emit()

    # study packages ------------------------------------------------------------------------------
    def default_package_folder(self) -> Path:
        return self.project.path.parent if self.project is not None and self.project.path else Path.home()

    def prepare_package(self) -> PackageExport | None:
        if self.project is None:
            return None
        dialog = PackageDialog(self.project, self.default_package_folder(), self)
        if not dialog.exec():
            return None
        return self.export_package_to(dialog.folder, dialog.interviewer_id())

    def export_package_to(self, folder: Path, interviewer_id: str | None) -> PackageExport | None:
        done = run(self, _("Prepare a study package"), package.export_package, self.project, folder,
                   interviewer_id=interviewer_id, actor=self.actor)
        if not done.ok:
            return None
        written: PackageExport = done.value
        self.reload()
        self.changed.emit()
        if written.interviewer:
            contents = _("It holds the study definition and, for {interviewer}, {participants} and {interviews}.")\
                .format(interviewer=written.interviewer, participants=counted("participant", written.participants),
                        interviews=counted("interview", written.interviews))
        else:
            contents = _("It holds the study definition only, with no participant.")
        QMessageBox.information(self, _("Study package ready"), "\n\n".join([
            _("The study package was saved as {path}.").format(path=written.path), contents,
            _("On the field laptop, open it with File › New project from a study package…")]))
        return written

    # field bundles -------------------------------------------------------------------------------
    def import_bundles(self, paths: list[Path] | None = None) -> list[BundleOutcome]:
        if self.project is None:
            return []
        if paths is None:
            chosen, _filter = QFileDialog.getOpenFileNames(self, _("Import field bundles"),
                                                           str(self.default_package_folder()), bundle_filter())
            paths = [Path(path) for path in chosen]
        if not paths:
            return []
        done = run(self, _("Import field bundles"), importer.import_bundles, self.project, paths, actor=self.actor)
        if not done.ok:
            return []
        self.show_outcomes(done.value)
        return done.value

    def show_outcomes(self, outcomes: list[BundleOutcome]) -> None:
        self.reload()
        self.changed.emit()
        self.result_dialog = ImportResultDialog(outcomes, self)
        self.result_dialog.open()
        if any(not outcome.ok for outcome in outcomes):
            self.quarantine.select_file(next(outcome.path.name for outcome in outcomes if not outcome.ok))

    # sync folder ---------------------------------------------------------------------------------
    def start_polling(self) -> None:
        if self.project is not None and self.folder_bar.folder() is not None:
            self.poll_timer.start()

    def stop_polling(self) -> None:
        self.poll_timer.stop()

    def poll(self) -> None:
        self.folder_bar.read_now(quiet=True)

    def _folder_changed(self) -> None:
        self.stop_polling()
        if self.isVisible():
            self.start_polling()
        self.changed.emit()

    def _folder_read(self, result: FolderRun, by_hand: bool) -> None:
        if not result.bundles:
            return
        if by_hand:
            self.show_outcomes(result.bundles)
            return
        # Found by the timer: the journal and the tab titles say what came, without a window popping up.
        self.reload()
        self.changed.emit()
