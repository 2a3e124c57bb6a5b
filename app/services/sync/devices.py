"""This computer's identity in the study, and the laptops the analyst trusts.

Each copy of a project has one device of its own, with an Ed25519 key to sign what it writes and
an X25519 key to receive encrypted bundles. The private keys stay in ``device_secret``; only the
public keys travel. A laptop is trusted once the analyst registers it from one of its bundles,
after comparing the fingerprint the laptop shows with the one Terrain shows for the bundle.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from app.core.records import utc_now
from app.core.sync import FIELD_KINDS, Device, fingerprint
from app.i18n import _
from app.services.sync import keys as keyring
from app.services.sync.container import read_container, check_signature
from app.services.sync.errors import SyncError
from app.store.project import Project

ROLE_KEY = "role"


def this_device(project: Project) -> Device | None:
    return project.devices.first("is_self = 1")


def role(project: Project) -> str:
    """"field" for a copy made from a study package, "analyst" otherwise."""
    row = project.db.execute("SELECT value FROM sync_setting WHERE key = ?", [ROLE_KEY]).fetchone()
    return row[0] if row else "analyst"


def setting(project: Project, key: str) -> str | None:
    row = project.db.execute("SELECT value FROM sync_setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(project: Project, key: str, value: str | None) -> None:
    with project.transaction():
        if value is None:
            project.db.execute("DELETE FROM sync_setting WHERE key = ?", [key])
        else:
            project.db.execute("INSERT INTO sync_setting (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])


def ensure_this_device(project: Project, role_name: str, name: str | None = None) -> Device:
    """This computer's device, made with fresh keys the first time it is needed."""
    device = this_device(project)
    with project.transaction():
        if device is None:
            now = utc_now()
            device = Device(name=name or default_name(role_name), role=role_name, registered_at=now, is_self=True)
            project.devices.insert(device)
        if not project.db.execute("SELECT 1 FROM device_secret WHERE device_id = ?", [device.id]).fetchone():
            pair = keyring.generate()
            project.db.execute(
                "INSERT INTO device_secret (device_id, signing_key, box_key, created_at) VALUES (?, ?, ?, ?)",
                [device.id, pair.signing_key, pair.box_key, utc_now()])
            device.public_key, device.box_key = pair.public_key, pair.box_public
            project.devices.update(device)
    return device


def default_name(role_name: str) -> str:
    host = platform.node().split(".")[0]
    if host:
        return host
    return _("analyst") if role_name == "analyst" else _("field laptop")


def keys_of(project: Project, device: Device) -> keyring.KeyPair:
    row = project.db.execute("SELECT signing_key, box_key FROM device_secret WHERE device_id = ?",
                             [device.id]).fetchone()
    if row is None:
        raise SyncError(_("This computer has no keys for the study yet."))
    return keyring.KeyPair(row[0], row[1])


def analyst_device(project: Project) -> Device | None:
    """On a field copy, the analyst whose packages and receipts it trusts."""
    return project.devices.first("is_self = 0 AND role = 'analyst'", order_by="registered_at DESC")


def field_devices(project: Project) -> list[Device]:
    return project.devices.find("is_self = 0 AND role = 'field'", order_by="name")


def start_tracking(project: Project) -> int:
    """Make this copy a field copy: from now on every change to a field record is numbered.

    Field records already there (made before this copy tracked its changes) are numbered too,
    so the first bundle carries them. Returns how many were numbered.
    """
    numbered = 0
    with project.transaction():
        project.db.execute("UPDATE sync_counter SET tracking = 1")
        for kind in FIELD_KINDS:
            rows = project.db.execute(
                f"SELECT id FROM {kind.table} WHERE id NOT IN (SELECT record_id FROM sync_change WHERE kind = ?) "
                "ORDER BY rowid", [kind.name]).fetchall()
            if not rows:
                continue
            start = project.db.execute("SELECT seq FROM sync_counter").fetchone()[0]
            now = utc_now()
            project.db.conn.executemany(
                "INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at) VALUES (?, ?, ?, 0, ?)",
                [(kind.name, row[0], start + offset, now) for offset, row in enumerate(rows, start=1)])
            project.db.execute("UPDATE sync_counter SET seq = ?", [start + len(rows)])
            numbered += len(rows)
    return numbered


# registering laptops -----------------------------------------------------------------------------
@dataclass(frozen=True)
class DeviceCard:
    """Who wrote a bundle, as its manifest says (self-signed: it proves the key, not the person)."""

    device_id: str
    name: str
    fingerprint: str
    study_id: str
    public_key: str
    box_key: str


def read_card(bundle_path: Path) -> DeviceCard:
    container = read_container(Path(bundle_path), "bundle")
    manifest = container.manifest
    device = manifest.get("device") or {}
    public_key = container.signer
    check_signature(container, public_key)
    if device.get("public_key") != public_key or not device.get("id"):
        raise SyncError(_("{name} does not say which computer wrote it.").format(name=Path(bundle_path).name))
    return DeviceCard(device["id"], str(device.get("name", "")), fingerprint(public_key),
                      str(manifest.get("study_id", "")), public_key, str(device.get("box_key", "")))


def register_device(project: Project, bundle_path: Path, *, interviewer_id: str | None = None,
                    actor: str = "") -> Device:
    """Trust the laptop that wrote this bundle: its later bundles are imported."""
    card = read_card(bundle_path)
    if card.study_id != project.study().id:
        raise SyncError(_("{name} belongs to another study.").format(name=Path(bundle_path).name))
    mine = this_device(project)
    if mine is not None and mine.id == card.device_id:
        raise SyncError(_("{name} was written by this computer.").format(name=Path(bundle_path).name))
    now = utc_now()
    with project.transaction():
        device = project.devices.first("id = ?", [card.device_id])
        if device is None:
            device = Device(id=card.device_id, name=card.name, role="field", registered_at=now,
                            public_key=card.public_key, box_key=card.box_key)
            project.devices.insert(device)
        elif device.public_key and device.public_key != card.public_key:
            raise SyncError(_("{device} is already registered with another key: revoke it first, then register "
                              "it again.").format(device=device.name))
        else:
            device.name, device.public_key, device.box_key, device.revoked_at = (
                card.name, card.public_key, card.box_key, None)
            project.devices.update(device)
        if interviewer_id:
            project.db.execute("UPDATE interviewer SET device_id = ?, updated_at = ? WHERE id = ?",
                               [device.id, now, interviewer_id])
        project.audit("device_registered", "device", device.id, actor=actor, name=device.name,
                      fingerprint=card.fingerprint)
    return device


def revoke_device(project: Project, device_id: str, actor: str = "") -> Device:
    device = project.devices.get(device_id)
    device.revoked_at = utc_now()
    with project.transaction():
        project.devices.update(device)
        project.audit("device_revoked", "device", device_id, actor=actor, name=device.name)
    return device
