"""Sync: this computer's identity in the study, then the analyst's side (packages out, bundles in,
conflicts, laptops, quarantine) or the field laptop's side (bundles out, receipts in)."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QStyle

from app.i18n import N_
from app.services.sync import devices
from app.store.project import Project
from app.ui.areas.base import Area
from app.ui.sync.analyst import AnalystPage
from app.ui.sync.field import FieldPage
from app.ui.sync.identity import ThisComputerPanel


class SyncArea(Area):
    key = "sync"
    title = N_("Synchronisation")
    subtitle = N_(
        "Study packages go to the field laptops; field bundles come back by USB stick, e-mail or a shared "
        "folder, never through a server."
    )
    icon = QStyle.StandardPixmap.SP_BrowserReload

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.role = "analyst"
        self.identity = ThisComputerPanel()
        self.analyst = AnalystPage()
        self.field = FieldPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.analyst)
        self.pages.addWidget(self.field)
        for page in (self.analyst, self.field):
            page.changed.connect(self._page_changed)
        self.body.addWidget(self.identity)
        self.body.addWidget(self.pages, 1)

    def load(self, project: Project) -> None:
        self.project = project
        self.role = devices.role(project)
        me = devices.this_device(project)
        actor = me.name if me is not None else ""
        self.analyst.stop_polling()
        if self.role == "field":
            self.field.set_project(project, actor)
            self.pages.setCurrentWidget(self.field)
        else:
            self.analyst.set_project(project, actor)
            self.pages.setCurrentWidget(self.analyst)
            if self.isVisible():
                self.analyst.start_polling()
        self._show_identity()

    def _show_identity(self) -> None:
        project = self.project
        self.identity.show_device(self.role, devices.this_device(project), devices.analyst_device(project))

    def _page_changed(self) -> None:
        # The first package gives this computer its keys: the fingerprint appears then.
        self._show_identity()
        self.changed.emit()

    def page(self) -> AnalystPage | FieldPage:
        return self.field if self.role == "field" else self.analyst

    # the sync folder is read only while the screen is in front
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.project is not None and self.role == "analyst":
            self.analyst.start_polling()

    def hideEvent(self, event) -> None:
        self.analyst.stop_polling()
        super().hideEvent(event)

    # what the window's tests and the empty states read
    @property
    def device_model(self):
        return self.analyst.devices.model

    @property
    def empty_label(self):
        return self.page().journal.empty_label

    @property
    def ledger_is_empty(self) -> bool:
        return self.page().journal.is_empty()
