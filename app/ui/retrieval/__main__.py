"""The matrices (or the retrieval list) alone, on the demo study (or a project), for a look or a picture.

    python -m app.ui.retrieval [PROJECT] [--lang fr|en] [--matrix territory|profile|wave|framework|cooccurrence]
                               [--list] [--cell ROW,COLUMN] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, show_or_grab

ATTRIBUTES = ("territory", "profile", "wave", "interviewer")


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.retrieval", __doc__)
    parser.add_argument("--matrix", default="territory", choices=(*ATTRIBUTES, "framework", "cooccurrence"))
    parser.add_argument("--scope", default="overlap", choices=("overlap", "transcript"))
    parser.add_argument("--list", action="store_true", help="show the retrieval list instead of a matrix")
    parser.add_argument("--cell", default="1,2", help="select this cell of the matrix (row,column from 0)")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.ui.retrieval import MatrixPanel, RetrievalPanel

        def report(transcript: str, start: int, end: int) -> None:
            print(f"open {transcript} at [{start}, {end})")

        if args.list:
            panel = RetrievalPanel()
            panel.set_project(session.project)
        else:
            panel = MatrixPanel()
            panel.set_project(session.project, author="Inès Moreau")
            if args.matrix in ATTRIBUTES:
                panel.set_mode("attribute", attribute=args.matrix)
            elif args.matrix == "cooccurrence":
                panel.set_mode("cooccurrence", scope=args.scope)
            else:
                panel.set_mode(args.matrix)
            row, column = (int(part) for part in args.cell.split(","))
            panel.select_cell(row, column)
        panel.open_requested.connect(report)
        return show_or_grab(session, framed(panel), args.grab, settle_seconds=0.3)


if __name__ == "__main__":
    sys.exit(main())
