"""Start the desktop application: settings, language, the project to open, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

import app
from app.i18n import _
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project
from app.ui.demo_project import DemoUnavailableError, ensure_demo
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.translations import apply_language


def make_application() -> QApplication:
    application = QApplication.instance() or QApplication(sys.argv[:1])
    application.setApplicationName("Terrain")
    application.setOrganizationName("Terrain")
    application.setApplicationVersion(app.__version__)
    # Fusion looks the same on every system, which keeps the manual's screenshots true.
    application.setStyle("Fusion")
    return application


def _open(path: Path) -> Project:
    project = Project.open(path)
    try:
        project.study()
    except RecordNotFoundError:
        project.close()
        raise
    return project


def choose_project(project_path: Path | None, demo: bool, settings: Settings) -> Project:
    """The explicit project, else the demo if asked, else the last project, else the demo.

    A project that cannot be opened is reported, then the demo opens so that the window
    still appears and another project can be chosen from the File menu.
    """
    candidates: list[Path] = []
    if project_path is not None and not demo:
        candidates.append(project_path)
    elif not demo and settings.last_project is not None and settings.last_project.exists():
        candidates.append(settings.last_project)
    for path in candidates:
        try:
            project = _open(path)
        except (ProjectError, RecordNotFoundError) as error:
            QMessageBox.critical(None, _("Cannot open the project"), str(error))
            continue
        settings.add_recent_project(path)
        return project
    return _open(ensure_demo())


def run_gui(project_path: Path | None = None, demo: bool = False, *, settings_path: Path | None = None) -> int:
    application = make_application()
    settings = Settings(settings_path)
    apply_language(application, settings.language)
    try:
        project = choose_project(project_path, demo, settings)
    except (DemoUnavailableError, ProjectError, RecordNotFoundError, OSError) as error:
        message = _("No project could be opened: {reason}").format(reason=error)
        QMessageBox.critical(None, _("Terrain cannot start"), message)
        return 1
    window = MainWindow(project, settings)
    window.show()
    try:
        return application.exec()
    finally:
        window.project.close()
