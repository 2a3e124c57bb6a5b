"""The guide editor alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.guide [PROJECT] [--lang fr|en] [--grab OUT.png] [--question N] [--type TEXT]

With --grab it runs offscreen on a throw-away copy of the demo: it makes a new version of the
guide (the demo's is frozen), selects question N, types TEXT into it, waits for the check and
saves a 1280×800 picture of the main window.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from app.i18n import LANGUAGES

SIZE = (1280, 800)


def settle(application, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        application.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.guide", description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, help="a .terrain file (default: the demo study)")
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    parser.add_argument("--grab", type=Path, help="save a picture here instead of opening a window")
    parser.add_argument("--question", type=int, default=0, help="select this question (1 = the first)")
    parser.add_argument("--type", dest="text", help="type this wording into the selected question")
    args = parser.parse_args(argv)
    if args.grab:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QStandardPaths

    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.translations import apply_language

    QStandardPaths.setTestModeEnabled(True)
    application = make_application()
    apply_language(application, args.lang)
    with tempfile.TemporaryDirectory(prefix="terrain-guide-") as folder:
        path = args.project
        if path is None:
            from app.services.demo import build_demo

            path = Path(folder) / "demo.terrain"
            build_demo(path)
        project = Project.open(path)
        window = MainWindow(project, Settings(Path(folder) / "settings.ini"))
        window.resize(*SIZE)
        window.show_area("guide")
        window.path_label.setText(path.name)
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
        if not args.grab:
            status = application.exec()
            project.close()
            return status
        settle(application, 1.2)
        args.grab.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.grab))
        window.close()
        project.close()
        print(args.grab if ok else f"could not write {args.grab}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
