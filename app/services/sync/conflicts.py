"""Records edited on two devices: every version kept until the analyst chooses one."""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.core.records import utc_now
from app.core.sync import Version, content_hash
from app.i18n import _
from app.services.sync.errors import SyncError
from app.store.project import Project
from app.store.sync_records import RecordStore

MAX_SHOWN = 400
HIDDEN_FIELDS = {"id"}


@dataclass(frozen=True)
class VersionView:
    hash: str
    device_name: str
    at: str
    deleted: bool
    values: dict[str, str]


@dataclass(frozen=True)
class ConflictView:
    id: str
    kind: str
    record_id: str
    label: str
    created_at: str
    versions: list[VersionView]
    fields: list[str]
    held_hash: str


def conflict_count(project: Project) -> int:
    return project.db.execute("SELECT count(*) FROM sync_conflict WHERE status = 'open'").fetchone()[0]


def open_conflicts(project: Project) -> list[ConflictView]:
    names = {row[0]: row[1] for row in project.db.execute("SELECT id, name FROM device")}
    store = RecordStore(project.db)
    found = []
    for conflict_id, kind, record_id, label, versions, created_at in project.db.execute(
            "SELECT id, kind, record_id, label, versions, created_at FROM sync_conflict WHERE status = 'open' "
            "ORDER BY created_at, id").fetchall():
        parsed = [Version.from_json(value) for value in json.loads(versions)]
        views = [VersionView(v.hash, names.get(v.device_id, "?"), v.at, v.deleted, _values(v.data)) for v in parsed]
        every = list(dict.fromkeys(name for view in views for name in view.values))
        differing = [name for name in every if len({view.values.get(name, "") for view in views}) > 1]
        held = content_hash(store.read(kind, record_id))
        found.append(ConflictView(conflict_id, kind, record_id, label, created_at, views, differing, held))
    return found


def _values(data: dict | None) -> dict[str, str]:
    """Each field as text a person can compare; long texts shortened, parts summarised."""
    if data is None:
        return {}
    values = {name: _short(value) for name, value in data["row"].items() if name not in HIDDEN_FIELDS}
    turns = data.get("turn")
    if turns is not None:
        words = sum(len(str(turn.get("text", "")).split()) for turn in turns)
        values["turns"] = _("{turns} turns, {words} words").format(turns=len(turns), words=words)
        for position, turn in enumerate(turns):
            values[f"turn {position + 1}"] = _short(f"{turn.get('speaker_label', '')}: {turn.get('text', '')}")
    return values


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…"


def resolve(project: Project, conflict_id: str, keep_hash: str, actor: str = "") -> None:
    """Keep one version: the table takes it, the conflict is closed, the choice is audited."""
    row = project.db.execute("SELECT kind, record_id, versions FROM sync_conflict WHERE id = ? AND status = 'open'",
                             [conflict_id]).fetchone()
    if row is None:
        raise SyncError(_("This conflict was already resolved."))
    kind, record_id, versions = row[0], row[1], [Version.from_json(v) for v in json.loads(row[2])]
    chosen = next((version for version in versions if version.hash == keep_hash), None)
    if chosen is None:
        raise SyncError(_("That version is not one of this conflict's."))
    store = RecordStore(project.db)
    now = utc_now()
    with project.transaction():
        if chosen.deleted:
            store.delete(kind, record_id)
        else:
            store.write(kind, chosen.data)
        project.db.execute(
            "INSERT INTO sync_record (kind, record_id, device_id, seq, hash, deleted, at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, record_id) DO UPDATE SET device_id = excluded.device_id, seq = excluded.seq, "
            "hash = excluded.hash, deleted = excluded.deleted, at = excluded.at",
            [kind, record_id, chosen.device_id, chosen.seq, chosen.hash, int(chosen.deleted), chosen.at])
        project.db.execute("UPDATE sync_conflict SET status = 'resolved', resolved_hash = ?, resolved_by = ?, "
                           "resolved_at = ?, updated_at = ? WHERE id = ?", [keep_hash, actor, now, now, conflict_id])
        project.audit("conflict_resolved", kind, record_id, actor=actor, kept=keep_hash,
                      versions=[v.hash for v in versions])
