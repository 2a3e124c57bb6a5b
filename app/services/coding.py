"""Coding transcripts: apply and remove codes, memos, quotable segments, and retrieval.

Offsets are code points of the transcript's full text (its turns joined by a newline),
[start, end). Retrieval leaves out the transcripts of withdrawn participants, codes in the bin,
and codings whose text an edit deleted (anchor "orphaned"), so every segment's offsets slice
the full text to its ``text`` exactly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from app.core.coding import Code, Coding
from app.core.sync import AuditEvent
from app.core.transcripts import TURN_SEPARATOR, full_text
from app.i18n import _
from app.store.project import Project


class CodingError(ValueError):
    """A coding action refused; the message says why."""


@dataclass
class Segment:
    coding_id: str
    transcript_id: str
    start: int
    end: int
    code: str
    coder: str
    text: str
    participant_code: str
    memo: str
    quotable: bool
    code_id: str
    coder_id: str
    transcript_title: str
    territory: str
    profile: str
    wave: str

    def as_row(self) -> dict:
        return asdict(self)


def full_text_of(project: Project, transcript_id: str) -> str:
    return full_text(project.turns_of(transcript_id))


def _participant_of(project: Project, transcript_id: str):
    """The participant a transcript belongs to, or None for a transcript not linked to an interview."""
    row = project.db.execute(
        "SELECT p.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
        "JOIN participant p ON p.id = iv.participant_id WHERE tr.id = ?", [transcript_id]).fetchone()
    return project.participants.get(row[0]) if row else None


# coding actions ----------------------------------------------------------------------------------
def apply_code(project: Project, transcript_id: str, start: int, end: int, code_id: str, coder_id: str,
               memo: str = "") -> Coding:
    project.transcripts.get(transcript_id)
    code = project.codes.get(code_id)
    project.coders.get(coder_id)
    if code.deleted_at:
        raise CodingError(_("The code “{name}” is in the bin; restore it before coding with it.")
                          .format(name=code.name))
    participant = _participant_of(project, transcript_id)
    if participant and participant.is_withdrawn:
        raise CodingError(_("Participant {code} withdrew: their words can no longer be coded.")
                          .format(code=participant.code))
    length = len(full_text_of(project, transcript_id))
    if start >= end:
        raise CodingError(_("Select some text to code: the selection is empty."))
    if start < 0 or end > length:
        raise CodingError(_("The selection [{start}, {end}) falls outside the transcript, which is {length} "
                            "characters long.").format(start=start, end=end, length=length))
    coding = Coding(transcript_id=transcript_id, code_id=code_id, coder_id=coder_id, start_offset=start,
                    end_offset=end, memo=memo)
    return project.codings.insert(coding)


def remove_coding(project: Project, coding_id: str) -> None:
    project.codings.get(coding_id)
    project.codings.delete(coding_id)


def set_memo(project: Project, coding_id: str, memo: str) -> Coding:
    coding = project.codings.get(coding_id)
    coding.memo = memo
    return project.codings.update(coding)


def set_quotable(project: Project, coding_id: str, quotable: bool) -> Coding:
    """Mark a segment as quotable in the report, only when its participant consented to quotes."""
    coding = project.codings.get(coding_id)
    if quotable:
        participant = _participant_of(project, coding.transcript_id)
        if participant is None:
            raise CodingError(_("This transcript is not linked to a participant, so no consent to quotes is "
                                "on record: link it to an interview first."))
        if participant.is_withdrawn:
            raise CodingError(_("Participant {code} withdrew: their words cannot be quoted.")
                              .format(code=participant.code))
        from app.services.participants import current_consent

        consent = current_consent(project, participant.id)
        if consent is None or not consent.scope_quotes:
            raise CodingError(_("Participant {code} did not consent to being quoted: this segment cannot be "
                                "marked as quotable.").format(code=participant.code))
    coding.quotable = bool(quotable)
    return project.codings.update(coding)


# retrieval ---------------------------------------------------------------------------------------
_SEGMENTS = """
    SELECT g.id, g.transcript_id, g.start_offset, g.end_offset, c.name, k.name, coalesce(p.code, ''),
           g.memo, g.quotable, g.code_id, g.coder_id, tr.title, coalesce(t.code, ''), coalesce(p.profile, ''),
           coalesce(w.label, '')
    FROM coding g
    JOIN code c ON c.id = g.code_id
    JOIN coder k ON k.id = g.coder_id
    JOIN transcript tr ON tr.id = g.transcript_id
    LEFT JOIN interview iv ON iv.id = tr.interview_id
    LEFT JOIN participant p ON p.id = iv.participant_id
    LEFT JOIN territory t ON t.id = p.territory_id
    LEFT JOIN wave w ON w.id = iv.wave_id
    WHERE (p.id IS NULL OR p.status != 'withdrawn') AND c.deleted_at IS NULL AND g.anchor_status = 'ok'
"""


def segments(project: Project, code_id: str | None = None, coder_id: str | None = None,
             territory_id: str | None = None, profile: str | None = None,
             wave_id: str | None = None) -> list[Segment]:
    """Coded segments with their text and source, by participant, transcript and position."""
    sql, params = _SEGMENTS, []
    for column, value in (("g.code_id", code_id), ("g.coder_id", coder_id), ("p.territory_id", territory_id),
                          ("p.profile", profile), ("iv.wave_id", wave_id)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    sql += " ORDER BY p.code IS NULL, p.code, tr.title, g.transcript_id, g.start_offset, g.end_offset, c.name"
    rows = project.db.execute(sql, params).fetchall()
    texts = full_texts(project, {row[1] for row in rows})
    return [Segment(coding_id=row[0], transcript_id=row[1], start=row[2], end=row[3], code=row[4], coder=row[5],
                    text=texts.get(row[1], "")[row[2]:row[3]], participant_code=row[6], memo=row[7],
                    quotable=bool(row[8]), code_id=row[9], coder_id=row[10], transcript_title=row[11],
                    territory=row[12], profile=row[13], wave=row[14])
            for row in rows]


def full_texts(project: Project, transcript_ids: set[str]) -> dict[str, str]:
    """Several transcripts' full texts (turns joined by a newline) in a few queries."""
    parts: dict[str, list[str]] = defaultdict(list)
    ids = sorted(transcript_ids)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        for transcript_id, text in project.db.execute(
                f"SELECT transcript_id, text FROM turn WHERE transcript_id IN ({marks}) "
                "ORDER BY transcript_id, position", chunk):
            parts[transcript_id].append(text)
    return {transcript_id: TURN_SEPARATOR.join(texts) for transcript_id, texts in parts.items()}


# the codebook tree -----------------------------------------------------------------------------------------
def live_codes(project: Project) -> list[Code]:
    """The codebook outside the bin, depth first: each parent before its children, by position."""
    codes = project.codes.find("deleted_at IS NULL", order_by="position, name")
    children: dict[str | None, list[Code]] = {}
    ids = {code.id for code in codes}
    for code in codes:
        children.setdefault(code.parent_id if code.parent_id in ids else None, []).append(code)
    ordered: list[Code] = []

    def walk(parent_id):
        for code in children.get(parent_id, []):
            ordered.append(code)
            walk(code.id)

    walk(None)
    return ordered


def binned_codes(project: Project) -> list[Code]:
    return project.codes.find("deleted_at IS NOT NULL", order_by="deleted_at DESC, name")


def code_ancestors(project: Project, code_id: str | None) -> list[str]:
    chain: list[str] = []
    while code_id and code_id not in chain:
        chain.append(code_id)
        code_id = project.codes.get(code_id).parent_id
    return chain


def code_descendants(project: Project, code_id: str) -> list[str]:
    found, frontier = [], [code_id]
    while frontier:
        rows = project.db.execute(f"SELECT id FROM code WHERE parent_id IN ({','.join('?' * len(frontier))})",
                                  frontier).fetchall()
        frontier = [row[0] for row in rows if row[0] not in found]
        found.extend(frontier)
    return found


# the codebook's history --------------------------------------------------------------------------
def codebook_changelog(project: Project) -> list[AuditEvent]:
    """Every codebook edit, oldest first: who, when, what (action ``codebook_*`` in the audit log)."""
    return project.audit_log.find("action LIKE 'codebook\\_%' ESCAPE '\\'", order_by="at, rowid")
