"""Ids and timestamps drawn from a seed, so that a corpus is the same byte for byte on every run.

The application stamps records with uuid4 and the wall clock; a benchmark corpus must not, or
two runs with the same seed would differ. Every record the generator makes takes its id and its
times from here instead.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

_FIRST_DAY = datetime(2024, 1, 8, 8, 30, tzinfo=timezone.utc)


def origin_for(seed: int) -> datetime:
    """The moment the study was set up: fixed by the seed, never read from the clock."""
    return _FIRST_DAY + timedelta(days=seed % 56, minutes=(seed // 56) % 480)


def iso(moment: datetime) -> str:
    """The application's timestamp format: ISO 8601 in UTC to the millisecond."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def iso_date(moment: datetime | date) -> str:
    return moment.strftime("%Y-%m-%d")


class Seeded:
    """Record ids and stamps drawn from one random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def record(self, moment: datetime) -> dict:
        """The fields every stored record shares, for a record made at ``moment``."""
        stamp = iso(moment)
        return {"id": self.new_id(), "created_at": stamp, "updated_at": stamp}
