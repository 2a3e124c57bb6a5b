"""The memos on one object (the study, a code, a transcript, a participant…): a list and an editor.

Another area embeds it beside what it shows and calls ``show_target``. What is typed is saved by
the Save button (Ctrl+S), and otherwise when the analyst moves to another memo, another object,
or leaves the panel: nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.coding import Memo
from app.i18n import N_, _, ngettext
from app.services import memos
from app.store.project import Project
from app.ui.areas.base import SPACING, fit_columns, fit_height, heading, make_table, muted
from app.ui.formatting import format_date
from app.ui.memos.editor import MemoEditor
from app.ui.models.base import Column, RowsModel, text_or_dash

LIST_ROWS = 6


class MemoListModel(RowsModel):
    columns = (
        Column(N_("Title"), lambda memo: memo.title or _("(untitled)")),
        Column(N_("Date"), lambda memo: format_date(memo.written_on), sort=lambda memo: memo.written_on),
        Column(N_("Author"), lambda memo: text_or_dash(memo.author)),
    )


class MemoPanel(QWidget):
    """``changed`` after any write; ``step_made`` carries the undo Step of a deletion."""

    changed = Signal()
    step_made = Signal(object)

    def __init__(self, parent: QWidget | None = None, author: str = ""):
        super().__init__(parent)
        self._project: Project | None = None
        self._author = author
        self._target: tuple[str, str | None] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)

        top = QHBoxLayout()
        self.title_label = heading(_("Memos"), 2)
        top.addWidget(self.title_label, 1)
        self.new_button = QPushButton(_("New memo"))
        self.new_button.setToolTip(_("Write another memo on the same object: several memos per object are fine."))
        self.new_button.clicked.connect(self.new_memo)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.count_label = muted()
        layout.addWidget(self.count_label)

        self.model = MemoListModel()
        self.view = make_table(self.model, sortable=False)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        layout.addWidget(self.view)

        self.editor = MemoEditor()
        self.editor.saved.connect(self._saved)
        self.editor.deleted.connect(self._deleted)
        self.editor.step_made.connect(self.step_made)
        layout.addWidget(self.editor, 1)
        self.setEnabled(False)

    # the object -------------------------------------------------------------------------------
    def set_author(self, author: str) -> None:
        """Who writes from now on (the coder chosen at start-up)."""
        self._author = author
        self.editor.set_context(self._project, author)

    def show_target(self, project: Project, kind: str, target_id: str | None, label: str) -> None:
        """Show the memos on one object; ``label`` names it (a code's name, a participant's code)."""
        self.save_pending()
        self._project, self._target = project, (kind, target_id)
        self.editor.set_context(project, self._author)
        self.title_label.setText(_("Memos — {label}").format(label=label))
        self.setEnabled(True)
        self._reload()
        if self.model.rowCount():
            self._select(0)
        else:
            self.editor.start_new(kind, target_id)

    def save_pending(self) -> bool:
        """Store what is being typed; the main window calls it before closing the project."""
        return self.editor.save()

    def new_memo(self) -> None:
        if self._target is None or not self.save_pending():
            return
        self.view.selectionModel().clearSelection()
        self.editor.start_new(*self._target)

    # the list ---------------------------------------------------------------------------------
    def _reload(self, select_id: str | None = None) -> None:
        rows = memos.memos_of(self._project, *self._target) if self._project and self._target else []
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(rows)
        self.view.selectionModel().blockSignals(False)
        self.count_label.setText(
            ngettext("{n} memo, newest first.", "{n} memos, newest first.", len(rows)).format(n=len(rows))
            if rows else _("No memo yet: write the first one below."))
        fit_columns(self.view, stretch=(0,))
        fit_height(self.view, max_rows=LIST_ROWS)
        if select_id:
            ids = [memo.id for memo in rows]
            if select_id in ids:
                self._select(ids.index(select_id), show=False)

    def _select(self, row: int, show: bool = True) -> None:
        selection = self.view.selectionModel()
        selection.blockSignals(not show)
        index = self.view.model().index(row, 0)
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        selection.blockSignals(False)
        if show:
            self._show_row(row)

    def _current_changed(self, current, previous) -> None:
        if not current.isValid():
            return
        if not self.save_pending():
            # The memo being typed could not be stored: stay on it so that the analyst can fix it.
            self._reselect_editor_memo()
            return
        self._show_row(current.row())

    def _show_row(self, row: int) -> None:
        memo: Memo = self.model.row_at(row)
        self.editor.show_memo(self._project.memos.get(memo.id))

    def _reselect_editor_memo(self) -> None:
        current = self.editor.memo()
        ids = [memo.id for memo in self.model.rows()]
        self.view.selectionModel().blockSignals(True)
        if current is not None and current.id in ids:
            self._select(ids.index(current.id), show=False)
        else:
            self.view.selectionModel().clearSelection()
        self.view.selectionModel().blockSignals(False)

    # after a write ----------------------------------------------------------------------------
    def _saved(self, memo_id: str) -> None:
        self._reload(select_id=memo_id)
        self.changed.emit()

    def _deleted(self, _memo_id: str) -> None:
        self._reload()
        if self.model.rowCount():
            self._select(0)
        elif self._target is not None:
            self.editor.start_new(*self._target)
        self.changed.emit()

    def hideEvent(self, event) -> None:
        self.save_pending()
        super().hideEvent(event)
