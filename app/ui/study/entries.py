"""Small dialogs that add or change one entry of the study's lists: a wave, a territory, a
stakeholder group, a dimension. Each one stores through the study design service."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout

from app.core.study import PARTICIPATION, StakeholderGroup, Territory, VocabularyItem, Wave
from app.i18n import _
from app.services import study_design
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.labels import PARTICIPATION as PARTICIPATION_LABELS
from app.ui.labels import label
from app.ui.study.number_text import date_example, parse_date
from app.ui.formatting import format_date
from app.ui.study.saving import DesignDialog

FIELD_WIDTH = 320


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(10)
    return form


class WaveDialog(DesignDialog):
    def __init__(self, project: Project, wave: Wave | None = None, parent=None):
        super().__init__(_("New wave") if wave is None else _("Wave {label}").format(label=wave.label),
                         _("Add") if wave is None else _("Save"), parent)
        self.project, self.wave = project, wave
        form = _form()
        self.label_edit = QLineEdit(wave.label if wave else "")
        self.label_edit.setPlaceholderText(_("for example 2025"))
        self.label_edit.setMinimumWidth(FIELD_WIDTH)
        self.start_edit = QLineEdit(format_date(wave.starts_on) if wave else "")
        self.end_edit = QLineEdit(format_date(wave.ends_on) if wave else "")
        for edit in (self.start_edit, self.end_edit):
            edit.setPlaceholderText(_("dd/mm/yyyy"))
        form.addRow(_("Label"), self.label_edit)
        form.addRow(_("Starts on"), self.start_edit)
        form.addRow(_("Ends on"), self.end_edit)
        self.body.addLayout(form)
        self.body.addWidget(muted(_("Dates are written like {example}; they may stay empty until they are known.")
                                  .format(example=date_example())))

    def save(self) -> Wave:
        start, end = parse_date(self.start_edit.text()), parse_date(self.end_edit.text())
        if self.wave is None:
            return study_design.add_wave(self.project, self.label_edit.text(), start, end)
        return study_design.update_wave(self.project, self.wave.id, label=self.label_edit.text(),
                                        starts_on=start, ends_on=end)


class TerritoryDialog(DesignDialog):
    def __init__(self, project: Project, territory: Territory | None = None, parent=None):
        super().__init__(_("New territory") if territory is None else territory.name,
                         _("Add") if territory is None else _("Save"), parent)
        self.project, self.territory = project, territory
        form = _form()
        self.code_edit = QLineEdit(territory.code if territory else "")
        self.code_edit.setPlaceholderText(_("for example LYO"))
        self.code_edit.setMaxLength(16)
        self.name_edit = QLineEdit(territory.name if territory else "")
        self.name_edit.setMinimumWidth(FIELD_WIDTH)
        self.description_edit = QPlainTextEdit(territory.description if territory else "")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)
        form.addRow(_("Code"), self.code_edit)
        form.addRow(_("Name"), self.name_edit)
        form.addRow(_("Description"), self.description_edit)
        self.body.addLayout(form)
        self.body.addWidget(muted(_("The code is short and stays the same from one wave to the next; it names the "
                                    "territory in participant codes and in files.")))

    def save(self) -> Territory:
        values = {"code": self.code_edit.text(), "name": self.name_edit.text(),
                  "description": self.description_edit.toPlainText()}
        if self.territory is None:
            return study_design.add_territory(self.project, **values)
        return study_design.update_territory(self.project, self.territory.id, **values)


class GroupDialog(DesignDialog):
    def __init__(self, project: Project, group: StakeholderGroup | None = None, parent=None):
        super().__init__(_("New stakeholder group") if group is None else group.name,
                         _("Add") if group is None else _("Save"), parent)
        self.project, self.group = project, group
        form = _form()
        self.name_edit = QLineEdit(group.name if group else "")
        self.name_edit.setPlaceholderText(_("for example Board of directors"))
        self.name_edit.setMinimumWidth(FIELD_WIDTH)
        form.addRow(_("Name"), self.name_edit)
        roles = QVBoxLayout()
        roles.setSpacing(6)
        self.role_boxes: dict[str, QCheckBox] = {}
        for role in PARTICIPATION:
            box = QCheckBox(label(PARTICIPATION_LABELS, role))
            box.setChecked(bool(group and role in group.participation))
            self.role_boxes[role] = box
            roles.addWidget(box)
        form.addRow(_("Takes part"), roles)
        self.body.addLayout(form)
        self.body.addWidget(muted(_("A group with nothing ticked is kept informed of the study.")))

    def save(self) -> StakeholderGroup:
        roles = [role for role, box in self.role_boxes.items() if box.isChecked()]
        if self.group is None:
            return study_design.add_stakeholder_group(self.project, self.name_edit.text(), roles)
        return study_design.update_stakeholder_group(self.project, self.group.id, name=self.name_edit.text(),
                                                     participation=roles)


class DimensionDialog(DesignDialog):
    def __init__(self, project: Project, dimension: VocabularyItem | None = None, parent=None):
        super().__init__(_("New dimension") if dimension is None else _("Rename the dimension"),
                         _("Add") if dimension is None else _("Rename"), parent)
        self.project, self.dimension = project, dimension
        form = _form()
        self.label_edit = QLineEdit(dimension.label if dimension else "")
        self.label_edit.setPlaceholderText(_("for example Environmental"))
        self.label_edit.setMinimumWidth(FIELD_WIDTH)
        form.addRow(_("Label"), self.label_edit)
        self.body.addLayout(form)
        if dimension is not None:
            self.body.addWidget(muted(_("Indicators keep their dimension: only its label changes.")))

    def save(self) -> VocabularyItem:
        if self.dimension is None:
            return study_design.add_dimension(self.project, self.label_edit.text())
        return study_design.rename_dimension(self.project, self.dimension.id, self.label_edit.text())

