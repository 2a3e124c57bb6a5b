"""`terrain export segments PROJECT OUT.csv` and `terrain codebook export|import PROJECT FILE.csv`.

Segments are written one row per coding, in UTF-8 with a header; offsets are code points of the
transcript's full text (turns joined by a newline), so ``text == full_text[start:end]``. The
words of withdrawn participants are never exported.
"""

from __future__ import annotations

import csv
import sys

from app.i18n import _, ngettext
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
SEGMENT_COLUMNS = ("transcript_id", "start", "end", "code", "coder", "text", "participant_code", "memo",
                   "quotable", "coding_id", "transcript_title", "territory", "profile", "wave")


def add_commands(commands) -> None:
    """Add the `codebook` group; `export segments` is added to the `export` group by
    ``add_export_commands``."""
    codebook = commands.add_parser("codebook", help=_("export or import the codebook as CSV"))
    actions = codebook.add_subparsers(dest="codebook_action", metavar=_("ACTION"), required=True)
    export = actions.add_parser("export", help=_("write the codebook to a CSV file"))
    export.add_argument("path", help=_("project file"))
    export.add_argument("file", help=_("CSV file to write"))
    imported = actions.add_parser(
        "import", help=_("create or update codes by name from a CSV file (columns name,parent,definition,"
                         "include,exclude,example,colour)"))
    imported.add_argument("path", help=_("project file"))
    imported.add_argument("file", help=_("CSV file to read (UTF-8, comma or semicolon)"))
    imported.add_argument("--actor", default="", help=_("who makes the change, for the codebook's history"))


def add_export_commands(exports) -> None:
    """Add `segments` to an existing `export` group's subparsers."""
    segments = exports.add_parser("segments", help=_("write the coded segments to a CSV file, one row per coding"))
    segments.add_argument("path", help=_("project file"))
    segments.add_argument("out", help=_("CSV file to write"))


def run(args) -> int:
    if args.command == "export":
        return export_segments(args)
    return export_codebook(args) if args.codebook_action == "export" else import_codebook(args)


def export_segments(args) -> int:
    from app.services.coding import segments

    with Project.open(args.path) as project:
        rows = segments(project)
    try:
        with open(args.out, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=SEGMENT_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for segment in rows:
                row = segment.as_row()
                row["quotable"] = int(segment.quotable)
                writer.writerow(row)
    except OSError as error:
        return _refuse(_("Cannot write {path}: {reason}").format(path=args.out, reason=error.strerror or error))
    print(ngettext("{n} segment written to {path}", "{n} segments written to {path}", len(rows))
          .format(n=len(rows), path=args.out))
    return EXIT_OK


def export_codebook(args) -> int:
    from app.services.codebook import export_csv

    with Project.open(args.path) as project:
        try:
            count = export_csv(project, args.file)
        except OSError as error:
            return _refuse(_("Cannot write {path}: {reason}").format(path=args.file, reason=error.strerror or error))
    print(ngettext("{n} code written to {path}", "{n} codes written to {path}", count).format(n=count, path=args.file))
    return EXIT_OK


def import_codebook(args) -> int:
    from app.services.codebook import CodebookError, import_csv

    with Project.open(args.path) as project:
        try:
            result = import_csv(project, args.file, actor=args.actor)
        except CodebookError as error:
            return _refuse(_("{message} The codebook was left unchanged.").format(message=error))
    print(_("Codebook imported from {path}: {created} created, {updated} updated.").format(
        path=args.file, created=len(result.created), updated=len(result.updated)))
    return EXIT_OK


def _refuse(message: str) -> int:
    print(_("terrain: {message}").format(message=message), file=sys.stderr)
    return EXIT_ERROR
