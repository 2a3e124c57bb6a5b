"""The `terrain` command line: every capability, headless.

`terrain` with no arguments opens the desktop application; with a subcommand it runs without
a screen. Errors go to stderr with a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from app import __version__, cli_diagnostics, cli_participants, cli_transcripts
from app import cli_agreement, cli_coding, cli_design, cli_indicators, cli_matrix, cli_memos, cli_reports
from app import cli_search, cli_sync
from app.i18n import _
from app.store.errors import ProjectError, RecordNotFoundError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="terrain",
        description=_("Terrain: social-impact evaluation by qualitative interviews. "
                      "Without a command, opens the desktop application."),
    )
    parser.add_argument("--version", action="version", version=f"terrain {__version__}")
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    gui = commands.add_parser("gui", help=_("open the desktop application"))
    gui.add_argument("project", nargs="?", type=Path, help=_("project file to open"))
    gui.add_argument("--demo", action="store_true", help=_("open the demo study"))

    init = commands.add_parser("init", help=_("create an empty project"))
    init.add_argument("path", type=Path, help=_("new project file (.terrain)"))
    init.add_argument("--title", required=True, help=_("title of the study"))

    demo = commands.add_parser("demo", help=_("write the demo study to a new project file"))
    demo.add_argument("path", type=Path, help=_("new project file (.terrain)"))

    info = commands.add_parser("info", help=_("describe a project and count what it holds"))
    info.add_argument("path", type=Path, help=_("project file"))
    info.add_argument("--json", action="store_true", help=_("print JSON"))

    lint = commands.add_parser("lint-questions", help=_("check interview questions for wording biases, one per line"))
    lint.add_argument("file", help=_("UTF-8 text file with one question per line, or - for standard input"))
    lint.add_argument("--lang", choices=("fr", "en", "auto"), default="auto",
                      help=_("language of the questions (auto: detected for each line)"))
    lint.add_argument("--format", choices=("json", "text"), default="text", help=_("output format"))

    guide = commands.add_parser("lint-guide", help=_("check a stored interview guide, question by question and as a whole"))
    guide.add_argument("path", type=Path, help=_("project file"))
    guide.add_argument("--guide", dest="guide_id", help=_("id of the guide version (default: the latest)"))
    guide.add_argument("--lang", choices=("fr", "en", "auto"), default="auto",
                       help=_("language of the questions (auto: the guide's language)"))
    guide.add_argument("--format", choices=("json", "text"), default="text", help=_("output format"))

    cli_participants.add_commands(commands)
    cli_diagnostics.add_commands(commands)
    cli_transcripts.add_commands(commands)
    cli_search.add_commands(commands)
    cli_agreement.add_commands(commands)
    cli_coding.add_commands(commands)
    cli_memos.add_commands(commands)
    cli_matrix.add_commands(commands)
    cli_sync.add_commands(commands)
    cli_indicators.add_commands(commands)
    cli_design.add_commands(commands)
    export = commands.add_parser("export", help=_("export analysis data"))
    exports = export.add_subparsers(dest="export_what", metavar=_("WHAT"), required=True)
    cli_coding.add_export_commands(exports)
    cli_indicators.add_export_commands(exports)
    cli_reports.add_export_commands(exports)
    return parser


def main(argv: list[str] | None = None, open_gui: Callable[[Path | None, bool], int] | None = None) -> int:
    """Run one command. ``open_gui`` is given by the entry point, which alone may load Qt."""
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        if open_gui is None:
            print(_("terrain: the desktop application is not available here."), file=sys.stderr)
            return EXIT_ERROR
        return open_gui(getattr(args, "project", None), getattr(args, "demo", False))
    handler = {"init": _init, "demo": _demo, "info": _info, "lint-questions": _lint_questions,
               "lint-guide": _lint_guide, "participant": cli_participants.run,
               "diagnostics": cli_diagnostics.run, "import-transcript": cli_transcripts.run,
               "search": cli_search.run, "agreement": cli_agreement.run,
               "codebook": cli_coding.run, "export": _export, "indicators": cli_indicators.run,
               "design": cli_design.run,
               "memo": cli_memos.run, "journal": cli_memos.run,
               "matrix": cli_matrix.run, "cooccurrence": cli_matrix.run, "sync": cli_sync.run}[args.command]
    try:
        return handler(args)
    except (ProjectError, RecordNotFoundError) as error:
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR


def _export(args) -> int:
    if args.export_what in cli_reports.DOCUMENTS:
        return cli_reports.run(args)
    return {"segments": cli_coding.run, "charts": cli_indicators.run}[args.export_what](args)


def _init(args) -> int:
    from app.services.projects import init_project

    if not args.title.strip():
        print(_("terrain: the study title cannot be empty."), file=sys.stderr)
        return EXIT_USAGE
    path = init_project(args.path, args.title)
    print(_("Project created: {path}").format(path=path))
    return EXIT_OK


def _demo(args) -> int:
    from app.services.demo import build_demo

    path = build_demo(args.path)
    print(_("Demo study written to {path}").format(path=path))
    return EXIT_OK


def _info(args) -> int:
    from app.services.projects import project_info

    info = project_info(args.path)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(info["title"])
    if info["evaluative_question"]:
        print(_("Evaluative question: {question}").format(question=info["evaluative_question"]))
    for name, count in info["counts"].items():
        print(f"  {name:<16} {count:>8}")
    return EXIT_OK


def _lint_questions(args) -> int:
    from app.core.questions.report import lint_lines, text_report

    name = _("standard input") if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as error:
        print(_("terrain: {message}").format(
            message=_("Cannot read {path}: {reason}").format(path=name, reason=error.strerror or error)), file=sys.stderr)
        return EXIT_ERROR
    if b"\x00" in data:
        print(_("terrain: {path} is not a text file (it holds binary data). Give a UTF-8 text file with one "
                "question per line.").format(path=name), file=sys.stderr)
        return EXIT_ERROR
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        print(_("terrain: {path} is not UTF-8 text (line {line}). Save it as UTF-8, one question per line.")
              .format(path=name, line=line), file=sys.stderr)
        return EXIT_ERROR
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    records = lint_lines(lines, args.lang)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif records:
        print(text_report(records))
    return EXIT_OK


def _lint_guide(args) -> int:
    from app.core.questions.report import guide_text_report
    from app.services.guide_check import lint_guide

    report = lint_guide(args.path, args.guide_id, args.lang)
    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(guide_text_report(report))
    return EXIT_OK
