"""Study packages: the analyst's study definition going down to a field laptop.

A package carries the definition (study, waves, territories, guide versions, questionnaires,
codebook, indicators, quotas, interviewers) and the participants an interviewer is to meet,
never their identities. On the laptop it creates the field copy, or brings an existing one up
to date: definitions are replaced by the newer ones, field data is never touched, and a
participant with changes not yet delivered keeps the laptop's version.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from app import __version__
from app.core.records import new_id, utc_now
from app.core.sync import Device, SyncLedgerEntry, Version, content_hash
from app.i18n import _
from app.services.sync import devices
from app.services.sync.container import SUFFIXES, SyncFileError, check_signature, open_parts, read_container, write_container
from app.services.sync.errors import SyncError
from app.services.sync.records import decode, encode
from app.store.database import create_database
from app.store.migrations import schema_version
from app.store.project import Project
from app.store.sync_records import RecordStore

# In the order they are written: parents first. Link tables have no id of their own.
DEFINITION_TABLES = (
    "study", "wave", "territory", "stakeholder_group", "vocabulary", "indicator", "indicator_value",
    "guide", "guide_section", "question", "probe", "question_indicator", "finding_dismissal", "study_word",
    "questionnaire", "questionnaire_item", "quota", "interviewer", "code", "code_indicator",
)
LINK_TABLES = {"question_indicator", "code_indicator"}
ORDER = {"guide": "version, created_at", "code": "created_at", "question_indicator": "question_id, indicator_id",
         "code_indicator": "code_id, indicator_id"}


@dataclass(frozen=True)
class PackageExport:
    path: Path
    sha256: str
    participants: int
    interviews: int
    interviewer: str | None


@dataclass(frozen=True)
class PackageImport:
    project_path: Path | None
    study_title: str
    status: str  # "created", "imported" or "already"
    definitions: int
    participants_added: int = 0
    participants_updated: int = 0
    participants_kept: int = 0


def export_package(project: Project, out: Path, *, interviewer_id: str | None = None,
                   actor: str = "") -> PackageExport:
    if devices.role(project) != "analyst":
        raise SyncError(_("This project is a field copy: study packages are prepared in the analyst's project."))
    me = devices.ensure_this_device(project, "analyst")
    study = project.study()
    interviewer = project.interviewers.get(interviewer_id) if interviewer_id else None
    definitions = {table: _rows(project, table) for table in DEFINITION_TABLES}
    definitions["code"] = _parents_first(definitions["code"])
    lines, participants, interviews = _field_records(project, me.id, interviewer_id)
    package_id = new_id()
    manifest = {
        "id": package_id, "study_id": study.id, "study_title": study.title, "created_at": utc_now(),
        "schema_version": schema_version(project.db), "terrain_version": __version__,
        "analyst": {"id": me.id, "name": me.name, "public_key": me.public_key, "box_key": me.box_key},
        "interviewer_id": interviewer_id or "", "interviewer": interviewer.name if interviewer else "",
        "participants": participants, "interviews": interviews,
    }
    parts = {"definitions.json": json.dumps(definitions, ensure_ascii=False, sort_keys=True).encode("utf-8"),
             "records.jsonl": b"".join(lines)}
    path = _target(Path(out), study.title, interviewer.name if interviewer else "", package_id)
    sha = write_container(path, "package", manifest, parts, devices.keys_of(project, me))
    with project.transaction():
        project.sync_ledger.insert(SyncLedgerEntry(
            direction="out", kind="package", status="written", at=utc_now(), device_id=None, file_name=path.name,
            sha256=sha, exchange_id=package_id,
            detail={"participants": participants, "interviews": interviews,
                    "interviewer": interviewer.name if interviewer else ""}))
        project.audit("package_written", "study", study.id, actor=actor, file=path.name, participants=participants)
    return PackageExport(path, sha, participants, interviews, interviewer.name if interviewer else None)


def _rows(project: Project, table: str) -> list[dict]:
    names = [row[1] for row in project.db.execute(f"PRAGMA table_info({table})")]
    order = ORDER.get(table, "id" if table not in LINK_TABLES else names[0])
    return [dict(zip(names, row)) for row in project.db.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}")]


def _parents_first(codes: list[dict]) -> list[dict]:
    by_id = {code["id"]: code for code in codes}

    def depth(code: dict) -> int:
        seen, level = set(), 0
        while code.get("parent_id") in by_id and code["id"] not in seen:
            seen.add(code["id"])
            code, level = by_id[code["parent_id"]], level + 1
        return level

    return sorted(codes, key=lambda code: (depth(code), code["created_at"], code["id"]))


def _field_records(project: Project, device_id: str, interviewer_id: str | None) -> tuple[list[bytes], int, int]:
    """The interviewer's participants (never identities), their consents and interviews."""
    if not interviewer_id:
        return [], 0, 0
    store = RecordStore(project.db)
    interview_ids = [row[0] for row in project.db.execute(
        "SELECT id FROM interview WHERE interviewer_id = ? ORDER BY created_at, id", [interviewer_id])]
    participant_ids = [row[0] for row in project.db.execute(
        "SELECT DISTINCT participant_id FROM interview WHERE interviewer_id = ? ORDER BY participant_id",
        [interviewer_id])]
    consent_ids = [row[0] for row in project.db.execute(
        f"SELECT id FROM consent WHERE participant_id IN ({','.join('?' for _ in participant_ids)}) ORDER BY id",
        participant_ids)] if participant_ids else []
    lines = []
    for kind, ids in (("participant", participant_ids), ("consent", consent_ids), ("interview", interview_ids)):
        for record_id, data in store.read_many(kind, ids).items():
            row = data["row"]
            version = Version(device_id, 0, content_hash(data), row.get("updated_at", ""), data)
            lines.append(encode(kind, record_id, version))
    return lines, len(participant_ids), len(interview_ids)


def _target(out: Path, title: str, interviewer: str, package_id: str) -> Path:
    if out.is_dir():
        # The interviewer's name comes first, so a long study title cannot cut it off; the id's
        # start keeps two packages made in the same minute apart.
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
        slug = re.sub(r"[^\w-]+", "-", f"{interviewer}-{title}" if interviewer else title).strip("-")[:60]
        return out / f"{slug or 'etude'}-{stamp}-{package_id[:8]}{SUFFIXES['package']}"
    return out


# on the laptop -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Package:
    path: Path
    sha256: str
    manifest: dict
    definitions: dict[str, list[dict]]
    records: list


def _read(package: Path) -> _Package:
    container = read_container(package, "package")
    manifest = container.manifest
    analyst = manifest.get("analyst") if isinstance(manifest.get("analyst"), dict) else {}
    if not analyst.get("public_key") or analyst.get("public_key") != container.signer:
        raise SyncFileError(package, "bad_signature", _("{file} is not signed by the analyst it names.")
                            .format(file=package.name))
    check_signature(container, container.signer)
    parts = open_parts(container, None)
    try:
        definitions = json.loads(parts["definitions.json"])
        if not isinstance(definitions, dict) or not definitions.get("study"):
            raise ValueError("no study")
    except (KeyError, ValueError) as error:
        raise SyncError(_("{file} holds no study definition.").format(file=package.name)) from error
    records = decode(parts.get("records.jsonl", b""), package.name)
    return _Package(package, container.sha256, manifest, definitions, records)


def create_from_package(project_path: Path, package: Path, *, name: str | None = None) -> PackageImport:
    """Make the field copy of a study on this laptop from the analyst's package."""
    project_path, package = Path(project_path), Path(package)
    read = _read(package)
    db = create_database(project_path)
    project = Project(db, project_path)
    try:
        if int(read.manifest.get("schema_version") or 0) > schema_version(project.db):
            raise SyncError(_("{file} was made by a newer version of Terrain: update Terrain on this computer first.")
                            .format(file=package.name))
        with project.transaction():
            devices.set_setting(project, devices.ROLE_KEY, "field")
            _trust_analyst(project, read.manifest["analyst"])
            devices.ensure_this_device(project, "field", name)
            result = _apply(project, read, "created")
            devices.start_tracking(project)
    except BaseException:
        project.close()
        for leftover in (project_path, Path(f"{project_path}-wal"), Path(f"{project_path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    project.close()
    return result


def import_package(project: Project, package: Path, *, actor: str = "") -> PackageImport:
    """Bring a field copy up to date with a newer package from the same analyst."""
    package = Path(package)
    if devices.role(project) != "field":
        raise SyncError(_("This project is the analyst's: a study package is opened on a field laptop."))
    read = _read(package)
    manifest = read.manifest
    study = project.study()
    if manifest.get("study_id") != study.id:
        raise SyncError(_("{file} is for another study ({title}).").format(
            file=package.name, title=manifest.get("study_title") or "?"))
    analyst = devices.analyst_device(project)
    if analyst is not None and analyst.public_key != manifest["analyst"]["public_key"]:
        raise SyncError(_("{file} was signed by another analyst than the one this laptop works for.").format(
            file=package.name))
    if int(manifest.get("schema_version") or 0) > schema_version(project.db):
        raise SyncError(_("{file} was made by a newer version of Terrain: update Terrain on this computer first.")
                        .format(file=package.name))
    if project.sync_ledger.first("kind = 'package' AND exchange_id = ?", [manifest.get("id", "")]):
        return PackageImport(project.path, study.title, "already", 0)
    last = project.db.execute("SELECT max(json_extract(detail, '$.created_at')) FROM sync_ledger "
                              "WHERE kind = 'package' AND direction = 'in' AND status = 'imported'").fetchone()[0]
    if last and str(manifest.get("created_at", "")) < last:
        raise SyncError(_("{file} is older than the package already opened on this laptop: it was not applied.")
                        .format(file=package.name))
    with project.transaction():
        result = _apply(project, read, "imported")
        project.audit("package_imported", "study", study.id, actor=actor, file=package.name)
    return result


def _trust_analyst(project: Project, analyst: dict) -> None:
    now = utc_now()
    if project.devices.first("id = ?", [analyst["id"]]) is None:
        project.devices.insert(Device(id=analyst["id"], name=str(analyst.get("name", "")), role="analyst",
                                      registered_at=now, public_key=analyst["public_key"],
                                      box_key=str(analyst.get("box_key", ""))))


def _apply(project: Project, read: _Package, status: str) -> PackageImport:
    db = project.db
    tracking = db.execute("SELECT tracking FROM sync_counter").fetchone()[0]
    # Definitions and the analyst's versions of participants are not this laptop's changes.
    db.execute("UPDATE sync_counter SET tracking = 0")
    definitions = 0
    for table in DEFINITION_TABLES:
        rows = read.definitions.get(table) or []
        definitions += _upsert_definitions(project, table, rows)
    added = updated = kept = 0
    store = RecordStore(db)
    for interviewer in store.read_many("interviewer", [row["id"] for row in read.definitions.get("interviewer") or []]).values():
        _set_base(db, "interviewer", interviewer["row"]["id"], content_hash(interviewer))
    for kind, record_id, version in read.records:
        change = db.execute("SELECT seq, acked_seq FROM sync_change WHERE kind = ? AND record_id = ?",
                            [kind, record_id]).fetchone()
        if change is not None and change[0] > change[1]:
            kept += kind == "participant"
            continue
        existed = store.exists(kind, record_id)
        store.write(kind, version.data)
        if kind == "participant":
            updated += existed
            added += not existed
        _set_base(db, kind, record_id, version.hash)
    db.execute("UPDATE sync_counter SET tracking = ?", [tracking])
    interviewer_id = read.manifest.get("interviewer_id") or ""
    if interviewer_id:
        devices.set_setting(project, "interviewer_id", interviewer_id)
    project.sync_ledger.insert(SyncLedgerEntry(
        direction="in", kind="package", status="imported", at=utc_now(),
        device_id=read.manifest["analyst"]["id"], file_name=read.path.name, sha256=read.sha256,
        exchange_id=str(read.manifest.get("id", "")),
        detail={"created_at": read.manifest.get("created_at", ""), "participants": added + updated + kept}))
    return PackageImport(project.path, read.manifest.get("study_title", ""), status, definitions, added, updated, kept)


def _set_base(db, kind: str, record_id: str, digest: str) -> None:
    """Remember the analyst's version a record on this laptop starts from."""
    change = db.execute("SELECT seq, acked_seq FROM sync_change WHERE kind = ? AND record_id = ?",
                        [kind, record_id]).fetchone()
    if change is not None and change[0] > change[1]:
        return
    db.execute("INSERT INTO sync_change (kind, record_id, seq, deleted, changed_at, acked_seq, base) "
               "VALUES (?, ?, 0, 0, ?, 0, ?) ON CONFLICT (kind, record_id) DO UPDATE SET base = excluded.base",
               [kind, record_id, utc_now(), digest])


def adopt_package(project: Project, package: Path, *, name: str | None = None) -> PackageImport:
    """Make an existing copy of the same study, kept on a laptop before it took part in sync, a
    field copy: its records are all numbered and go in its first bundle."""
    package = Path(package)
    read = _read(package)
    if read.manifest.get("study_id") != project.study().id:
        raise SyncError(_("{file} is for another study ({title}).").format(
            file=package.name, title=read.manifest.get("study_title") or "?"))
    if project.sync_ledger.count() or devices.role(project) == "field":
        raise SyncError(_("This project already takes part in sync."))
    with project.transaction():
        devices.set_setting(project, devices.ROLE_KEY, "field")
        _trust_analyst(project, read.manifest["analyst"])
        devices.ensure_this_device(project, "field", name)
        result = _apply(project, read, "imported")
        devices.start_tracking(project)
    return result


def _upsert_definitions(project: Project, table: str, rows: list[dict]) -> int:
    if not rows:
        return 0
    columns = [row[1] for row in project.db.execute(f"PRAGMA table_info({table})")]
    names = [name for name in columns if name in rows[0]]
    marks = ", ".join("?" for _ in names)
    if table in LINK_TABLES:
        sql = f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({marks})"
    else:
        updates = ", ".join(f"{name} = excluded.{name}" for name in names if name != "id")
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {updates}"
    project.db.conn.executemany(sql, [[row.get(name) for name in names] for row in rows])
    return len(rows)
