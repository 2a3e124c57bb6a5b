"""The main window: a navigation that follows the work, one area per step, the File and Help menus.

The window owns the open project: it closes it when another one is opened (run_gui closes the
last one). A project that cannot be opened leaves the current one in place.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

import app
from app.i18n import _
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project
from app.ui.areas import area_types
from app.ui.areas.base import Area
from app.ui.demo_project import DemoUnavailableError, ensure_demo
from app.ui.preferences import PreferencesDialog
from app.ui.settings import Settings
from app.ui.sync.new_project import create_project_from_package

NAVIGATION_WIDTH = 180


class MainWindow(QMainWindow):
    def __init__(self, project: Project, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.settings = settings
        self._stale: set[str] = set()

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setSpacing(2)
        self.navigation.setStyleSheet(
            "#navigation { border: none; background: palette(window); outline: 0; }"
            " #navigation::item { padding: 7px 8px; border-radius: 4px; color: palette(window-text); }"
            " #navigation::item:hover { background: palette(midlight); }"
            " #navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )
        self.stack = QStackedWidget()
        self.areas: list[Area] = []
        for area_type in area_types():
            area = area_type()
            self.areas.append(area)
            self.stack.addWidget(area)
            area.changed.connect(lambda key=area.key: self._others_stale(key))
            item = QListWidgetItem(self.style().standardIcon(area.icon), _(area.nav_label or area.title))
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            self.navigation.addItem(item)
        self.area("export").set_output_folder(settings.export_folder)
        self.area("coding").settings = settings
        self.navigation.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.path_label = QLabel()
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.path_label, 1)
        self._build_menus()

        if not self.restoreGeometry(settings.window_geometry):
            self.resize(1280, 800)
        self.set_project(project)
        self.navigation.setCurrentRow(0)

    # areas -------------------------------------------------------------------------------------
    def area(self, key: str) -> Area:
        return next(area for area in self.areas if area.key == key)

    def current_area(self) -> Area:
        return self.stack.currentWidget()

    def show_area(self, key: str) -> None:
        self.navigation.setCurrentRow([area.key for area in self.areas].index(key))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        area = self.areas[row]
        # Areas read the project when first shown, so that opening a big project stays quick.
        if area.key in self._stale:
            area.load(self.project)
            self._stale.discard(area.key)
        self.stack.setCurrentWidget(area)

    def _others_stale(self, changed_key: str) -> None:
        """An area changed the project: the others read it again when next shown."""
        self._stale |= {area.key for area in self.areas if area.key != changed_key}

    # project -----------------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        self.project = project
        self._stale = {area.key for area in self.areas}
        title = project.study().title
        self.setWindowTitle(_("Terrain — {title}").format(title=title))
        self.path_label.setText(str(project.path) if project.path else "")
        self._show_row(self.navigation.currentRow())

    def open_project(self, path: Path | str) -> bool:
        """Open ``path`` in place of the current project; on failure say why and keep the current one."""
        path = Path(path)
        try:
            project = Project.open(path)
        except ProjectError as error:
            self._refuse(path, str(error))
            return False
        try:
            project.study()
        except RecordNotFoundError as error:
            project.close()
            self._refuse(path, _("{path} holds no study: {reason}").format(path=path, reason=error))
            return False
        previous = self.project
        self.area("coding").release()
        self.set_project(project)
        previous.close()
        self.settings.add_recent_project(path)
        return True

    def _refuse(self, path: Path, message: str) -> None:
        QMessageBox.critical(self, _("Cannot open the project"), message)
        if not path.exists():
            self.settings.forget_recent_project(path)

    def choose_project(self) -> None:
        start = str(self.project.path.parent) if self.project.path else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open a project"), start, _("Terrain projects (*.terrain);;All files (*)")
        )
        if path:
            self.open_project(Path(path))

    def new_project_from_package(self) -> None:
        """A field laptop's copy of the study, made from the analyst's package, then opened."""
        path = create_project_from_package(self)
        if path is not None and self.open_project(path):
            self.show_area("sync")

    def open_demo(self) -> None:
        try:
            path = ensure_demo()
        except DemoUnavailableError:
            QMessageBox.information(
                self, _("Demonstration study"), _("The demonstration study is not available in this version.")
            )
            return
        except (OSError, ProjectError) as error:
            message = _("The demonstration study could not be built: {reason}").format(reason=error)
            QMessageBox.critical(self, _("Demonstration study"), message)
            return
        self.open_project(path)

    # menus -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        self.open_action = self._action(_("&Open a project…"), self.choose_project, QKeySequence.StandardKey.Open)
        file_menu.addAction(self.open_action)
        self.from_package_action = self._action(_("New project from a study &package…"), self.new_project_from_package)
        file_menu.addAction(self.from_package_action)
        self.recent_menu = QMenu(_("&Recent projects"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        self._fill_recent_menu()
        file_menu.addAction(self._action(_("Open the &demonstration study"), self.open_demo))
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Preferences…"), self.show_preferences))
        file_menu.addSeparator()
        # Written out: Qt's standard Quit key is empty on Windows.
        quit_action = self._action(_("&Quit"), self.close, "Ctrl+Q")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action = quit_action
        file_menu.addAction(quit_action)
        # Undo and redo belong to the coding work (codings, memos on them, codebook edits).
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        coding = self.area("coding")
        edit_menu.addAction(coding.undo_action)
        edit_menu.addAction(coding.redo_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = self._action(_("&About Terrain"), self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(about)

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_projects
        if not recent:
            empty = self.recent_menu.addAction(_("(none)"))
            empty.setEnabled(False)
            return
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(p))

    def show_preferences(self) -> None:
        PreferencesDialog(self.settings, self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About Terrain"),
            "<h3>Terrain {version}</h3><p>{what}</p><p>{licence}</p>".format(
                version=app.__version__,
                what=_(
                    "Social-impact evaluation by qualitative interviews, from study design to the Word report, offline."
                ),
                licence=_("Free software under the GNU General Public License, version 3 or later (GPL-3.0-or-later)."),
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.area("coding").release()
        self.settings.window_geometry = self.saveGeometry()
        super().closeEvent(event)
