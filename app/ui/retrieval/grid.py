"""A matrix as a table: a label column, cells shaded by their value, totals in bold.

``Grid`` is what the three matrices have in common once laid out; ``GridModel`` shows it and
``GridHeader`` keeps long column names readable, wrapped over lines or turned on their side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QWidget,
)

from app.i18n import _
from app.ui.swatch import swatch
from app.ui.formatting import format_number
from app.ui.models.base import CENTER, LEFT

CELL_ROLE = Qt.ItemDataRole.UserRole + 2  # (row key, column key) of a cell; None for labels and totals
HEAT = QColor("#2f6f8f")
TOTAL_BACKGROUND = QColor("#f1f1ee")
SELECTED_FRAME = QColor("#c2571a")
NOTE_MARK = " ✎"
INDENT = "    "


@dataclass(frozen=True)
class GridRow:
    label: str
    key: Any
    depth: int = 0
    colour: str = ""
    tooltip: str = ""


@dataclass(frozen=True)
class GridColumn:
    label: str
    key: Any
    tooltip: str = ""


@dataclass
class Grid:
    corner: str  # the label column's header
    rows: list[GridRow]
    columns: list[GridColumn]
    values: list[list[int]]
    row_totals: list[int] | None = None
    column_totals: list[int] | None = None
    total: int | None = None
    notes: dict[tuple[Any, Any], str] = field(default_factory=dict)  # (row key, column key) -> text
    describe: Any = None  # (row, column, value) -> the cell's tooltip

    def peak(self) -> int:
        return max((value for row in self.values for value in row), default=0)


def heat(value: int, peak: int) -> QColor | None:
    """White for nothing, deepening towards HEAT for the largest value of the matrix."""
    if value <= 0 or peak <= 0:
        return None
    share = 0.12 + 0.78 * value / peak
    return QColor(*(round(255 + (channel - 255) * share) for channel in HEAT.getRgb()[:3]))


def readable_on(background: QColor | None) -> QColor | None:
    if background is None:
        return None
    return QColor("#ffffff") if background.lightnessF() < 0.55 else QColor("#1d2a30")


class GridModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.grid = Grid("", [], [], [])
        self._peak = 0

    def set_grid(self, grid: Grid) -> None:
        self.beginResetModel()
        self.grid = grid
        self._peak = grid.peak()
        self.endResetModel()

    # shape -------------------------------------------------------------------------------------
    def _has_row_totals(self) -> bool:
        return self.grid.row_totals is not None

    def _has_total_row(self) -> bool:
        return self.grid.column_totals is not None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.rows) + self._has_total_row()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1 + len(self.grid.columns) + self._has_row_totals()

    def cell_index(self, row: int, column: int) -> QModelIndex:
        """The index of a cell given in the grid's own coordinates."""
        return self.index(row, column + 1)

    # content -----------------------------------------------------------------------------------
    def _place(self, index: QModelIndex) -> tuple[str, int, int]:
        """("label" | "cell" | "row total" | "column total" | "total", grid row, grid column)."""
        row, column = index.row(), index.column() - 1
        total_row = row == len(self.grid.rows)
        total_column = column == len(self.grid.columns)
        if column < 0:
            return "label", row, column
        if total_row and total_column:
            return "total", row, column
        if total_row:
            return "column total", row, column
        if total_column:
            return "row total", row, column
        return "cell", row, column

    def value(self, index: QModelIndex) -> int | None:
        place, row, column = self._place(index)
        grid = self.grid
        return {"cell": lambda: grid.values[row][column], "row total": lambda: grid.row_totals[row],
                "column total": lambda: grid.column_totals[column], "total": lambda: grid.total,
                "label": lambda: None}[place]()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        place, row, column = self._place(index)
        grid = self.grid
        if place == "label":
            return self._label_data(row, role)
        value = self.value(index)
        note = grid.notes.get((grid.rows[row].key, grid.columns[column].key), "") if place == "cell" else ""
        if role == Qt.ItemDataRole.DisplayRole:
            text = format_number(value) if value else ""
            return text + NOTE_MARK if note else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return CENTER
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = heat(value or 0, self._peak) if place == "cell" else TOTAL_BACKGROUND
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = readable_on(heat(value or 0, self._peak)) if place == "cell" else None
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and place != "cell":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and place == "cell" and grid.describe:
            return grid.describe(grid.rows[row], grid.columns[column], value or 0, note)
        if role == CELL_ROLE and place == "cell":
            return grid.rows[row].key, grid.columns[column].key
        return None

    def _label_data(self, row: int, role: int):
        if row == len(self.grid.rows):
            if role == Qt.ItemDataRole.DisplayRole:
                return _("Total")
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(TOTAL_BACKGROUND)
            return None
        entry = self.grid.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return INDENT * entry.depth + entry.label
        if role == Qt.ItemDataRole.DecorationRole and entry.colour:
            return swatch(entry.colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.tooltip or entry.label
        if role == Qt.ItemDataRole.FontRole and entry.depth == 0 and entry.colour:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        columns = self.grid.columns
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if section == 0:
                return self.grid.corner
            if section <= len(columns):
                column = columns[section - 1]
                return column.tooltip or column.label if role == Qt.ItemDataRole.ToolTipRole else column.label
            return _("Total")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if section == 0 else CENTER
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class GridHeader(QHeaderView):
    """Column names wrapped over up to three lines, or turned upright when there are many
    columns; the first (label) column's name stays as it is."""

    MAX_UPRIGHT = 170  # pixels: longer names are cut with "…", the tooltip gives them whole
    PADDING = 8

    def __init__(self, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.upright = False
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)

    def set_upright(self, upright: bool) -> None:
        self.upright = upright
        self.updateGeometries()
        self.viewport().update()

    def _text(self, section: int) -> str:
        model = self.model()
        return str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "") \
            if model else ""

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        metrics = self.fontMetrics()
        if self.model() is None:
            return size
        if self.upright:
            longest = max((metrics.horizontalAdvance(self._text(s)) for s in range(1, self.count())), default=0)
            return QSize(size.width(), min(longest, self.MAX_UPRIGHT) + 2 * self.PADDING)
        lines = 1
        for section in range(1, self.count()):
            width = max(self.sectionSize(section) - 2 * self.PADDING, 20)
            rect = metrics.boundingRect(QRect(0, 0, width, 1000), Qt.TextFlag.TextWordWrap, self._text(section))
            lines = max(lines, min(3, round(rect.height() / metrics.lineSpacing())))
        return QSize(size.width(), lines * metrics.lineSpacing() + 2 * self.PADDING)

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = section
        self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
        text = self._text(section)
        metrics = self.fontMetrics()
        inner = rect.adjusted(self.PADDING, self.PADDING // 2, -self.PADDING, -self.PADDING // 2)
        painter.save()
        painter.setFont(self.font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        if self.upright and section > 0:
            painter.translate(rect.center().x() + metrics.ascent() / 2 - 2, rect.bottom() - self.PADDING)
            painter.rotate(-90)
            length = rect.height() - 2 * self.PADDING
            painter.drawText(QRect(0, -metrics.ascent(), length, metrics.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             metrics.elidedText(text, Qt.TextElideMode.ElideRight, length))
        else:
            align = Qt.AlignmentFlag.AlignLeft if section == 0 else Qt.AlignmentFlag.AlignHCenter
            painter.drawText(inner, int(align | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap), text)
        painter.restore()


class CellDelegate(QStyledItemDelegate):
    """A selected cell keeps its shade, framed, so that its number stays readable."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(SELECTED_FRAME, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()
