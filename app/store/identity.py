"""The identity store: participants' real names and contacts.

This is the only code that reads the ``identity`` table. Analysis views, exports and sync
bundles go through the participant tables, which hold pseudonymous codes only.
"""

from __future__ import annotations

import sqlite_utils

from app.core.participants import Identity
from app.core.records import utc_now


class IdentityStore:
    def __init__(self, db: sqlite_utils.Database):
        self._db = db

    def put(self, identity: Identity) -> Identity:
        now = utc_now()
        identity.created_at = identity.created_at or now
        identity.updated_at = now
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO identity (participant_id, full_name, contact, address, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (participant_id) DO UPDATE SET "
                "full_name = excluded.full_name, contact = excluded.contact, address = excluded.address, "
                "updated_at = excluded.updated_at",
                [
                    identity.participant_id,
                    identity.full_name,
                    identity.contact,
                    identity.address,
                    identity.created_at,
                    identity.updated_at,
                ],
            )
        return identity

    def reveal(self, participant_id: str) -> Identity | None:
        """The real identity behind a code, for a person who asked to see it."""
        row = self._db.execute(
            "SELECT participant_id, full_name, contact, address, created_at, updated_at "
            "FROM identity WHERE participant_id = ?",
            [participant_id],
        ).fetchone()
        if row is None:
            return None
        return Identity(
            participant_id=row[0], full_name=row[1], contact=row[2], address=row[3], created_at=row[4], updated_at=row[5]
        )

    def all_strings(self) -> list[str]:
        """Every stored identity string, so that exports can be checked for leaks."""
        strings = []
        for row in self._db.execute("SELECT full_name, contact, address FROM identity"):
            strings.extend(value for value in row if value and value.strip())
        return strings

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM identity").fetchone()[0]
