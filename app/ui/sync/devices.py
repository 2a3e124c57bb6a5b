"""Registered field laptops: their fingerprint, who uses them, when they last sent a bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.core.sync import fingerprint
from app.i18n import _
from app.services.sync import devices as device_service
from app.services.sync.status import status
from app.store.project import Project
from app.ui.areas.base import fit_columns, make_table, muted, selected_row
from app.ui.models.sync import DeviceRow, FieldDeviceModel
from app.ui.sync.registering import choose_bundle, register_from_bundle
from app.ui.sync.running import run


def device_rows(project: Project) -> list[DeviceRow]:
    known = {entry["id"]: entry for entry in status(project).get("devices", [])}
    rows = []
    for device in device_service.field_devices(project):
        entry = known.get(device.id, {})
        rows.append(DeviceRow(device.id, device.name, fingerprint(device.public_key) if device.public_key else "",
                              entry.get("interviewer") or "", entry.get("last_bundle_at") or "",
                              device.registered_at, device.revoked_at or ""))
    return rows


class DevicesPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.actor = ""
        self.model = FieldDeviceModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty_label = muted(_(
            "No laptop registered yet. When a laptop sends its first field bundle, compare its fingerprint and "
            "register it here or from the Quarantine tab."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.register_button = QPushButton(_("Register the laptop of a bundle…"))
        self.register_button.clicked.connect(lambda: self.register())
        self.revoke_button = QPushButton(_("Revoke"))
        self.revoke_button.setToolTip(_("Its bundles will be refused from now on; what it sent stays."))
        self.revoke_button.clicked.connect(self.revoke)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.revoke_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)

    def set_project(self, project: Project) -> None:
        self.project = project
        self.reload()

    def reload(self) -> None:
        rows = device_rows(self.project) if self.project is not None else []
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        fit_columns(self.view, stretch=(0,))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = selected_row(self.view)
        self.revoke_button.setEnabled(row is not None and not row.revoked_at)

    def register(self, bundle: Path | None = None) -> None:
        if self.project is None:
            return
        bundle = bundle or choose_bundle(self, self.project.path.parent if self.project.path else Path.home())
        if bundle is not None and register_from_bundle(self, self.project, bundle, self.actor) is not None:
            self.reload()
            self.changed.emit()

    def revoke(self) -> None:
        row = selected_row(self.view)
        if row is None or self.project is None:
            return
        answer = QMessageBox.question(self, _("Revoke a laptop"), _(
            "Revoke {name}? Its next bundles will be refused; what it already sent stays in the project. Revoke a "
            "laptop that is lost or no longer used for the study.").format(name=row.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if run(self, _("Revoke a laptop"), device_service.revoke_device, self.project, row.id, actor=self.actor).ok:
            self.reload()
            self.changed.emit()
