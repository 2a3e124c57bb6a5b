"""Picture of the main window on the demo study, for the README and for checking the looks.

    python -m app.ui.screenshot OUT.png [--area NAME] [--lang fr|en]

Runs offscreen, builds the demo in a temporary folder and uses throw-away settings, so it
touches neither the screen nor the person's own settings and data.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from app.i18n import LANGUAGES

AREA_KEYS = ("study", "guide", "participants", "interviews", "transcripts", "coding", "analysis", "sync", "export")
DEFAULT_AREA = "interviews"
SIZE = (1280, 800)


def grab_main_window(
    out: Path, area: str = DEFAULT_AREA, language: str = "fr", project_path: Path | None = None
) -> Path:
    """Save a PNG of the main window showing ``area``; builds the demo unless a project is given."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QStandardPaths

    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.translations import apply_language

    QStandardPaths.setTestModeEnabled(True)
    application = make_application()
    apply_language(application, language)
    with tempfile.TemporaryDirectory(prefix="terrain-screenshot-") as folder:
        if project_path is None:
            from app.services.demo import build_demo

            project_path = Path(folder) / "demo.terrain"
            build_demo(project_path)
        project = Project.open(project_path)
        settings = Settings(Path(folder) / "settings.ini")
        first_coder = project.coders.first(order_by="name")
        if first_coder is not None:  # the Coding area shows the work rather than ask who codes
            settings.set_coder_for(project_path, first_coder.name)
        window = MainWindow(project, settings)
        try:
            window.resize(*SIZE)
            window.show_area(area)
            # The temporary folder means nothing to a reader of the README: show the file name.
            window.path_label.setText(project_path.name)
            window.show()
            application.processEvents()
            if area == "coding":
                window.area("coding").show_first_coding()
                application.processEvents()
            out.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(out)):
                raise OSError(f"could not write {out}")
        finally:
            window.close()
            window.deleteLater()
            project.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.ui.screenshot", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--area", choices=AREA_KEYS, default=DEFAULT_AREA)
    parser.add_argument("--lang", choices=LANGUAGES, default="fr")
    args = parser.parse_args(argv)
    path = grab_main_window(args.out, args.area, args.lang)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
