"""Registering a field laptop from one of its bundles, after comparing fingerprints."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.sync import Device
from app.i18n import _
from app.services.sync import devices
from app.store.project import Project
from app.ui.sync.dialogs import RegisterDeviceDialog
from app.ui.sync.running import run



def bundle_filter() -> str:
    return _("Field bundles (*.terrain-bundle)") + ";;" + _("All files (*)")


def choose_bundle(parent: QWidget, start: Path) -> Path | None:
    path, _filter = QFileDialog.getOpenFileName(parent, _("Choose a bundle from the laptop"), str(start),
                                                bundle_filter())
    return Path(path) if path else None


def register_from_bundle(parent: QWidget, project: Project, bundle: Path, actor: str = "") -> Device | None:
    """Show who wrote ``bundle`` and its fingerprint; register the laptop if the person confirms."""
    title = _("Register a field laptop")
    card = run(parent, title, devices.read_card, bundle)
    if not card.ok:
        return None
    dialog = RegisterDeviceDialog(project, card.value, bundle, parent)
    if not dialog.exec():
        return None
    done = run(parent, title, devices.register_device, project, bundle, interviewer_id=dialog.interviewer_id(),
               actor=actor)
    return done.value if done.ok else None
