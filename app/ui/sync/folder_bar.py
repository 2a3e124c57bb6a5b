"""The sync folder: where it is, when it was last read, and the buttons to choose, clear or read it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.records import utc_now
from app.i18n import _, ngettext
from app.services.sync import folder as folder_service
from app.services.sync.folder import FolderRun
from app.store.project import Project
from app.ui.areas.base import muted, wrapped
from app.ui.formatting import format_datetime
from app.ui.sync.dialogs import outcomes_heading
from app.ui.sync.running import attempt, run


def run_summary(result: FolderRun) -> str:
    """What one reading of the folder brought, in a few words."""
    parts = []
    if result.bundles:
        parts.append(outcomes_heading(result.bundles))
    if result.receipts:
        parts.append(ngettext("{n} receipt read", "{n} receipts read", result.receipts).format(n=result.receipts))
    if result.package is not None:
        parts.append(_("the study was updated from a new package"))
    parts.extend(result.problems)
    return "; ".join(parts) if parts else _("nothing new")


class SyncFolderBar(QWidget):
    changed = Signal()  # the folder was chosen or cleared
    folder_read = Signal(object, bool)  # FolderRun, and whether a person asked for it

    def __init__(self, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.role = role
        self.project: Project | None = None
        self.actor = ""
        self.last_read = ""
        self.last_result = ""
        self.where_label = wrapped()
        self.status_label = muted()
        self.choose_button = QPushButton(_("Sync folder…"))
        self.choose_button.clicked.connect(self.choose)
        self.clear_button = QPushButton(_("Stop using this folder"))
        self.clear_button.clicked.connect(self.clear)
        self.read_button = QPushButton(_("Read it now"))
        self.read_button.clicked.connect(lambda: self.read_now())
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.where_label)
        text.addWidget(self.status_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(text, 1)
        row.addWidget(self.read_button)
        row.addWidget(self.choose_button)  # the page may move it to its own row of actions
        row.addWidget(self.clear_button)

    def set_project(self, project: Project) -> None:
        if project is not self.project:
            self.last_read = self.last_result = ""
        self.project = project
        self.show_state()

    def folder(self) -> Path | None:
        return folder_service.sync_folder(self.project) if self.project is not None else None

    def show_state(self) -> None:
        folder = self.folder()
        self.read_button.setVisible(folder is not None)
        self.clear_button.setVisible(folder is not None)
        if folder is None:
            self.where_label.setText(_("No sync folder: files travel by USB stick or e-mail."))
            self.status_label.setText(_(
                "A shared folder (Nextcloud, a network drive) saves carrying them: the laptops leave their bundles "
                "there and Terrain picks them up."))
            return
        self.where_label.setText(_("Sync folder: {folder}").format(folder=folder))
        if self.last_read:
            self.status_label.setText(_("Last read {when}: {result}.").format(when=self.last_read,
                                                                               result=self.last_result.rstrip(".")))
        elif self.role == "analyst":
            self.status_label.setText(_(
                "Laptops leave their bundles in its “bundles” folder; Terrain reads it every 30 seconds while "
                "this screen is open."))
        else:
            self.status_label.setText(_(
                "Terrain leaves this laptop's bundle there when an interview is closed, and reads the analyst's "
                "receipts from it."))

    def choose(self) -> None:
        if self.project is None:
            return
        current = self.folder()
        start = str(current) if current else str(self.project.path.parent if self.project.path else Path.home())
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the sync folder"), start)
        if not chosen:
            return
        if run(self, _("Sync folder"), folder_service.set_sync_folder, self.project, Path(chosen)).ok:
            self.last_read = self.last_result = ""
            self.show_state()
            self.changed.emit()

    def clear(self) -> None:
        if self.project is None:
            return
        if run(self, _("Sync folder"), folder_service.set_sync_folder, self.project, None).ok:
            self.show_state()
            self.changed.emit()

    def read_now(self, quiet: bool = False) -> FolderRun | None:
        """Read the folder; a quiet reading (the timer's) says what went wrong in the bar, not in a box."""
        if self.project is None or self.folder() is None:
            return None
        call = attempt if quiet else lambda *args, **kwargs: run(self, _("Sync folder"), *args, **kwargs)
        result = call(folder_service.run_folder, self.project, actor=self.actor)
        self.last_read = format_datetime(utc_now())
        self.last_result = run_summary(result.value) if result.ok else result.message
        self.show_state()
        if result.ok:
            self.folder_read.emit(result.value, not quiet)
            return result.value
        return None
