"""Blind double coding: while it is on, a coder does not see another coder's codings on a
transcript until both have marked their pass on that transcript done.

Each coder's pass over a transcript is a ``coding_pass`` row; ``done_at`` is set when the coder
says they are done, and cleared if they reopen it. Turning blind mode off shows everything again.
"""

from __future__ import annotations

from app.core.coding import CodingPass
from app.core.records import utc_now
from app.i18n import _
from app.store.project import Project


class BlindCodingError(ValueError):
    """A blind-coding action refused; the message says why."""


def is_blind(project: Project) -> bool:
    return project.study().blind_coding


def set_blind(project: Project, on: bool, actor: str = "") -> None:
    study = project.study()
    if study.blind_coding == bool(on):
        return
    study.blind_coding = bool(on)
    with project.transaction():
        project.studies.update(study)
        project.audit("blind_coding_on" if on else "blind_coding_off", "study", study.id, actor)


def coding_pass(project: Project, coder_id: str, transcript_id: str) -> CodingPass | None:
    return project.coding_passes.first("coder_id = ? AND transcript_id = ?", [coder_id, transcript_id])


def is_done(project: Project, coder_id: str, transcript_id: str) -> bool:
    found = coding_pass(project, coder_id, transcript_id)
    return bool(found and found.done_at)


def mark_done(project: Project, coder_id: str, transcript_id: str, done: bool = True) -> CodingPass:
    """Say that ``coder_id`` finished (or, with ``done=False``, reopened) their pass on a transcript."""
    coder = project.coders.get(coder_id)
    project.transcripts.get(transcript_id)
    found = coding_pass(project, coder_id, transcript_id)
    with project.transaction():
        if found is None:
            found = project.coding_passes.insert(CodingPass(coder_id=coder_id, transcript_id=transcript_id,
                                                            done_at=utc_now() if done else None))
        else:
            found.done_at = (found.done_at or utc_now()) if done else None
            found = project.coding_passes.update(found)
        project.audit("coding_pass_done" if done else "coding_pass_reopened", "transcript", transcript_id,
                      coder.name)
    return found


def coders_done(project: Project, transcript_id: str) -> set[str]:
    rows = project.db.execute("SELECT coder_id FROM coding_pass WHERE transcript_id = ? AND done_at IS NOT NULL",
                              [transcript_id]).fetchall()
    return {row[0] for row in rows}


def visible_coder_ids(project: Project, transcript_id: str, viewer_id: str) -> set[str] | None:
    """Whose codings ``viewer_id`` may see on a transcript: None means everyone's.

    In blind mode a coder always sees their own codings, and another coder's only once both of
    them are done with the transcript.
    """
    if not is_blind(project):
        return None
    coders = {row[0] for row in project.db.execute(
        "SELECT DISTINCT coder_id FROM coding WHERE transcript_id = ?", [transcript_id]).fetchall()}
    done = coders_done(project, transcript_id)
    visible = {viewer_id}
    if viewer_id in done:
        visible |= coders & done
    return visible


def hidden_message(project: Project, transcript_id: str, viewer_id: str) -> str:
    """A sentence for the coder saying whose codings are hidden and why, or "" when none are."""
    visible = visible_coder_ids(project, transcript_id, viewer_id)
    if visible is None:
        return ""
    hidden = project.db.execute(
        f"SELECT count(DISTINCT coder_id) FROM coding WHERE transcript_id = ? "
        f"AND coder_id NOT IN ({','.join('?' * len(visible))})", [transcript_id, *sorted(visible)]).fetchone()[0]
    if not hidden:
        return ""
    if viewer_id in coders_done(project, transcript_id):
        return _("Blind coding: the other coder's codings stay hidden until they are done with this transcript too.")
    return _("Blind coding: the other coder's codings stay hidden until you are both done with this transcript.")


def require_not_blind_for(project: Project, viewer_id: str, other_id: str, transcript_id: str) -> None:
    """Refuse to show a coder another's codings that blind mode hides (agreement, reconciling)."""
    visible = visible_coder_ids(project, transcript_id, viewer_id)
    if visible is not None and other_id not in visible:
        raise BlindCodingError(_("Blind coding is on: both coders must be done with this transcript before "
                                 "their codings are compared."))
