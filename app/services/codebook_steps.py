"""Undo and redo for codebook edits: one ``Step`` per edit made in the codebook editor.

Every undo and redo goes through a function of ``app.services.codebook``, so the changelog
records it like any other edit and the report's account of the codebook stays whole. A step holds
what it needs to put things back exactly (ids, the record as it was, the places of the siblings),
never a project: it runs on whichever project it is given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from app.core.coding import Code
from app.i18n import _
from app.services import codebook
from app.services.codebook import MergeDetails, Placement
from app.services.history import Step
from app.store.project import Project

# Fields the code dialog edits, in the order update_code takes them.
_EDITED = codebook.EDITABLE


def added(code: Code, indicator_ids: Iterable[str] = (), actor: str = "") -> Step:
    """A code just created (``code`` as stored), with the indicators it was linked to."""
    record, links = replace(code), sorted(indicator_ids)

    def undo(project: Project) -> None:
        with project.transaction():
            codebook.set_code_indicators(project, record.id, [], actor=actor)
            codebook.discard_new_code(project, record.id, actor=actor)

    def redo(project: Project) -> None:
        with project.transaction():
            codebook.readd_code(project, replace(record), actor=actor)
            codebook.set_code_indicators(project, record.id, links, actor=actor)

    return Step(_("new code “{name}”").format(name=code.name), undo=undo, redo=redo)


def updated(before: Code, after: Code, indicators_before: Iterable[str] | None = None,
            indicators_after: Iterable[str] | None = None, actor: str = "") -> Step:
    """A code edited (fields, and the indicator links when given): undo writes the old values back."""
    old = {name: getattr(before, name) for name in _EDITED}
    new = {name: getattr(after, name) for name in _EDITED}
    links_before = None if indicators_before is None else sorted(indicators_before)
    links_after = None if indicators_after is None else sorted(indicators_after)

    def write(values: dict, links: list[str] | None):
        def run(project: Project) -> None:
            with project.transaction():
                codebook.update_code(project, before.id, actor=actor, **values)
                if links is not None:
                    codebook.set_code_indicators(project, before.id, links, actor=actor)
        return run

    return Step(_("edit of “{name}”").format(name=after.name), undo=write(old, links_before),
                redo=write(new, links_after))


def moved(code_id: str, name: str, before: dict[str, Placement], after: dict[str, Placement],
          actor: str = "") -> Step:
    """A code re-parented or reordered. ``before`` and ``after`` are ``codebook.placements`` of
    the old and the new parent's children, read before and after the move, so that undo gives
    every sibling its exact place back."""
    before, after = dict(before), dict(after)
    return Step(_("move of “{name}”").format(name=name),
                undo=lambda project: codebook.place_codes(project, code_id, before, actor=actor),
                redo=lambda project: codebook.place_codes(project, code_id, after, actor=actor))


def binned(code_id: str, name: str, actor: str = "") -> Step:
    """A code (and its sub-codes) put in the bin: undo restores them with their codings."""
    return Step(_("“{name}” to the bin").format(name=name),
                undo=lambda project: codebook.restore_code(project, code_id, actor=actor),
                redo=lambda project: codebook.delete_code(project, code_id, actor=actor))


def restored(code_id: str, name: str, actor: str = "") -> Step:
    """A code taken out of the bin: undo puts it back there."""
    return Step(_("restore of “{name}”").format(name=name),
                undo=lambda project: codebook.delete_code(project, code_id, actor=actor),
                redo=lambda project: codebook.restore_code(project, code_id, actor=actor))


def merged(details: MergeDetails, source_name: str, target_name: str, actor: str = "") -> Step:
    """Two codes merged; ``details`` read with ``codebook.merge_details`` before merging. Undo gives
    the source back the exact codings, sub-codes and indicator links it had."""
    return Step(_("merge of “{source}” into “{target}”").format(source=source_name, target=target_name),
                undo=lambda project: codebook.unmerge_codes(project, details, actor=actor),
                redo=lambda project: codebook.merge_codes(project, details.source_id, details.target_id,
                                                          actor=actor))


def split(source_id: str, source_name: str, new_code: Code, coding_ids: Iterable[str], actor: str = "") -> Step:
    """A code split (``new_code`` as stored by ``split_code``): undo gives the codings back to the
    source and removes the new code; redo makes the same code again."""
    record, chosen = replace(new_code), sorted(coding_ids)
    return Step(_("split of “{name}”").format(name=source_name),
                undo=lambda project: codebook.unsplit_code(project, source_id, record.id, chosen, actor=actor),
                redo=lambda project: codebook.split_into(project, source_id, replace(record), chosen, actor=actor))
