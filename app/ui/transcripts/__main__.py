"""The Transcriptions area alone, on the demo study (or a project), for a quick look or a picture.

    python -m app.ui.transcripts [PROJECT] [--lang fr|en] [--transcript CODE] [--tick] [--edit N]
                                 [--tab reading|pseudonymisation|diagnostics|search] [--grab OUT.png]

--transcript selects the transcript whose title starts with CODE (« DRO-02 »); --tick ticks every
name suggested for pseudonymisation; --edit N opens turn N (1 = the first) for editing. With --grab it runs offscreen on a throw-away copy of the
demo and saves a 1280×800 picture of the main window.
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
TABS = ("reading", "pseudonymisation", "diagnostics", "search")


def settle(application, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        application.processEvents()
        time.sleep(0.01)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.transcripts", description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, help="a .terrain file (default: the demo study)")
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    parser.add_argument("--transcript", default="DRO-02", help="select the transcript whose title starts so")
    parser.add_argument("--tab", choices=TABS, default="reading")
    parser.add_argument("--tick", action="store_true", help="tick every name suggested for pseudonymisation")
    parser.add_argument("--edit", type=int, default=0, help="open this turn for editing (1 = the first)")
    parser.add_argument("--grab", type=Path, help="save a picture here instead of opening a window")
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
    with tempfile.TemporaryDirectory(prefix="terrain-transcripts-") as folder:
        path = args.project
        if path is None:
            from app.services.demo import build_demo

            path = Path(folder) / "demo.terrain"
            build_demo(path)
        project = Project.open(path)
        window = MainWindow(project, Settings(Path(folder) / "settings.ini"))
        window.resize(*SIZE)
        window.show_area("transcripts")
        window.path_label.setText(path.name)
        window.show()
        area = window.area("transcripts")
        wanted = next((row for row in area.model.rows() if row.title.startswith(args.transcript)), None)
        if wanted is not None:
            area.select_transcript(wanted.id)
        tab = {"pseudonymisation": area.pseudonymisation, "diagnostics": area.diagnostics, "search": area.search}.get(
            args.tab) or area.reader
        area.show_tab(tab)
        if args.tick:
            for candidate in area.pseudonymisation.candidates:
                area.pseudonymisation.set_checked(candidate.text)
        if args.edit:
            settle(application, 0.2)
            area.reader.table.edit_row(args.edit - 1)
        if not args.grab:
            status = application.exec()
            project.close()
            return status
        settle(application, 0.8)
        args.grab.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(args.grab))
        window.close()
        project.close()
        print(args.grab if ok else f"could not write {args.grab}")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
