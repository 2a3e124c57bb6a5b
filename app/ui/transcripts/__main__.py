"""The Transcriptions area alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.transcripts [PROJECT] [--lang fr|en] [--transcript CODE] [--tick] [--edit N]
                                 [--tab reading|pseudonymisation|diagnostics|search] [--grab OUT.png]

--transcript selects the transcript whose title starts with CODE (« DRO-02 »); --tick ticks every
name suggested for pseudonymisation; --edit N opens turn N (1 = the first) for editing. With
--grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture of the
main window.
"""

from __future__ import annotations

import sys

from app.ui.preview import preview, preview_parser, settle, show_or_grab

TABS = ("reading", "pseudonymisation", "diagnostics", "search")


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.transcripts", __doc__)
    parser.add_argument("--transcript", default="DRO-02", help="select the transcript whose title starts so")
    parser.add_argument("--tab", choices=TABS, default="reading")
    parser.add_argument("--tick", action="store_true", help="tick every name suggested for pseudonymisation")
    parser.add_argument("--edit", type=int, default=0, help="open this turn for editing (1 = the first)")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.ui.main_window import MainWindow

        window = MainWindow(session.project, session.settings())
        window.show_area("transcripts")
        window.path_label.setText(session.path.name)
        window.show()
        area = window.area("transcripts")
        wanted = next((row for row in area.model.rows() if row.title.startswith(args.transcript)), None)
        if wanted is not None:
            area.select_transcript(wanted.id)
        tab = {"pseudonymisation": area.pseudonymisation, "diagnostics": area.diagnostics,
               "search": area.search}.get(args.tab) or area.reader
        area.show_tab(tab)
        if args.tick:
            for candidate in area.pseudonymisation.candidates:
                area.pseudonymisation.set_checked(candidate.text)
        if args.edit:
            settle(session.application, 0.2)
            area.reader.table.edit_row(args.edit - 1)
        return show_or_grab(session, window, args.grab, settle_seconds=0.8)


if __name__ == "__main__":
    sys.exit(main())
