"""The analyst's side: field bundles in, receipts out, refused bundles to the quarantine folder.

Every bundle is checked whole before anything is written (known device, signature, every
part's hash, every record's hash), then taken in one transaction: a crash in the middle leaves
the database as it was before that bundle. A refused bundle never stops the others of a batch.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from app.core.records import new_id, utc_now
from app.core.sync import FIELD_KINDS, SyncLedgerEntry, Version, canonical_json
from app.i18n import _, ngettext
from app.services.sync import devices
from app.services.sync.container import SyncFileError, check_signature, open_parts, read_container, write_container
from app.services.sync.errors import SyncError
from app.services.sync.merge import Merger, MergeReport
from app.services.sync.records import decode
from app.store.migrations import schema_version
from app.store.project import Project

COUNT_KEYS = ("new", "updated", "unchanged", "conflicts", "deleted", "held")


@dataclass
class BundleOutcome:
    path: Path
    status: str  # "imported" or "refused"
    device_id: str = ""
    device_name: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    reason_code: str = ""
    reason: str = ""
    quarantined: Path | None = None
    receipt: Path | None = None
    bundle_id: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "imported"

    def line(self) -> str:
        """One line for the sync log and the command line."""
        if not self.ok:
            return _("refused  {file}: {reason}").format(file=self.path.name, reason=self.reason)
        return _("imported {file} from {device}: {summary}").format(
            file=self.path.name, device=self.device_name or "?", summary=summary(self.counts))


def summary(counts: dict[str, int]) -> str:
    parts = [ngettext("{n} new", "{n} new", counts.get("new", 0)).format(n=counts.get("new", 0)),
             ngettext("{n} updated", "{n} updated", counts.get("updated", 0)).format(n=counts.get("updated", 0)),
             ngettext("{n} unchanged", "{n} unchanged", counts.get("unchanged", 0)).format(n=counts.get("unchanged", 0))]
    for key, singular, plural in (("deleted", "{n} deleted", "{n} deleted"),
                                  ("conflicts", "{n} conflict", "{n} conflicts"),
                                  ("held", "{n} held back", "{n} held back")):
        if counts.get(key):
            parts.append(ngettext(singular, plural, counts[key]).format(n=counts[key]))
    return ", ".join(parts)


class Refusal(Exception):
    def __init__(self, code: str, message: str, device_id: str = "", device_name: str = ""):
        super().__init__(message)
        self.code, self.message, self.device_id, self.device_name = code, message, device_id, device_name


def default_quarantine(project: Project) -> Path:
    if project.path is None:
        raise SyncError(_("An in-memory project has no quarantine folder."))
    return project.path.parent / f"{project.path.stem} - quarantaine"


def import_bundles(project: Project, paths: list[Path], *, quarantine: Path | None = None,
                   receipts: Path | None = None, actor: str = "") -> list[BundleOutcome]:
    me = devices.ensure_this_device(project, "analyst")
    if devices.role(project) != "analyst":
        raise SyncError(_("This project is a field copy: field bundles are imported into the analyst's project."))
    outcomes = []
    for path in map(Path, paths):
        try:
            outcome = _import_one(project, me, path, receipts, actor)
        except Refusal as refusal:
            outcome = BundleOutcome(path, "refused", refusal.device_id, refusal.device_name,
                                    reason_code=refusal.code, reason=refusal.message)
            outcome.quarantined = _quarantine(project, path, outcome, quarantine)
            _log_refusal(project, path, outcome)
        outcomes.append(outcome)
    return outcomes


@dataclass(frozen=True)
class _Checked:
    manifest: dict
    sha256: str
    device_id: str
    device_name: str
    lines: list[tuple[str, str, Version]]


def _check(project: Project, me, path: Path) -> _Checked:
    """Everything about the file, before the database is touched."""
    try:
        container = read_container(path, "bundle")
    except SyncFileError as error:
        raise Refusal(error.code, error.message) from error
    manifest = container.manifest
    device = manifest.get("device") if isinstance(manifest.get("device"), dict) else {}
    device_id, device_name = str(device.get("id", "")), str(device.get("name", ""))
    if manifest.get("study_id") != project.study().id:
        raise Refusal("another_study", _("{file} belongs to another study ({title}).").format(
            file=path.name, title=manifest.get("study_title") or "?"), device_id, device_name)
    if int(manifest.get("schema_version") or 0) > schema_version(project.db):
        raise Refusal("newer_format", _("{file} was written by a newer version of Terrain: update Terrain on this "
                                        "computer, then import it again.").format(file=path.name), device_id, device_name)
    if device_id == me.id:
        raise Refusal("own_bundle", _("{file} was written by this computer.").format(file=path.name),
                      device_id, device_name)
    known = project.devices.first("id = ? AND is_self = 0", [device_id])
    if known is None or not known.public_key:
        raise Refusal("unknown_device", _("{file} comes from {device}, a computer not registered for this study. "
                                          "Compare its fingerprint with the one the laptop shows, then register it.")
                      .format(file=path.name, device=device_name or "?"), device_id, device_name)
    if known.revoked_at:
        raise Refusal("revoked_device", _("{file} comes from {device}, whose registration was revoked.").format(
            file=path.name, device=known.name), device_id, known.name)
    try:
        if container.signer != known.public_key:
            raise SyncFileError(path, "bad_signature", _("{file} is not signed with the key registered for {device}.")
                                .format(file=path.name, device=known.name))
        check_signature(container, known.public_key)
        parts = open_parts(container, devices.keys_of(project, me) if container.encrypted else None)
        lines = []
        for name in sorted(parts):
            lines.extend(decode(parts[name], path.name))
    except SyncFileError as error:
        raise Refusal(error.code, error.message, device_id, known.name) from error
    except SyncError as error:
        raise Refusal("bad_record", error.message, device_id, known.name) from error
    if any(version.device_id != device_id for _kind, _id, version in lines):
        raise Refusal("bad_record", _("{file} carries records signed for another computer.").format(file=path.name),
                      device_id, known.name)
    return _Checked(manifest, container.sha256, device_id, known.name, lines)


def _import_one(project: Project, me, path: Path, receipts: Path | None, actor: str) -> BundleOutcome:
    checked = _check(project, me, path)
    order = {kind.name: position for position, kind in enumerate(FIELD_KINDS)}
    lines = sorted(checked.lines, key=lambda line: (line[2].deleted, order[line[0]] * (-1 if line[2].deleted else 1),
                                                     line[2].seq))
    merger = Merger(project, me.id)
    manifest = checked.manifest
    with project.transaction():
        for kind, record_id, version in lines:
            merger.take(kind, record_id, version)
        counts = {key: merger.report.counts.get(key, 0) for key in COUNT_KEYS}
        project.sync_ledger.insert(SyncLedgerEntry(
            direction="in", kind="bundle", status="imported", at=utc_now(), device_id=checked.device_id,
            file_name=path.name, sha256=checked.sha256, seq_from=manifest.get("seq_from"),
            seq_to=manifest.get("seq_to"), exchange_id=str(manifest.get("id", "")), detail=counts))
        project.audit("bundle_imported", "device", checked.device_id, actor=actor, file=path.name, **counts)
    outcome = BundleOutcome(path, "imported", checked.device_id, checked.device_name, counts,
                            bundle_id=str(manifest.get("id", "")))
    outcome.receipt = _write_receipt(project, me, checked, merger.report, path, receipts)
    return outcome


# receipts ----------------------------------------------------------------------------------------
def _write_receipt(project: Project, me, checked: _Checked, report: MergeReport, bundle: Path,
                   folder: Path | None) -> Path | None:
    """Tell the laptop what arrived, so it can mark those records delivered."""
    receipt_id = new_id()
    manifest = {"id": receipt_id, "study_id": project.study().id, "bundle_id": checked.manifest.get("id", ""),
                "bundle_sha256": checked.sha256, "device_id": checked.device_id, "created_at": utc_now(),
                "analyst": {"id": me.id, "name": me.name, "public_key": me.public_key},
                "received": len(report.received), "held": len(report.held)}
    parts = {"received.jsonl": b"".join(canonical_json(list(item)) + b"\n" for item in report.received),
             "held.jsonl": b"".join(canonical_json(list(item)) + b"\n" for item in report.held)}
    name = f"{bundle.stem}.terrain-receipt"
    for target in _receipt_folders(project, bundle, folder):
        try:
            target.mkdir(parents=True, exist_ok=True)
            path = target / name
            sha = write_container(path, "receipt", manifest, parts, devices.keys_of(project, me))
        except OSError:
            continue
        project.sync_ledger.insert(SyncLedgerEntry(
            direction="out", kind="receipt", status="written", at=utc_now(), device_id=checked.device_id,
            file_name=name, sha256=sha, exchange_id=receipt_id, detail={"bundle": bundle.name}))
        return path
    return None


def _receipt_folders(project: Project, bundle: Path, folder: Path | None) -> list[Path]:
    if folder is not None:
        return [Path(folder)]
    # Next to the bundle, so the receipt goes back on the same USB stick; else beside the project.
    fallbacks = [project.path.parent / f"{project.path.stem} - accusés"] if project.path else []
    return [bundle.parent, *fallbacks]


# quarantine --------------------------------------------------------------------------------------
def _quarantine(project: Project, path: Path, outcome: BundleOutcome, folder: Path | None) -> Path | None:
    try:
        target_folder = Path(folder) if folder else default_quarantine(project)
        target_folder.mkdir(parents=True, exist_ok=True)
        target = target_folder / path.name
        if path.resolve() != target.resolve():
            if path.exists():
                shutil.copy2(path, target)
        (target_folder / f"{path.name}.reason.txt").write_text(
            f"{outcome.reason}\n\ncode: {outcome.reason_code}\n", encoding="utf-8")
        return target
    except (OSError, SyncError):
        return None


def _log_refusal(project: Project, path: Path, outcome: BundleOutcome) -> None:
    device_id = outcome.device_id if project.devices.first("id = ?", [outcome.device_id]) else None
    with project.transaction():
        project.sync_ledger.insert(SyncLedgerEntry(
            direction="in", kind="bundle", status="refused", at=utc_now(), device_id=device_id,
            file_name=path.name, sha256=file_sha256(path), reason=outcome.reason,
            detail={"code": outcome.reason_code, "device_id": outcome.device_id, "device_name": outcome.device_name,
                    "quarantined": str(outcome.quarantined) if outcome.quarantined else ""}))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file read in blocks, or "" when it cannot be read."""
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return ""


@dataclass(frozen=True)
class QuarantinedFile:
    path: Path
    reason_code: str
    reason: str
    at: str
    device_id: str
    device_name: str


def quarantined(project: Project) -> list[QuarantinedFile]:
    """Refused bundles still waiting in quarantine (those imported since are left out)."""
    rows = project.db.execute(
        "SELECT file_name, reason, at, detail, sha256 FROM sync_ledger WHERE direction = 'in' AND kind = 'bundle' "
        "AND status = 'refused' ORDER BY at DESC, rowid DESC").fetchall()
    imported = {row[0] for row in project.db.execute(
        "SELECT file_name FROM sync_ledger WHERE direction = 'in' AND kind = 'bundle' AND status = 'imported'")}
    found, names = [], set()
    for file_name, reason, at, detail, _sha in rows:
        info = json.loads(detail or "{}")
        where = info.get("quarantined")
        if file_name in imported or file_name in names or not where or not Path(where).exists():
            continue
        names.add(file_name)
        found.append(QuarantinedFile(Path(where), info.get("code", ""), reason, at, info.get("device_id", ""),
                                     info.get("device_name", "")))
    return found
