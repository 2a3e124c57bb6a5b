"""Running one screen alone on the demo study, for a quick look or a picture.

Each screen's ``__main__`` declares its own options, then lets ``preview`` set up the rest: the
offscreen platform when a picture is asked for, throw-away standard paths, the language, and a
throw-away copy of the demo when no project is given.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.i18n import LANGUAGES

SIZE = (1280, 800)


def preview_parser(prog: str, doc: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("project", nargs="?", type=Path, help="a .terrain file (default: the demo study)")
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    parser.add_argument("--grab", type=Path, help="save a picture here instead of opening a window")
    return parser


@dataclass
class Preview:
    application: object
    project: object
    path: Path
    folder: Path

    def settings(self):
        from app.ui.settings import Settings

        return Settings(self.folder / "settings.ini")


@contextlib.contextmanager
def preview(args: argparse.Namespace) -> Iterator[Preview]:
    if args.grab:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths

    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.translations import apply_language

    QStandardPaths.setTestModeEnabled(True)
    application = make_application()
    apply_language(application, args.lang)
    with tempfile.TemporaryDirectory(prefix="terrain-preview-") as folder:
        path = args.project
        if path is None:
            from app.services.demo import build_demo

            path = build_demo(Path(folder) / "demo.terrain")
        project = Project.open(path)
        try:
            yield Preview(application, project, Path(path), Path(folder))
        finally:
            project.close()


def settle(application, seconds: float) -> None:
    """Let layouts that need several passes (wrapped text) find their size."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        application.processEvents()
        time.sleep(0.01)


def show_or_grab(session: Preview, widget, grab: Path | None, settle_seconds: float = 0.0) -> int:
    """Open the window for a person, or save a picture of it and close."""
    widget.resize(*SIZE)
    widget.show()
    if grab is None:
        return session.application.exec()
    settle(session.application, settle_seconds)
    grab.parent.mkdir(parents=True, exist_ok=True)
    ok = widget.grab().save(str(grab))
    widget.close()
    print(grab if ok else f"could not write {grab}")
    return 0 if ok else 1


def framed(widget):
    """A plain window with a margin around one widget."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    frame = QWidget()
    frame.setWindowTitle("Terrain")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 18, 24, 18)
    layout.addWidget(widget)
    return frame
