"""The guide editor alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.guide [PROJECT] [--lang fr|en] [--grab OUT.png] [--question N] [--type TEXT]

With --grab it runs offscreen on a throw-away copy of the demo: it makes a new version of the
guide (the demo's is frozen), selects question N, types TEXT into it, waits for the check and
saves a 1280×800 picture of the main window.
"""

from __future__ import annotations

import sys

from app.ui.preview import preview, preview_parser, settle, show_or_grab


def main(argv: list[str] | None = None) -> int:
    parser = preview_parser("python -m app.ui.guide", __doc__)
    parser.add_argument("--question", type=int, default=0, help="select this question (1 = the first)")
    parser.add_argument("--type", dest="text", help="type this wording into the selected question")
    args = parser.parse_args(argv)
    with preview(args) as session:
        from app.ui.main_window import MainWindow

        window = MainWindow(session.project, session.settings())
        window.show_area("guide")
        window.path_label.setText(session.path.name)
        window.show()
        editor = window.area("guide").editor
        if args.grab and args.project is None and not editor.editable:
            editor.create_new_version()
        if args.question:
            questions = [editor.tree.topLevelItem(s).child(q) for s in range(editor.tree.topLevelItemCount())
                         for q in range(editor.tree.topLevelItem(s).childCount())]
            editor.tree.setCurrentItem(questions[min(args.question, len(questions)) - 1])
        if args.text is not None:
            editor.question_panel.text_edit.setFocus()
            editor.question_panel.replace_text(args.text)
        if args.grab:
            settle(session.application, 0.2)  # the check runs after a pause in typing
        return show_or_grab(session, window, args.grab, settle_seconds=1.0)


if __name__ == "__main__":
    sys.exit(main())
