"""What the codebook panel's commands do: each edit goes through ``app.services.codebook``, is
recorded as an undoable step, and the panel is read again.

Dialogs open window-modal with ``open()`` rather than ``exec()``: the panel keeps the one open in
``self.dialog``, and the edit happens when its OK button is pressed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from app.i18n import _
from app.services import codebook, codebook_steps
from app.services.coding import code_descendants, live_codes
from app.services.history import History, Step
from app.store.project import Project
from app.ui.codebook.code_dialog import PALETTE, CodeDialog, CodeValues
from app.ui.codebook.merge_split import MergeDialog, SplitDialog, SplitValues


class CodebookEdits:
    """Mixed into ``CodebookPanel``, which provides the project, the actor, the tree and ``reload``."""

    project: Project | None
    actor: str
    history: History
    dialog: QDialog | None

    # helpers -----------------------------------------------------------------------------------
    def _record(self, step: Step, select: str | None = None) -> None:
        """An edit was stored: remember how to undo it, show it, tell the window."""
        self.history.record(step)
        self.reload(select)
        self._update_undo_actions()
        self.changed.emit()

    def _attempt(self, edit: Callable[[], Step], select: Callable[[], str | None] | None = None) -> bool:
        """Run an edit that may be refused; a refusal is explained and changes nothing."""
        try:
            step = edit()
        except codebook.CodebookError as error:
            QMessageBox.information(self, _("The codebook was not changed"), str(error))
            self.reload(self.tree.current_code_id())
            return False
        self._record(step, select() if select else self.tree.current_code_id())
        return True

    def _open(self, dialog: QDialog) -> QDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _result, shown=dialog: self._dialog_closed(shown))
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _current(self):
        code_id = self.tree.current_code_id()
        return self.project.codes.get(code_id) if self.project is not None and code_id else None

    # new and edit ------------------------------------------------------------------------------
    def new_theme(self) -> QDialog | None:
        return self._new_code(None)

    def new_subtheme(self) -> QDialog | None:
        parent = self._current()
        return self._new_code(parent) if parent is not None else None

    def _new_code(self, parent) -> QDialog | None:
        if self.project is None:
            return None
        project, actor = self.project, self.actor
        used = {code.colour for code in live_codes(project)}
        # A sub-theme in its parent's family of colours; a theme in a colour not used yet.
        colour = (codebook.related_colour(parent.colour) if parent
                  else next((c for c in PALETTE if c not in used), PALETTE[0]))
        title = (_("New sub-theme of “{name}”").format(name=parent.name) if parent else _("New theme"))

        def save(values: CodeValues) -> None:
            with project.transaction():
                code = codebook.add_code(project, parent_id=parent.id if parent else None, actor=actor,
                                         **values.fields())
                codebook.set_code_indicators(project, code.id, values.indicator_ids, actor=actor)
            self._record(codebook_steps.added(code, values.indicator_ids, actor=actor), code.id)

        return self._open(CodeDialog(save, project.indicators.find(order_by="position"), title=title,
                                     colour=colour, parent=self))

    def edit_current(self) -> QDialog | None:
        code = self._current()
        if code is None:
            return None
        project, actor = self.project, self.actor
        linked = codebook.indicator_ids_of(project, code.id)

        def save(values: CodeValues) -> None:
            with project.transaction():
                after = codebook.update_code(project, code.id, actor=actor, **values.fields())
                codebook.set_code_indicators(project, code.id, values.indicator_ids, actor=actor)
            self._record(codebook_steps.updated(code, after, linked, values.indicator_ids, actor=actor), code.id)

        title = _("Edit “{name}”").format(name=code.name)
        return self._open(CodeDialog(save, project.indicators.find(order_by="position"), code=code, linked=linked,
                                     title=title, parent=self))

    # merge and split ---------------------------------------------------------------------------
    def merge_current(self) -> QDialog | None:
        source = self._current()
        if source is None:
            return None
        project, actor = self.project, self.actor
        excluded = {source.id, *code_descendants(project, source.id)}
        depth: dict[str | None, int] = {None: -1}
        candidates = []
        for code in live_codes(project):
            depth[code.id] = depth.get(code.parent_id, -1) + 1
            if code.id not in excluded:
                candidates.append((code, depth[code.id]))

        def save(target_id: str) -> None:
            if not target_id:
                raise codebook.CodebookError(_("Choose the theme to merge into."))
            target = project.codes.get(target_id)
            details = codebook.merge_details(project, source.id, target.id)
            codebook.merge_codes(project, source.id, target.id, actor=actor)
            self._record(codebook_steps.merged(details, source.name, target.name, actor=actor), target.id)

        codings = project.codings.count("code_id = ?", [source.id])
        return self._open(MergeDialog(save, source, codings, candidates, parent=self))

    def split_current(self) -> QDialog | None:
        source = self._current()
        if source is None:
            return None
        project, actor = self.project, self.actor

        def save(values: SplitValues) -> None:
            new = codebook.split_code(project, source.id, values.name, values.coding_ids, actor=actor,
                                      colour=values.colour)
            self._record(codebook_steps.split(source.id, source.name, new, values.coding_ids, actor=actor), new.id)

        return self._open(SplitDialog(save, source, codebook.split_candidates(project, source.id, actor),
                                      codebook.related_colour(source.colour), parent=self))

    # bin ---------------------------------------------------------------------------------------
    def bin_current(self) -> bool:
        code = self._current()
        if code is None:
            return False
        project, actor = self.project, self.actor
        neighbour = self._neighbour_of(code.id)

        def edit() -> Step:
            codebook.delete_code(project, code.id, actor=actor)
            return codebook_steps.binned(code.id, code.name, actor=actor)

        return self._attempt(edit, lambda: neighbour)

    def restore(self, code_id: str) -> bool:
        if self.project is None:
            return False
        project, actor = self.project, self.actor
        name = project.codes.get(code_id).name

        def edit() -> Step:
            codebook.restore_code(project, code_id, actor=actor)
            return codebook_steps.restored(code_id, name, actor=actor)

        return self._attempt(edit, lambda: code_id)

    def _neighbour_of(self, code_id: str) -> str | None:
        """The code to select once ``code_id`` has gone: the next one shown, else the one before."""
        shown = self.tree.code_ids()
        gone = {code_id, *code_descendants(self.project, code_id)}
        index = shown.index(code_id) if code_id in shown else 0
        after = [c for c in shown[index:] if c not in gone]
        before = [c for c in shown[:index] if c not in gone]
        return (after or before[-1:] or [None])[0]

    # moving ------------------------------------------------------------------------------------
    def move(self, code_id: str, parent_id: str | None, position: int) -> bool:
        """Re-parent and reorder a code (from a drop in the tree); a cycle is refused with a message."""
        if self.project is None:
            return False
        project, actor = self.project, self.actor
        code = project.codes.get(code_id)

        def edit() -> Step:
            parents = {code.parent_id, parent_id}
            before = codebook.placements(project, parents)
            codebook.move_code(project, code_id, parent_id, position, actor=actor)
            return codebook_steps.moved(code_id, code.name, before, codebook.placements(project, parents), actor=actor)

        return self._attempt(edit, lambda: code_id)

    def _move_dropped(self, code_id: str, parent_id: str | None, position: int) -> None:
        # Once the drop has finished: the drag still holds the items it started from.
        QTimer.singleShot(0, lambda: self.move(code_id, parent_id, position))

    # undo --------------------------------------------------------------------------------------
    def undo(self) -> bool:
        return self._replay(self.history.undo)

    def redo(self) -> bool:
        return self._replay(self.history.redo)

    def _replay(self, run: Callable[[Project], Step | None]) -> bool:
        if self.project is None:
            return False
        current = self.tree.current_code_id()
        try:
            step = run(self.project)
        except codebook.CodebookError as error:
            QMessageBox.information(self, _("The codebook was not changed"), str(error))
            return False
        self.reload(current)
        self._update_undo_actions()
        if step is not None:
            self.changed.emit()
        return step is not None
