"""Devices, the ledger of exchanges, and what travels between field laptops and the analyst.

A field record travels whole: its row, plus the rows that belong to it (a transcript carries its
speakers and turns, an interview the time spent in each section). Its version is the SHA-256 of
its canonical JSON, so two devices holding the same content agree on the hash without talking.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from app.core.records import Record, new_id, utc_now


@dataclass(kw_only=True)
class Device(Record):
    name: str
    role: str
    registered_at: str
    public_key: str = ""
    box_key: str = ""
    is_self: bool = False
    revoked_at: str | None = None


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
    exchange_id: str = ""
    detail: dict = field(default_factory=dict)


@dataclass(kw_only=True)
class AuditEvent:
    action: str
    actor: str = ""
    entity: str = ""
    entity_id: str = ""
    detail: dict = field(default_factory=dict)
    id: str = field(default_factory=new_id)
    at: str = field(default_factory=utc_now)


# What travels ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Part:
    """Rows of another table that belong to a record and travel inside it."""

    table: str
    parent_column: str
    order_by: str


@dataclass(frozen=True)
class RecordKind:
    name: str
    table: str
    parts: tuple[Part, ...] = ()


# In the order records are written: a record's parents come before it.
FIELD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("interviewer", "interviewer"),
    RecordKind("participant", "participant"),
    RecordKind("consent", "consent"),
    RecordKind("interview", "interview", (Part("interview_section_time", "interview_id", "section_id"),)),
    RecordKind("note", "note"),
    RecordKind("field_note", "field_note"),
    RecordKind("survey_answer", "survey_answer"),
    RecordKind("transcript", "transcript", (
        Part("transcript_speaker", "transcript_id", "label"),
        Part("turn", "transcript_id", "position"),
    )),
    RecordKind("audit", "audit_log"),
)
KINDS_BY_NAME = {kind.name: kind for kind in FIELD_KINDS}


def canonical_json(value) -> bytes:
    """One byte string per value: keys sorted, no spaces, UTF-8 kept as is."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_hash(data: dict | None) -> str:
    """The version of a record's content; a deletion has the fixed version "deleted"."""
    if data is None:
        return "deleted"
    return hashlib.sha256(canonical_json(data)).hexdigest()


@dataclass(frozen=True)
class Version:
    """One version of a record as a device sent it. ``data`` is None for a deletion."""

    device_id: str
    seq: int
    hash: str
    at: str
    data: dict | None
    base: str = ""

    @property
    def deleted(self) -> bool:
        return self.data is None

    def as_json(self) -> dict:
        return {"device_id": self.device_id, "seq": self.seq, "hash": self.hash, "at": self.at,
                "base": self.base, "data": self.data}

    @classmethod
    def from_json(cls, value: dict) -> "Version":
        return cls(value["device_id"], int(value["seq"]), value["hash"], value["at"], value["data"],
                   value.get("base", ""))


def latest(versions: list[Version]) -> Version:
    """The version the table holds while a conflict is open: the most recent edit, and between
    two edits stamped alike the larger hash, so every import order picks the same one."""
    return max(versions, key=lambda version: (version.at, version.hash))


def fingerprint(public_key: str) -> str:
    """A short, readable digest of a device's public key, to compare over the phone."""
    digest = hashlib.sha256(public_key.encode("ascii")).hexdigest().upper()[:20]
    return " ".join(digest[i:i + 4] for i in range(0, 20, 4))
