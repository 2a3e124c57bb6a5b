"""`terrain diagnostics PROJECT [--transcript ID | --interviewer ID] [--json] [--include-intro]`.

How interviews went, from their transcripts: interviewer talk, closed and leading questions,
interruptions, third-party answers, bare « oui ». JSON: a list with one object per transcript,
or the single object asked with --transcript; with --interviewer, that interviewer's feedback.
Shares are fractions between 0 and 1. The introduction is left out unless --include-intro.
"""

from __future__ import annotations

import json
import sys

from app.i18n import _
from app.store.errors import ProjectError
from app.store.project import Project

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def add_commands(commands) -> None:
    parser = commands.add_parser(
        "diagnostics", help=_("how the interviews went: interviewer talk, closed and leading questions, interruptions"))
    parser.add_argument("path", help=_("project file"))
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--transcript", dest="transcript_id", metavar="ID", help=_("only this transcript (its id)"))
    chosen.add_argument("--interviewer", dest="interviewer", metavar="ID",
                        help=_("one interviewer's figures over their interviews (id or name), for training"))
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.add_argument("--include-intro", action="store_true",
                        help=_("count the introduction too (recording, study and consent; left out by default)"))
    parser.add_argument("--explain", action="store_true", help=_("say what each figure means and its thresholds"))


def run(args) -> int:
    from app.services import diagnostics as service

    try:
        with Project.open(args.path) as project:
            if args.interviewer:
                return _feedback(project, args, service)
            if args.transcript_id:
                results = [service.transcript_diagnostics(project, args.transcript_id, args.include_intro)]
            else:
                results = service.all_diagnostics(project, args.include_intro)
    except (ValueError, LookupError) as error:
        if isinstance(error, ProjectError):
            raise
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR
    from app.core.diagnostics.report import diagnostics_dict, text_report

    if args.json:
        payload = diagnostics_dict(results[0]) if args.transcript_id else [diagnostics_dict(d) for d in results]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif not results:
        print(_("No transcript to diagnose yet."))
    else:
        print("\n\n".join(text_report(d, explain=args.explain) for d in results))
    return EXIT_OK


def _feedback(project, args, service) -> int:
    from app.core.diagnostics.report import feedback_dict, feedback_text

    wanted = args.interviewer.strip().casefold()
    known = service.interviewers_with_interviews(project)
    match = [person for person in known if person[0] == args.interviewer or person[1].casefold() == wanted]
    if not match:
        names = ", ".join(name for _id, name, _count in known) or "—"
        print(_("terrain: no interviewer is called or numbered {who} (known: {known}).").format(
            who=args.interviewer, known=names), file=sys.stderr)
        return EXIT_ERROR
    feedback = service.interviewer_feedback(project, match[0][0], args.include_intro)
    if args.json:
        print(json.dumps(feedback_dict(feedback), ensure_ascii=False, indent=2))
    else:
        print(feedback_text(feedback))
    return EXIT_OK
