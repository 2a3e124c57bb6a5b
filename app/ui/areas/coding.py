"""The codebook as a tree with each theme's definition and rules, and the coders' work."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHeaderView, QStyle, QTreeWidget, QTreeWidgetItem

from app.core.summaries import CodeRow
from app.i18n import N_, _, ngettext
from app.store import views
from app.store.project import Project
from app.ui.areas.base import (
    Area,
    detail_browser,
    fit_columns,
    fit_height,
    heading,
    html_field,
    make_table,
    muted,
    RoomyRows,
    split,
)
from app.ui.formatting import format_number
from app.ui.models.coding import CoderModel

CODE_ROLE = Qt.ItemDataRole.UserRole


def swatch(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 60))
    painter.setBrush(QColor(colour) if QColor.isValidColorName(colour) else QColor("#888888"))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class CodingArea(Area):
    key = "coding"
    title = N_("Coding")
    subtitle = N_("Each theme has a definition and rules for what it includes and excludes, shared by all coders.")
    icon = QStyle.StandardPixmap.SP_FileDialogListView

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: dict[str, CodeRow] = {}
        self._totals: dict[str, int] = {}
        self.summary_label = muted()
        self.body.addWidget(self.summary_label)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Theme"), _("Codings"), _("With sub-themes")])
        self.tree.headerItem().setToolTip(2, _("Codings of the theme and of all its sub-themes."))
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        font = QFont(header.font())
        font.setBold(True)
        header.setFont(font)
        self.tree.currentItemChanged.connect(self._show_current)
        self.detail = detail_browser()
        self.body.addWidget(split(Qt.Orientation.Horizontal, (self.tree, 1), (self.detail, 1)), 1)
        self.body.addSpacing(4)
        self.body.addWidget(heading(_("Coders"), 2))
        self.coder_model = CoderModel()
        self.coder_view = make_table(self.coder_model)
        self.body.addWidget(self.coder_view)

    def load(self, project: Project) -> None:
        rows = views.code_rows(project.db)
        self._rows = {row.id: row for row in rows}
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        # Parents before children: a child may have been created before its parent.
        pending = list(rows)
        while pending:
            placed = [row for row in pending if row.parent_id is None or row.parent_id in items
                      or row.parent_id not in self._rows]
            if not placed:  # a cycle: show the rest at the top level rather than lose them
                placed = pending
            for row in placed:
                parent = items.get(row.parent_id) if row.parent_id else None
                item = QTreeWidgetItem(parent or self.tree, [row.name, format_number(row.codings)])
                item.setIcon(0, swatch(row.colour))
                item.setData(0, CODE_ROLE, row.id)
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(0, row.definition or row.name)
                items[row.id] = item
            pending = [row for row in pending if row not in placed]
        self._add_totals(items)
        self.tree.expandAll()
        total = sum(row.codings for row in rows)
        self.summary_label.setText(
            _("{themes}, {codings}.").format(
                themes=ngettext("{n} theme", "{n} themes", len(rows)).format(n=len(rows)),
                codings=ngettext("{n} coding", "{n} codings", total).format(n=format_number(total)),
            )
        )
        self.coder_model.set_rows(views.coder_rows(project.db))
        fit_columns(self.coder_view, stretch=(0,))
        fit_height(self.coder_view, max_rows=5)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        else:
            self._show_current(None)

    def _add_totals(self, items: dict[str, QTreeWidgetItem]) -> None:
        """A parent theme's codings together with its sub-themes', so that a broad theme does not read 0."""
        def total(item: QTreeWidgetItem) -> int:
            own = self._rows[item.data(0, CODE_ROLE)].codings
            return own + sum(total(item.child(i)) for i in range(item.childCount()))

        self._totals = {}
        for code_id, item in items.items():
            if item.childCount():
                self._totals[code_id] = total(item)
                item.setText(2, format_number(self._totals[code_id]))
                item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _show_current(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        row = self._rows.get(current.data(0, CODE_ROLE)) if current is not None else None
        if row is None:
            self.detail.setHtml(
                "<p style='color:gray'>" + escape(_("The codebook is empty: themes appear here once written.")) + "</p>"
            )
            return
        self.detail.setHtml(self.code_html(row, self._totals.get(row.id)))

    @staticmethod
    def code_html(row: CodeRow, with_children: int | None = None) -> str:
        colour = row.colour if QColor.isValidColorName(row.colour) else "#888888"
        count = ngettext("{n} coding", "{n} codings", row.codings).format(n=format_number(row.codings))
        if with_children is not None:
            count = _("{count}, {n} with its sub-themes").format(count=count, n=format_number(with_children))
        parts = [
            f"<h3><span style='color:{colour}'>■</span> {escape(row.name)}</h3>",
            f"<p style='color:gray'>{escape(count)}</p>",
            html_field(_("Definition"), row.definition) or (
                f"<p style='color:gray'>{escape(_('No definition yet: write one before coding.'))}</p>"
            ),
            html_field(_("Include when"), row.include_rule),
            html_field(_("Exclude when"), row.exclude_rule),
            html_field(_("Example"), row.example),
        ]
        if row.indicators:
            parts.append(html_field(_("Indicators it informs"), "\n".join(row.indicators)))
        return "".join(parts)
