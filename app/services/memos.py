"""Memos on the study, a code, a transcript, a participant, an interview or a coded segment, and the
analytic journal that gathers them by date.

An object may carry several memos. The journal says what each memo is about in words an analyst
reads at a glance (a code's name, a transcript's title, a participant's code): never a real name,
since identities stay in their own store. Memos about a participant who withdrew, or about their
interviews, transcripts and coded segments, are left out of the journal, as their words are left
out of the analysis; they are kept in the file, not deleted, until the participant is erased.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date

from app.core.coding import MEMO_TARGETS, Memo
from app.i18n import N_, _
from app.services.history import Step
from app.store.errors import RecordNotFoundError
from app.store.project import Project

# How each kind of target is named in lists and filters; translated where shown.
KIND_LABELS = {
    "project": N_("Study"),
    "code": N_("Code"),
    "transcript": N_("Transcript"),
    "participant": N_("Participant"),
    "interview": N_("Interview"),
    "coding": N_("Coded segment"),
}


class MemoError(ValueError):
    """A memo refused; the message says why and what to do."""


@dataclass(frozen=True)
class JournalEntry:
    """One memo in the analytic journal, with a readable label of what it is about."""

    memo_id: str
    written_on: str
    title: str
    body: str
    author: str
    target_kind: str
    target_id: str | None
    about: str

    def as_json(self) -> dict:
        return asdict(self)


# what a memo is about ------------------------------------------------------------------------------
def _withdrawn_participant_of_transcript(project: Project, transcript_id: str) -> str | None:
    row = project.db.execute(
        "SELECT p.code FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
        "JOIN participant p ON p.id = iv.participant_id WHERE tr.id = ? AND p.status = 'withdrawn'",
        [transcript_id]).fetchone()
    return row[0] if row else None


def _check_target(project: Project, kind: str, target_id: str | None) -> None:
    """Refuse a target that does not exist, or whose participant withdrew."""
    if kind not in MEMO_TARGETS:
        raise MemoError(_("A memo can be written on the study, a code, a transcript, a participant, an interview "
                          "or a coded segment, not on “{kind}”.").format(kind=kind))
    if kind == "project":
        if target_id is not None:
            raise MemoError(_("A memo on the study is about the whole study: it takes no target."))
        return
    if not target_id:
        raise MemoError(_("Say what the memo is about ({kind}).").format(kind=_(KIND_LABELS[kind]).lower()))
    table = {"code": project.codes, "transcript": project.transcripts, "participant": project.participants,
             "interview": project.interviews, "coding": project.codings}[kind]
    try:
        target = table.get(target_id)
    except RecordNotFoundError:
        raise MemoError(_("Nothing of the kind “{kind}” has the id {id} in this study.").format(
            kind=_(KIND_LABELS[kind]).lower(), id=target_id)) from None
    withdrawn = None
    if kind == "participant" and target.is_withdrawn:
        withdrawn = target.code
    elif kind == "interview":
        participant = project.participants.get(target.participant_id)
        withdrawn = participant.code if participant.is_withdrawn else None
    elif kind in ("transcript", "coding"):
        withdrawn = _withdrawn_participant_of_transcript(project, target_id if kind == "transcript"
                                                          else target.transcript_id)
    if withdrawn:
        raise MemoError(_("Participant {code} withdrew: nothing more is written about their words.")
                        .format(code=withdrawn))


def _check_date(written_on: str) -> str:
    try:
        return date.fromisoformat(written_on).isoformat()
    except (TypeError, ValueError):
        raise MemoError(_("“{value}” is not a date: write it as YYYY-MM-DD, for example 2025-06-03.")
                        .format(value=written_on)) from None


def _check_text(title: str, body: str) -> None:
    if not title.strip() and not body.strip():
        raise MemoError(_("A memo needs a title or some text."))


# writing -------------------------------------------------------------------------------------------
def add_memo(project: Project, target_kind: str, target_id: str | None, title: str, body: str, author: str,
             written_on: str | None = None) -> Memo:
    """Write a new memo on an object (``target_id`` None for the study); dated today unless told."""
    _check_target(project, target_kind, target_id)
    _check_text(title, body)
    memo = Memo(study_id=project.study().id, target_kind=target_kind, target_id=target_id, title=title.strip(),
                body=body, author=author.strip(), written_on=_check_date(written_on or date.today().isoformat()))
    with project.transaction():
        project.memos.insert(memo)
        project.audit("memo_added", "memo", memo.id, actor=memo.author, target_kind=target_kind,
                      target_id=target_id, title=memo.title)
    return memo


def update_memo(project: Project, memo_id: str, *, title: str | None = None, body: str | None = None,
                written_on: str | None = None, author: str | None = None, actor: str = "") -> Memo:
    """Change a memo's title, text, date or author; the audit log names the fields changed."""
    memo = project.memos.get(memo_id)
    changes = {"title": None if title is None else title.strip(), "body": body,
               "written_on": None if written_on is None else _check_date(written_on),
               "author": None if author is None else author.strip()}
    after = replace(memo, **{field: value for field, value in changes.items() if value is not None})
    _check_text(after.title, after.body)
    changed = sorted(field for field in changes if getattr(after, field) != getattr(memo, field))
    if not changed:
        return memo
    with project.transaction():
        project.memos.update(after)
        project.audit("memo_updated", "memo", memo.id, actor=actor or after.author, fields=changed)
    return after


def delete_memo(project: Project, memo_id: str, actor: str = "") -> Step:
    """Delete a memo; the step returned puts it back (same id, same dates) on undo."""
    memo = project.memos.get(memo_id)
    with project.transaction():
        project.memos.delete(memo_id)
        project.audit("memo_deleted", "memo", memo.id, actor=actor, target_kind=memo.target_kind,
                      target_id=memo.target_id, title=memo.title)
    label = _("delete the memo “{title}”").format(title=memo.title or _("untitled"))
    return Step(label, undo=lambda target: target.memos.insert(memo),
                redo=lambda target: target.memos.delete(memo.id))


# reading -------------------------------------------------------------------------------------------
def memos_of(project: Project, target_kind: str, target_id: str | None) -> list[Memo]:
    """The memos on one object, newest first."""
    if target_kind == "project":
        return project.memos.find("target_kind = 'project'", order_by="written_on DESC, created_at DESC")
    return project.memos.find("target_kind = ? AND target_id = ?", [target_kind, target_id],
                              order_by="written_on DESC, created_at DESC")


def _hidden_targets(project: Project) -> set[tuple[str, str]]:
    """(kind, id) of everything that belongs to a withdrawn participant."""
    hidden: set[tuple[str, str]] = set()
    rows = project.db.execute(
        "SELECT p.id, iv.id, tr.id FROM participant p LEFT JOIN interview iv ON iv.participant_id = p.id "
        "LEFT JOIN transcript tr ON tr.interview_id = iv.id WHERE p.status = 'withdrawn'").fetchall()
    transcripts = set()
    for participant_id, interview_id, transcript_id in rows:
        hidden.add(("participant", participant_id))
        if interview_id:
            hidden.add(("interview", interview_id))
        if transcript_id:
            hidden.add(("transcript", transcript_id))
            transcripts.add(transcript_id)
    if transcripts:
        marks = ",".join("?" * len(transcripts))
        for (coding_id,) in project.db.execute(f"SELECT id FROM coding WHERE transcript_id IN ({marks})",
                                               sorted(transcripts)):
            hidden.add(("coding", coding_id))
    return hidden


def describe_target(project: Project, kind: str, target_id: str | None) -> str:
    """What a memo is about, in a few words: a code's name, a transcript's title, a participant's code."""
    if kind == "project":
        return _("The whole study")
    try:
        if kind == "code":
            code = project.codes.get(target_id)
            wording = _("Code “{name}” (in the bin)") if code.deleted_at else _("Code “{name}”")
            return wording.format(name=code.name)
        if kind == "transcript":
            return _("Transcript {title}").format(title=project.transcripts.get(target_id).title)
        if kind == "participant":
            return _("Participant {code}").format(code=project.participants.get(target_id).code)
        if kind == "interview":
            interview = project.interviews.get(target_id)
            code = project.participants.get(interview.participant_id).code
            when = (interview.started_at or "")[:10]
            return (_("Interview with {code} on {date}").format(code=code, date=when) if when
                    else _("Interview with {code}").format(code=code))
        if kind == "coding":
            coding = project.codings.get(target_id)
            return _("Segment coded “{code}” in {title}").format(
                code=project.codes.get(coding.code_id).name, title=project.transcripts.get(coding.transcript_id).title)
    except RecordNotFoundError:
        pass
    return _("Something since deleted ({kind})").format(kind=_(KIND_LABELS.get(kind, kind)).lower())


def journal(project: Project, since: str | None = None, until: str | None = None, author: str | None = None,
            kind: str | None = None) -> list[JournalEntry]:
    """The analytic journal: every memo by date, oldest first, each saying what it is about.

    ``since`` and ``until`` are ISO dates, both included. Memos about a withdrawn participant or
    anything of theirs are left out.
    """
    where, params = [], []
    for clause, value in (("written_on >= ?", since and _check_date(since)),
                          ("written_on <= ?", until and _check_date(until)),
                          ("author = ?", author), ("target_kind = ?", kind)):
        if value:
            where.append(clause)
            params.append(value)
    memos = project.memos.find(" AND ".join(where), params, order_by="written_on, created_at")
    hidden = _hidden_targets(project)
    labels: dict[tuple[str, str | None], str] = {}
    entries = []
    for memo in memos:
        target = (memo.target_kind, memo.target_id)
        if target in hidden:
            continue
        if target not in labels:
            labels[target] = describe_target(project, *target)
        entries.append(JournalEntry(memo_id=memo.id, written_on=memo.written_on, title=memo.title, body=memo.body,
                                    author=memo.author, target_kind=memo.target_kind, target_id=memo.target_id,
                                    about=labels[target]))
    return entries


def authors(project: Project) -> list[str]:
    """Everyone who wrote a memo, for the journal's filter."""
    return [row[0] for row in project.db.execute(
        "SELECT DISTINCT author FROM memo WHERE author != '' ORDER BY author")]


# naming a target on the command line --------------------------------------------------------------
def resolve_target(project: Project, spec: str) -> tuple[str, str | None]:
    """``project``, ``code:NAME``, ``transcript:TITLE`` or ``participant:CODE`` as (kind, id)."""
    kind, _colon, name = spec.partition(":")
    kind, name = kind.strip(), name.strip()
    if kind == "project" and not name:
        return "project", None
    lookups = {
        "code": (project.codes, "name = ? AND deleted_at IS NULL", N_("No code named “{name}” in this study.")),
        "transcript": (project.transcripts, "title = ?", N_("No transcript titled “{name}” in this study.")),
        "participant": (project.participants, "code = ?", N_("No participant with the code {name} in this study.")),
    }
    if kind not in lookups or not name:
        raise MemoError(_("Say what the memo is about as project, code:NAME, transcript:TITLE or participant:CODE, "
                          "not “{spec}”.").format(spec=spec))
    table, where, missing = lookups[kind]
    found = table.first(where, [name])
    if found is None:
        raise MemoError(_(missing).format(name=name))
    return kind, found.id
