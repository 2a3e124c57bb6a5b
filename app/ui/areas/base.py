"""What every area of the main window shares: a title, a one-line purpose, calm tables."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QFrame,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.store.project import Project
from app.ui.models.base import ROW_ROLE, RowsModel, sorting_proxy

MARGIN = 24
SPACING = 12
MAX_COLUMN_WIDTH = 340


class Area(QWidget):
    """One screen of the navigation. ``load`` reads the project again; it never writes.

    An area whose actions change the project (through the services) emits ``changed``, so that
    the window reads the other areas again when they are next shown.
    """

    changed = Signal()

    key = ""
    title = ""  # marked with N_
    subtitle = ""  # marked with N_
    nav_label = ""  # marked with N_; the title when empty
    icon = QStyle.StandardPixmap.SP_FileIcon

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(MARGIN, MARGIN - 6, MARGIN, MARGIN - 6)
        outer.setSpacing(SPACING)
        self.title_label = heading(_(self.title), 1)
        outer.addWidget(self.title_label)
        if self.subtitle:
            self.subtitle_label = muted(_(self.subtitle))
            outer.addWidget(self.subtitle_label)
        self.body = QVBoxLayout()
        self.body.setSpacing(SPACING)
        outer.addLayout(self.body, 1)

    def load(self, project: Project) -> None:
        raise NotImplementedError


class RoomyRows(QStyledItemDelegate):
    """Rows a little taller than the font, so that trees read as calmly as the tables."""

    EXTRA = 12

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + self.EXTRA)
        return size


def heading(text: str, level: int = 2) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * {1: 1.6, 2: 1.15, 3: 1.0}[level])
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label


def wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_table(model: RowsModel, *, sortable: bool = True, wrap: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(sorting_proxy(model, parent=view) if sortable else model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(wrap)
    if wrap:
        view.setItemDelegate(RoomyRows(view))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setShowGrid(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    font = QFont(header.font())
    font.setBold(True)
    header.setFont(font)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if sortable:
        # No sort column at first: rows keep the order the query chose until a header is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    return view


def fit_columns(view: QTableView, max_width: int = MAX_COLUMN_WIDTH, stretch: tuple[int, ...] = ()) -> None:
    """Columns as wide as their content (capped); the rest of the width goes to the text columns
    named in ``stretch``, or else to the last column when it holds text.

    A last column of numbers is not stretched: its figures would end up far from their header.
    """
    header = view.horizontalHeader()
    last = header.count() - 1
    if last < 0:
        return
    alignment = view.model().headerData(last, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
    numeric_last = alignment is not None and bool(alignment & Qt.AlignmentFlag.AlignRight)
    header.setStretchLastSection(not stretch and not numeric_last)
    for column in range(header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        width = max(header.sectionSize(column), header.sectionSizeHint(column)) + 16
        header.resizeSection(column, min(width, max_width))
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if view.wordWrap():
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


def fit_height(view: QTableView, max_rows: int = 8, min_rows: int = 2) -> None:
    """A short list takes the height of its rows instead of a tall empty box."""
    rows = max(min(view.model().rowCount(), max_rows), min_rows)
    height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
    height += rows * view.verticalHeader().defaultSectionSize()
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().sizeHint().height()
    view.setFixedHeight(height)


def row_of(index: QModelIndex):
    """The row object behind a view index, whatever proxy sits between."""
    return index.data(ROW_ROLE) if index.isValid() else None


def selected_row(view: QTableView):
    indexes = view.selectionModel().selectedRows() if view.selectionModel() else []
    return row_of(indexes[0]) if indexes else None


def detail_browser() -> QTextBrowser:
    browser = QTextBrowser()
    browser.setOpenLinks(False)
    browser.setFrameShape(QFrame.Shape.StyledPanel)
    browser.document().setDocumentMargin(12)
    return browser


def html_paragraphs(text: str) -> str:
    """Plain text with its line breaks, made safe for a rich-text view."""
    return "<br>".join(escape(line) for line in text.splitlines())


def html_field(name: str, text: str) -> str:
    """A labelled block of a detail pane, left out when there is nothing to say."""
    if not text or not text.strip():
        return ""
    return f"<p><b>{escape(name)}</b><br>{html_paragraphs(text)}</p>"


def split(orientation: Qt.Orientation, *panes: tuple[QWidget, int]) -> QSplitter:
    """Panes side by side (or stacked) with their stretch factors; none can be collapsed away."""
    splitter = QSplitter(orientation)
    for position, (widget, stretch) in enumerate(panes):
        splitter.addWidget(widget)
        splitter.setStretchFactor(position, stretch)
    splitter.setChildrenCollapsible(False)
    return splitter
