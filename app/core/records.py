"""What every stored record shares: a text UUID and its creation and update times."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the millisecond (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def require_one_of(value: str, choices: tuple[str, ...], what: str) -> None:
    """Refuse a value outside a closed list, naming the field and the allowed values."""
    if value not in choices:
        raise ValueError(f"{what} must be one of {choices}, not {value!r}")


@dataclass(kw_only=True)
class Record:
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
