"""File › New project from a study package: the field laptop's copy of the study, made from the
package the analyst prepared."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from app.i18n import _
from app.services.sync import devices, package
from app.ui.sync.running import run
from app.ui.sync.texts import counted

PROJECT_SUFFIX = ".terrain"


def choose_package(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, _("Choose the study package"), str(Path.home()),
        _("Study packages (*.terrain-package)") + ";;" + _("All files (*)"))
    return Path(chosen) if chosen else None


def choose_project_path(parent: QWidget, package_path: Path) -> Path | None:
    """Where the new field project goes; an existing file is never replaced."""
    start = package_path.with_name(package_path.stem + PROJECT_SUFFIX)
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the field project as"), str(start), _("Terrain projects (*.terrain)"),
        options=QFileDialog.Option.DontConfirmOverwrite)
    if not chosen:
        return None
    path = Path(chosen) if chosen.endswith(PROJECT_SUFFIX) else Path(chosen + PROJECT_SUFFIX)
    if path.exists():
        QMessageBox.critical(parent, _("New project from a study package"), _(
            "{path} already exists: choose another name. An existing project is never replaced.").format(path=path))
        return None
    return path


def create_project_from_package(parent: QWidget) -> Path | None:
    """Ask for the package, where to save the project and this laptop's name; make the project.

    Returns the new project's path, for the window to open, or None when nothing was made."""
    title = _("New project from a study package")
    package_path = choose_package(parent)
    if package_path is None:
        return None
    project_path = choose_project_path(parent, package_path)
    if project_path is None:
        return None
    name, ok = QInputDialog.getText(
        parent, title, _("This laptop's name, as the analyst will see it:"), text=devices.default_name("field"))
    if not ok:
        return None
    done = run(parent, title, package.create_from_package, project_path, package_path, name=name.strip() or None)
    if not done.ok:
        return None
    result = done.value
    participants = result.participants_added + result.participants_updated
    QMessageBox.information(parent, title, "\n\n".join([
        _("The field project of “{title}” is ready: {participants} to meet.").format(
            title=result.study_title,
            participants=counted("participant", participants)),
        _("Before the first bundle, give the analyst this laptop's fingerprint: it is shown in the "
          "Synchronisation area.")]))
    return project_path
