"""The coding workbench alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.coding [PROJECT] [--lang fr|en] [--transcript CODE] [--coder NAME] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture of a
coded transcript with its margin bars.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, settle, show_or_grab


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.coding", __doc__)
    parser.add_argument("--transcript", default="LYO-01", help="the participant code of the transcript to show")
    parser.add_argument("--coder", help="code as this coder (default: the first coder)")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.ui.coding.workbench import CodingWorkbench

        project = session.project
        coder = (project.coders.first("name = ?", [args.coder]) if args.coder
                 else project.coders.first(order_by="created_at, name"))
        if coder is None:
            print("the project has no coder", file=sys.stderr)
            return 1
        workbench = CodingWorkbench()
        window = framed(workbench)
        workbench.set_project(project, coder.id)
        row = project.db.execute(
            "SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
            "JOIN participant p ON p.id = iv.participant_id WHERE p.code = ?", [args.transcript]).fetchone()
        if row:
            workbench.show_transcript(row[0])
        window.resize(1280, 800)
        window.show()
        settle(session.application, 0.3)
        # Show the panel at work: the cursor in the first passage two coders coded.
        codings = workbench.shown_codings()
        if codings:
            first = codings[min(2, len(codings) - 1)]
            workbench.select_coding(first.id)
        try:
            return show_or_grab(session, window, args.grab, settle_seconds=0.5)
        finally:
            workbench.shutdown()


if __name__ == "__main__":
    sys.exit(main())
