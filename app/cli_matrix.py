"""`terrain matrix PROJECT --by territory|profile|wave|interviewer` and `terrain cooccurrence PROJECT`.

The matrix crosses the live codes (codebook order) with the values of a participant attribute;
each cell counts codings, or the participants or transcripts with such a coding. The
co-occurrence matrix counts, for two codes, the pairs of one coder's codings that overlap (or
the transcripts where one coder applied both). Withdrawn participants' words, codes in the bin
and codings whose text was deleted are left out, as everywhere in analysis.
"""

from __future__ import annotations

import csv
import json
import sys

from app.i18n import _, ngettext
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
NAME_WIDTH = 40
CELL_WIDTH = 10


def add_commands(commands) -> None:
    """Add `matrix` and `cooccurrence` to the `terrain` subcommands."""
    from app.services.matrices import ATTRIBUTES, COUNTS, SCOPES

    matrix = commands.add_parser(
        "matrix", help=_("codes crossed with a participant attribute: codings, participants or transcripts per cell"))
    matrix.add_argument("path", help=_("project file"))
    matrix.add_argument("--by", required=True, choices=ATTRIBUTES, help=_("the attribute in columns"))
    matrix.add_argument("--count", choices=COUNTS, default="codings",
                        help=_("what a cell counts (default: codings)"))
    matrix.add_argument("--coder", metavar=_("NAME"), help=_("only this coder's codings"))
    output = matrix.add_mutually_exclusive_group()
    output.add_argument("--csv", metavar=_("OUT.csv"), help=_("write the matrix to a CSV file"))
    output.add_argument("--json", action="store_true", help=_("print JSON"))

    cooccurrence = commands.add_parser(
        "cooccurrence", help=_("code co-occurrence: how often two codes are applied to overlapping passages"))
    cooccurrence.add_argument("path", help=_("project file"))
    cooccurrence.add_argument("--coder", metavar=_("NAME"), help=_("only this coder's codings"))
    cooccurrence.add_argument("--scope", choices=SCOPES, default="overlap",
                              help=_("overlap: overlapping codings (default); transcript: the same transcript"))
    cooccurrence.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args) -> int:
    from app.services.agreement import coder_id
    from app.services.matrices import code_by_attribute, cooccurrence

    try:
        with Project.open(args.path) as project:
            coder = coder_id(project, args.coder) if args.coder else None
            if args.command == "cooccurrence":
                result = cooccurrence(project, coder, args.scope)
            else:
                result = code_by_attribute(project, args.by, coder, args.count)
    except (ProjectError, RecordNotFoundError) as error:
        message = error.args[0] if isinstance(error, RecordNotFoundError) and error.args else error
        return _refuse(str(message))
    if args.json:
        print(json.dumps({**result.as_json(), "coder": args.coder}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if args.command == "cooccurrence":
        print(cooccurrence_table(result))
        return EXIT_OK
    if args.csv:
        try:
            write_csv(result, args.csv)
        except OSError as error:
            return _refuse(_("Cannot write {path}: {reason}").format(path=args.csv, reason=error.strerror or error))
        print(ngettext("{n} code written to {path}", "{n} codes written to {path}", len(result.rows))
              .format(n=len(result.rows), path=args.csv))
        return EXIT_OK
    print(matrix_table(result))
    return EXIT_OK


def write_csv(matrix, path: str) -> None:
    """One row per code: ``code_id,code,depth``, a column per attribute value (its label), ``total``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code_id", "code", "depth", *(key.label for key in matrix.columns), "total"])
        for key, counts, total in zip(matrix.rows, matrix.counts, matrix.row_totals):
            writer.writerow([key.id, key.name, key.depth, *counts, total])


def matrix_table(matrix) -> str:
    """The matrix as text: sub-themes indented under their theme, totals last."""
    heading = {"codings": _("Codings per code and {attribute}."),
               "participants": _("Participants with a coding, per code and {attribute}."),
               "transcripts": _("Transcripts with a coding, per code and {attribute}.")}[matrix.count]
    lines = [heading.format(attribute=attribute_name(matrix.attribute))]
    labels = [_clip(key.label, CELL_WIDTH) for key in matrix.columns] + [_("Total")]
    lines.append(f"{_('Code'):<{NAME_WIDTH}}" + "".join(f" {label:>{CELL_WIDTH}}" for label in labels))
    for key, counts, total in zip(matrix.rows, matrix.counts, matrix.row_totals):
        name = _clip("  " * key.depth + key.name, NAME_WIDTH)
        lines.append(f"{name:<{NAME_WIDTH}}" + "".join(f" {n:>{CELL_WIDTH}}" for n in [*counts, total]))
    lines.append(f"{_('Total'):<{NAME_WIDTH}}"
                 + "".join(f" {n:>{CELL_WIDTH}}" for n in [*matrix.column_totals, matrix.total]))
    return "\n".join(lines)


def cooccurrence_table(matrix) -> str:
    """Codes numbered in rows, the same numbers in columns, so that long names fit."""
    width = max(4, len(str(max((max(row, default=0) for row in matrix.counts), default=0))) + 1)
    lines = [_("Overlapping codings of two codes (one coder's); on the diagonal, the code's codings.")
             if matrix.scope == "overlap" else
             _("Transcripts where one coder applied both codes; on the diagonal, the transcripts with the code.")]
    header = f"{'':<{NAME_WIDTH + 4}}" + "".join(f"{number:>{width}}" for number in range(1, len(matrix.codes) + 1))
    lines.append(header)
    for number, (key, counts) in enumerate(zip(matrix.codes, matrix.counts), start=1):
        name = _clip("  " * key.depth + key.name, NAME_WIDTH)
        lines.append(f"{number:>3} {name:<{NAME_WIDTH}}" + "".join(f"{n:>{width}}" for n in counts))
    return "\n".join(lines)


def attribute_name(attribute: str) -> str:
    return {"territory": _("territory"), "profile": _("profile"), "wave": _("wave"),
            "interviewer": _("interviewer")}[attribute]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _refuse(message: str) -> int:
    print(_("terrain: {message}").format(message=message), file=sys.stderr)
    return EXIT_ERROR

