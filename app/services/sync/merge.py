"""Taking field records into the analyst's database, one version at a time.

See app/core/merge.py for the rules. Each write runs under its own savepoint, so a record that
breaks a constraint (its parent never arrived, say) is held back and reported without stopping
the rest of the bundle; a held record is left out of the receipt, so the laptop sends it again.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections import Counter
from dataclasses import dataclass, field

from app.core.merge import APPLY, STALE, UNCHANGED, Taken, decide, holder, join
from app.core.records import utc_now
from app.core.sync import Version, content_hash
from app.store.project import Project
from app.store.sync_records import RecordStore

_CONFLICT_IDS = uuid.UUID("6f1d3c1e-5b0a-4f53-9a55-2a1f0d7c9e11")


@dataclass
class MergeReport:
    counts: Counter = field(default_factory=Counter)
    received: list[tuple[str, str, int, str]] = field(default_factory=list)
    held: list[tuple[str, str, str]] = field(default_factory=list)


class Merger:
    """Applies incoming versions to one project; the caller holds the transaction."""

    def __init__(self, project: Project, local_device_id: str):
        self.project = project
        self.db = project.db
        self.store = RecordStore(project.db)
        self.local_device_id = local_device_id
        self.report = MergeReport()

    def take(self, kind: str, record_id: str, version: Version) -> None:
        exists = self.store.exists(kind, record_id)
        taken = self._taken(kind, record_id)
        conflict = self._open_conflict(kind, record_id)
        current: dict = {}

        def current_hash() -> str:
            if "hash" not in current:
                current["data"] = self.store.read(kind, record_id)
                current["hash"] = content_hash(current["data"])
            return current["hash"]

        deleted_at = self._tombstone_seq(kind, record_id, version.device_id)
        if version.deleted:
            # Every deletion shares the hash "deleted": what was seen is which device deleted it, and when.
            seen = deleted_at is not None and deleted_at >= version.seq
            self._mark_tombstone(kind, record_id, version)
        else:
            seen = self._seen(kind, record_id, version.hash)
        deleted_since = deleted_at is not None and deleted_at > version.seq
        decision = decide(version, seen=seen, exists=exists, taken=taken, current_hash=current_hash,
                          in_conflict=conflict is not None, deleted_since=deleted_since)
        if decision in (UNCHANGED, STALE):
            # A version its device has deleted since stays stale for good (tombstones only grow), so it
            # needs no mark. Marking it would depend on the order: held back for a missing parent, it
            # is left unmarked, and a second import of its bundle would then add the mark.
            if not deleted_since:
                self._mark_seen(kind, record_id, version.hash)
            self._received(kind, record_id, version)
            self.report.counts["unchanged"] += 1
            return
        if decision == APPLY:
            if self._guarded(kind, record_id, version, lambda: self._put(kind, record_id, version)):
                self._set_taken(kind, record_id, version)
                self._mark_seen(kind, record_id, version.hash)
                self._received(kind, record_id, version)
                key = ("deleted" if exists else "unchanged") if version.deleted else "updated" if exists else "new"
                self.report.counts[key] += 1
            return
        if self._guarded(kind, record_id, version,
                         lambda: self._conflict(kind, record_id, version, conflict, exists, taken, current_hash,
                                                current)):
            self._mark_seen(kind, record_id, version.hash)
            self._received(kind, record_id, version)
            self.report.counts["conflicts"] += 1

    # conflicts -----------------------------------------------------------------------------------
    def _conflict(self, kind, record_id, version, conflict, exists, taken, current_hash, current) -> None:
        if conflict is not None:
            conflict_id, versions = conflict
            joined = join(versions, version)
            if joined is None:
                return
        else:
            held = self._held_version(kind, record_id, exists, taken, current_hash, current)
            joined = join([held], version)
            conflict_id = self._new_conflict(kind, record_id, joined)
        winner = holder(joined)
        held_hash = current_hash() if exists else "deleted"
        if winner.hash != held_hash:
            self._put(kind, record_id, winner)
        self._set_taken(kind, record_id, winner)
        # When the competing versions have come to agree (each device sent its latest), nothing is left to choose.
        status = "open" if len({v.hash for v in joined}) > 1 else "resolved"
        self.db.execute("UPDATE sync_conflict SET versions = ?, label = ?, status = ?, resolved_hash = ?, "
                        "updated_at = ? WHERE id = ?",
                        [json.dumps([v.as_json() for v in joined], ensure_ascii=False), _label(kind, joined),
                         status, winner.hash if status == "resolved" else "", utc_now(), conflict_id])

    def _held_version(self, kind, record_id, exists, taken: Taken | None, current_hash, current) -> Version:
        """The version the table holds now, as one side of a new conflict."""
        if not exists:
            return Version(taken.device_id, taken.seq, "deleted", self._taken_at(kind, record_id), None)
        digest = current_hash()
        row = current["data"]["row"]
        at = row.get("updated_at") or row.get("at") or ""
        if taken is not None and taken.hash == digest:
            return Version(taken.device_id, taken.seq, digest, at, current["data"])
        return Version(self.local_device_id, 0, digest, at, current["data"])

    def _new_conflict(self, kind: str, record_id: str, versions: list[Version]) -> str:
        earlier = self.db.execute("SELECT count(*) FROM sync_conflict WHERE kind = ? AND record_id = ?",
                                  [kind, record_id]).fetchone()[0]
        # Named from the record and how many conflicts it had, so every import order makes the same row.
        conflict_id = str(uuid.uuid5(_CONFLICT_IDS, f"{kind}/{record_id}/{earlier}"))
        now = utc_now()
        self.db.execute(
            "INSERT INTO sync_conflict (id, kind, record_id, label, versions, status, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '[]', 'open', ?, ?)", [conflict_id, kind, record_id, _label(kind, versions), now, now])
        return conflict_id

    # storage -------------------------------------------------------------------------------------
    def _put(self, kind: str, record_id: str, version: Version) -> None:
        if version.deleted:
            self.store.delete(kind, record_id)
        else:
            self.store.write(kind, version.data)

    def _guarded(self, kind: str, record_id: str, version: Version, action) -> bool:
        self.db.execute("SAVEPOINT record")
        try:
            action()
        except sqlite3.IntegrityError as error:
            self.db.execute("ROLLBACK TO record")
            self.db.execute("RELEASE record")
            self.report.held.append((kind, record_id, str(error)))
            self.report.counts["held"] += 1
            return False
        self.db.execute("RELEASE record")
        return True

    def _received(self, kind: str, record_id: str, version: Version) -> None:
        self.report.received.append((kind, record_id, version.seq, version.hash))

    def _seen(self, kind: str, record_id: str, digest: str) -> bool:
        return self.db.execute("SELECT 1 FROM sync_seen WHERE kind = ? AND record_id = ? AND hash = ?",
                               [kind, record_id, digest]).fetchone() is not None

    def _mark_seen(self, kind: str, record_id: str, digest: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO sync_seen (kind, record_id, hash) VALUES (?, ?, ?)",
                        [kind, record_id, digest])

    def _tombstone_seq(self, kind: str, record_id: str, device_id: str) -> int | None:
        row = self.db.execute("SELECT seq FROM sync_tombstone WHERE kind = ? AND record_id = ? AND device_id = ?",
                              [kind, record_id, device_id]).fetchone()
        return row[0] if row else None

    def _mark_tombstone(self, kind: str, record_id: str, version: Version) -> None:
        self.db.execute("INSERT INTO sync_tombstone (kind, record_id, device_id, seq) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (kind, record_id, device_id) DO UPDATE SET seq = max(seq, excluded.seq)",
                        [kind, record_id, version.device_id, version.seq])

    def _taken(self, kind: str, record_id: str) -> Taken | None:
        row = self.db.execute("SELECT device_id, seq, hash, deleted FROM sync_record WHERE kind = ? AND record_id = ?",
                              [kind, record_id]).fetchone()
        return Taken(row[0], row[1], row[2], bool(row[3])) if row else None

    def _taken_at(self, kind: str, record_id: str) -> str:
        row = self.db.execute("SELECT at FROM sync_record WHERE kind = ? AND record_id = ?", [kind, record_id]).fetchone()
        return row[0] if row else ""

    def _set_taken(self, kind: str, record_id: str, version: Version) -> None:
        self.db.execute(
            "INSERT INTO sync_record (kind, record_id, device_id, seq, hash, deleted, at) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, record_id) DO UPDATE SET device_id = excluded.device_id, seq = excluded.seq, "
            "hash = excluded.hash, deleted = excluded.deleted, at = excluded.at",
            [kind, record_id, version.device_id, version.seq, version.hash, int(version.deleted), version.at])

    def _open_conflict(self, kind: str, record_id: str) -> tuple[str, list[Version]] | None:
        row = self.db.execute("SELECT id, versions FROM sync_conflict WHERE kind = ? AND record_id = ? AND status = 'open'",
                              [kind, record_id]).fetchone()
        if row is None:
            return None
        return row[0], [Version.from_json(value) for value in json.loads(row[1])]


def _label(kind: str, versions: list[Version]) -> str:
    """What the analyst reads in the conflicts list: a code, a title or a name, not an id."""
    for version in versions:
        if version.data:
            row = version.data["row"]
            for key in ("code", "title", "name", "action"):
                if row.get(key):
                    return str(row[key])
    return ""
