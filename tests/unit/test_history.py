"""Undo and redo of coding actions, headless, on a copy of the demo study."""

from __future__ import annotations

import dataclasses

import pytest

from app.core.coding import Coding
from app.services import coding as coding_service
from app.services.history import History, Step, applied, changed, removed
from app.store.project import Project


def a_coding(project: Project) -> Coding:
    return project.codings.first(order_by="transcript_id, start_offset, id")


def stored(project: Project, coding_id: str) -> tuple | None:
    """A coding as stored, every column but the time of its last change."""
    found = project.codings.first("id = ?", [coding_id])
    if found is None:
        return None
    return tuple(value for key, value in dataclasses.asdict(found).items() if key != "updated_at")


def test_undo_of_an_applied_coding_deletes_it_and_redo_brings_back_the_same_record(demo):
    sample = a_coding(demo)
    coder = demo.coders.first(order_by="name")
    made = coding_service.apply_code(demo, sample.transcript_id, 3, 27, sample.code_id, coder.id, memo="à relire")
    before = stored(demo, made.id)
    history = History()
    history.record(applied(made, "coding “X”"))

    assert history.undo(demo) is not None
    assert stored(demo, made.id) is None
    assert history.redo(demo) is not None
    assert stored(demo, made.id) == before  # same id, same offsets, same memo
    assert not history.can_redo() and history.can_undo()


def test_undo_of_a_removal_restores_the_coding_exactly(demo):
    coding = a_coding(demo)
    before = stored(demo, coding.id)
    count = demo.codings.count()
    coding_service.remove_coding(demo, coding.id)
    history = History()
    history.record(removed(coding, "removal"))

    history.undo(demo)
    assert stored(demo, coding.id) == before
    assert demo.codings.count() == count
    history.redo(demo)
    assert stored(demo, coding.id) is None
    assert demo.codings.count() == count - 1


def test_undo_of_a_memo_writes_the_earlier_memo_back(demo):
    coding = a_coding(demo)
    before = dataclasses.replace(coding)
    after = coding_service.set_memo(demo, coding.id, "Une piste : l’isolement recule ?")
    history = History()
    history.record(changed(before, after, "memo"))

    history.undo(demo)
    assert demo.codings.get(coding.id).memo == before.memo
    history.redo(demo)
    assert demo.codings.get(coding.id).memo == "Une piste : l’isolement recule ?"


def test_steps_are_undone_latest_first_and_a_new_step_forgets_the_redo_stack(demo):
    history = History()
    done: list[str] = []
    for name in ("a", "b", "c"):
        history.record(Step(name, undo=lambda project, n=name: done.append(f"undo {n}"),
                            redo=lambda project, n=name: done.append(f"redo {n}")))
    assert history.undo_label() == "c"
    history.undo(demo)
    history.undo(demo)
    assert done == ["undo c", "undo b"]
    assert history.redo_label() == "b"
    history.redo(demo)
    assert done[-1] == "redo b"
    history.record(Step("d", undo=lambda project: None, redo=lambda project: None))
    assert not history.can_redo()
    assert [history.take_undo().label for _ in range(3)] == ["d", "b", "a"]
    assert history.take_undo() is None


def test_a_step_whose_undo_fails_stays_undoable(demo):
    coding = a_coding(demo)
    history = History()
    history.record(removed(coding, "removal"))  # the coding is still stored: inserting it again fails
    with pytest.raises(Exception):
        history.undo(demo)
    assert history.can_undo() and not history.can_redo()
    assert history.undo_label() == "removal"
    assert demo.codings.count("id = ?", [coding.id]) == 1


def test_take_and_put_back_leave_the_stacks_as_they_were(demo):
    history = History()
    step = history.record(Step("x", undo=lambda project: None, redo=lambda project: None))
    taken = history.take_undo()
    assert taken is step and history.can_redo() and not history.can_undo()
    history.put_back(taken, undone=True)  # its undo failed: back where it was
    assert history.can_undo() and not history.can_redo()
    assert history.undo_label() == "x"
    history.take_undo()
    redone = history.take_redo()
    history.put_back(redone, undone=False)  # its redo failed: it can still be redone
    assert history.can_redo() and history.redo_label() == "x" and not history.can_undo()


def test_the_history_keeps_only_its_limit(demo):
    history = History(limit=3)
    for number in range(5):
        history.record(Step(str(number), undo=lambda project: None, redo=lambda project: None))
    labels = []
    while history.can_undo():
        labels.append(history.take_undo().label)
    assert labels == ["4", "3", "2"]


def test_clear_forgets_everything(demo):
    history = History()
    history.record(Step("x", undo=lambda project: None, redo=lambda project: None))
    history.take_undo()
    history.record(Step("y", undo=lambda project: None, redo=lambda project: None))
    history.clear()
    assert not history.can_undo() and not history.can_redo()
    assert history.undo(demo) is None and history.redo(demo) is None


def test_listeners_hear_every_change_of_the_stacks(demo):
    history = History()
    heard = []
    history.subscribe(lambda: heard.append((history.undo_label(), history.redo_label())))
    history.record(Step("code", undo=lambda project: None, redo=lambda project: None))
    history.undo(demo)
    history.redo(demo)
    history.clear()
    assert heard == [("code", ""), ("", "code"), ("code", ""), ("", "")]
