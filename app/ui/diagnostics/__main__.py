"""The diagnostics panel alone, or the interviewer feedback view, on the demo study (or a project).

    python -m app.ui.diagnostics [PROJECT] [--transcript TITLE] [--feedback NAME] [--lang fr|en]
                                 [--explain] [--grab OUT.png]

--transcript shows the panel for the first transcript whose title starts with TITLE (e.g. DRO-01);
--feedback shows the main window's Analysis area on the feedback tab, for the interviewer NAME.
With --grab it runs offscreen on a throw-away copy of the demo and saves a 1280×800 picture.
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.diagnostics", description=__doc__.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, help="a .terrain file (default: the demo study)")
    parser.add_argument("--transcript", default="DRO-01", help="start of the transcript's title")
    parser.add_argument("--feedback", metavar="NAME", help="show this interviewer's feedback instead")
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    parser.add_argument("--explain", action="store_true", help="show what each figure means")
    parser.add_argument("--grab", type=Path, help="save a picture here instead of opening a window")
    args = parser.parse_args(argv)
    if args.grab:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QStandardPaths

    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.translations import apply_language

    QStandardPaths.setTestModeEnabled(True)
    application = make_application()
    apply_language(application, args.lang)
    with tempfile.TemporaryDirectory(prefix="terrain-diagnostics-") as folder:
        path = args.project
        if path is None:
            from app.services.demo import build_demo

            path = Path(folder) / "demo.terrain"
            build_demo(path)
        project = Project.open(path)
        try:
            widget = _feedback_window(project, folder, args.feedback) if args.feedback else \
                _panel(project, args.transcript, args.explain)
            widget.resize(*SIZE)
            widget.show()
            if not args.grab:
                return application.exec()
            _settle(application, 0.6)  # word-wrapped cards take a few passes to find their height
            args.grab.parent.mkdir(parents=True, exist_ok=True)
            ok = widget.grab().save(str(args.grab))
            widget.close()
            print(args.grab if ok else f"could not write {args.grab}")
            return 0 if ok else 1
        finally:
            project.close()


def _settle(application, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        application.processEvents()
        time.sleep(0.01)


def _panel(project, title: str, explain: bool):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.ui.diagnostics import DiagnosticsPanel

    transcript = next((t for t in project.transcripts.find(order_by="title") if t.title.startswith(title)), None)
    if transcript is None:
        raise SystemExit(f"no transcript title starts with {title!r}")
    frame = QWidget()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 18, 24, 18)
    panel = DiagnosticsPanel()
    layout.addWidget(panel)
    panel.explain_box.setChecked(explain)
    panel.turn_requested.connect(lambda tid, position: print(f"turn requested: {position + 1}"))
    panel.show_transcript(project, transcript.id)
    return frame


def _feedback_window(project, folder: str, name: str):
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings

    window = MainWindow(project, Settings(Path(folder) / "settings.ini"))
    window.show_area("analysis")
    window.path_label.setText(Path(project.path).name if project.path else "")
    area = window.area("analysis")
    area.show_feedback()
    interviewer = next((p for p in project.interviewers.find() if p.name.casefold().startswith(name.casefold())), None)
    if interviewer is not None:
        area.feedback.show_interviewer(interviewer.id)
    return window


if __name__ == "__main__":
    sys.exit(main())
