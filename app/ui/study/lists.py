"""The study's lists as small tables with their buttons: waves, territories, stakeholder groups and
dimensions. Every change is stored at once through the study design service; a refusal is shown
under the table."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.i18n import N_, _
from app.services import study_design
from app.services.study_design import DesignError
from app.store.project import Project
from app.ui.areas.base import fit_columns, make_table, muted, row_of, selected_row
from app.ui.formatting import format_date
from app.ui.labels import PARTICIPATION, label
from app.ui.models.base import Column, RowsModel
from app.ui.study.entries import DimensionDialog, GroupDialog, TerritoryDialog, WaveDialog
from app.ui.study.saving import error_label

BUTTON_WIDTH = 150
MIN_COLUMN_WIDTH = 120


class WaveModel(RowsModel):
    columns = (
        Column(N_("Label"), lambda w: w.label),
        Column(N_("Starts on"), lambda w: format_date(w.starts_on) or "—"),
        Column(N_("Ends on"), lambda w: format_date(w.ends_on) or "—"),
    )


class TerritoryModel(RowsModel):
    columns = (
        Column(N_("Code"), lambda t: t.code),
        Column(N_("Name"), lambda t: t.name),
        Column(N_("Description"), lambda t: " ".join(t.description.split()), tooltip=lambda t: t.description or None),
    )


class GroupModel(RowsModel):
    columns = (
        Column(N_("Name"), lambda g: g.name),
        Column(N_("Takes part"), lambda g: ", ".join(label(PARTICIPATION, role) for role in g.participation)
               or _("informed of the study")),
    )


@dataclass(frozen=True)
class DimensionRow:
    id: str
    key: str
    label: str
    users: tuple[str, ...]


class DimensionModel(RowsModel):
    columns = (
        Column(N_("Label"), lambda d: d.label),
        Column(N_("Indicators"), lambda d: ", ".join(d.users) or "—"),
    )


class ListEditor(QWidget):
    """A table of one list with Add, Edit, Delete (and Up, Down when the order matters)."""

    changed = Signal()
    model_type: type[RowsModel] = RowsModel
    movable = False
    wrap = False
    stretch: tuple[int, ...] = ()

    def __init__(self, project: Project, intro: str, empty: str, parent=None):
        super().__init__(parent)
        self.project = project
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 10, 4, 4)
        outer.setSpacing(10)
        outer.addWidget(muted(intro))
        row = QHBoxLayout()
        row.setSpacing(12)
        self.model = self.model_type()
        self.view = make_table(self.model, sortable=False, wrap=self.wrap)
        self.view.doubleClicked.connect(lambda index: self.edit(row_of(index)))
        table_column = QVBoxLayout()
        table_column.addWidget(self.view, 1)
        # Shown instead of the table while the list is empty, its words at the top.
        self.empty_box = QWidget()
        empty_layout = QVBoxLayout(self.empty_box)
        empty_layout.setContentsMargins(0, 4, 0, 0)
        self.empty_label = muted(empty)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addStretch(1)
        table_column.addWidget(self.empty_box, 1)
        row.addLayout(table_column, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(6)
        self.add_button = self._button(_("Add…"), buttons, lambda: self.edit(None))
        self.edit_button = self._button(_("Edit…"), buttons, lambda: self.edit(selected_row(self.view)))
        self.remove_button = self._button(_("Delete"), buttons, self.remove_selected)
        self.up_button = self._button(_("Move up"), buttons, lambda: self.move(-1))
        self.down_button = self._button(_("Move down"), buttons, lambda: self.move(1))
        self.up_button.setVisible(self.movable)
        self.down_button.setVisible(self.movable)
        self.extra_buttons(buttons)
        buttons.addStretch(1)
        row.addLayout(buttons)
        outer.addLayout(row, 1)
        self.error_label = error_label()
        outer.addWidget(self.error_label)
        self.view.selectionModel().selectionChanged.connect(self._enable)
        self.reload()

    def _button(self, text: str, layout: QVBoxLayout, slot) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumWidth(BUTTON_WIDTH)
        button.clicked.connect(slot)
        layout.addWidget(button)
        return button

    # hooks ------------------------------------------------------------------------------------------
    def records(self) -> list:
        raise NotImplementedError

    def dialog(self, record):
        raise NotImplementedError

    def delete(self, record) -> None:
        raise NotImplementedError

    def name(self, record) -> str:
        raise NotImplementedError

    def reorder(self, ids: list[str]) -> None:
        raise NotImplementedError

    def extra_buttons(self, layout: QVBoxLayout) -> None:
        """Room for a button of one list only."""

    # actions -----------------------------------------------------------------------------------------
    def reload(self, select_id: str | None = None) -> None:
        rows = self.records()
        self.model.set_rows(rows)
        fit_columns(self.view, stretch=self.stretch)
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            if column not in self.stretch:
                header.resizeSection(column, max(header.sectionSize(column), MIN_COLUMN_WIDTH))
        self.view.setVisible(bool(rows))
        self.empty_box.setVisible(not rows)
        if select_id is not None:
            for position, row in enumerate(rows):
                if row.id == select_id:
                    self.view.selectRow(position)
        self._enable()

    def _enable(self) -> None:
        chosen = selected_row(self.view)
        rows = self.model.rows()
        position = rows.index(chosen) if chosen in rows else -1
        self.edit_button.setEnabled(chosen is not None)
        self.remove_button.setEnabled(chosen is not None)
        self.up_button.setEnabled(position > 0)
        self.down_button.setEnabled(0 <= position < len(rows) - 1)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def edit(self, record) -> None:
        self.show_error("")
        dialog = self.dialog(record)
        if dialog.exec():
            self.reload(getattr(dialog.result_record, "id", None))
            self.changed.emit()

    def remove_selected(self) -> None:
        record = selected_row(self.view)
        if record is None:
            return
        self.show_error("")
        answer = QMessageBox.question(self, _("Delete"), _("Delete {name}?").format(name=self.name(record)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.delete(record)
        except DesignError as error:
            self.show_error(str(error))
            return
        self.reload()
        self.changed.emit()

    def move(self, step: int) -> None:
        record = selected_row(self.view)
        ids = [row.id for row in self.model.rows()]
        if record is None or not 0 <= ids.index(record.id) + step < len(ids):
            return
        position = ids.index(record.id)
        ids[position], ids[position + step] = ids[position + step], ids[position]
        self.show_error("")
        try:
            self.reorder(ids)
        except DesignError as error:
            self.show_error(str(error))
            return
        self.reload(record.id)
        self.changed.emit()


class WavesEditor(ListEditor):
    model_type = WaveModel
    movable = True

    def __init__(self, project: Project, parent=None):
        super().__init__(project, _("Waves are the rounds of interviews, in the order they are compared (for example "
                                    "2025, then 2026)."), _("No wave yet."), parent)

    def records(self) -> list:
        return study_design.waves(self.project)

    def dialog(self, record):
        return WaveDialog(self.project, record, self)

    def delete(self, record) -> None:
        study_design.delete_wave(self.project, record.id)

    def name(self, record) -> str:
        return _("the wave “{label}”").format(label=record.label)

    def reorder(self, ids: list[str]) -> None:
        study_design.reorder_waves(self.project, ids)


class TerritoriesEditor(ListEditor):
    model_type = TerritoryModel
    stretch = (2,)

    def __init__(self, project: Project, parent=None):
        super().__init__(project, _("The places where the study meets people; values can be read territory by "
                                    "territory."), _("No territory yet."), parent)

    def records(self) -> list:
        return study_design.territories(self.project)

    def dialog(self, record):
        return TerritoryDialog(self.project, record, self)

    def delete(self, record) -> None:
        study_design.delete_territory(self.project, record.id)

    def name(self, record) -> str:
        return _("the territory {name} ({code})").format(name=record.name, code=record.code)


class GroupsEditor(ListEditor):
    model_type = GroupModel
    stretch = (1,)
    wrap = True

    def __init__(self, project: Project, parent=None):
        super().__init__(project, _("The groups concerned by the study, and how each takes part: reviewing the "
                                    "interview guide, the codebook, discussing the results."),
                         _("No stakeholder group yet."), parent)

    def records(self) -> list:
        return study_design.stakeholder_groups(self.project)

    def dialog(self, record):
        return GroupDialog(self.project, record, self)

    def delete(self, record) -> None:
        study_design.delete_stakeholder_group(self.project, record.id)

    def name(self, record) -> str:
        return _("the group “{name}”").format(name=record.name)


class DimensionsEditor(ListEditor):
    model_type = DimensionModel
    movable = True
    stretch = (1,)

    def __init__(self, project: Project, parent=None):
        super().__init__(project, _("Indicators are grouped by dimension in the framework and the reports."),
                         _("No dimension yet: add your own, or the five usual ones in one click."), parent)

    def extra_buttons(self, layout: QVBoxLayout) -> None:
        layout.addSpacing(12)
        self.defaults_button = QPushButton(_("Add the five usual dimensions"))
        self.defaults_button.setToolTip(", ".join(label for _key, label in study_design.default_dimensions()))
        self.defaults_button.clicked.connect(self.add_defaults)
        layout.addWidget(self.defaults_button)

    def reload(self, select_id: str | None = None) -> None:
        super().reload(select_id)
        if hasattr(self, "defaults_button"):
            self.defaults_button.setVisible(not self.model.rows())

    def records(self) -> list:
        return [DimensionRow(item.id, item.key, item.label, tuple(study_design.dimension_users(self.project, item.key)))
                for item in study_design.dimensions(self.project)]

    def dialog(self, record):
        item = self.project.vocabulary.get(record.id) if record is not None else None
        return DimensionDialog(self.project, item, self)

    def delete(self, record) -> None:
        study_design.delete_dimension(self.project, record.id)

    def name(self, record) -> str:
        return _("the dimension “{label}”").format(label=record.label)

    def reorder(self, ids: list[str]) -> None:
        study_design.reorder_dimensions(self.project, ids)

    def add_defaults(self) -> None:
        self.show_error("")
        try:
            added = study_design.add_default_dimensions(self.project)
        except DesignError as error:
            self.show_error(str(error))
            return
        self.reload()
        if added:
            self.changed.emit()
