"""The diagnostics panel alone, or the interviewer feedback view, on the demo study (or a project).

    python -m app.ui.diagnostics [PROJECT] [--transcript TITLE] [--feedback NAME] [--lang fr|en]
                                 [--explain] [--grab OUT.png]

--transcript shows the panel for the first transcript whose title starts with TITLE (e.g. DRO-01);
--feedback shows the main window's Analysis area on the feedback tab, for the interviewer NAME.
With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
"""

from __future__ import annotations

import sys

from app.ui.preview import framed, preview, preview_parser, show_or_grab


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.diagnostics", __doc__)
    parser.add_argument("--transcript", default="DRO-01", help="start of the transcript's title")
    parser.add_argument("--feedback", metavar="NAME", help="show this interviewer's feedback instead")
    parser.add_argument("--explain", action="store_true", help="show what each figure means")
    args = parser.parse_args(argv)
    with preview(args) as session:
        widget = _feedback_window(session, args.feedback) if args.feedback else \
            _panel(session.project, args.transcript, args.explain)
        # word-wrapped cards take a few passes to find their height
        return show_or_grab(session, widget, args.grab, settle_seconds=0.6)


def _panel(project, title: str, explain: bool):
    from app.ui.diagnostics import DiagnosticsPanel

    transcript = next((t for t in project.transcripts.find(order_by="title") if t.title.startswith(title)), None)
    if transcript is None:
        raise SystemExit(f"no transcript title starts with {title!r}")
    panel = DiagnosticsPanel()
    frame = framed(panel)
    panel.explain_box.setChecked(explain)
    panel.turn_requested.connect(lambda tid, position: print(f"turn requested: {position + 1}"))
    panel.show_transcript(project, transcript.id)
    return frame


def _feedback_window(session, name: str):
    from app.ui.main_window import MainWindow

    project = session.project
    window = MainWindow(project, session.settings())
    window.show_area("analysis")
    window.path_label.setText(session.path.name)
    area = window.area("analysis")
    area.show_feedback()
    interviewer = next((p for p in project.interviewers.find() if p.name.casefold().startswith(name.casefold())), None)
    if interviewer is not None:
        area.feedback.show_interviewer(interviewer.id)
    return window


if __name__ == "__main__":
    sys.exit(main())
