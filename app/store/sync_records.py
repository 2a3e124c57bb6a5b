"""Field records as they travel: a row with the rows that belong to it, read and written whole.

Values are taken from SQLite as stored (JSON columns stay text, booleans stay 0/1), so a record
read on the laptop and the same record read on the analyst's side give the same canonical JSON
and the same hash. Writes are upserts, never INSERT OR REPLACE: replacing an interview row would
delete its notes through the foreign-key cascade.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from app.core.sync import KINDS_BY_NAME


class RecordStore:
    """Reads and writes the field records of one database."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._columns: dict[str, list[str]] = {}

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [row[1] for row in self.db.execute(f"PRAGMA table_info({table})")]
        return self._columns[table]

    # reading ---------------------------------------------------------------------------------
    def read(self, kind_name: str, record_id: str) -> dict | None:
        return self.read_many(kind_name, [record_id]).get(record_id)

    def read_many(self, kind_name: str, record_ids: Iterable[str]) -> dict[str, dict]:
        kind = KINDS_BY_NAME[kind_name]
        ids = list(dict.fromkeys(record_ids))
        records: dict[str, dict] = {}
        for chunk in _chunks(ids, 500):
            for row in self._select(kind.table, "id", chunk, "id"):
                records[row["id"]] = {"row": row, **{part.table: [] for part in kind.parts}}
            for part in kind.parts:
                for row in self._select(part.table, part.parent_column, chunk, part.order_by):
                    records[row[part.parent_column]][part.table].append(row)
        return records

    def _select(self, table: str, column: str, values: list[str], order_by: str) -> list[dict]:
        names = self.columns(table)
        marks = ",".join("?" for _ in values)
        sql = f"SELECT {', '.join(names)} FROM {table} WHERE {column} IN ({marks}) ORDER BY {column}, {order_by}"
        return [dict(zip(names, row)) for row in self.db.execute(sql, values)]

    def exists(self, kind_name: str, record_id: str) -> bool:
        table = KINDS_BY_NAME[kind_name].table
        return self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone() is not None

    # writing ---------------------------------------------------------------------------------
    def write(self, kind_name: str, record: dict) -> None:
        """Insert the record, or bring the stored one to this content (its parts replaced whole)."""
        kind = KINDS_BY_NAME[kind_name]
        row = record["row"]
        self._upsert(kind.table, row)
        for part in kind.parts:
            self.db.execute(f"DELETE FROM {part.table} WHERE {part.parent_column} = ?", [row["id"]])
            self._insert_many(part.table, record.get(part.table, []))

    def delete(self, kind_name: str, record_id: str) -> None:
        kind = KINDS_BY_NAME[kind_name]
        self.db.execute(f"DELETE FROM {kind.table} WHERE id = ?", [record_id])

    def _known(self, table: str, row: dict) -> list[str]:
        # A laptop on an older version sends fewer columns (the defaults fill in); a newer one
        # is refused before this point, so unknown columns never reach here.
        return [name for name in self.columns(table) if name in row]

    def _upsert(self, table: str, row: dict) -> None:
        names = self._known(table, row)
        updates = ", ".join(f"{name} = excluded.{name}" for name in names if name != "id")
        sql = (f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
               f"ON CONFLICT (id) DO UPDATE SET {updates}")
        self.db.execute(sql, [row[name] for name in names])

    def _insert_many(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        names = self._known(table, rows[0])
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
        self.db.conn.executemany(sql, [[row[name] for name in names] for row in rows])


def _chunks(values: list[str], size: int):
    for start in range(0, len(values), size):
        yield values[start:start + size]
