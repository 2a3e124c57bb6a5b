"""The turns of one transcript as a table: time, speaker and role, text. The text is editable.

The model does not write: a change of text goes to ``save`` (the area's call to the transcripts
service), and the row shows the new text only when the service took it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.core.transcripts import Turn
from app.i18n import N_, _
from app.ui.formatting import format_offset
from app.ui.labels import SPEAKER_ROLES, label

TIME, SPEAKER, TEXT = range(3)
HEADERS = (N_("Time code"), N_("Speaker"), N_("What was said"))
TURN_ROLE = Qt.ItemDataRole.UserRole + 1
# Interviewer turns sit on a faint tint so that the participant's words stand out when reading.
INTERVIEWER_TINT = QColor("#eef2f7")

Save = Callable[[Turn, str], bool]


class TurnModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._turns: list[Turn] = []
        self.save: Save | None = None

    def set_turns(self, turns: list[Turn]) -> None:
        self.beginResetModel()
        self._turns = list(turns)
        self.endResetModel()

    def turns(self) -> list[Turn]:
        return list(self._turns)

    def turn_at(self, row: int) -> Turn:
        return self._turns[row]

    def row_of_position(self, position: int) -> int | None:
        return next((row for row, turn in enumerate(self._turns) if turn.position == position), None)

    def replace_text(self, row: int, text: str) -> None:
        """Show a text the service has stored."""
        self._turns[row] = replace(self._turns[row], text=text)
        index = self.index(row, TEXT)
        self.dataChanged.emit(index, index)

    # Qt's interface ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._turns)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._turns)):
            return None
        turn = self._turns[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TIME:
                return format_offset(turn.start_ms) if turn.start_ms is not None else ""
            if column == SPEAKER:
                return f"{turn.speaker_label or '—'}\n{label(SPEAKER_ROLES, turn.speaker_role)}"
            return turn.text
        if role == Qt.ItemDataRole.ToolTipRole and column == TEXT:
            return _("Double-click or press F2 to correct this turn.")
        if role == Qt.ItemDataRole.BackgroundRole and turn.speaker_role == "interviewer":
            return QBrush(INTERVIEWER_TINT)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if role == TURN_ROLE:
            return turn
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != TEXT or self.save is None:
            return False
        turn = self._turns[index.row()]
        text = str(value)
        if text == turn.text:
            return False
        if not self.save(turn, text):
            return False
        self.replace_text(index.row(), text.replace("\r\n", "\n").replace("\r", "\n"))
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(HEADERS)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == TEXT and self.save is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
