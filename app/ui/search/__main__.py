"""The search panel alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.search [PROJECT] [--lang fr|en] [--query TEXT] [--stem] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, show_or_grab


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.search", __doc__)
    parser.add_argument("--query", default="coopérative", help="search this at once")
    parser.add_argument("--stem", action="store_true", help="tick « other forms of the words »")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.ui.search.panel import SearchPanel

        panel = SearchPanel()
        window = framed(panel)
        panel.open_requested.connect(lambda transcript, position: print(f"open {transcript} at turn {position}"))
        panel.set_project(session.project)
        panel.stem_box.setChecked(args.stem)
        panel.set_query(args.query)
        return show_or_grab(session, window, args.grab)


if __name__ == "__main__":
    sys.exit(main())
