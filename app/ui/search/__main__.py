"""The search panel alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.search [PROJECT] [--lang fr|en] [--query TEXT] [--stem] [--grab OUT.png]

With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from app.i18n import LANGUAGES

SIZE = (1280, 800)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.search", description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, help="a .terrain file (default: the demo study)")
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    parser.add_argument("--query", default="coopérative", help="search this at once")
    parser.add_argument("--stem", action="store_true", help="tick « other forms of the words »")
    parser.add_argument("--grab", type=Path, help="save a picture here instead of opening a window")
    args = parser.parse_args(argv)
    if args.grab:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.search.panel import SearchPanel
    from app.ui.translations import apply_language

    QStandardPaths.setTestModeEnabled(True)
    application = make_application()
    apply_language(application, args.lang)
    with tempfile.TemporaryDirectory(prefix="terrain-search-") as folder:
        path = args.project
        if path is None:
            from app.services.demo import build_demo

            path = Path(folder) / "demo.terrain"
            build_demo(path)
        project = Project.open(path)
        window = QWidget()
        window.setWindowTitle("Terrain")
        layout = QVBoxLayout(window)
        layout.setContentsMargins(24, 18, 24, 18)
        panel = SearchPanel()
        layout.addWidget(panel)
        panel.open_requested.connect(lambda transcript, position: print(f"open {transcript} at turn {position}"))
        panel.set_project(project)
        panel.stem_box.setChecked(args.stem)
        panel.set_query(args.query)
        window.resize(*SIZE)
        window.show()
        if not args.grab:
            status = application.exec()
            project.close()
            return status
        application.processEvents()
        args.grab.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.grab))
        window.close()
        project.close()
        print(args.grab if ok else f"could not write {args.grab}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
