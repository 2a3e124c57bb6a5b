"""Where this copy stands in the sync loop, for `terrain sync status` and the Sync area."""

from __future__ import annotations

import json

from app.core.sync import fingerprint
from app.services.sync import devices
from app.services.sync.bundle import pending_counts
from app.services.sync.conflicts import conflict_count
from app.services.sync.folder import sync_folder
from app.services.sync.importer import quarantined
from app.store.project import Project


def status(project: Project) -> dict:
    me = devices.this_device(project)
    role = devices.role(project)
    folder = sync_folder(project)
    last_bundles = dict(project.db.execute(
        "SELECT device_id, max(at) FROM sync_ledger WHERE direction = 'in' AND kind = 'bundle' "
        "AND status = 'imported' GROUP BY device_id").fetchall())
    interviewers = {row[0]: row[1] for row in project.db.execute(
        "SELECT device_id, name FROM interviewer WHERE device_id IS NOT NULL")}
    ledger = [
        {"at": at, "direction": direction, "kind": kind, "status": state, "file": file_name, "reason": reason,
         "detail": json.loads(detail or "{}")}
        for at, direction, kind, state, file_name, reason, detail in project.db.execute(
            "SELECT at, direction, kind, status, file_name, reason, detail FROM sync_ledger ORDER BY at DESC, rowid DESC LIMIT 20")
    ]
    result = {
        "role": role,
        "device": ({"id": me.id, "name": me.name, "fingerprint": fingerprint(me.public_key) if me.public_key else ""}
                   if me else None),
        "folder": str(folder) if folder else None,
        "pending": pending_counts(project),
        "ledger": ledger,
    }
    if role == "analyst":
        result["devices"] = [
            {"id": device.id, "name": device.name, "fingerprint": fingerprint(device.public_key),
             "interviewer": interviewers.get(device.id), "last_bundle_at": last_bundles.get(device.id),
             "revoked": bool(device.revoked_at)}
            for device in devices.field_devices(project)
        ]
        result["open_conflicts"] = conflict_count(project)
        result["quarantined"] = len(quarantined(project))
    else:
        analyst = devices.analyst_device(project)
        result["analyst"] = ({"id": analyst.id, "name": analyst.name, "fingerprint": fingerprint(analyst.public_key)}
                             if analyst else None)
    return result
