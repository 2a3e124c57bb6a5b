"""A thin read-only table model over a list of rows (dataclasses), described column by column.

Headers are marked with N_ and translated each time Qt asks, so a model never holds a stale
language. Sorting goes through a QSortFilterProxyModel on SORT_ROLE, which gives raw values
(numbers as numbers, dates as ISO text) rather than the formatted text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import _

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter

# Soft colours that stay readable on the light Fusion palette.
WARNING_BACKGROUND = QColor("#fbe9c6")
MUTED_FOREGROUND = QColor("#7a7a7a")


@dataclass(frozen=True)
class Column:
    header: str  # marked with N_, translated when shown
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[Any], str] | None = None
    header_tip: str = ""  # marked with N_


class RowsModel(QAbstractTableModel):
    """Subclasses set ``columns``; they may override ``background``, ``foreground``, ``decoration``."""

    columns: Sequence[Column] = ()

    def __init__(self, rows: Iterable[Any] = (), parent=None):
        super().__init__(parent)
        self._rows = list(rows)

    # content -----------------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def background(self, row: Any, column: int) -> QColor | None:
        return None

    def foreground(self, row: Any, column: int) -> QColor | None:
        return None

    def decoration(self, row: Any, column: int) -> QColor | None:
        return None

    # Qt's interface ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row).casefold()
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.background(row, index.column())
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self.foreground(row, index.column())
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self.decoration(row, index.column())
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.columns)):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _(column.header)
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tip:
            return _(column.header_tip)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def sorting_proxy(model: RowsModel, parent=None) -> QSortFilterProxyModel:
    # Not a child of the model: a model deleting its own proxy while it is half destroyed crashes.
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortLocaleAware(True)
    return proxy


def text_or_dash(value: str) -> str:
    return value if value else "—"
