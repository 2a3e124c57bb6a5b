"""Sync folder mode: a shared folder (Nextcloud, a network drive, a USB stick) both sides read.

    <folder>/bundles/     laptops write their bundles here
    <folder>/receipts/    the analyst writes a receipt for each bundle taken
    <folder>/packages/    the analyst may leave study packages here
    <folder>/quarantine/  refused bundles, each with a .reason.txt

Bundles already taken are recognised by their SHA-256 in the ledger and left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.i18n import _
from app.services.sync import devices
from app.services.sync.bundle import BundleExport, NotForThisDevice, export_bundle, import_receipt, pending_counts
from app.services.sync.container import SUFFIXES, SyncFileError, read_container
from app.services.sync.errors import SyncError
from app.services.sync.importer import BundleOutcome, file_sha256, import_bundles
from app.services.sync.package import PackageImport, import_package
from app.store.project import Project

FOLDER_KEY = "folder"


def sync_folder(project: Project) -> Path | None:
    value = devices.setting(project, FOLDER_KEY)
    return Path(value) if value else None


def set_sync_folder(project: Project, folder: Path | None) -> None:
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise SyncError(_("{folder} is not a folder.").format(folder=folder))
    devices.set_setting(project, FOLDER_KEY, str(folder) if folder else None)


@dataclass
class FolderRun:
    bundles: list[BundleOutcome] = field(default_factory=list)
    receipts: int = 0
    package: PackageImport | None = None
    problems: list[str] = field(default_factory=list)


def run_folder(project: Project, actor: str = "") -> FolderRun:
    folder = _folder(project)
    run = FolderRun()
    if devices.role(project) == "analyst":
        incoming = folder / "bundles"
        new = [path for path in sorted(incoming.glob(f"*{SUFFIXES['bundle']}")) if not _taken(project, path)]
        if new:
            run.bundles = import_bundles(project, new, quarantine=folder / "quarantine",
                                         receipts=folder / "receipts", actor=actor)
            for outcome in run.bundles:
                if not outcome.ok and outcome.quarantined is not None:
                    outcome.path.unlink(missing_ok=True)  # a copy and its reason are in quarantine
        return run
    for path in sorted((folder / "receipts").glob(f"*{SUFFIXES['receipt']}")):
        try:
            run.receipts += import_receipt(project, path).status == "imported"
        except NotForThisDevice:
            continue  # another laptop's receipt in the shared folder
        except (SyncError, SyncFileError) as error:
            run.problems.append(str(error))
    packages = sorted((folder / "packages").glob(f"*{SUFFIXES['package']}"), key=lambda p: p.stat().st_mtime)
    mine = devices.setting(project, "interviewer_id") or ""
    for path in [p for p in packages if _made_for(p, mine)][-1:]:
        try:
            result = import_package(project, path, actor=actor)
            run.package = result if result.status != "already" else None
        except (SyncError, SyncFileError) as error:
            run.problems.append(str(error))
    return run


def write_bundle_to_folder(project: Project, actor: str = "") -> BundleExport | None:
    folder = sync_folder(project)
    if folder is None or devices.role(project) != "field" or not pending_counts(project):
        return None
    target = _folder(project) / "bundles"
    return export_bundle(project, target, actor=actor)


def _folder(project: Project) -> Path:
    folder = sync_folder(project)
    if folder is None:
        raise SyncError(_("No sync folder is set for this project."))
    if not folder.is_dir():
        raise SyncError(_("The sync folder {folder} cannot be reached: is the drive connected?").format(folder=folder))
    for name in ("bundles", "receipts", "packages", "quarantine"):
        (folder / name).mkdir(exist_ok=True)
    return folder


def _made_for(path: Path, interviewer_id: str) -> bool:
    """Whether a package in the shared folder was made for this laptop's interviewer."""
    try:
        manifest = read_container(path, "package").manifest
    except SyncFileError:
        return True  # let the import say what is wrong with it
    return str(manifest.get("interviewer_id") or "") == interviewer_id


def _taken(project: Project, path: Path) -> bool:
    digest = file_sha256(path)
    if not digest:
        return False
    return project.db.execute("SELECT 1 FROM sync_ledger WHERE sha256 = ? AND direction = 'in' AND status = 'imported'",
                              [digest]).fetchone() is not None
