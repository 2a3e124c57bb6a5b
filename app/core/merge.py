"""What the analyst's database does with one incoming version of a field record.

The rules make imports idempotent and order-independent: a version seen before changes
nothing; a newer version from the device that made the current one replaces it; a version made
from the current content replaces it; anything else is a conflict that keeps every version.
Nothing is ever overwritten silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.core.sync import Version, latest

UNCHANGED = "unchanged"
APPLY = "apply"
STALE = "stale"
CONFLICT = "conflict"


@dataclass(frozen=True)
class Taken:
    """The version last taken from a bundle for a record (the analyst's sync_record row)."""

    device_id: str
    seq: int
    hash: str
    deleted: bool = False


def decide(incoming: Version, *, seen: bool, exists: bool, taken: Taken | None,
           current_hash: Callable[[], str], in_conflict: bool, deleted_since: bool = False) -> str:
    """One of UNCHANGED, APPLY, STALE, CONFLICT. ``current_hash`` is only called when needed:
    hashing a stored transcript means reading all its turns. ``deleted_since``: the device that
    sent this version has sent a deletion of the record made after it."""
    if seen:
        return UNCHANGED
    if deleted_since:
        return STALE
    if in_conflict:
        return CONFLICT
    same_device = taken is not None and taken.device_id == incoming.device_id
    if not exists:
        if taken is None or not taken.deleted:
            # A deletion of a record never stored here is still taken: it is what keeps an older
            # version of the record, arriving later, from bringing it back.
            return APPLY
        if same_device:
            return APPLY if incoming.seq > taken.seq else STALE
        return UNCHANGED if incoming.deleted else CONFLICT
    current = current_hash()
    if current == incoming.hash:
        return UNCHANGED
    edited_here = taken is None or current != taken.hash
    if same_device and not edited_here:
        return APPLY if incoming.seq > taken.seq else STALE
    if incoming.base and incoming.base == current:
        return APPLY
    if same_device and incoming.seq < taken.seq:
        return STALE
    return CONFLICT


def join(versions: list[Version], incoming: Version) -> list[Version] | None:
    """The versions of a conflict once ``incoming`` joins it, or None when a newer version from
    the same device is already there. Each device keeps only its latest version."""
    for version in versions:
        if version.device_id == incoming.device_id and version.seq > incoming.seq:
            return None
    kept = [v for v in versions if v.device_id != incoming.device_id or v.hash == incoming.hash]
    if all(v.hash != incoming.hash for v in kept):
        kept.append(incoming)
    return sorted(kept, key=lambda version: version.hash)


def holder(versions: list[Version]) -> Version:
    """The version the table holds while the conflict is open."""
    return latest(versions)
