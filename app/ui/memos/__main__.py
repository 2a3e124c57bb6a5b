"""The memo panel (on a code) or the analytic journal alone, on the demo study, for a look or a picture.

    python -m app.ui.memos [PROJECT] [--lang fr|en] [--journal] [--code NAME] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, show_or_grab


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.memos", __doc__)
    parser.add_argument("--journal", action="store_true", help="show the analytic journal")
    parser.add_argument("--code", default="Isolement", help="show the memos on this code")
    args = parser.parse_args(argv)
    with preview(args) as session:
        project = session.project
        author = project.coders.first(order_by="name").name if project.coders.count() else ""
        if args.journal:
            from app.ui.memos.journal import JournalPanel

            panel = JournalPanel()
            panel.open_requested.connect(lambda kind, target: print(f"open {kind} {target}"))
            panel.set_project(project, author)
            first = panel.tree.topLevelItem(1)
            if first is not None:
                panel.tree.setCurrentItem(first)
        else:
            from app.ui.memos.panel import MemoPanel

            panel = MemoPanel(author=author)
            code = project.codes.first("name = ?", [args.code]) or project.codes.first(order_by="position")
            panel.show_target(project, "code", code.id, code.name)
        return show_or_grab(session, framed(panel), args.grab, settle_seconds=0.3)


if __name__ == "__main__":
    sys.exit(main())
