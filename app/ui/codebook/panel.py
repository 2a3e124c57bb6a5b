"""The codebook editor: the tree of themes with their counts, the selected theme's rules, the bin
and the changelog.

The tree is filled from ``views.code_rows`` (one query for every count) and one read of the codes
for their keywords, never a query per theme: the codebook opens at once even with 200 themes and
50,000 codings. Every edit is undoable through the ``History`` given to the panel (the window's
own, when it shares one between the coding workbench and the codebook).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.core.coding import Code
from app.i18n import _, ngettext
from app.services import codebook
from app.services.coding import codebook_changelog
from app.services.history import History
from app.store import views
from app.store.project import Project
from app.ui.areas.base import SPACING, detail_browser, html_field, muted, split
from app.ui.codebook.bin_view import BinView
from app.ui.codebook.changelog import ChangelogView
from app.ui.codebook.edits import CodebookEdits
from app.ui.codebook.tree import CodebookTree
from app.ui.formatting import format_number

THEMES_TAB, BIN_TAB, CHANGELOG_TAB = range(3)


class CodebookPanel(CodebookEdits, QWidget):
    changed = Signal()  # the project changed: counts elsewhere should be read again
    code_activated = Signal(str)  # double-click or Enter on a theme
    current_code_changed = Signal(str)  # "" when no theme is selected

    def __init__(self, history: History | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.history = history if history is not None else History()
        self.project: Project | None = None
        self.actor = ""
        self.dialog = None
        self._codes: dict[str, Code] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)
        layout.addWidget(self._build_toolbar())

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)

        themes = QWidget()
        themes_layout = QVBoxLayout(themes)
        themes_layout.setContentsMargins(0, 8, 0, 0)
        themes_layout.setSpacing(SPACING - 4)
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(_("Filter the themes by name or keyword"))
        self.filter_edit.setAccessibleName(_("Filter the themes"))
        self.filter_edit.textChanged.connect(self._filter)
        themes_layout.addWidget(self.filter_edit)
        self.summary_label = muted()
        themes_layout.addWidget(self.summary_label)
        self.tree = CodebookTree()
        self.tree.currentItemChanged.connect(lambda _current, _previous: self._current_changed())
        self.tree.itemActivated.connect(lambda item, _column: self.code_activated.emit(self.tree.current_code_id()))
        self.tree.move_requested.connect(self._move_dropped)
        self.tree.addAction(self.bin_action)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.detail = detail_browser()
        # Stacked, so that the panel stays readable beside a transcript.
        themes_layout.addWidget(split(Qt.Orientation.Vertical, (self.tree, 3), (self.detail, 2)), 1)
        self.tabs.addTab(themes, _("Themes"))

        self.bin_view = BinView()
        self.bin_view.restore_requested.connect(self.restore)
        self.tabs.addTab(self.bin_view, _("Bin"))
        self.changelog_view = ChangelogView()
        self.tabs.addTab(self.changelog_view, _("Changelog"))
        self.setEnabled(False)
        self._update_actions()

    # commands ----------------------------------------------------------------------------------
    def _build_toolbar(self) -> QWidget:
        style = self.style()
        self.new_action = self._command(_("New theme"), _("Add a theme at the top of the codebook"), self.new_theme,
                                        style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.new_sub_action = self._command(_("New sub-theme"), _("Add a theme under the selected one"),
                                            self.new_subtheme, style.standardIcon(QStyle.StandardPixmap.SP_FileIcon))
        self.edit_action = self._command(_("Edit…"), _("Name, colour, definition, rules and keywords of the theme"),
                                         self.edit_current)
        self.merge_action = self._command(_("Merge into…"), _("Move the theme’s codings into another theme"),
                                          self.merge_current)
        self.split_action = self._command(_("Split…"), _("Give some of the theme’s segments to a new theme"),
                                          self.split_current)
        self.bin_action = self._command(_("Move to bin"), _("Put the theme aside; its codings are kept (Delete)"),
                                        self.bin_current, style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon))
        self.bin_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.bin_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.undo_action = self._command(_("Undo"), "", self.undo,
                                         style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        self.redo_action = self._command(_("Redo"), "", self.redo,
                                         style.standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        # A tool bar folds what does not fit into its » button, so the panel can be narrow.
        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(16, 16))
        for action in (self.new_action, self.new_sub_action, None, self.edit_action, self.merge_action,
                       self.split_action, self.bin_action, None, self.undo_action, self.redo_action):
            if action is None:
                bar.addSeparator()
            else:
                bar.addAction(action)
        return bar

    def context_menu(self) -> QMenu:
        """The commands on the selected theme, as a right click shows them."""
        menu = QMenu(self)
        for action in (self.new_sub_action, self.edit_action, None, self.merge_action, self.split_action, None,
                       self.bin_action):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _context_menu(self, point) -> None:
        item = self.tree.itemAt(point)
        if item is not None:
            self.tree.setCurrentItem(item)
            menu = self.context_menu()
            menu.exec(self.tree.viewport().mapToGlobal(point))
            menu.deleteLater()

    def _command(self, text: str, tip: str, slot, icon=None) -> QAction:
        action = QAction(text, self)
        action.setIconText(text)  # keep the "…" that says a dialog opens
        if icon is not None:
            action.setIcon(icon)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _update_actions(self) -> None:
        selected = self.project is not None and bool(self.tree.current_code_id())
        for action in (self.new_sub_action, self.edit_action, self.merge_action, self.split_action,
                       self.bin_action):
            action.setEnabled(selected)
        self.new_action.setEnabled(self.project is not None)
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        for action, possible, label, template in (
                (self.undo_action, self.history.can_undo(), self.history.undo_label(), _("Undo {label}")),
                (self.redo_action, self.history.can_redo(), self.history.redo_label(), _("Redo {label}"))):
            action.setEnabled(self.project is not None and possible)
            action.setToolTip(template.format(label=label) if possible else "")

    # the project -------------------------------------------------------------------------------
    def set_project(self, project: Project | None, actor: str = "") -> None:
        """Edit this project's codebook from now on; ``actor`` (the coder's name) signs the changelog."""
        self.project, self.actor = project, actor
        self.setEnabled(project is not None)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the codebook again, keeping the selection (or selecting ``select``)."""
        keep = select if select is not None else self.tree.current_code_id()
        if self.project is None:
            self.tree.fill([], {})
            self.bin_view.show_bin([])
            self.changelog_view.show_events([], {})
            self._update_actions()
            return
        rows = views.code_rows(self.project.db)
        every_code = {code.id: code for code in self.project.codes.find()}
        self._codes = {code_id: code for code_id, code in every_code.items() if code.deleted_at is None}
        self.tree.blockSignals(True)
        self.tree.fill(rows, self._codes)
        self.tree.apply_filter(self.filter_edit.text())
        if not self.tree.select(keep) and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.tree.blockSignals(False)
        total = sum(row.codings for row in rows)
        self.summary_label.setText(_("{themes}, {codings}. Drag a theme to move it under another.").format(
            themes=ngettext("{n} theme", "{n} themes", len(rows)).format(n=format_number(len(rows))),
            codings=ngettext("{n} coding", "{n} codings", total).format(n=format_number(total))))
        binned = codebook.bin_contents(self.project)
        self.bin_view.show_bin(binned)
        self.tabs.setTabText(BIN_TAB, _("Bin ({n})").format(n=format_number(len(binned))) if binned else _("Bin"))
        self.changelog_view.show_events(codebook_changelog(self.project),
                                        {code_id: code.name for code_id, code in every_code.items()})
        self._current_changed()

    def select(self, code_id: str) -> bool:
        """Show this theme (for the other areas)."""
        self.tabs.setCurrentIndex(THEMES_TAB)
        return self.tree.select(code_id)

    def current_code_id(self) -> str:
        return self.tree.current_code_id()

    # reading -----------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        matches = self.tree.apply_filter(text)
        if text.strip() and not matches:
            self.detail.setHtml("<p style='color:gray'>" + escape(_("No theme matches this filter.")) + "</p>")

    def _current_changed(self) -> None:
        code_id = self.tree.current_code_id()
        self._update_actions()
        row = self.tree.rows.get(code_id)
        code = self._codes.get(code_id)
        if row is None or code is None:
            self.detail.setHtml("<p style='color:gray'>" + escape(
                _("The codebook is empty: add a first theme with “New theme”.") if not self.tree.rows
                else _("Select a theme to read its definition and rules.")) + "</p>")
        else:
            self.detail.setHtml(code_html(code, row.codings, self.tree.totals.get(code_id), row.indicators))
        self.current_code_changed.emit(code_id)


def code_html(code: Code, codings: int, with_children: int | None, indicators: tuple[str, ...]) -> str:
    """The selected theme as the detail pane shows it."""
    colour = code.colour if QColor.isValidColorName(code.colour) else "#888888"
    count = ngettext("{n} coding", "{n} codings", codings).format(n=format_number(codings))
    if with_children is not None:
        count = _("{count}, {n} with its sub-themes").format(count=count, n=format_number(with_children))
    parts = [
        f"<h3><span style='color:{colour}'>■</span> {escape(code.name)}</h3>",
        f"<p style='color:gray'>{escape(count)}</p>",
        html_field(_("Definition"), code.definition) or (
            f"<p style='color:gray'>{escape(_('No definition yet: write one before coding.'))}</p>"),
        html_field(_("Include when"), code.include_rule),
        html_field(_("Exclude when"), code.exclude_rule),
        html_field(_("Example"), code.example),
        html_field(_("Keywords"), ", ".join(code.keywords.splitlines())),
        html_field(_("Example phrases"), code.example_phrases),
        html_field(_("Indicators it informs"), "\n".join(indicators)),
    ]
    return "".join(parts)
