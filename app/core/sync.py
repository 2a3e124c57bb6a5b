"""Devices, the ledger of bundles and packages that came and went, and the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.records import Record, new_id, utc_now


@dataclass(kw_only=True)
class Device(Record):
    name: str
    role: str
    registered_at: str
    public_key: str = ""
    is_self: bool = False


@dataclass(kw_only=True)
class SyncLedgerEntry(Record):
    direction: str
    kind: str
    status: str
    at: str
    device_id: str | None = None
    file_name: str = ""
    sha256: str = ""
    seq_from: int | None = None
    seq_to: int | None = None
    reason: str = ""


@dataclass(kw_only=True)
class AuditEvent:
    action: str
    actor: str = ""
    entity: str = ""
    entity_id: str = ""
    detail: dict = field(default_factory=dict)
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=utc_now)
