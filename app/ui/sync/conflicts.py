"""Open conflicts: records edited on two devices, each version kept until the analyst keeps one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.sync import conflicts as conflict_service
from app.services.sync.conflicts import ConflictView
from app.store.project import Project
from app.ui.areas.base import fit_columns, heading, make_table, muted, selected_row, split
from app.ui.models.sync import ConflictModel
from app.ui.sync.comparison import ComparisonModel
from app.ui.sync.running import run
from app.ui.sync.texts import conflict_title

WHAT_A_CONFLICT_IS = (
    "The same record was changed on two devices; Terrain keeps both versions until you choose."
)


class ConflictsPanel(QWidget):
    changed = Signal()
    GAP = 8  # between two « Keep » buttons

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.actor = ""
        self.model = ConflictModel()
        self.list_view = make_table(self.model)
        self.list_view.selectionModel().selectionChanged.connect(self._show_selected)

        self.comparison = ComparisonModel(self)
        self.table = QTableView()
        self.table.setModel(self.comparison)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        header_font = self.table.horizontalHeader().font()
        header_font.setBold(True)
        self.table.horizontalHeader().setFont(header_font)
        # Keep the choice buttons under their columns when the columns move.
        self.table.horizontalHeader().sectionResized.connect(lambda *_args: self._align_choices())
        self.table.horizontalHeader().geometriesChanged.connect(self._align_choices)

        self.title_label = heading("", 3)
        self.only_differing = QCheckBox(_("Only the fields that differ"))
        self.only_differing.toggled.connect(lambda _on: self._show_selected())
        self.choices = QWidget()
        self.choice_row = QHBoxLayout(self.choices)
        self.choice_row.setContentsMargins(0, 0, 0, 0)
        self.choice_row.setSpacing(self.GAP)
        self.keep_buttons: list[QPushButton] = []

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.only_differing)
        right_layout.addLayout(top)
        right_layout.addWidget(muted(_(
            "Highlighted rows differ between the versions. Until you choose, Terrain uses the version marked "
            "as in use; the other is kept, not lost.")))
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.choices)

        self.splitter = split(Qt.Orientation.Horizontal, (self.list_view, 3), (right, 7))
        self.splitter.setSizes([330, 770])
        self.empty_label = muted(_("No conflict.") + " " + _(WHAT_A_CONFLICT_IS))
        self.explanation = muted(_(WHAT_A_CONFLICT_IS))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.explanation)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.empty_label)
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)

    def set_project(self, project: Project, this_device: str = "") -> None:
        self.project = project
        self.comparison.this_device = this_device
        self.reload()

    def reload(self) -> None:
        previous = self.current()
        found = conflict_service.open_conflicts(self.project) if self.project is not None else []
        self.model.set_rows(found)
        empty = not found
        self.splitter.setVisible(not empty)
        self.explanation.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.filler.setVisible(empty)
        fit_columns(self.list_view, stretch=(0,))
        if found:
            ids = [conflict.id for conflict in found]
            self.list_view.selectRow(ids.index(previous.id) if previous is not None and previous.id in ids else 0)
        else:
            self._show(None)

    def count(self) -> int:
        return self.model.rowCount()

    def current(self) -> ConflictView | None:
        return selected_row(self.list_view)

    def _show_selected(self) -> None:
        self._show(self.current())

    def _show(self, conflict: ConflictView | None) -> None:
        self.comparison.set_conflict(conflict, self.only_differing.isChecked())
        if conflict is None:
            self.title_label.setText("")
        else:
            self.title_label.setText(conflict_title(conflict))
        for button in self.keep_buttons:
            button.deleteLater()
        while self.choice_row.count():
            self.choice_row.takeAt(0)
        self.keep_buttons = []
        if conflict is None:
            return
        self.choice_row.addSpacing(self._first_column_x())  # no layout spacing beside a spacer
        for version in conflict.versions:
            button = QPushButton(_("Keep this version"))
            button.setToolTip(_("Keep the version of {device}: the table takes it and the conflict is closed.")
                              .format(device=version.device_name))
            button.clicked.connect(lambda _checked=False, kept=version.hash: self.keep(kept))
            self.keep_buttons.append(button)
            self.choice_row.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.choice_row.addStretch(1)
        self._align_choices()

    def _first_column_x(self) -> int:
        return self.table.frameWidth() + self.table.verticalHeader().width()

    def _align_choices(self) -> None:
        """Each « Keep » button sits under its version's column."""
        if not self.keep_buttons:
            return
        spacer = self.choice_row.itemAt(0)
        if spacer is not None and spacer.spacerItem() is not None:
            spacer.spacerItem().changeSize(self._first_column_x(), 0)
        for column, button in enumerate(self.keep_buttons):
            button.setFixedWidth(max(self.table.columnWidth(column) - self.GAP, button.sizeHint().width()))
        self.choice_row.invalidate()

    def keep(self, version_hash: str) -> None:
        conflict = self.current()
        if conflict is None or self.project is None:
            return
        done = run(self, _("Resolve a conflict"), conflict_service.resolve, self.project, conflict.id, version_hash,
                   actor=self.actor)
        if done.ok:
            self.reload()
            self.changed.emit()
