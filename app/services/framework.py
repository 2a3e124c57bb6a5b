"""Framework analysis: the analyst's summary of what one participant says about one theme.

One summary per (theme, participant) cell, written by hand while reading the cell's segments.
Summaries are analysis: those of withdrawn participants and of themes in the bin are left out
when read, and cannot be written.
"""

from __future__ import annotations

from app.core.coding import FrameworkCell
from app.i18n import _
from app.store.project import Project


class FrameworkError(ValueError):
    """A summary refused; the message says why."""


def set_summary(project: Project, code_id: str, participant_id: str, text: str,
                author: str = "") -> FrameworkCell | None:
    """Write (or replace) the summary of a cell; blank text clears the cell and returns None."""
    code = project.codes.get(code_id)
    participant = project.participants.get(participant_id)
    if code.deleted_at:
        raise FrameworkError(_("The code “{name}” is in the bin; restore it before summarising it.")
                             .format(name=code.name))
    if participant.is_withdrawn:
        raise FrameworkError(_("Participant {code} withdrew: their words can no longer be summarised.")
                             .format(code=participant.code))
    text = text.strip()
    with project.transaction():
        cell = project.framework_cells.first("code_id = ? AND participant_id = ?", [code_id, participant_id])
        if not text:
            if cell is not None:
                project.framework_cells.delete(cell.id)
                project.audit("framework_summary_cleared", "framework_cell", cell.id, author,
                              code=code.name, participant=participant.code)
            return None
        if cell is None:
            cell = project.framework_cells.insert(
                FrameworkCell(code_id=code_id, participant_id=participant_id, summary=text, author=author))
        elif cell.summary != text or cell.author != author:
            cell.summary, cell.author = text, author
            project.framework_cells.update(cell)
        else:
            return cell
        project.audit("framework_summary_set", "framework_cell", cell.id, author,
                      code=code.name, participant=participant.code)
    return cell


_ANALYSABLE = ("code_id IN (SELECT id FROM code WHERE deleted_at IS NULL) "
               "AND participant_id IN (SELECT id FROM participant WHERE status != 'withdrawn')")


def summaries(project: Project) -> dict[tuple[str, str], FrameworkCell]:
    """(code id, participant id) -> its summary, for the cells that may be analysed."""
    return {(cell.code_id, cell.participant_id): cell for cell in project.framework_cells.find(_ANALYSABLE)}


def summary_of(project: Project, code_id: str, participant_id: str) -> str:
    """One cell's summary, or "" (also for a withdrawn participant or a theme in the bin)."""
    cell = project.framework_cells.first(f"code_id = ? AND participant_id = ? AND {_ANALYSABLE}",
                                         [code_id, participant_id])
    return cell.summary if cell else ""
