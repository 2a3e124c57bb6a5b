"""The guide's outline: sections and their questions, reordered by drag and drop.

The tree never moves its own items: a drop is turned into a request (what moves, into which
section, at which position) that the editor hands to the guide services, and the tree is then
filled again from what was stored. Drops go through ``dropMimeData``, so that a drag with the
mouse and a drop made through the model in a test take the same path.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from app.core.guide import GuideOutline
from app.i18n import _, ngettext
from app.ui.areas.base import RoomyRows
from app.ui.guide.checking import QuestionCheck
from app.ui.guide.underline import severity_colour
from app.ui.labels import QUESTION_RULES, label

KIND_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
MIME_TYPE = "application/x-terrain-guide-item"
MARKER_SIZE = QSize(26, 18)
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
SENSITIVE_ROLE = Qt.ItemDataRole.UserRole + 4
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 5
Position = QAbstractItemView.DropIndicatorPosition


class MarkerDelegate(RoomyRows):
    """The findings column: a small pill with the number of findings, in the colour of the most
    severe one; nothing when the wording reads well."""

    def paint(self, painter: QPainter, option, index) -> None:
        count = index.data(COUNT_ROLE)
        if index.column() != 1 or not count:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection and alternating background, without text
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        pill = QRect(0, 0, MARKER_SIZE.width(), MARKER_SIZE.height())
        pill.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(severity_colour(index.data(SEVERITY_ROLE)))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, str(count))
        painter.restore()

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        if index.column() == 1:
            size.setWidth(max(size.width(), MARKER_SIZE.width() + 12))
        return size


class GuideTree(QTreeWidget):
    move_requested = Signal(str, str, object, int)  # kind, id, target section id (questions), position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([_("Sections and questions"), _("Check")])
        self.headerItem().setToolTip(1, _("How many points the wording check raises on each question"))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        bold = QFont(header.font())
        bold.setBold(True)
        header.setFont(bold)
        self.setItemDelegate(MarkerDelegate(self))
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self._sensitive_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)

    # filling -----------------------------------------------------------------------------------
    def fill(self, outline: GuideOutline, checks: dict[str, QuestionCheck]) -> None:
        self.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        number = 0
        for section_outline in outline.sections:
            section = section_outline.section
            section_item = QTreeWidgetItem(self, [section.title])
            section_item.setFont(0, bold)
            section_item.setData(0, KIND_ROLE, "section")
            section_item.setData(0, ID_ROLE, section.id)
            section_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled)
            for item in section_outline.questions:
                number += 1
                question_item = QTreeWidgetItem(section_item)
                question_item.setData(0, KIND_ROLE, "question")
                question_item.setData(0, ID_ROLE, item.question.id)
                question_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                       | Qt.ItemFlag.ItemIsDragEnabled)
                question_item.setIcon(0, self._sensitive_icon if item.question.is_sensitive else self._blank_icon)
                question_item.setData(0, SENSITIVE_ROLE, item.question.is_sensitive)
                question_item.setData(0, NUMBER_ROLE, number)
                self.set_question_text(item.question.id, item.question.text, question_item)
                self.set_marker(item.question.id, checks.get(item.question.id, QuestionCheck()), question_item)
            section_item.setExpanded(True)

    def item_for(self, record_id: str | None) -> QTreeWidgetItem | None:
        if not record_id:
            return None
        for section_row in range(self.topLevelItemCount()):
            section_item = self.topLevelItem(section_row)
            if section_item.data(0, ID_ROLE) == record_id:
                return section_item
            for row in range(section_item.childCount()):
                if section_item.child(row).data(0, ID_ROLE) == record_id:
                    return section_item.child(row)
        return None

    def set_question_text(self, question_id: str, text: str, item: QTreeWidgetItem | None = None) -> None:
        item = item or self.item_for(question_id)
        if item is None:
            return
        shown = " ".join(text.split())
        italic = not shown
        # Numbered as the guide check speaks of them (« question 4 … before question 7 »).
        item.setText(0, f"{item.data(0, NUMBER_ROLE)}. {shown or _('(question not written yet)')}")
        tip = [shown] if shown else []
        if item.data(0, SENSITIVE_ROLE):
            tip.append(_("Sensitive topic: ask it late and with care."))
        item.setToolTip(0, "\n".join(tip))
        font = QFont(self.font())
        font.setItalic(italic)
        item.setFont(0, font)

    def set_marker(self, question_id: str, check: QuestionCheck, item: QTreeWidgetItem | None = None) -> None:
        item = item or self.item_for(question_id)
        if item is None:
            return
        count = len(check.active)
        item.setData(1, COUNT_ROLE, count)
        item.setData(1, SEVERITY_ROLE, check.worst)
        if count:
            rules = ", ".join(dict.fromkeys(label(QUESTION_RULES, f.rule) for f in check.active))
            tip = ngettext("{n} point to look at: {rules}", "{n} points to look at: {rules}", count)
            item.setToolTip(1, tip.format(n=count, rules=rules))
        else:
            item.setToolTip(1, _("Nothing to point out."))

    def set_editable(self, editable: bool) -> None:
        self.setDragEnabled(editable)
        self.setAcceptDrops(editable)
        self.viewport().setAcceptDrops(editable)

    # dragging ----------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        if items:
            moved = {"kind": items[0].data(0, KIND_ROLE), "id": items[0].data(0, ID_ROLE)}
            data.setData(MIME_TYPE, QByteArray(json.dumps(moved).encode("utf-8")))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def dropMimeData(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData, action) -> bool:
        """Turn a drop into a move request; ``parent`` None is the top level, ``index`` -1 the end."""
        target = self._target(parent, index, data)
        if target is None:
            return False
        kind, record_id, section_id, position = target
        self.move_requested.emit(kind, record_id, section_id, position)
        return True

    def _target(self, parent: QTreeWidgetItem | None, index: int, data: QMimeData):
        if not data.hasFormat(MIME_TYPE):
            return None
        moved = json.loads(bytes(data.data(MIME_TYPE)).decode("utf-8"))
        item = self.item_for(moved.get("id"))
        if item is None:
            return None
        kind = moved["kind"]
        if kind == "section":
            if parent is not None:
                return None
            count = self.topLevelItemCount()
            index = count if index < 0 or index > count else index
            current = self.indexOfTopLevelItem(item)
            position = index - 1 if current < index else index  # counted without the moved section
            return kind, moved["id"], None, position
        if parent is None or parent.data(0, KIND_ROLE) != "section":
            return None
        count = parent.childCount()
        index = count if index < 0 or index > count else index
        position = index
        if item.parent() is parent and parent.indexOfChild(item) < index:
            position -= 1
        return kind, moved["id"], parent.data(0, ID_ROLE), position

    def _drop_place(self, event) -> tuple[QTreeWidgetItem | None, int] | None:
        """Where a mouse drop lands, as (parent, index) in the terms of dropMimeData."""
        target = self.itemAt(event.position().toPoint())
        indicator = self.dropIndicatorPosition()
        moved = self.currentItem()
        if moved is None:
            return None
        if target is None or indicator == Position.OnViewport:
            if moved.data(0, KIND_ROLE) == "section":
                return None, -1
            last = self.topLevelItem(self.topLevelItemCount() - 1)
            return (last, -1) if last is not None else None
        parent = target.parent()
        row = (parent.indexOfChild(target) if parent is not None else self.indexOfTopLevelItem(target))
        if moved.data(0, KIND_ROLE) == "section":
            if parent is not None:  # over a question: the place of its section
                target, parent = parent, None
                row = self.indexOfTopLevelItem(target)
                indicator = Position.BelowItem
            if indicator == Position.OnItem:
                current = self.indexOfTopLevelItem(moved)
                return None, row + 1 if current < row else row  # takes the place of the section dropped on
            return None, row + (1 if indicator == Position.BelowItem else 0)
        # A question: over a question, beside it; over a section, inside it.
        if parent is not None:
            if indicator == Position.OnItem:
                return parent, row + 1
            return parent, row + (1 if indicator == Position.BelowItem else 0)
        if indicator == Position.OnItem:
            return target, -1
        if indicator == Position.BelowItem:
            return target, 0
        previous = self.topLevelItem(row - 1) if row > 0 else None
        return (previous, -1) if previous is not None else (target, 0)

    def dragMoveEvent(self, event) -> None:
        super().dragMoveEvent(event)
        if event.isAccepted():
            place = self._drop_place(event)
            if place is None or self._target(*place, event.mimeData()) is None:
                event.ignore()

    def dropEvent(self, event) -> None:
        if event.source() is not self:
            event.ignore()
            return
        place = self._drop_place(event)
        if place is None or not self.dropMimeData(*place, event.mimeData(), Qt.DropAction.MoveAction):
            event.ignore()
            return
        # Not a move for Qt: the items are rebuilt from the database, Qt must not remove any.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
