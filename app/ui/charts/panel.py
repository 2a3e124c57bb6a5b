"""The Charts tab: the dashboards' charts for the wave and territory chosen, one at a time, and
all of them saved into a folder at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.exports.charts import Chart
from app.i18n import _, ngettext
from app.services.charts import charts, write_charts
from app.store.project import Project
from app.ui.areas.base import SPACING, muted, split
from app.ui.charts.view import ChartView


class ChartsPanel(QWidget):
    """The list of charts on the left, the chosen one on the right."""

    def __init__(self, scope, parent=None):
        super().__init__(parent)
        self.scope = scope
        self.charts: list[Chart] = []
        self._project: Project | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setMinimumWidth(230)
        self.list.currentRowChanged.connect(self._show_current)
        left_layout.addWidget(self.list, 1)
        self.save_all_button = QPushButton(_("Save every chart…"))
        self.save_all_button.setToolTip(_("Write one file per chart into a folder, for the report or slides."))
        self.save_all_button.clicked.connect(self.ask_and_save_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_all_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(muted(_("Charts follow the wave and the territory chosen above.")))

        self.view = ChartView()
        layout.addWidget(split(Qt.Orientation.Horizontal, (left, 1), (self.view, 4)), 1)

    def load(self, project: Project) -> None:
        self._project = project
        self.refresh()

    def refresh(self) -> None:
        if self._project is None:
            return
        row = max(self.list.currentRow(), 0)
        self.view.show_chart(None)
        self.charts = charts(self._project, self.scope.wave_id(), self.scope.territory_id())
        self.list.blockSignals(True)
        self.list.clear()
        for chart in self.charts:
            item = QListWidgetItem(chart.title)
            item.setToolTip(chart.caption)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.charts:
            self.list.setCurrentRow(min(row, len(self.charts) - 1))
            self._show_current(self.list.currentRow())

    def show_chart(self, key: str) -> None:
        for row, chart in enumerate(self.charts):
            if chart.key == key:
                self.list.setCurrentRow(row)

    def _show_current(self, row: int) -> None:
        self.view.show_chart(self.charts[row] if 0 <= row < len(self.charts) else None)

    def ask_and_save_all(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder for the charts"), str(self.view.folder))
        if folder:
            self.save_all(Path(folder), "png")

    def save_all(self, folder: Path, fmt: str) -> list[Path]:
        """Write every chart into ``folder``; a failure is said in a message naming the folder."""
        if self._project is None:
            return []
        try:
            paths = write_charts(self._project, folder, fmt, self.scope.wave_id(), self.scope.territory_id())
        except OSError as error:
            QMessageBox.critical(self, _("Charts not saved"), _("Cannot write into {path}: {reason}").format(
                path=folder, reason=error.strerror or error))
            return []
        self.view.folder = folder
        QMessageBox.information(self, _("Charts saved"), ngettext(
            "{n} chart written to {folder}", "{n} charts written to {folder}", len(paths)).format(
            n=len(paths), folder=folder))
        return paths
