"""The workbench's writes, as functions of a project, for the background writer to run.

The workbench makes the ``Coding`` record itself, so that it can draw it before the write; the
checks that need the database (a code binned meanwhile, a participant who withdrew) run here,
in the writer's thread, just before the record is stored.
"""

from __future__ import annotations

from app.core.coding import Coding
from app.i18n import _
from app.services import blind
from app.services.coding import CodingError, full_text_of, remove_coding, set_memo, set_quotable
from app.services.history import Action


def store_coding(coding: Coding) -> Action:
    """Store a coding made on screen, with the checks ``apply_code`` makes."""

    def task(project):
        code = project.codes.get(coding.code_id)
        project.coders.get(coding.coder_id)
        if code.deleted_at:
            raise CodingError(_("The code “{name}” is in the bin; restore it before coding with it.")
                              .format(name=code.name))
        row = project.db.execute(
            "SELECT p.code, p.status FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
            "JOIN participant p ON p.id = iv.participant_id WHERE tr.id = ?", [coding.transcript_id]).fetchone()
        if row is not None and row[1] == "withdrawn":
            raise CodingError(_("Participant {code} withdrew: their words can no longer be coded.")
                              .format(code=row[0]))
        length = len(full_text_of(project, coding.transcript_id))
        if coding.end_offset > length:
            raise CodingError(_("The selection [{start}, {end}) falls outside the transcript, which is {length} "
                                "characters long.").format(start=coding.start_offset, end=coding.end_offset,
                                                           length=length))
        return project.codings.insert(coding)

    return task


def delete_coding(coding_id: str) -> Action:
    return lambda project: remove_coding(project, coding_id)


def write_memo(coding_id: str, memo: str) -> Action:
    return lambda project: set_memo(project, coding_id, memo)


def write_quotable(coding_id: str, quotable: bool) -> Action:
    return lambda project: set_quotable(project, coding_id, quotable)


def write_done(coder_id: str, transcript_id: str, done: bool) -> Action:
    return lambda project: blind.mark_done(project, coder_id, transcript_id, done)
