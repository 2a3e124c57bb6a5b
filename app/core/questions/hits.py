"""A finding while the rules work: offsets in the normalised text, mapped back at the end."""

from __future__ import annotations

from typing import NamedTuple


class Hit(NamedTuple):
    rule: str
    start: int
    end: int
    severity: str
    message: str
    suggestion: str | None = None

