"""The field laptop's side of sync: what is waiting to go to the analyst, the bundle that carries it,
the analyst's receipts, and newer study packages."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.services.sync import bundle, devices, package
from app.services.sync import folder as folder_service
from app.services.sync.bundle import BundleExport
from app.services.sync.errors import SyncError
from app.services.sync.folder import FolderRun
from app.store.project import Project
from app.ui.areas.base import heading, muted
from app.ui.sync.folder_bar import SyncFolderBar
from app.ui.sync.journal import JournalPanel, journal_rows
from app.ui.sync.running import run
from app.ui.sync.texts import counted, kinds_summary


def pending_text(counts: dict[str, int]) -> str:
    if not counts:
        return _("Everything has been received by the analyst.")
    return _("To send: {contents}.").format(contents=kinds_summary(counts))


def bundle_written_text(written: BundleExport) -> str:
    how = _("encrypted for the analyst") if written.encrypted else _("not encrypted")
    return "\n\n".join([
        _("The field bundle was saved as {path} ({contents}; {how}).").format(
            path=written.path, contents=kinds_summary(written.counts), how=how),
        _("Hand it to the analyst. These records stay on this laptop, and travel again in every bundle, until "
          "the analyst's receipt says they arrived.")])


def bundles_folder(folder: Path) -> Path:
    """Where laptops leave their bundles in the sync folder, made if missing."""
    if not folder.is_dir():
        raise SyncError(_("The sync folder {folder} cannot be reached: is the drive connected?").format(folder=folder))
    target = folder / "bundles"
    target.mkdir(exist_ok=True)
    return target


def suggested_bundle_name(device_name: str) -> str:
    slug = re.sub(r"[^\w-]+", "-", device_name, flags=re.UNICODE).strip("-") or "terrain"
    return f"{slug}-{datetime.now():%Y%m%d-%H%M}.terrain-bundle"


class FieldPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.actor = ""

        self.pending_label = heading("", 2)
        self.pending_note = muted(_(
            "Nothing is deleted from this laptop: what was sent stays here until the analyst's receipt is read. "
            "Sending twice does no harm; the analyst's Terrain recognises what it already has."))
        self.write_button = QPushButton(_("Write the field bundle"))
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(lambda: self.write_bundle())
        self.encrypt_box = QCheckBox(_("Encrypt for the analyst"))
        self.encrypt_box.setChecked(True)
        self.encrypt_note = muted(_(
            "Only the analyst's Terrain can open an encrypted bundle: a lost USB stick then exposes nothing."))
        write_row = QHBoxLayout()
        write_row.addWidget(self.write_button)
        write_row.addSpacing(12)
        write_row.addWidget(self.encrypt_box)
        write_row.addSpacing(12)
        write_row.addWidget(self.encrypt_note, 1)

        self.receipt_button = QPushButton(_("Read a receipt…"))
        self.receipt_button.clicked.connect(lambda: self.read_receipt())
        self.update_button = QPushButton(_("Update the study from a package…"))
        self.update_button.clicked.connect(lambda: self.update_study())
        self.folder_bar = SyncFolderBar("field")
        self.folder_bar.changed.connect(self._folder_changed)
        self.folder_bar.folder_read.connect(self._folder_read)
        other_row = QHBoxLayout()
        other_row.addWidget(self.receipt_button)
        other_row.addWidget(self.update_button)
        other_row.addWidget(self.folder_bar.choose_button)  # the bar below says where the folder is
        other_row.addStretch(1)
        self.journal = JournalPanel()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pending_label)
        layout.addWidget(self.pending_note)
        layout.addLayout(write_row)
        layout.addLayout(other_row)
        layout.addSpacing(4)
        layout.addWidget(self.folder_bar)
        layout.addSpacing(4)
        layout.addWidget(heading(_("Journal"), 3))
        layout.addWidget(self.journal, 1)

    def set_project(self, project: Project, actor: str = "") -> None:
        self.project = project
        self.actor = actor
        self.folder_bar.actor = actor
        self.folder_bar.set_project(project)
        self.reload()

    def reload(self) -> None:
        counts = bundle.pending_counts(self.project)
        self.pending_label.setText(pending_text(counts))
        self.write_button.setEnabled(bool(counts))
        analyst = devices.analyst_device(self.project)
        can_encrypt = analyst is not None and bool(analyst.box_key)
        self.encrypt_box.setEnabled(can_encrypt)
        if not can_encrypt:
            self.encrypt_box.setChecked(False)
        self.journal.set_rows(journal_rows(self.project))

    def _after_write(self) -> None:
        self.reload()
        self.changed.emit()

    # the field bundle ----------------------------------------------------------------------------
    def write_bundle(self, out: Path | None = None) -> BundleExport | None:
        """Into the sync folder when there is one, else where the person chooses (a USB stick)."""
        if self.project is None:
            return None
        folder = folder_service.sync_folder(self.project)
        if out is None and folder is not None:
            reached = run(self, _("Write the field bundle"), bundles_folder, folder)
            if not reached.ok:
                return None
            out = reached.value
        if out is None:
            me = devices.this_device(self.project)
            start = Path.home() / suggested_bundle_name(me.name if me else "")
            chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the field bundle"), str(start),
                                                          _("Field bundles (*.terrain-bundle)"))
            if not chosen:
                return None
            out = Path(chosen) if chosen.endswith(".terrain-bundle") else Path(chosen + ".terrain-bundle")
        done = run(self, _("Write the field bundle"), bundle.export_bundle, self.project, out,
                   encrypt=self.encrypt_box.isChecked(), actor=self.actor)
        if not done.ok:
            return None
        self._after_write()
        QMessageBox.information(self, _("Field bundle written"), bundle_written_text(done.value))
        return done.value

    # from the analyst ----------------------------------------------------------------------------
    def read_receipt(self, path: Path | None = None) -> None:
        if self.project is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Read a receipt from the analyst"), str(Path.home()),
                _("Receipts (*.terrain-receipt)") + ";;" + _("All files (*)"))
            if not chosen:
                return
            path = Path(chosen)
        done = run(self, _("Read a receipt"), bundle.import_receipt, self.project, path)
        if not done.ok:
            return
        self._after_write()
        result = done.value
        if result.status == "already":
            text = _("This receipt had already been read: nothing changed.")
        else:
            text = ngettext("The analyst received {n} record: it is marked as delivered.",
                            "The analyst received {n} records: they are marked as delivered.",
                            result.acknowledged).format(n=result.acknowledged)
            if result.held:
                text += "\n\n" + ngettext(
                    "{n} record was held back by the analyst: it will travel again in the next bundle.",
                    "{n} records were held back by the analyst: they will travel again in the next bundle.",
                    result.held).format(n=result.held)
        QMessageBox.information(self, _("Receipt read"), text)

    def update_study(self, path: Path | None = None) -> None:
        if self.project is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Update the study from a package"), str(Path.home()),
                _("Study packages (*.terrain-package)") + ";;" + _("All files (*)"))
            if not chosen:
                return
            path = Path(chosen)
        done = run(self, _("Update the study"), package.import_package, self.project, path, actor=self.actor)
        if not done.ok:
            return
        self._after_write()
        result = done.value
        if result.status == "already":
            text = _("This study package had already been opened on this laptop: nothing changed.")
        else:
            text = _("The study is up to date: {added} added, {updated} updated.").format(
                added=counted("participant", result.participants_added),
                updated=counted("participant", result.participants_updated))
            if result.participants_kept:
                text += "\n\n" + ngettext(
                    "{n} participant changed here and not yet sent keeps this laptop's version.",
                    "{n} participants changed here and not yet sent keep this laptop's version.",
                    result.participants_kept).format(n=result.participants_kept)
        QMessageBox.information(self, _("Study updated"), text)

    # sync folder ---------------------------------------------------------------------------------
    def _folder_changed(self) -> None:
        self._after_write()

    def _folder_read(self, result: FolderRun, by_hand: bool) -> None:
        if result.receipts or result.package is not None:
            self._after_write()
