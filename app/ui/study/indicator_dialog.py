"""« Nouvel indicateur… » and « Modifier… »: what the indicator says (code, label, level, dimension,
definition, unit, target, direction) beside where its figure comes from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from app.core.study import DIRECTIONS, LEVELS, Indicator
from app.i18n import _, ngettext
from app.services import indicator_design as design
from app.services import study_design
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.labels import DIRECTIONS as DIRECTION_LABELS
from app.ui.labels import LEVEL_HINTS, LEVELS as LEVEL_LABELS
from app.ui.labels import label
from app.ui.study.number_text import decimal_text, parse_decimal
from app.ui.study.saving import DesignDialog
from app.ui.study.source_editor import SourceEditor


class IndicatorDialog(DesignDialog):
    def __init__(self, project: Project, indicator: Indicator | None = None, parent=None, level: str = "output"):
        super().__init__(_("New indicator") if indicator is None
                         else _("Indicator {code}").format(code=indicator.code),
                         _("Add") if indicator is None else _("Save"), parent)
        self.project, self.indicator = project, indicator
        self.had_figures = bool(indicator and design.figures(project, indicator.id))
        columns = QHBoxLayout()
        columns.setSpacing(18)
        columns.addWidget(self._what_box(), 5)
        source_box = QGroupBox(_("Source of the figure"))
        source_layout = QVBoxLayout(source_box)
        source_layout.setContentsMargins(14, 14, 14, 12)
        self.source_editor = SourceEditor(project)
        source_layout.addWidget(self.source_editor)
        columns.addWidget(source_box, 7)
        self.body.addLayout(columns, 1)
        self._fill(indicator, level)
        self.resize(1060, 640)

    def _what_box(self) -> QGroupBox:
        box = QGroupBox(_("Indicator"))
        outer = QVBoxLayout(box)
        outer.setContentsMargins(14, 14, 14, 12)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_("for example OC1"))
        self.code_edit.setMaximumWidth(140)
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(_("for example Perceived autonomy at work"))
        levels = QVBoxLayout()
        levels.setSpacing(4)
        level_row = QHBoxLayout()
        level_row.setSpacing(16)
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        for level in LEVELS:
            button = QRadioButton(label(LEVEL_LABELS, level))
            button.setToolTip(label(LEVEL_HINTS, level))
            self.level_group.addButton(button)
            self.level_buttons[level] = button
            level_row.addWidget(button)
        level_row.addStretch(1)
        levels.addLayout(level_row)
        self.level_hint = muted()
        levels.addWidget(self.level_hint)
        self.level_group.buttonToggled.connect(lambda *_args: self.level_hint.setText(label(LEVEL_HINTS, self.level())))
        self.dimension_combo = QComboBox()
        self.dimension_combo.addItem(_("No dimension"), "")
        for item in study_design.dimensions(self.project):
            self.dimension_combo.addItem(item.label, item.key)
        self.definition_edit = QPlainTextEdit()
        self.definition_edit.setPlaceholderText(_("What is measured, on whom, and how it is read."))
        self.definition_edit.setTabChangesFocus(True)
        self.definition_edit.setFixedHeight(120)
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(_("for example %, score /5, people"))
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(_("none"))
        self.target_edit.setMaximumWidth(140)
        self.direction_combo = QComboBox()
        for direction in DIRECTIONS:
            self.direction_combo.addItem(label(DIRECTION_LABELS, direction), direction)
        form.addRow(_("Code"), self.code_edit)
        form.addRow(_("Label"), self.label_edit)
        form.addRow(_("Level"), levels)
        form.addRow(_("Dimension"), self.dimension_combo)
        form.addRow(_("Definition"), self.definition_edit)
        form.addRow(_("Unit"), self.unit_edit)
        target = QHBoxLayout()
        target.setSpacing(10)
        target.addWidget(self.target_edit)
        target.addWidget(self.direction_combo, 1)
        form.addRow(_("Target"), target)
        if not study_design.dimensions(self.project):
            form.addRow("", muted(_("The study has no dimension yet: add them with “Edit the study…”.")))
        return box

    def _fill(self, indicator: Indicator | None, level: str) -> None:
        if indicator is None:
            self.level_buttons[level if level in LEVELS else "output"].setChecked(True)
            self.source_editor.set_source("count", "interviews_held", {}, [])
            return
        self.code_edit.setText(indicator.code)
        self.label_edit.setText(indicator.label)
        # Show the beginning of a long label, not its end.
        self.label_edit.setCursorPosition(0)
        self.level_buttons[indicator.level].setChecked(True)
        position = self.dimension_combo.findData(indicator.dimension)
        if position < 0 and indicator.dimension:
            # A dimension missing from the list is kept as it is rather than silently dropped.
            self.dimension_combo.addItem(indicator.dimension, indicator.dimension)
            position = self.dimension_combo.count() - 1
        self.dimension_combo.setCurrentIndex(max(position, 0))
        self.definition_edit.setPlainText(indicator.definition)
        self.unit_edit.setText(indicator.unit)
        self.target_edit.setText(decimal_text(indicator.target))
        self.direction_combo.setCurrentIndex(max(0, self.direction_combo.findData(indicator.direction)))
        self.source_editor.set_source(indicator.source_kind, indicator.source_ref, indicator.source_params,
                                      design.figures(self.project, indicator.id))

    def level(self) -> str:
        return next((level for level, button in self.level_buttons.items() if button.isChecked()), "")

    def fields(self) -> dict:
        kind, ref, params = self.source_editor.source()
        try:
            target = parse_decimal(self.target_edit.text())
        except ValueError as error:
            raise ValueError(_("Target: {problem}").format(problem=error)) from None
        return {
            "code": self.code_edit.text(), "label": self.label_edit.text(), "level": self.level(),
            "dimension": self.dimension_combo.currentData(), "definition": self.definition_edit.toPlainText(),
            "unit": self.unit_edit.text(), "target": target,
            "direction": self.direction_combo.currentData(), "source_kind": kind, "source_ref": ref,
            "source_params": params,
        }

    def save(self) -> Indicator:
        fields = self.fields()
        indicator_id = self.indicator.id if self.indicator else None
        if fields["source_kind"] == "manual":
            figures = self.source_editor.figures()
        elif self.had_figures:
            count = len(design.figures(self.project, indicator_id))
            answer = QMessageBox.question(self, _("Change the source"), ngettext(
                "The figure typed in for this indicator will be deleted. Go on?",
                "The {n} figures typed in for this indicator will be deleted. Go on?", count).format(n=count))
            if answer != QMessageBox.StandardButton.Yes:
                raise ValueError(_("Nothing was saved: the figures typed in stay while the source is "
                                   "“Entered by hand”."))
            figures = []
        else:
            figures = None
        return design.save_indicator(self.project, indicator_id, fields, figures)
