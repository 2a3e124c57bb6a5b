"""`terrain memo add|list` and `terrain journal`: memos and the analytic journal, headless.

    terrain memo add PROJECT --on project|code:NAME|transcript:TITLE|participant:CODE --title T --body B [--author A]
    terrain memo list PROJECT [--on ...] [--json]
    terrain journal PROJECT [--since DATE] [--until DATE] [--author A] [--json]

What a memo is about is printed as a code's name, a transcript's title or a participant's code:
never a real name. Memos about withdrawn participants are left out of the journal.
"""

from __future__ import annotations

import json
import sys
import textwrap

from app.i18n import _, ngettext
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
BODY_WIDTH, BODY_INDENT = 100, "      "
TARGET_HELP = "project | code:NAME | transcript:TITLE | participant:CODE"


def add_commands(commands) -> None:
    """Add the `memo` group (add, list) and the `journal` command."""
    memo = commands.add_parser(
        "memo", help=_("write or list memos on the study, a code, a transcript or a participant"))
    actions = memo.add_subparsers(dest="memo_action", metavar=_("ACTION"), required=True)
    add = actions.add_parser("add", help=_("write a new memo"))
    add.add_argument("path", help=_("project file"))
    add.add_argument("--on", required=True, metavar=_("TARGET"),
                     help=_("what the memo is about: {targets}").format(targets=TARGET_HELP))
    add.add_argument("--title", default="", help=_("title of the memo"))
    add.add_argument("--body", default="", help=_("text of the memo"))
    add.add_argument("--author", default="", help=_("who writes it"))
    add.add_argument("--date", default=None, help=_("date of the memo, YYYY-MM-DD (default: today)"))
    listed = actions.add_parser("list", help=_("list memos, newest first"))
    listed.add_argument("path", help=_("project file"))
    listed.add_argument("--on", metavar=_("TARGET"),
                        help=_("only the memos on this: {targets}").format(targets=TARGET_HELP))
    listed.add_argument("--json", action="store_true", help=_("print JSON"))

    journal = commands.add_parser("journal", help=_("the analytic journal: every memo by date"))
    journal.add_argument("path", help=_("project file"))
    journal.add_argument("--since", metavar=_("DATE"), help=_("from this date on, YYYY-MM-DD"))
    journal.add_argument("--until", metavar=_("DATE"), help=_("up to this date, YYYY-MM-DD"))
    journal.add_argument("--author", help=_("only the memos of this author"))
    journal.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args) -> int:
    from app.services.memos import MemoError

    try:
        with Project.open(args.path) as project:
            if args.command == "journal":
                return print_journal(project, args)
            if args.memo_action == "add":
                return add_memo(project, args)
            return list_memos(project, args)
    except (MemoError, ProjectError, RecordNotFoundError) as error:
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR


def add_memo(project: Project, args) -> int:
    from app.services import memos

    kind, target_id = memos.resolve_target(project, args.on)
    memo = memos.add_memo(project, kind, target_id, args.title, args.body, args.author, args.date)
    print(_("Memo written on {date}: {about}").format(date=memo.written_on,
                                                     about=memos.describe_target(project, kind, target_id)))
    return EXIT_OK


def list_memos(project: Project, args) -> int:
    from app.services import memos

    entries = memos.journal(project)
    if args.on:
        kind, target_id = memos.resolve_target(project, args.on)
        entries = [entry for entry in entries if entry.target_kind == kind and entry.target_id == target_id]
    entries.reverse()  # newest first
    if args.json:
        print(json.dumps([entry.as_json() for entry in entries], ensure_ascii=False, indent=2))
        return EXIT_OK
    print(ngettext("{n} memo.", "{n} memos.", len(entries)).format(n=len(entries)))
    for entry in entries:
        print(_entry_line(entry))
    return EXIT_OK


def print_journal(project: Project, args) -> int:
    from app.services import memos

    entries = memos.journal(project, since=args.since, until=args.until, author=args.author)
    if args.json:
        print(json.dumps([entry.as_json() for entry in entries], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not entries:
        print(_("The journal holds no memo for these dates."))
        return EXIT_OK
    day = None
    for entry in entries:
        if entry.written_on != day:
            if day is not None:
                print()
            day = entry.written_on
            print(day)
        print("  " + _entry_line(entry, with_date=False))
        for paragraph in entry.body.splitlines():
            print(textwrap.fill(paragraph, BODY_WIDTH, initial_indent=BODY_INDENT, subsequent_indent=BODY_INDENT))
    return EXIT_OK


def _entry_line(entry, with_date: bool = True) -> str:
    title = entry.title or _("(untitled)")
    author = entry.author or _("unknown author")
    line = _("{author} · {about} — {title}").format(author=author, about=entry.about, title=title)
    return f"{entry.written_on}  {line}" if with_date else line
