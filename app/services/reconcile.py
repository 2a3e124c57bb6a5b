"""Reconciling two coders, one passage in disagreement at a time.

A passage in disagreement is a stretch of text where exactly one of the two coders applied a code.
The analyst either keeps it (``adopt``: the other coder gets the same coding over the passage) or
takes it out (``drop``: the coding of the coder who applied it no longer covers the passage; a
coding larger than the passage is trimmed, or split in two around it). Each action is written to
the audit log and returns the steps that undo it, for the global undo history.

While blind coding is on, a passage may be reconciled only once both coders are done with its
transcript, as the agreement screen shows it only then.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.coding import Coding
from app.core.records import new_id
from app.i18n import _
from app.services import blind
from app.services.agreement import Disagreement, coder_id
from app.services.coding import apply_code
from app.services.history import Step, combined
from app.store.project import Project


class ReconcileError(ValueError):
    """A reconciling action refused; the message says why."""


def adopt(project: Project, disagreement: Disagreement, coder_a_name: str, coder_b_name: str,
          actor: str = "") -> list[Step]:
    """Keep the passage: the coder who did not apply the code applies it over the passage too."""
    coded, other = _coders(project, disagreement, coder_a_name, coder_b_name)
    if _covered(_codings(project, disagreement, other), disagreement.start, disagreement.end):
        raise ReconcileError(_("Both coders already applied this code to the whole passage: there is nothing "
                               "left to reconcile here."))
    with project.transaction():
        made = apply_code(project, disagreement.transcript_id, disagreement.start, disagreement.end,
                          disagreement.code_id, other)
        _audit(project, "adopt", disagreement, other, actor)
    label = _("keep a passage of “{code}”").format(code=disagreement.code)
    return [Step(label, undo=_delete(made.id), redo=_insert(made))]


def drop(project: Project, disagreement: Disagreement, coder_a_name: str, coder_b_name: str,
         actor: str = "") -> list[Step]:
    """Take the passage out: the codings of the coder who applied the code stop covering it."""
    coded, _other = _coders(project, disagreement, coder_a_name, coder_b_name)
    start, end = disagreement.start, disagreement.end
    overlapping = [coding for coding in _codings(project, disagreement, coded)
                   if coding.start_offset < end and coding.end_offset > start]
    if not overlapping:
        raise ReconcileError(_("This passage is no longer coded with this code: there is nothing to take out."))
    label = _("take out a passage of “{code}”").format(code=disagreement.code)
    steps: list[Step] = []
    with project.transaction():
        for coding in overlapping:
            steps += _cut(project, coding, start, end, label)
        _audit(project, "drop", disagreement, coded, actor)
    return steps


def one_step(steps: list[Step], label: str = "") -> Step:
    """Several steps as one entry of the history, named after the first unless ``label`` is given."""
    return combined(label or (steps[0].label if steps else ""), steps)


# the pieces --------------------------------------------------------------------------------------
def _coders(project: Project, disagreement: Disagreement, coder_a_name: str, coder_b_name: str) -> tuple[str, str]:
    """(the coder who applied the code, the one who did not), refusing what blind mode hides."""
    id_a, id_b = coder_id(project, coder_a_name), coder_id(project, coder_b_name)
    if disagreement.coded_by not in ("a", "b"):
        raise ReconcileError(f"coded_by must be 'a' or 'b', not {disagreement.coded_by!r}")
    if blind.is_blind(project) and not {id_a, id_b} <= blind.coders_done(project, disagreement.transcript_id):
        raise blind.BlindCodingError(_("Blind coding is on: both coders must be done with this transcript before "
                                       "their codings are compared."))
    return (id_a, id_b) if disagreement.coded_by == "a" else (id_b, id_a)


def _codings(project: Project, disagreement: Disagreement, coder: str) -> list[Coding]:
    return project.codings.find("transcript_id = ? AND code_id = ? AND coder_id = ?",
                                [disagreement.transcript_id, disagreement.code_id, coder],
                                order_by="start_offset, end_offset")


def _covered(codings: list[Coding], start: int, end: int) -> bool:
    """Whether the codings together cover [start, end) without a gap."""
    cursor = start
    for coding in codings:  # sorted by start
        if coding.start_offset > cursor:
            break
        cursor = max(cursor, coding.end_offset)
    return cursor >= end


def _cut(project: Project, coding: Coding, start: int, end: int, label: str) -> list[Step]:
    """Remove [start, end) from one coding: delete it, trim one end, or split it in two."""
    before = replace(coding)
    left = (coding.start_offset, start) if coding.start_offset < start else None
    right = (end, coding.end_offset) if coding.end_offset > end else None
    if left is None and right is None:
        project.codings.delete(coding.id)
        return [Step(label, undo=_insert(before), redo=_delete(coding.id))]
    first = left or right
    trimmed = replace(coding, start_offset=first[0], end_offset=first[1])
    project.codings.update(trimmed)
    steps = [Step(label, undo=_restore(before), redo=_restore(replace(trimmed)))]
    if left and right:
        # The second half is a new coding with the first one's memo and quotable mark.
        second = replace(coding, start_offset=right[0], end_offset=right[1])
        second.id = new_id()
        second.created_at = second.updated_at = trimmed.updated_at
        project.codings.insert(second)
        steps.append(Step(label, undo=_delete(second.id), redo=_insert(second)))
    return steps


def _insert(coding: Coding):
    return lambda project: project.codings.insert(replace(coding))


def _delete(coding_id: str):
    return lambda project: project.codings.delete(coding_id)


def _restore(coding: Coding):
    """Write a coding back as it was, its update time included (``update`` would stamp the time of
    the undo), so that an undone action leaves the project exactly as it found it."""

    def restore(project: Project) -> None:
        project.codings.update(replace(coding))
        project.db.execute("UPDATE coding SET updated_at = ? WHERE id = ?", [coding.updated_at, coding.id])

    return restore


def _audit(project: Project, how: str, disagreement: Disagreement, coder: str, actor: str) -> None:
    project.audit("coding_reconciled", "transcript", disagreement.transcript_id, actor, how=how,
                  code=disagreement.code, code_id=disagreement.code_id, coder_id=coder,
                  start=disagreement.start, end=disagreement.end)
