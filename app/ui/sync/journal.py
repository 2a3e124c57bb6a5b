"""The sync log: each exchange in a table, and the selected one in full beside it (a refusal's
reason is often two sentences long, and it says what to do)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.i18n import _
from app.ui.areas.base import detail_browser, fit_columns, html_field, make_table, muted, selected_row, split
from app.ui.formatting import format_datetime
from app.store.project import Project
from app.ui.models.sync import JournalModel, JournalRow, ledger_contents, sequence_text
from app.ui.sync.texts import exchange_label, status_label


def journal_rows(project: Project) -> list[JournalRow]:
    """Every exchange, newest first. A refused bundle's writer may not be registered: then only the
    ledger's detail knows its name."""
    names = {device.id: device.name for device in project.devices.find()}
    return [JournalRow(entry.at, entry.direction, entry.kind, entry.status,
                       names.get(entry.device_id or "") or str(entry.detail.get("device_name") or ""),
                       entry.file_name, entry.seq_from, entry.seq_to, entry.reason, entry.detail)
            for entry in project.sync_ledger.find(order_by="at DESC, rowid DESC")]


def ledger_html(row: JournalRow) -> str:
    parts = [f"<h3>{escape(exchange_label(row.direction, row.kind))}</h3>",
             html_field(_("Status"), status_label(row.status)),
             html_field(_("Date"), format_datetime(row.at)),
             html_field(_("Device"), row.device),
             html_field(_("File"), row.file_name),
             html_field(_("Contents"), ledger_contents(row)),
             html_field(_("Change numbers"), sequence_text(row)),
             html_field(_("Why it was refused"), row.reason)]
    quarantined = row.detail.get("quarantined") if row.status == "refused" else ""
    if quarantined:
        parts.append(html_field(_("Copy kept in quarantine"), str(quarantined)))
    return "".join(parts)


class JournalPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = JournalModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(self._show_selected)
        self.detail = detail_browser()
        self.empty_label = muted(_("No exchange yet: study packages and field bundles will appear here."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.splitter = split(Qt.Orientation.Horizontal, (self.view, 7), (self.detail, 3))
        self.splitter.setSizes([760, 320])
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty_label, 1)

    def set_rows(self, rows: list[JournalRow]) -> None:
        self.model.set_rows(rows)
        empty = not rows
        self.splitter.setVisible(not empty)
        self.empty_label.setVisible(empty)
        fit_columns(self.view, stretch=(4,))
        if rows:
            self.view.selectRow(0)
        else:
            self.detail.clear()

    def is_empty(self) -> bool:
        return self.model.rowCount() == 0

    def _show_selected(self) -> None:
        row = selected_row(self.view)
        self.detail.setHtml(ledger_html(row) if row is not None else "")
