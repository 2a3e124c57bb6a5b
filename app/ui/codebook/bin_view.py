"""The codebook's bin: codes put aside with their codings, out of analysis until restored."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.codebook import BinnedCode
from app.ui.areas.base import RoomyRows, muted
from app.ui.codebook.tree import bold_header, fit_count_columns
from app.ui.swatch import swatch
from app.ui.formatting import format_datetime, format_number

ID_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class BinView(QWidget):
    restore_requested = Signal(str)  # code id

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.summary_label = muted()
        layout.addWidget(self.summary_label)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([_("Theme"), _("In the bin since"), _("Codings kept")])
        self.tree.headerItem().setTextAlignment(2, RIGHT)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        bold_header(self.tree)
        self.tree.itemActivated.connect(lambda _item, _column: self._restore())
        self.tree.currentItemChanged.connect(lambda current, _previous: self.restore_button.setEnabled(
            current is not None))
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(_("Restore the theme"))
        self.restore_button.setToolTip(_("Bring the theme back into the codebook, with its codings."))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def show_bin(self, binned: list[BinnedCode]) -> None:
        self.tree.clear()
        for entry in binned:
            item = QTreeWidgetItem(self.tree, [entry.code.name, format_datetime(entry.code.deleted_at),
                                               format_number(entry.codings)])
            item.setIcon(0, swatch(entry.code.colour))
            item.setData(0, ID_ROLE, entry.code.id)
            item.setTextAlignment(2, RIGHT)
            item.setToolTip(0, entry.code.definition or entry.code.name)
        fit_count_columns(self.tree, (1, 2))
        self.summary_label.setText(
            _("Themes in the bin are left out of analysis; their codings are kept and come back when a theme "
              "is restored.") if binned else _("The bin is empty."))
        if binned:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.restore_button.setEnabled(bool(binned))

    def code_ids(self) -> list[str]:
        return [self.tree.topLevelItem(row).data(0, ID_ROLE) for row in range(self.tree.topLevelItemCount())]

    def select(self, code_id: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(row).data(0, ID_ROLE) == code_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(row))

    def _restore(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self.restore_requested.emit(item.data(0, ID_ROLE))
