"""Merging a code into another, and splitting a code in two by choosing its segments."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
)

from app.core.coding import Code
from app.core.search_query import fold
from app.i18n import _, ngettext
from app.services.coding import Segment
from app.ui.areas.base import RoomyRows, muted
from app.ui.swatch import swatch
from app.ui.codebook.code_dialog import ColourPicker
from app.ui.codebook.saving_dialog import SavingDialog
from app.ui.codebook.tree import bold_header, fit_count_columns
from app.ui.formatting import format_number

ID_ROLE = Qt.ItemDataRole.UserRole
EXCERPT_CHARS = 220


class MergeDialog(SavingDialog):
    """Choose the code that ``source`` is folded into; ``save`` receives the target's id.

    ``candidates`` are the live codes in tree order with their depth; the source and its own
    sub-themes are left out, since a code cannot be merged into itself."""

    def __init__(self, save: Callable[[str], object], source: Code, codings: int,
                 candidates: list[tuple[Code, int]], parent=None):
        super().__init__(save, _("Merge “{name}”").format(name=source.name), _("Merge"), parent)
        self.resize(560, 560)
        self.body.addWidget(muted(ngettext(
            "Its {n} coding and its sub-themes go to the theme chosen below, and “{name}” goes to the bin. "
            "Undo puts everything back.",
            "Its {n} codings and its sub-themes go to the theme chosen below, and “{name}” goes to the bin. "
            "Undo puts everything back.", codings).format(n=format_number(codings), name=source.name)))
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(_("Filter the themes"))
        self.filter_edit.textChanged.connect(self._filter)
        self.body.addWidget(self.filter_edit)
        self.list = QListWidget()
        self.list.setItemDelegate(RoomyRows(self.list))
        for code, depth in candidates:
            item = QListWidgetItem(swatch(code.colour), "    " * depth + code.name)
            item.setData(ID_ROLE, code.id)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda current, _previous: self.ok_button.setEnabled(current is not None))
        self.body.addWidget(self.list, 1)
        self.ok_button.setEnabled(False)
        self.filter_edit.setFocus()

    def _filter(self, text: str) -> None:
        wanted = fold(text.strip())
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(wanted) and wanted not in fold(item.text()))

    def select(self, code_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == code_id:
                self.list.setCurrentRow(row)

    def values(self) -> str:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None and not item.isHidden() else ""


@dataclass
class SplitValues:
    name: str
    colour: str
    coding_ids: list[str]


class SplitDialog(SavingDialog):
    """Name the new code, pick its colour, and tick the segments it takes from ``source``."""

    def __init__(self, save: Callable[[SplitValues], object], source: Code, segments: list[Segment],
                 colour: str, parent=None):
        super().__init__(save, _("Split “{name}”").format(name=source.name), _("Split"), parent)
        self.resize(980, 680)
        self.body.addWidget(muted(_("A new theme next to “{name}” takes the segments you tick; the others stay "
                                    "with “{name}”. Write the new theme’s definition afterwards.")
                                  .format(name=source.name)))
        row = QHBoxLayout()
        row.setSpacing(12)
        name_label = QLabel(_("New theme"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Name of the new theme"))
        name_label.setBuddy(self.name_edit)
        row.addWidget(name_label)
        row.addWidget(self.name_edit, 1)
        self.body.addLayout(row)
        self.colour_picker = ColourPicker(colour)
        self.body.addWidget(self.colour_picker)

        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.setHeaderLabels([_("Participant"), _("Coder"), _("Segment")])
        self.tree.header().setStretchLastSection(True)
        bold_header(self.tree)
        for segment in segments:
            text = " ".join(segment.text.split())
            if len(text) > EXCERPT_CHARS:
                text = text[:EXCERPT_CHARS].rstrip() + "…"
            item = QTreeWidgetItem(self.tree, [segment.participant_code or segment.transcript_title,
                                               segment.coder, text])
            item.setData(0, ID_ROLE, segment.coding_id)
            item.setToolTip(2, " ".join(segment.text.split()))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
        fit_count_columns(self.tree, (0, 1))
        self.tree.itemChanged.connect(lambda _item, _column: self._count())
        self.body.addWidget(self.tree, 1)

        footer = QHBoxLayout()
        self.count_label = muted()
        footer.addWidget(self.count_label, 1)
        for text, state in ((_("Tick all"), Qt.CheckState.Checked), (_("Untick all"), Qt.CheckState.Unchecked)):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, state=state: self.set_all(state))
            footer.addWidget(button)
        self.body.addLayout(footer)
        self.name_edit.textChanged.connect(lambda _text: self._count())
        self._count()
        self.name_edit.setFocus()

    def set_all(self, state: Qt.CheckState) -> None:
        for row in range(self.tree.topLevelItemCount()):
            self.tree.topLevelItem(row).setCheckState(0, state)

    def set_checked(self, coding_ids: set[str]) -> None:
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            item.setCheckState(0, Qt.CheckState.Checked if item.data(0, ID_ROLE) in coding_ids
                               else Qt.CheckState.Unchecked)

    def checked_ids(self) -> list[str]:
        items = (self.tree.topLevelItem(row) for row in range(self.tree.topLevelItemCount()))
        return [item.data(0, ID_ROLE) for item in items if item.checkState(0) == Qt.CheckState.Checked]

    def _count(self) -> None:
        chosen, total = len(self.checked_ids()), self.tree.topLevelItemCount()
        self.count_label.setText(ngettext("{n} segment of {total} ticked for the new theme.",
                                          "{n} segments of {total} ticked for the new theme.", chosen)
                                 .format(n=format_number(chosen), total=format_number(total)))
        self.ok_button.setEnabled(bool(chosen) and bool(self.name_edit.text().strip()))

    def values(self) -> SplitValues:
        return SplitValues(self.name_edit.text().strip(), self.colour_picker.colour(), self.checked_ids())
