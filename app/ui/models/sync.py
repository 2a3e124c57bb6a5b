"""Tables of the Sync area: the exchange journal, registered laptops, quarantined bundles, open
conflicts; and the plain device and ledger tables kept for a quick look at the raw records."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from app.core.summaries import LedgerRow
from app.i18n import N_, _
from app.ui.formatting import format_datetime
from app.ui.labels import DEVICE_ROLES, SYNC_DIRECTIONS, SYNC_KINDS, SYNC_STATUSES, label
from app.ui.models.base import WARNING_BACKGROUND, Column, RowsModel, text_or_dash
from app.ui.sync.texts import conflict_title, exchange_contents, exchange_label, refusal_label, status_label


@dataclass(frozen=True)
class JournalRow:
    """One exchange of the sync log, with the name of the device it came from or went to."""

    at: str
    direction: str
    kind: str
    status: str
    device: str
    file_name: str
    seq_from: int | None
    seq_to: int | None
    reason: str
    detail: dict


def sequence_text(row: LedgerRow | JournalRow) -> str:
    if row.seq_from is None:
        return ""
    if row.seq_to is None or row.seq_to == row.seq_from:
        return str(row.seq_from)
    return _("{first} to {last}").format(first=row.seq_from, last=row.seq_to)


def ledger_contents(row: JournalRow, compact: bool = False) -> str:
    return exchange_contents(row.direction, row.kind, row.status, row.detail, compact)


def journal_details(row: JournalRow) -> str:
    if row.status == "refused":
        return refusal_label(str(row.detail.get("code", "")), row.reason)
    return ledger_contents(row, compact=True)


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


class JournalModel(RowsModel):
    """The sync log: what came from whom, when, with what counts, and what was refused and why."""

    STATUS = 3
    columns = (
        Column(N_("Date"), lambda r: format_datetime(r.at), sort=lambda r: r.at),
        Column(N_("Exchange"), lambda r: exchange_label(r.direction, r.kind)),
        Column(N_("Device"), lambda r: text_or_dash(r.device)),
        Column(N_("Status"), lambda r: status_label(r.status)),
        # What it carried, or for a refusal why: the pane beside the table shows it whole.
        Column(N_("Details"), lambda r: journal_details(r), tooltip=lambda r: journal_details(r) or None),
    )

    def background(self, row: JournalRow, column: int) -> QColor | None:
        return WARNING_BACKGROUND if row.status == "refused" and column == self.STATUS else None


@dataclass(frozen=True)
class DeviceRow:
    """A registered field laptop, with who uses it and when it last sent a bundle."""

    id: str
    name: str
    fingerprint: str
    interviewer: str
    last_bundle_at: str
    registered_at: str
    revoked_at: str


class FieldDeviceModel(RowsModel):
    REVOKED = 5
    columns = (
        Column(N_("Laptop"), lambda r: r.name),
        Column(N_("Fingerprint"), lambda r: text_or_dash(r.fingerprint)),
        Column(N_("Interviewer"), lambda r: text_or_dash(r.interviewer)),
        Column(N_("Last bundle"), lambda r: format_datetime(r.last_bundle_at) or _("none yet"),
               sort=lambda r: r.last_bundle_at),
        Column(N_("Registered"), lambda r: format_datetime(r.registered_at), sort=lambda r: r.registered_at),
        Column(N_("Revoked on"), lambda r: format_datetime(r.revoked_at), sort=lambda r: r.revoked_at),
    )

    def background(self, row: DeviceRow, column: int) -> QColor | None:
        return WARNING_BACKGROUND if row.revoked_at and column == self.REVOKED else None


class QuarantineModel(RowsModel):
    columns = (
        Column(N_("Refused on"), lambda r: format_datetime(r.at), sort=lambda r: r.at),
        Column(N_("File"), lambda r: r.path.name, tooltip=lambda r: str(r.path)),
        Column(N_("Device"), lambda r: text_or_dash(r.device_name)),
        Column(N_("Reason"), lambda r: refusal_label(r.reason_code, r.reason), tooltip=lambda r: r.reason or None),
    )


class ConflictModel(RowsModel):
    columns = (
        Column(N_("Record"), conflict_title,
               tooltip=lambda r: ", ".join(version.device_name for version in r.versions)),
        Column(N_("Since"), lambda r: format_datetime(r.created_at), sort=lambda r: r.created_at),
    )
