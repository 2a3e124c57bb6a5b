"""The study dialog or the indicator dialog alone, on the demo study, for a look or a picture.

    python -m app.ui.study [PROJECT] [--lang fr|en] [--tab N | --indicator CODE | --new-indicator] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a picture of the dialog.
"""

from __future__ import annotations

import sys

from app.ui.preview import preview, preview_parser, settle


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.study", __doc__)
    parser.add_argument("--tab", type=int, default=0, help="the study dialog's tab to show (0 to 4)")
    parser.add_argument("--indicator", metavar="CODE", help="edit this indicator instead")
    parser.add_argument("--new-indicator", action="store_true", help="open the new-indicator dialog instead")
    args = parser.parse_args(argv)
    with preview(args) as session:
        project = session.project
        if args.indicator or args.new_indicator:
            from app.ui.study.indicator_dialog import IndicatorDialog

            indicator = project.indicators.first("code = ?", [args.indicator]) if args.indicator else None
            dialog = IndicatorDialog(project, indicator)
        else:
            from app.ui.study.study_dialog import StudyDialog

            dialog = StudyDialog(project)
            dialog.tabs.setCurrentIndex(args.tab)
        if args.grab is None:
            return dialog.exec() and 0
        dialog.show()
        settle(session.application, 0.2)
        args.grab.parent.mkdir(parents=True, exist_ok=True)
        ok = dialog.grab().save(str(args.grab))
        dialog.close()
        print(args.grab if ok else f"could not write {args.grab}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
