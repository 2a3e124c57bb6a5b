"""The figures typed in for an indicator entered by hand: one row per wave and territory (or the
whole study), with the value, where it comes from and when it was observed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.study import IndicatorValue
from app.i18n import _
from app.services import study_design
from app.services.indicator_design import Figure
from app.store.project import Project
from app.ui.formatting import format_date
from app.ui.study.number_text import date_example, decimal_text, parse_date, parse_decimal

WAVE, TERRITORY, VALUE, NOTE, DATE = range(5)
ID_PROPERTY = "figure_id"


class FiguresEditor(QWidget):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self.waves = study_design.waves(project)
        self.territories = study_design.territories(project)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Wave"), _("Territory"), _("Value"), _("Source of the figure"),
                                              _("Observed on")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, mode in ((WAVE, QHeaderView.ResizeMode.ResizeToContents),
                             (TERRITORY, QHeaderView.ResizeMode.ResizeToContents),
                             (VALUE, QHeaderView.ResizeMode.Interactive),
                             (NOTE, QHeaderView.ResizeMode.Stretch),
                             (DATE, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(VALUE, 80)
        self.table.setColumnWidth(DATE, 100)
        self.table.verticalHeader().setDefaultSectionSize(32)
        # One line per figure; the whole source note shows as the cell's tooltip.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add a figure"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_("Remove the figure"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.setEnabled(bool(self.waves))
        if not self.waves:
            self.add_button.setToolTip(_("Add a wave to the study first: each figure belongs to a wave."))

    def set_figures(self, records: list[IndicatorValue]) -> None:
        self.table.setRowCount(0)
        for record in records:
            self.add_row(record)

    def add_row(self, record: IndicatorValue | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        wave_combo = QComboBox()
        for wave in self.waves:
            wave_combo.addItem(wave.label, wave.id)
        if record is not None:
            wave_combo.setCurrentIndex(max(0, wave_combo.findData(record.wave_id)))
            wave_combo.setProperty(ID_PROPERTY, record.id)
        elif self.waves:
            # A new figure is most often for the latest wave.
            wave_combo.setCurrentIndex(len(self.waves) - 1)
        territory_combo = QComboBox()
        territory_combo.addItem(_("Whole study"), "")
        for territory in self.territories:
            territory_combo.addItem(territory.name, territory.id)
        if record is not None and record.territory_id:
            territory_combo.setCurrentIndex(max(0, territory_combo.findData(record.territory_id)))
        self.table.setCellWidget(row, WAVE, wave_combo)
        self.table.setCellWidget(row, TERRITORY, territory_combo)
        value = QTableWidgetItem(decimal_text(record.value) if record else "")
        value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, VALUE, value)
        note = QTableWidgetItem(record.source_note if record else "")
        note.setToolTip(record.source_note if record else "")
        self.table.setItem(row, NOTE, note)
        observed = QTableWidgetItem(format_date(record.observed_on) if record else "")
        observed.setToolTip(_("Date, for example {example}; may stay empty.").format(example=date_example()))
        self.table.setItem(row, DATE, observed)
        if record is None:
            self.table.setCurrentCell(row, VALUE)
            self.table.editItem(value)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)

    def figures(self) -> list[Figure]:
        """The rows as figures; a value or date that cannot be read is refused with its row."""
        result = []
        for row in range(self.table.rowCount()):
            wave_combo: QComboBox = self.table.cellWidget(row, WAVE)
            territory_combo: QComboBox = self.table.cellWidget(row, TERRITORY)
            try:
                value = parse_decimal(self._text(row, VALUE))
                if value is None:
                    raise ValueError(_("type in the value."))
                observed_on = parse_date(self._text(row, DATE))
            except ValueError as error:
                raise ValueError(_("Figure on row {row}: {problem}").format(row=row + 1, problem=error)) from None
            result.append(Figure(
                wave_id=wave_combo.currentData(), territory_id=territory_combo.currentData() or None, value=value,
                source_note=self._text(row, NOTE), observed_on=observed_on,
                id=wave_combo.property(ID_PROPERTY) or None))
        return result

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
