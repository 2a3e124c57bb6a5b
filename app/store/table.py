"""A typed view of one table: rows in, dataclasses out.

Columns and dataclass fields share their names. Lists and dicts are stored as JSON text and
booleans as 0/1, following the dataclass's type hints, so repositories never hand out raw rows.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

import sqlite_utils

from app.core.records import utc_now
from app.store.errors import RecordNotFoundError

T = TypeVar("T")


def _kind(hint) -> str:
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (list, dict) or hint in (list, dict):
        return "json"
    if hint is bool or (args and args[0] is bool):
        return "bool"
    return "plain"


class Table(Generic[T]):
    def __init__(self, db: sqlite_utils.Database, name: str, record_type: type[T], key: str = "id"):
        self.db = db
        self.name = name
        self.record_type = record_type
        self.key = key
        hints = typing.get_type_hints(record_type)
        self.columns = [f.name for f in dataclasses.fields(record_type)]
        self._kinds = {name: _kind(hints[name]) for name in self.columns}
        placeholders = ", ".join("?" for _ in self.columns)
        self._insert_sql = f"INSERT INTO {name} ({', '.join(self.columns)}) VALUES ({placeholders})"
        self._select = f"SELECT {', '.join(self.columns)} FROM {name}"

    # conversions -------------------------------------------------------------------------
    def to_row(self, record: T) -> tuple:
        values = []
        for column in self.columns:
            value = getattr(record, column)
            kind = self._kinds[column]
            if kind == "json":
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            elif kind == "bool":
                value = int(bool(value))
            values.append(value)
        return tuple(values)

    def from_row(self, row: tuple) -> T:
        values = {}
        for column, value in zip(self.columns, row):
            kind = self._kinds[column]
            if kind == "json":
                value = json.loads(value) if value else None
            elif kind == "bool":
                value = bool(value)
            values[column] = value
        return self.record_type(**values)

    # writes --------------------------------------------------------------------------------
    def insert(self, record: T, *, guarded: bool = True) -> T:
        """Insert one record; ``guarded`` as for insert_many."""
        if guarded or not self.db.conn.in_transaction:
            with self.db.atomic():
                self.db.execute(self._insert_sql, self.to_row(record))
        else:
            self.db.execute(self._insert_sql, self.to_row(record))
        return record

    def insert_many(self, records: Iterable[T], *, guarded: bool = True) -> int:
        """Insert records together. ``guarded=False`` is for a caller that already holds a
        transaction of its own and will roll it back whole on failure: it skips the savepoint,
        whose page journal doubles the cost of large inserts."""
        rows = [self.to_row(record) for record in records]
        if guarded or not self.db.conn.in_transaction:
            with self.db.atomic():
                self.db.conn.executemany(self._insert_sql, rows)
        else:
            self.db.conn.executemany(self._insert_sql, rows)
        return len(rows)

    def update(self, record: T) -> T:
        if hasattr(record, "updated_at"):
            record.updated_at = utc_now()
        row = dict(zip(self.columns, self.to_row(record)))
        key_value = row.pop(self.key)
        assignments = ", ".join(f"{column} = ?" for column in row)
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE {self.name} SET {assignments} WHERE {self.key} = ?", [*row.values(), key_value]
            )
        if cursor.rowcount == 0:
            raise RecordNotFoundError(f"no {self.name} with {self.key} {key_value}")
        return record

    def delete(self, key_value: str) -> None:
        with self.db.atomic():
            self.db.execute(f"DELETE FROM {self.name} WHERE {self.key} = ?", [key_value])

    # reads ---------------------------------------------------------------------------------
    def get(self, key_value: str) -> T:
        row = self.db.execute(f"{self._select} WHERE {self.key} = ?", [key_value]).fetchone()
        if row is None:
            raise RecordNotFoundError(f"no {self.name} with {self.key} {key_value}")
        return self.from_row(row)

    def find(self, where: str = "", params: Iterable = (), order_by: str = "") -> list[T]:
        return list(self.iter(where, params, order_by))

    def iter(self, where: str = "", params: Iterable = (), order_by: str = "") -> Iterator[T]:
        sql = self._select
        if where:
            sql += f" WHERE {where}"
        if order_by:
            sql += f" ORDER BY {order_by}"
        for row in self.db.execute(sql, list(params)):
            yield self.from_row(row)

    def first(self, where: str = "", params: Iterable = (), order_by: str = "") -> T | None:
        sql = self._select + (f" WHERE {where}" if where else "") + (f" ORDER BY {order_by}" if order_by else "")
        row = self.db.execute(sql + " LIMIT 1", list(params)).fetchone()
        return self.from_row(row) if row else None

    def count(self, where: str = "", params: Iterable = ()) -> int:
        sql = f"SELECT count(*) FROM {self.name}" + (f" WHERE {where}" if where else "")
        return self.db.execute(sql, list(params)).fetchone()[0]
