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

from app import __version__
from app.i18n import _
from app.store.errors import ProjectError

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
    return parser


def main(argv: list[str] | None = None, open_gui: Callable[[Path | None, bool], int] | None = None) -> int:
    """Run one command. ``open_gui`` is given by the entry point, which alone may load Qt."""
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        if open_gui is None:
            print(_("terrain: the desktop application is not available here."), file=sys.stderr)
            return EXIT_ERROR
        return open_gui(getattr(args, "project", None), getattr(args, "demo", False))
    handler = {"init": _init, "demo": _demo, "info": _info}[args.command]
    try:
        return handler(args)
    except ProjectError as error:
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR


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
