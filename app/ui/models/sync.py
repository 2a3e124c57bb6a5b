"""Devices known to the project and the ledger of bundles and packages."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.summaries import LedgerRow
from app.i18n import N_, _
from app.ui.formatting import format_datetime
from app.ui.labels import DEVICE_ROLES, SYNC_DIRECTIONS, SYNC_KINDS, SYNC_STATUSES, label
from app.ui.models.base import WARNING_BACKGROUND, Column, RowsModel


def sequence_text(row: LedgerRow) -> str:
    if row.seq_from is None:
        return ""
    if row.seq_to is None or row.seq_to == row.seq_from:
        return str(row.seq_from)
    return _("{first} to {last}").format(first=row.seq_from, last=row.seq_to)


class DeviceModel(RowsModel):
    columns = (
        Column(N_("Device"), lambda r: r.name),
        Column(N_("Role"), lambda r: label(DEVICE_ROLES, r.role)),
        Column(N_("This computer"), lambda r: _("Yes") if r.is_self else ""),
        Column(N_("Registered"), lambda r: format_datetime(r.registered_at), sort=lambda r: r.registered_at),
    )


class LedgerModel(RowsModel):
    columns = (
        Column(N_("Date"), lambda r: format_datetime(r.at), sort=lambda r: r.at),
        Column(N_("Direction"), lambda r: label(SYNC_DIRECTIONS, r.direction)),
        Column(N_("Kind"), lambda r: label(SYNC_KINDS, r.kind)),
        Column(N_("Device"), lambda r: r.device or "—"),
        Column(N_("File"), lambda r: r.file_name),
        Column(N_("Records"), sequence_text, sort=lambda r: r.seq_from if r.seq_from is not None else -1),
        Column(N_("Status"), lambda r: label(SYNC_STATUSES, r.status), tooltip=lambda r: r.reason or None),
        Column(N_("Reason"), lambda r: r.reason),
    )

    def background(self, row: LedgerRow, column: int) -> QColor | None:
        return WARNING_BACKGROUND if row.status == "refused" and column == 6 else None
