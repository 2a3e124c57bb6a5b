"""The editor's commands on the outline — add, delete, move — with their buttons and keys.

Keyboard first: Ctrl+N adds a question after the selected one, Ctrl+Shift+N a section, Del
deletes (after naming what goes), Alt+Up and Alt+Down move the selection; Enter in the outline
goes to the wording, Esc comes back. Every command is one service call, then the outline is
filled again from what was stored.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QStyle, QToolButton, QWidget

from app.i18n import _
from app.services import guides
from app.ui.guide import dialogs
from app.ui.guide.tree import ID_ROLE

Shortcut = Qt.ShortcutContext


def plus_icon(colour: QColor, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(colour, 2))
    painter.drawLine(size // 2, 3, size // 2, size - 3)
    painter.drawLine(3, size // 2, size - 3, size // 2)
    painter.end()
    return QIcon(pixmap)


class OutlineActions:
    """Mixed into GuideEditor, which provides project, guide, tree, writes, panels and reload()."""

    def build_toolbar(self) -> QWidget:
        style = self.style()
        self.add_section_action = self._command(
            _("Section"), _("Add a section after the selected one"), "Ctrl+Shift+N", self.add_section,
            Shortcut.WidgetWithChildrenShortcut, plus_icon(self.palette().color(QPalette.ColorRole.Text)))
        self.add_question_action = self._command(
            _("Question"), _("Add a question after the selected one"), "Ctrl+N", self.add_question,
            Shortcut.WidgetWithChildrenShortcut, plus_icon(self.palette().color(QPalette.ColorRole.Text)))
        self.delete_action = self._command(
            _("Delete"), _("Delete the selected question or section"), QKeySequence.StandardKey.Delete,
            self.delete_current, Shortcut.WidgetShortcut, style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon))
        self.move_up_action = self._command(
            _("Up"), _("Move the selection up"), "Alt+Up", lambda: self.move_current(-1),
            Shortcut.WidgetShortcut, style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp))
        self.move_down_action = self._command(
            _("Down"), _("Move the selection down"), "Alt+Down", lambda: self.move_current(1),
            Shortcut.WidgetShortcut, style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown))
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for action in (self.add_section_action, self.add_question_action, self.delete_action,
                       self.move_up_action, self.move_down_action):
            button = QToolButton()
            button.setDefaultAction(action)
            # Adding reads best in words; deleting and moving are known by their icons (and tooltips).
            with_text = action in (self.add_section_action, self.add_question_action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if with_text
                                      else Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAutoRaise(True)
            row.addWidget(button)
            if action is self.add_question_action:
                row.addSpacing(8)
        row.addStretch(1)
        return bar

    def _command(self, text, tip, keys, slot, context, icon) -> QAction:
        action = QAction(icon, text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(context)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(_("{what} ({keys})").format(what=tip, keys=shown))
        action.triggered.connect(slot)
        # Del and Alt+arrows belong to the outline: in a text field they keep their usual meaning.
        (self.tree if context == Shortcut.WidgetShortcut else self).addAction(action)
        return action

    def update_actions(self) -> None:
        kind, _record_id = self.current_record()
        editable = self.editable
        self.add_section_action.setEnabled(editable)
        self.add_question_action.setEnabled(editable)
        for action in (self.delete_action, self.move_up_action, self.move_down_action):
            action.setEnabled(editable and kind is not None)

    def _section_item(self):
        item = self.tree.currentItem()
        if item is None:
            return None
        return item.parent() if item.parent() is not None else item

    # adding ------------------------------------------------------------------------------------
    def add_section(self) -> None:
        if not self.editable:
            return
        self.flush()
        current = self._section_item()
        position = self.tree.indexOfTopLevelItem(current) + 1 if current is not None else None
        section = self.writes.call(guides.add_section, self.guide.id, _("New section"), position)
        if section is not None:
            self.reload(section.id)
            self.section_panel.title_edit.setFocus()
            self.section_panel.title_edit.selectAll()
            self._schedule_guide_check()

    def add_question(self) -> None:
        if not self.editable:
            return
        self.flush()
        section_item = self._section_item()
        if section_item is None:
            section = self.writes.call(guides.add_section, self.guide.id, _("New section"))
            if section is None:
                return
            section_id, position = section.id, None
        else:
            current = self.tree.currentItem()
            section_id = section_item.data(0, ID_ROLE)
            position = section_item.indexOfChild(current) + 1 if current is not section_item else None
        question = self.writes.call(guides.add_question, section_id, "", position)
        if question is not None:
            self.reload(question.id)
            self.question_panel.text_edit.setFocus()
            self._schedule_guide_check()

    # deleting ----------------------------------------------------------------------------------
    def delete_current(self) -> None:
        item = self.tree.currentItem()
        if item is None or not self.editable:
            return
        self.flush()
        kind, record_id = self.current_record()
        parent = item.parent()
        siblings = parent if parent is not None else self.tree.invisibleRootItem()
        row = siblings.indexOfChild(item)
        neighbour = siblings.child(row + 1) or (siblings.child(row - 1) if row > 0 else None) or parent
        fallback = neighbour.data(0, ID_ROLE) if neighbour is not None else None
        if kind == "question":
            if not dialogs.confirm_delete_question(self, self.question_panel.text()):
                return
            self.question_panel.save.drop()
            done = self.writes.attempt(guides.delete_question, record_id)
        else:
            if not dialogs.confirm_delete_section(self, item.text(0), item.childCount()):
                return
            self.section_panel.save.drop()
            done = self.writes.attempt(guides.delete_section, record_id)
        if done:
            self.question_panel.question_id = None
            self.reload(fallback)
            self.tree.setFocus()
            self._schedule_guide_check()

    # moving ------------------------------------------------------------------------------------
    def move_current(self, step: int) -> None:
        item = self.tree.currentItem()
        if item is None or not self.editable:
            return
        kind, record_id = self.current_record()
        if kind == "section":
            row = self.tree.indexOfTopLevelItem(item) + step
            if 0 <= row < self.tree.topLevelItemCount():
                self._move_requested(kind, record_id, None, row)
            return
        section_item = item.parent()
        row = section_item.indexOfChild(item) + step
        if 0 <= row < section_item.childCount():
            self._move_requested(kind, record_id, section_item.data(0, ID_ROLE), row)
            return
        # Past the first or last question of a section: into the section before or after.
        section_row = self.tree.indexOfTopLevelItem(section_item) + step
        if 0 <= section_row < self.tree.topLevelItemCount():
            target = self.tree.topLevelItem(section_row)
            position = target.childCount() if step < 0 else 0
            self._move_requested(kind, record_id, target.data(0, ID_ROLE), position)

    def _move_requested(self, kind: str, record_id: str, section_id, position: int, dropped: bool = False) -> None:
        self.flush()
        if kind == "section":
            done = self.writes.attempt(guides.move_section, record_id, position)
        else:
            done = self.writes.attempt(guides.move_question, record_id, section_id, position)
        if done and dropped:
            # Once the drop has finished: the drag still holds the items it started from.
            QTimer.singleShot(0, lambda: self._after_move(record_id))
        elif done:
            self._after_move(record_id)

    def _after_move(self, record_id: str) -> None:
        self.reload(record_id)
        self.tree.setFocus()
        self._schedule_guide_check()
