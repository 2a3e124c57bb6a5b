"""The field laptop's side: what is waiting to be sent, the bundle that carries it, receipts.

A bundle holds every change the analyst has not acknowledged yet, so sending twice or
losing a stick is harmless: the next bundle carries it all again. Nothing is marked delivered
until a receipt signed by the analyst says it arrived.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from app import __version__
from app.core.records import new_id, utc_now
from app.core.sync import FIELD_KINDS, SyncLedgerEntry, Version, content_hash
from app.i18n import _
from app.services.sync import devices
from app.services.sync.container import SUFFIXES, SyncFileError, check_signature, open_parts, read_container, write_container
from app.services.sync.errors import SyncError
from app.services.sync.records import encode
from app.store.migrations import schema_version
from app.store.project import Project
from app.store.sync_records import RecordStore


def pending_counts(project: Project) -> dict[str, int]:
    rows = project.db.execute("SELECT kind, count(*) FROM sync_change WHERE seq > acked_seq GROUP BY kind")
    return {kind: count for kind, count in rows}


@dataclass(frozen=True)
class BundleExport:
    path: Path
    sha256: str
    records: int
    counts: dict[str, int]
    seq_from: int
    seq_to: int
    encrypted: bool


def export_bundle(project: Project, out: Path, *, encrypt: bool = True, actor: str = "") -> BundleExport:
    """Write everything not yet acknowledged into one signed (and encrypted) file."""
    me = _field_device(project)
    rows = project.db.execute(
        "SELECT kind, record_id, seq, deleted, changed_at, base FROM sync_change WHERE seq > acked_seq ORDER BY seq"
    ).fetchall()
    if not rows:
        raise SyncError(_("Nothing to send: the analyst has received everything recorded on this computer."))
    analyst = devices.analyst_device(project)
    if encrypt and (analyst is None or not analyst.box_key):
        raise SyncError(_("The study package did not carry the analyst's key: the bundle cannot be encrypted."))
    store = RecordStore(project.db)
    by_kind: dict[str, list] = {}
    for row in rows:
        by_kind.setdefault(row[0], []).append(row)
    parts, counts = {}, Counter()
    for kind in FIELD_KINDS:
        chosen = by_kind.get(kind.name, [])
        if not chosen:
            continue
        records = store.read_many(kind.name, [row[1] for row in chosen if not row[3]])
        lines = []
        for _kind, record_id, seq, deleted, changed_at, base in chosen:
            data = None if deleted else records.get(record_id)
            at = changed_at if data is None else (data["row"].get("updated_at") or data["row"].get("at") or changed_at)
            version = Version(me.id, seq, content_hash(data), at, data, base)
            lines.append(encode(kind.name, record_id, version))
        parts[f"{kind.name}.jsonl"] = b"".join(lines)
        counts[kind.name] = len(chosen)
    seq_from, seq_to = rows[0][2], rows[-1][2]
    study = project.study()
    bundle_id = new_id()
    manifest = {
        "id": bundle_id, "study_id": study.id, "study_title": study.title, "created_at": utc_now(),
        "schema_version": schema_version(project.db), "terrain_version": __version__,
        "device": {"id": me.id, "name": me.name, "public_key": me.public_key, "box_key": me.box_key},
        "seq_from": seq_from, "seq_to": seq_to, "counts": dict(counts),
    }
    path = _target(Path(out), me.name, seq_to, bundle_id)
    keys = devices.keys_of(project, me)
    sha = write_container(path, "bundle", manifest, parts, keys, encrypt_to=analyst.box_key if encrypt else None)
    with project.transaction():
        project.sync_ledger.insert(SyncLedgerEntry(
            direction="out", kind="bundle", status="written", at=utc_now(), device_id=me.id, file_name=path.name,
            sha256=sha, seq_from=seq_from, seq_to=seq_to, exchange_id=bundle_id, detail=dict(counts)))
    return BundleExport(path, sha, len(rows), dict(counts), seq_from, seq_to, bool(encrypt))


def _field_device(project: Project):
    me = devices.this_device(project)
    if devices.role(project) != "field" or me is None:
        raise SyncError(_("This project is the analyst's: field bundles are written on the field laptops."))
    return me


def _target(out: Path, device_name: str, seq_to: int, bundle_id: str) -> Path:
    if out.is_dir():
        # Two bundles written in the same second must not overwrite each other.
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        slug = re.sub(r"[^\w-]+", "-", device_name, flags=re.UNICODE).strip("-") or "terrain"
        return out / f"{slug}-{stamp}-{seq_to}-{bundle_id[:8]}{SUFFIXES['bundle']}"
    return out


# receipts ----------------------------------------------------------------------------------------
class NotForThisDevice(SyncError):
    """A receipt addressed to another laptop (several share a sync folder)."""


@dataclass(frozen=True)
class ReceiptImport:
    acknowledged: int
    held: int
    status: str  # "imported" or "already"


def import_receipt(project: Project, receipt: Path) -> ReceiptImport:
    """Mark as delivered what the analyst's receipt says arrived; refuse anyone else's receipt."""
    receipt = Path(receipt)
    me = _field_device(project)
    analyst = devices.analyst_device(project)
    container = read_container(receipt, "receipt")
    manifest = container.manifest
    if analyst is None or container.signer != analyst.public_key:
        raise SyncFileError(receipt, "bad_signature", _("{file} is not signed by the analyst of this study.")
                            .format(file=receipt.name))
    check_signature(container, analyst.public_key)
    if manifest.get("study_id") != project.study().id or manifest.get("device_id") != me.id:
        raise NotForThisDevice(_("{file} is a receipt for another computer.").format(file=receipt.name))
    receipt_id = str(manifest.get("id", ""))
    if project.sync_ledger.first("exchange_id = ? AND kind = 'receipt'", [receipt_id]):
        return ReceiptImport(0, 0, "already")
    parts = open_parts(container, None)
    try:
        received = [json.loads(line) for line in parts.get("received.jsonl", b"").splitlines() if line.strip()]
        held = [line for line in parts.get("held.jsonl", b"").splitlines() if line.strip()]
        items = [(str(kind), str(record_id), int(seq), str(digest)) for kind, record_id, seq, digest in received]
    except (ValueError, TypeError) as error:
        raise SyncError(_("{file} cannot be read.").format(file=receipt.name)) from error
    with project.transaction():
        # The base moves to the acknowledged version only when nothing changed since it was sent.
        project.db.conn.executemany(
            "UPDATE sync_change SET base = CASE WHEN seq = ? AND deleted = 0 THEN ? ELSE base END, "
            "acked_seq = max(acked_seq, ?) WHERE kind = ? AND record_id = ?",
            [(seq, digest, seq, kind, record_id) for kind, record_id, seq, digest in items])
        project.sync_ledger.insert(SyncLedgerEntry(
            direction="in", kind="receipt", status="acknowledged", at=utc_now(), device_id=analyst.id,
            file_name=receipt.name, sha256=container.sha256, exchange_id=receipt_id,
            detail={"received": len(items), "held": len(held), "bundle_id": manifest.get("bundle_id", "")}))
    return ReceiptImport(len(items), len(held), "imported")
