"""Lines of a bundle or a package: one version of one field record per line."""

from __future__ import annotations

import json

from app.core.sync import KINDS_BY_NAME, Version, canonical_json, content_hash
from app.i18n import _
from app.services.sync.errors import SyncError


def encode(kind: str, record_id: str, version: Version) -> bytes:
    return canonical_json({"kind": kind, "id": record_id, **version.as_json()}) + b"\n"


def decode(blob: bytes, file_name: str) -> list[tuple[str, str, Version]]:
    """Parse and check every line: known kind, matching id, and a hash that is the content's."""
    found = []
    for number, line in enumerate(blob.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
            kind, record_id = value["kind"], value["id"]
            version = Version(str(value["device_id"]), int(value["seq"]), str(value["hash"]), str(value["at"]),
                              value["data"], str(value.get("base", "")))
            valid = (kind in KINDS_BY_NAME and isinstance(record_id, str)
                     and (version.data is None or _row_id(version.data) == record_id))
        except (ValueError, KeyError, TypeError, AttributeError):
            valid = False
        if not valid:
            raise SyncError(_("{name}: line {line} is not a record Terrain can read.").format(
                name=file_name, line=number))
        if content_hash(version.data) != version.hash:
            raise SyncError(_("{name}: the record on line {line} does not match its own hash.").format(
                name=file_name, line=number))
        found.append((kind, record_id, version))
    return found


def _row_id(data: dict) -> str:
    row = data["row"]
    if not isinstance(row, dict):
        raise TypeError("row")
    return row["id"]
