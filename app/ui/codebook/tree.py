"""The codebook as a tree: themes with their counts, filtered by name, re-parented by drag and drop.

The tree never moves its own items. A drop inside it becomes a request (which code, under which
parent, at which position) that the panel hands to the codebook services, and the tree is then
filled again from what was stored. Drops go through ``dropMimeData``, so that a mouse drop and a
drop made in a test take the same path. A drag may also leave the tree: it carries the code's id
as ``CODE_MIME_TYPE``, which the coding workbench accepts onto selected text.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QDrag, QDropEvent, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from app.core.coding import Code
from app.core.search_query import fold
from app.core.summaries import CodeRow
from app.i18n import _
from app.ui.areas.base import RoomyRows
from app.ui.swatch import swatch
from app.ui.formatting import format_number

CODE_MIME_TYPE = "application/x-terrain-code-id"
CODE_ROLE = Qt.ItemDataRole.UserRole
NAME, CODINGS, WITH_SUBTHEMES = range(3)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def bold_header(tree: QTreeWidget) -> None:
    """Headers in bold, as in the tables of the other areas."""
    header = tree.header()
    font = QFont(header.font())
    font.setBold(True)
    header.setFont(font)


def fit_count_columns(tree: QTreeWidget, columns: tuple[int, ...], padding: int = 24) -> None:
    """Columns as wide as their header or figures, with room to breathe between them."""
    header = tree.header()
    for column in columns:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.resizeColumnToContents(column)
        header.resizeSection(column, header.sectionSize(column) + padding)


def code_id_of(data: QMimeData) -> str:
    """The code a drag carries, or "" when it carries none."""
    if not data.hasFormat(CODE_MIME_TYPE):
        return ""
    return bytes(data.data(CODE_MIME_TYPE)).decode("utf-8").strip()


class CodebookTree(QTreeWidget):
    """Live codes, parents before children by position, each with its codings and those of its
    sub-themes."""

    # code id, new parent id (None: the top level), position among the new siblings
    move_requested = Signal(str, object, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: dict[str, CodeRow] = {}
        self.totals: dict[str, int] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._search_text: dict[str, str] = {}
        self.setColumnCount(3)
        # Short headers: the tree often sits in a narrow column beside a transcript.
        self.setHeaderLabels([_("Theme"), _("Codings"), _("Total")])
        self.headerItem().setToolTip(CODINGS, _("Codings of the theme itself."))
        self.headerItem().setToolTip(WITH_SUBTHEMES, _("Codings of the theme and of all its sub-themes."))
        for column in (CODINGS, WITH_SUBTHEMES):
            self.headerItem().setTextAlignment(column, RIGHT)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        bold_header(self)
        self.setItemDelegate(RoomyRows(self))
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    # filling -----------------------------------------------------------------------------------
    def fill(self, rows: list[CodeRow], codes: dict[str, Code]) -> None:
        """Show these codes (from ``views.code_rows``, one query for all the counts); ``codes``
        gives the keywords the filter also looks at."""
        self.clear()
        self.rows = {row.id: row for row in rows}
        self._items = {}
        self._search_text = {}
        by_parent: dict[str | None, list[CodeRow]] = {}
        for row in rows:
            parent = row.parent_id if row.parent_id in self.rows else None
            by_parent.setdefault(parent, []).append(row)

        def place(parent_id: str | None, parent_item: QTreeWidgetItem | None) -> None:
            for row in by_parent.get(parent_id, []):
                if row.id in self._items:  # a cycle in the stored tree: show each code once
                    continue
                item = QTreeWidgetItem(parent_item or self, [row.name, format_number(row.codings)])
                item.setIcon(NAME, swatch(row.colour))
                item.setData(NAME, CODE_ROLE, row.id)
                item.setTextAlignment(CODINGS, RIGHT)
                item.setToolTip(NAME, row.definition or row.name)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
                self._items[row.id] = item
                code = codes.get(row.id)
                self._search_text[row.id] = fold(" ".join([row.name, code.keywords if code else ""]))
                place(row.id, item)

        place(None, None)
        self._add_totals()
        self.expandAll()
        fit_count_columns(self, (CODINGS, WITH_SUBTHEMES))

    def _add_totals(self) -> None:
        """A parent theme's codings together with its sub-themes', so that a broad theme does not read 0."""
        def total(item: QTreeWidgetItem) -> int:
            own = self.rows[item.data(NAME, CODE_ROLE)].codings
            return own + sum(total(item.child(i)) for i in range(item.childCount()))

        self.totals = {}
        for code_id, item in self._items.items():
            if item.childCount():
                self.totals[code_id] = total(item)
                item.setText(WITH_SUBTHEMES, format_number(self.totals[code_id]))
                item.setTextAlignment(WITH_SUBTHEMES, RIGHT)

    def item_for(self, code_id: str | None) -> QTreeWidgetItem | None:
        return self._items.get(code_id) if code_id else None

    def code_ids(self) -> list[str]:
        """The codes shown, in the tree's order."""
        return list(self._items)

    def current_code_id(self) -> str:
        item = self.currentItem()
        return item.data(NAME, CODE_ROLE) if item is not None else ""

    def select(self, code_id: str | None) -> bool:
        item = self.item_for(code_id)
        if item is not None:
            self.setCurrentItem(item)
            self.scrollToItem(item)
        return item is not None

    # filtering ---------------------------------------------------------------------------------
    def apply_filter(self, text: str) -> int:
        """Show the codes whose name or keywords contain ``text`` (accents and capitals ignored),
        with their parents for context; returns how many codes match."""
        wanted = fold(" ".join(text.split()))
        matches = 0

        def visit(item: QTreeWidgetItem) -> bool:
            nonlocal matches
            hit = not wanted or wanted in self._search_text.get(item.data(NAME, CODE_ROLE), "")
            matches += hit
            shown_child = False
            for i in range(item.childCount()):
                shown_child = visit(item.child(i)) or shown_child
            item.setHidden(not (hit or shown_child))
            return hit or shown_child

        for i in range(self.topLevelItemCount()):
            visit(self.topLevelItem(i))
        if wanted:
            self.expandAll()
        return matches

    # dragging ----------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [CODE_MIME_TYPE]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        if items:
            code_id = items[0].data(NAME, CODE_ROLE)
            data.setData(CODE_MIME_TYPE, QByteArray(code_id.encode("utf-8")))
            data.setText(items[0].text(NAME))  # a readable fallback for other applications
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def startDrag(self, supported_actions) -> None:
        """Drag the current code; the tree keeps its items whatever the drop did (a copy onto the
        transcript, a move inside the tree that the tree learns of by being filled again)."""
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon(NAME).pixmap(16, 16))
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event) -> None:
        if event.source() is self and event.mimeData().hasFormat(CODE_MIME_TYPE):
            super().dragEnterEvent(event)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if event.source() is not self or not event.mimeData().hasFormat(CODE_MIME_TYPE):
            event.ignore()
            return
        super().dragMoveEvent(event)
        # Qt refuses a drop into the dragged code's own sub-themes without a word; accept it, so
        # that the codebook can say why such a move cannot be made.
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        if event.source() is not self:
            event.ignore()
            return
        parent, index = self.drop_place(event.position().toPoint())
        self.dropMimeData(parent, index, event.mimeData(), Qt.DropAction.MoveAction)
        # The items stay as they are: the panel fills the tree again once the move is stored.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()

    def drop_place(self, point) -> tuple[QTreeWidgetItem | None, int]:
        """Where a drop at ``point`` lands, as (parent item or None for the top level, index among
        its children, -1 for the end). Above or below an item near its edges, into it in between,
        as Qt draws the drop indicator."""
        target = self.itemAt(point)
        if target is None:
            return None, -1
        rect = self.visualItemRect(target)
        margin = max(2.0, min(rect.height() / 5.5, 12.0))
        parent = target.parent()
        row = parent.indexOfChild(target) if parent is not None else self.indexOfTopLevelItem(target)
        if point.y() - rect.top() < margin:
            return parent, row
        if rect.bottom() - point.y() < margin:
            return parent, row + 1
        return target, -1

    def dropMimeData(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, action) -> bool:
        """Turn a drop into a move request: ``parent`` None is the top level, ``index`` -1 the end."""
        code_id = code_id_of(data)
        item = self.item_for(code_id)
        if item is None or parent is item:
            return False
        siblings = parent.childCount() if parent is not None else self.topLevelItemCount()
        position = siblings if index < 0 or index > siblings else index
        if item.parent() is parent:
            current = parent.indexOfChild(item) if parent is not None else self.indexOfTopLevelItem(item)
            if current < position:
                position -= 1  # counted without the moved code
            if current == position:
                return False  # dropped where it already is
        parent_id = parent.data(NAME, CODE_ROLE) if parent is not None else None
        self.move_requested.emit(code_id, parent_id, position)
        return True
