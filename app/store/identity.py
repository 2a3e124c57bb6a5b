"""The identity store: participants' real names and contacts, and what pseudonyms stand for.

This is the only code that reads the ``identity``, ``pseudonym`` and ``pseudonym_term`` tables.
Analysis views, exports and sync bundles go through the participant tables, which hold
pseudonymous codes only, and through transcripts whose names have been replaced.
"""

from __future__ import annotations

import sqlite_utils

from app.core.participants import Identity
from app.core.pseudonyms import Pseudonym, StudyTerm, fold, require_kind
from app.core.records import new_id, utc_now


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

    def all(self) -> list[Identity]:
        """Every identity, for pseudonymisation: names to look for in the transcripts."""
        rows = self._db.execute(
            "SELECT participant_id, full_name, contact, address, created_at, updated_at FROM identity "
            "ORDER BY participant_id"
        ).fetchall()
        return [
            Identity(participant_id=r[0], full_name=r[1], contact=r[2], address=r[3], created_at=r[4], updated_at=r[5])
            for r in rows
        ]

    # pseudonymisation: the study's list of names, and what each original became -------------
    def study_terms(self, study_id: str) -> list[StudyTerm]:
        rows = self._db.execute(
            "SELECT text, kind FROM pseudonym_term WHERE study_id = ? ORDER BY text", [study_id]
        ).fetchall()
        return [StudyTerm(text=text, kind=kind) for text, kind in rows]

    def add_study_term(self, study_id: str, text: str, kind: str) -> StudyTerm:
        """Add a name or place to look for in every transcript (or change the kind of one listed)."""
        term = StudyTerm(text=" ".join(text.split()), kind=require_kind(kind))
        if not term.text:
            raise ValueError("a listed name cannot be empty")
        now = utc_now()
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO pseudonym_term (id, study_id, text, kind, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (study_id, text) DO UPDATE SET "
                "kind = excluded.kind, updated_at = excluded.updated_at",
                [new_id(), study_id, term.text, term.kind, now, now],
            )
        return term

    def remove_study_term(self, study_id: str, text: str) -> None:
        with self._db.atomic():
            self._db.execute("DELETE FROM pseudonym_term WHERE study_id = ? AND text = ?", [study_id, text])

    def pseudonyms(self, study_id: str) -> list[Pseudonym]:
        rows = self._db.execute(
            "SELECT original, kind, number FROM pseudonym WHERE study_id = ? ORDER BY number", [study_id]
        ).fetchall()
        return [Pseudonym(original=original, kind=kind, number=number) for original, kind, number in rows]

    def add_pseudonyms(self, study_id: str, pseudonyms: list[Pseudonym]) -> None:
        """Remember new originals with their numbers (see app.core.pseudonyms.number_new)."""
        now = utc_now()
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT INTO pseudonym (id, study_id, original, original_key, kind, number, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(new_id(), study_id, p.original, fold(p.original), require_kind(p.kind), p.number, now, now)
                 for p in pseudonyms],
            )
