"""`terrain sync …`: study packages, field bundles, receipts and conflicts, headless.

    terrain sync export-package PROJECT OUT [--interviewer NAME]
    terrain sync import-package PROJECT FILE [--name DEVICE]     (creates PROJECT when it does not exist)
    terrain sync export-bundle PROJECT OUT [--no-encrypt]
    terrain sync import PROJECT BUNDLE... [--quarantine DIR] [--receipts DIR]
    terrain sync receipt PROJECT FILE
    terrain sync register PROJECT BUNDLE [--interviewer NAME]
    terrain sync conflicts PROJECT [--json]
    terrain sync resolve PROJECT CONFLICT --keep HASH
    terrain sync folder PROJECT [DIR | --clear]
    terrain sync run PROJECT
    terrain sync status PROJECT [--json]

`import` prints one line per bundle and exits with status 1 when any bundle was refused.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.i18n import _
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1


def add_commands(commands) -> None:
    sync = commands.add_parser("sync", help=_("study packages to the field, field bundles back to the analyst"))
    actions = sync.add_subparsers(dest="sync_action", metavar=_("ACTION"), required=True)

    package = actions.add_parser("export-package", help=_("write a study package for a field laptop"))
    package.add_argument("path", help=_("project file"))
    package.add_argument("out", type=Path, help=_("package file or folder to write into"))
    package.add_argument("--interviewer", help=_("the interviewer whose participants go in the package"))

    opened = actions.add_parser("import-package", help=_("create or update a field copy from a study package"))
    opened.add_argument("path", help=_("project file (created when it does not exist)"))
    opened.add_argument("file", type=Path, help=_("study package"))
    opened.add_argument("--name", help=_("name of this computer (default: its host name)"))

    bundle = actions.add_parser("export-bundle", help=_("write the field bundle of this laptop"))
    bundle.add_argument("path", help=_("project file"))
    bundle.add_argument("out", type=Path, help=_("bundle file or folder to write into"))
    bundle.add_argument("--no-encrypt", action="store_true", help=_("do not encrypt the bundle for the analyst"))

    imported = actions.add_parser("import", help=_("import field bundles into the analyst's project"))
    imported.add_argument("path", help=_("project file"))
    imported.add_argument("bundles", type=Path, nargs="+", metavar="BUNDLE", help=_("field bundles"))
    imported.add_argument("--quarantine", type=Path, help=_("folder for refused bundles"))
    imported.add_argument("--receipts", type=Path, help=_("folder for receipts (default: next to each bundle)"))

    receipt = actions.add_parser("receipt", help=_("read the analyst's receipt on the field laptop"))
    receipt.add_argument("path", help=_("project file"))
    receipt.add_argument("file", type=Path, help=_("receipt file"))

    register = actions.add_parser("register", help=_("register the laptop that wrote a bundle"))
    register.add_argument("path", help=_("project file"))
    register.add_argument("bundle", type=Path, help=_("a bundle from that laptop"))
    register.add_argument("--interviewer", help=_("the interviewer who uses that laptop"))

    conflicts = actions.add_parser("conflicts", help=_("list the records edited on two devices"))
    conflicts.add_argument("path", help=_("project file"))
    conflicts.add_argument("--json", action="store_true", help=_("print JSON"))

    resolve = actions.add_parser("resolve", help=_("keep one version of a conflict"))
    resolve.add_argument("path", help=_("project file"))
    resolve.add_argument("conflict", help=_("conflict id"))
    resolve.add_argument("--keep", required=True, metavar="HASH", help=_("hash of the version to keep"))

    folder = actions.add_parser("folder", help=_("show, set or clear the sync folder"))
    folder.add_argument("path", help=_("project file"))
    folder.add_argument("folder", nargs="?", type=Path, help=_("the shared folder"))
    folder.add_argument("--clear", action="store_true", help=_("stop using a sync folder"))

    run_folder = actions.add_parser("run", help=_("exchange with the sync folder now"))
    run_folder.add_argument("path", help=_("project file"))

    state = actions.add_parser("status", help=_("where this copy stands"))
    state.add_argument("path", help=_("project file"))
    state.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args) -> int:
    from app.services.sync.container import SyncFileError
    from app.services.sync.errors import SyncError

    try:
        if args.sync_action == "import-package" and not Path(args.path).exists():
            return _create_from_package(args)
        with Project.open(args.path) as project:
            return ACTIONS[args.sync_action](project, args)
    except (SyncError, SyncFileError, ProjectError, RecordNotFoundError) as error:
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR


def _create_from_package(args) -> int:
    from app.services.sync.package import create_from_package

    result = create_from_package(Path(args.path), args.file, name=args.name)
    print(_("Field copy of « {title} » created in {path}: {participants} participants to meet.").format(
        title=result.study_title, path=args.path, participants=result.participants_added))
    return EXIT_OK


def _export_package(project: Project, args) -> int:
    from app.services.sync.package import export_package

    interviewer_id = _interviewer_id(project, args.interviewer)
    result = export_package(project, args.out, interviewer_id=interviewer_id)
    print(_("Study package written to {path}: {participants} participants, {interviews} interviews.").format(
        path=result.path, participants=result.participants, interviews=result.interviews))
    return EXIT_OK


def _interviewer_id(project: Project, name: str | None) -> str | None:
    if not name:
        return None
    found = project.interviewers.first("name = ?", [name])
    if found is None:
        raise RecordNotFoundError(_("No interviewer is called {name}.").format(name=name))
    return found.id


def _import_package(project: Project, args) -> int:
    from app.services.sync.package import import_package

    result = import_package(project, args.file)
    if result.status == "already":
        print(_("{file} was already opened on this laptop: nothing changed.").format(file=args.file.name))
    else:
        print(_("Study updated from {file}: {added} participants added, {updated} updated, {kept} kept with changes "
                "not yet sent.").format(file=args.file.name, added=result.participants_added,
                                        updated=result.participants_updated, kept=result.participants_kept))
    return EXIT_OK


def _export_bundle(project: Project, args) -> int:
    from app.services.sync.bundle import export_bundle

    result = export_bundle(project, args.out, encrypt=not args.no_encrypt)
    print(_("Field bundle written to {path}: {records} records (changes {first} to {last}){encrypted}.").format(
        path=result.path, records=result.records, first=result.seq_from, last=result.seq_to,
        encrypted=_(", encrypted for the analyst") if result.encrypted else ""))
    return EXIT_OK


def _import(project: Project, args) -> int:
    from app.services.sync.importer import import_bundles

    outcomes = import_bundles(project, args.bundles, quarantine=args.quarantine, receipts=args.receipts)
    for outcome in outcomes:
        print(outcome.line(), file=sys.stdout if outcome.ok else sys.stderr)
    return EXIT_OK if all(outcome.ok for outcome in outcomes) else EXIT_ERROR


def _receipt(project: Project, args) -> int:
    from app.services.sync.bundle import import_receipt

    result = import_receipt(project, args.file)
    if result.status == "already":
        print(_("{file} was already read: nothing changed.").format(file=args.file.name))
    else:
        print(_("{n} records marked as delivered to the analyst.").format(n=result.acknowledged))
    return EXIT_OK


def _register(project: Project, args) -> int:
    from app.services.sync.devices import read_card, register_device

    interviewer_id = _interviewer_id(project, args.interviewer)
    card = read_card(args.bundle)
    device = register_device(project, args.bundle, interviewer_id=interviewer_id)
    print(_("{device} registered; fingerprint {fingerprint}.").format(device=device.name, fingerprint=card.fingerprint))
    return EXIT_OK


def _conflicts(project: Project, args) -> int:
    from app.services.sync.conflicts import open_conflicts

    found = open_conflicts(project)
    if args.json:
        print(json.dumps([{"id": c.id, "kind": c.kind, "record_id": c.record_id, "label": c.label,
                           "fields": c.fields, "held": c.held_hash,
                           "versions": [{"hash": v.hash, "device": v.device_name, "at": v.at, "deleted": v.deleted}
                                        for v in c.versions]} for c in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print(_("No open conflict."))
    for conflict in found:
        print(f"{conflict.id}  {conflict.kind} {conflict.label}: {', '.join(conflict.fields)}")
        for version in conflict.versions:
            mark = "*" if version.hash == conflict.held_hash else " "
            print(f"  {mark} {version.hash[:12]}  {version.device_name}  {version.at}")
    return EXIT_OK


def _resolve(project: Project, args) -> int:
    from app.services.sync.conflicts import open_conflicts, resolve

    conflict = next((c for c in open_conflicts(project) if c.id == args.conflict), None)
    if conflict is None:
        raise RecordNotFoundError(_("No open conflict has the id {id}.").format(id=args.conflict))
    chosen = [v.hash for v in conflict.versions if v.hash.startswith(args.keep)]
    if len(chosen) != 1:
        raise RecordNotFoundError(_("No single version of this conflict starts with {hash}.").format(hash=args.keep))
    resolve(project, conflict.id, chosen[0])
    print(_("Conflict resolved."))
    return EXIT_OK


def _folder(project: Project, args) -> int:
    from app.services.sync.folder import set_sync_folder, sync_folder

    if args.clear:
        set_sync_folder(project, None)
    elif args.folder is not None:
        set_sync_folder(project, args.folder.resolve())
    current = sync_folder(project)
    print(_("Sync folder: {folder}").format(folder=current) if current else _("No sync folder is set."))
    return EXIT_OK


def _run_folder(project: Project, args) -> int:
    from app.services.sync.folder import run_folder, write_bundle_to_folder
    from app.services.sync.devices import role

    result = run_folder(project)
    for outcome in result.bundles:
        print(outcome.line(), file=sys.stdout if outcome.ok else sys.stderr)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if role(project) == "field":
        written = write_bundle_to_folder(project)
        print(_("{n} receipts read.").format(n=result.receipts))
        if written is not None:
            print(_("Field bundle written to {path}.").format(path=written.path))
    return EXIT_OK if all(outcome.ok for outcome in result.bundles) and not result.problems else EXIT_ERROR


def _status(project: Project, args) -> int:
    from app.services.sync.status import status

    state = status(project)
    if args.json:
        print(json.dumps(state, ensure_ascii=False, indent=2))
        return EXIT_OK
    device = state["device"]
    print(_("Role: {role}").format(role=_("analyst") if state["role"] == "analyst" else _("field laptop")))
    if device:
        print(_("This computer: {name}, fingerprint {fingerprint}").format(**device))
    pending = sum(state["pending"].values())
    if state["role"] == "field":
        print(_("Waiting to be sent: {n} records").format(n=pending))
    else:
        print(_("Registered laptops: {n}").format(n=len(state["devices"])))
        print(_("Open conflicts: {n}").format(n=state["open_conflicts"]))
        print(_("Bundles in quarantine: {n}").format(n=state["quarantined"]))
    return EXIT_OK


ACTIONS = {"export-package": _export_package, "import-package": _import_package, "export-bundle": _export_bundle,
           "import": _import, "receipt": _receipt, "register": _register, "conflicts": _conflicts,
           "resolve": _resolve, "folder": _folder, "run": _run_folder, "status": _status}
