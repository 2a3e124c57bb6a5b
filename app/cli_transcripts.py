"""`terrain import-transcript`: a transcript file into a project, from the command line.

Roles are proposed as in the desktop dialog; ``--interviewer`` names the interviewers when the
proposal would be wrong (the other speaker who says the most is then the participant).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.i18n import N_, _, ngettext
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
ROLE_NAMES = {"interviewer": N_("interviewer"), "participant": N_("participant"), "third_party": N_("third party"),
              "unknown": N_("unknown role")}


def add_commands(commands) -> None:
    command = commands.add_parser(
        "import-transcript", help=_("import a transcript file (.txt, .md, .docx, .odt, .vtt, .srt, .trs, .TextGrid)"))
    command.add_argument("path", type=Path, help=_("project file"))
    command.add_argument("file", type=Path, help=_("transcript file to import"))
    attach = command.add_mutually_exclusive_group()
    attach.add_argument("--interview", metavar="ID", help=_("attach the transcript to this interview"))
    attach.add_argument("--participant", metavar="CODE",
                        help=_("create a completed interview of this participant for the transcript"))
    command.add_argument("--interviewer", metavar="LABEL", action="append", default=[],
                         help=_("speaker label of an interviewer (repeat for several); replaces the proposal"))
    command.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args) -> int:
    from app.services.transcript_import import TranscriptImportError, import_transcript

    with Project.open(args.path) as project:
        try:
            result = import_transcript(project, args.file, interview_id=args.interview,
                                       participant_code=args.participant, interviewers=args.interviewer or None)
        except TranscriptImportError as error:
            print(_("terrain: {message}").format(message=error), file=sys.stderr)
            return EXIT_ERROR
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    turns = ngettext("{n} turn", "{n} turns", result.turns).format(n=result.turns)
    print(_("{file} imported: {turns} ({format}, {encoding}).").format(
        file=args.file.name, turns=turns, format=result.format, encoding=result.encoding))
    for label in result.speakers:
        print(f"  {label or '—'}: {_(ROLE_NAMES[result.roles[label]])}")
    return EXIT_OK
