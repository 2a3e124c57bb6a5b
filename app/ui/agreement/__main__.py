"""The agreement panel alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.agreement [PROJECT] [--lang fr|en] [--code NAME] [--blind] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, show_or_grab


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.agreement", __doc__)
    parser.add_argument("--code", help="show the passages in disagreement of this code")
    parser.add_argument("--blind", action="store_true", help="turn blind coding on first")
    parser.add_argument("--done", type=int, default=0, help="mark this many shared transcripts done by both coders")
    parser.add_argument("--passes", action="store_true", help="show the coding passes tab")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.services import blind
        from app.ui.agreement.panel import AgreementPanel

        from app.services import agreement_view

        if args.blind:
            blind.set_blind(session.project, True)
        pair = agreement_view.default_pair(session.project)
        if pair and args.done:
            shared = [row.transcript_id for row in agreement_view.compare(session.project, *pair).passes
                      if "not_started" not in (row.a, row.b)]
            for transcript_id in shared[:args.done]:
                for name in pair:
                    blind.mark_done(session.project, session.project.coders.first("name = ?", [name]).id,
                                    transcript_id)
        panel = AgreementPanel()
        window = framed(panel)
        panel.open_requested.connect(lambda transcript, start, end: print(f"open {transcript} at [{start}, {end})"))
        panel.set_project(session.project)
        if args.code:
            found = session.project.codes.first("name = ?", [args.code])
            panel.select_code(found.id if found else None)
        if args.passes:
            panel.tabs.setCurrentIndex(1)
        return show_or_grab(session, window, args.grab, settle_seconds=0.3)


if __name__ == "__main__":
    sys.exit(main())
