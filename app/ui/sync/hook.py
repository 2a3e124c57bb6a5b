"""After an interview is closed on a field laptop: its bundle goes to the sync folder at once.

Writing the bundle is a convenience on top of work already saved; if it fails (the shared drive is
not connected, say), the interview is still safe on this laptop and the person is told why.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from app.i18n import _
from app.services.sync import folder
from app.services.sync.bundle import BundleExport
from app.store.project import Project
from app.ui.sync.running import attempt
from app.ui.sync.texts import kinds_summary

STATUS_MS = 15_000


def send_to_sync_folder(project: Project, parent: QWidget | None) -> BundleExport | None:
    """Write the pending records to the sync folder, if this is a field copy with one; say what happened."""
    done = attempt(folder.write_bundle_to_folder, project)
    if not done.ok:
        QMessageBox.critical(parent, _("Field bundle not written"), _(
            "The interview is saved on this laptop, but its bundle could not be written to the sync folder: "
            "{reason}\n\nWrite it later from the Synchronisation area.").format(reason=done.message))
        return None
    written = done.value
    if written is not None:
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(_("Field bundle written to the sync folder: {file} ({contents}).").format(
                file=written.path.name, contents=kinds_summary(written.counts)), STATUS_MS)
    return written
