"""The suggestions panel alone, on the demo study, for a quick look or a picture.

    python -m app.ui.assist [PROJECT] [--lang fr|en] [--code NAME] [--grab OUT.png]

On the throw-away copy of the demo, the code gets a few keywords and an example phrase first (the
demo codebook has none), so that there is something to suggest.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, show_or_grab

DEMO_HINTS = {
    "Isolement": ("seul\nisolement\nsolitude", "Je me sens seule face à mes décisions."),
}


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.assist", __doc__)
    parser.add_argument("--code", default="Isolement", help="suggest for this code")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.services import assist
        from app.ui.assist.panel import SuggestionsPanel

        project = session.project
        code = project.codes.first("name = ?", [args.code]) or project.codes.first(order_by="position")
        if args.project is None and not (code.keywords or code.example_phrases):
            keywords, phrases = DEMO_HINTS.get(code.name, (code.name, ""))
            assist.set_hints(project, code.id, keywords, phrases)
        coder = project.coders.first(order_by="name")
        panel = SuggestionsPanel()
        panel.open_requested.connect(lambda transcript, start, end: print(f"open {transcript} [{start}, {end})"))
        panel.set_project(project, coder.id if coder else None)
        panel.show_code(code.id)
        return show_or_grab(session, framed(panel), args.grab, settle_seconds=0.3)


if __name__ == "__main__":
    sys.exit(main())
