"""What the delegates that paint their own rows share."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


def draw_item_background(painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex,
                         delegate: QStyledItemDelegate) -> None:
    """The row as the style draws it (selection, hover, alternate colour), without its text,
    which the delegate then writes itself."""
    options = QStyleOptionViewItem(option)
    delegate.initStyleOption(options, index)
    options.text = ""
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, options, painter, widget)
