"""Devices that take part in the study and the ledger of packages and bundles exchanged."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle, QWidget

from app.i18n import N_, _
from app.store import views
from app.store.project import Project
from app.ui.areas.base import Area, fit_columns, fit_height, heading, make_table, muted
from app.ui.models.sync import DeviceModel, LedgerModel


class SyncArea(Area):
    key = "sync"
    title = N_("Synchronisation")
    subtitle = N_(
        "Study packages go to the field laptops; field bundles come back by USB stick, e-mail or a shared "
        "folder. Nothing goes through a server."
    )
    icon = QStyle.StandardPixmap.SP_BrowserReload

    def __init__(self, parent=None):
        super().__init__(parent)
        self.body.addWidget(heading(_("Devices"), 2))
        self.device_model = DeviceModel()
        self.device_view = make_table(self.device_model)
        self.body.addWidget(self.device_view)
        self.no_device_label = muted(
            _("No device registered yet: field laptops appear here once they have received a study package.")
        )
        self.body.addWidget(self.no_device_label)

        self.body.addSpacing(8)
        self.body.addWidget(heading(_("Exchange ledger"), 2))
        self.ledger_model = LedgerModel()
        self.ledger_view = make_table(self.ledger_model)
        self.body.addWidget(self.ledger_view, 1)
        self.empty_label = muted(_("No exchange yet: study packages and field bundles will appear here."))
        self.body.addWidget(self.empty_label)
        # Takes the free height when the ledger is empty, so that the messages stay at the top.
        self.filler = QWidget()
        self.body.addWidget(self.filler, 1)

    def load(self, project: Project) -> None:
        self.device_model.set_rows(project.devices.find(order_by="is_self DESC, name"))
        self.ledger_model.set_rows(views.ledger_rows(project.db))
        has_devices = self.device_model.rowCount() > 0
        has_exchanges = self.ledger_model.rowCount() > 0
        self.device_view.setVisible(has_devices)
        self.no_device_label.setVisible(not has_devices)
        self.ledger_view.setVisible(has_exchanges)
        self.empty_label.setVisible(not has_exchanges)
        self.filler.setVisible(not has_exchanges)
        fit_columns(self.device_view, stretch=(0,))
        fit_height(self.device_view, max_rows=6)
        fit_columns(self.ledger_view, stretch=(7,))

    @property
    def ledger_is_empty(self) -> bool:
        return self.ledger_model.rowCount() == 0
