"""Undo and redo for the analyst's actions: codings, memos on codings, quotable marks, codebook edits.

A ``Step`` is an action already carried out, with what undoes and redoes it. Both take the
project to write to, so that the same step can be replayed on the connection of a background
writer. The history holds no Qt and no reference to a project.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.core.coding import Coding
from app.store.project import Project

Action = Callable[[Project], object]


@dataclass(frozen=True)
class Step:
    label: str  # shown in the Edit menu: "Undo <label>"
    undo: Action
    redo: Action


class History:
    """Two stacks of steps; recording a new step forgets what could be redone."""

    def __init__(self, limit: int = 500):
        self.limit = limit
        self._done: list[Step] = []
        self._undone: list[Step] = []
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` whenever what can be undone or redone changes (to rename the menu items)."""
        self._listeners.append(listener)

    def _notify(self) -> None:
        for listener in self._listeners:
            listener()

    def record(self, step: Step) -> Step:
        self._done.append(step)
        del self._done[:-self.limit]
        self._undone.clear()
        self._notify()
        return step

    def can_undo(self) -> bool:
        return bool(self._done)

    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_label(self) -> str:
        return self._done[-1].label if self._done else ""

    def redo_label(self) -> str:
        return self._undone[-1].label if self._undone else ""

    def take_undo(self) -> Step | None:
        """The step to undo, moved to the redo stack; the caller runs ``step.undo``."""
        if not self._done:
            return None
        step = self._done.pop()
        self._undone.append(step)
        self._notify()
        return step

    def take_redo(self) -> Step | None:
        if not self._undone:
            return None
        step = self._undone.pop()
        self._done.append(step)
        self._notify()
        return step

    def put_back(self, step: Step, undone: bool) -> None:
        """Return a step whose undo (or redo) failed to where it was, so that nothing is lost."""
        source, target = (self._undone, self._done) if undone else (self._done, self._undone)
        if source and source[-1] is step:
            source.pop()
            target.append(step)
            self._notify()

    def undo(self, project: Project) -> Step | None:
        step = self.take_undo()
        if step is not None:
            try:
                step.undo(project)
            except Exception:
                self.put_back(step, undone=True)
                raise
        return step

    def redo(self, project: Project) -> Step | None:
        step = self.take_redo()
        if step is not None:
            try:
                step.redo(project)
            except Exception:
                self.put_back(step, undone=False)
                raise
        return step

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._notify()


def combined(label: str, steps: Sequence[Step]) -> Step:
    """Several steps as one entry of the history, in one transaction: undone last first, redone in order."""
    steps = list(steps)

    def undo(project: Project) -> None:
        with project.transaction():
            for step in reversed(steps):
                step.undo(project)

    def redo(project: Project) -> None:
        with project.transaction():
            for step in steps:
                step.redo(project)

    return Step(label, undo=undo, redo=redo)


# steps for coding actions ----------------------------------------------------------------------------
def _insert(coding: Coding) -> Action:
    return lambda project: project.codings.insert(coding)


def _delete(coding_id: str) -> Action:
    return lambda project: project.codings.delete(coding_id)


def applied(coding: Coding, label: str) -> Step:
    """The step for a coding just made: undo deletes it, redo stores it again with the same id."""
    return Step(label, undo=_delete(coding.id), redo=_insert(coding))


def removed(coding: Coding, label: str) -> Step:
    """The step for a coding just removed (``coding`` as it was): undo stores it again."""
    return Step(label, undo=_insert(coding), redo=_delete(coding.id))


def changed(before: Coding, after: Coding, label: str) -> Step:
    """The step for an edited coding (memo, quotable mark): undo writes the earlier version back."""
    return Step(label, undo=lambda project: project.codings.update(before),
                redo=lambda project: project.codings.update(after))
