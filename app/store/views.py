"""Read-only queries behind the lists and the dashboard: joins flattened into summary rows.

Nothing here reads the ``identity`` table: lists show participant codes only. Functions that feed
analysis (every list but the participant register) leave out the interviews
and transcripts of participants who withdrew, because their words may no longer be used.
"""

from __future__ import annotations

from collections import defaultdict

import sqlite_utils

from app.core.summaries import (
    CodeRow,
    CoderRow,
    IndicatorRow,
    InterviewRow,
    LedgerRow,
    NoteRow,
    ParticipantRow,
    QuotaRow,
    StudyCounts,
    ThemeCount,
    TranscriptRow,
)
from app.core.words import count_words

# Transcripts whose words may be analysed: not linked to a withdrawn participant. A transcript
# not linked to any interview cannot be attributed, so it stays.
_KEPT_TRANSCRIPTS = """
    SELECT tr.id AS id, p.id AS participant_id FROM transcript tr
    LEFT JOIN interview iv ON iv.id = tr.interview_id
    LEFT JOIN participant p ON p.id = iv.participant_id
    WHERE p.id IS NULL OR p.status != 'withdrawn'
"""


def _rows(db: sqlite_utils.Database, sql: str, params=()) -> list[tuple]:
    return db.execute(sql, list(params)).fetchall()


def indicator_rows(db: sqlite_utils.Database) -> list[IndicatorRow]:
    """The indicator framework, outputs first, then outcomes, then impact."""
    sql = """
        SELECT i.id, i.code, i.label, i.level, coalesce(v.label, i.dimension), i.definition, i.unit,
               i.target, i.direction, i.source_kind,
               coalesce((SELECT name FROM code WHERE id = i.source_ref OR name = i.source_ref LIMIT 1),
                        (SELECT label FROM questionnaire_item
                          WHERE id = i.source_ref OR name = i.source_ref LIMIT 1),
                        i.source_ref),
               i.position
        FROM indicator i
        LEFT JOIN vocabulary v ON v.study_id = i.study_id AND v.kind = 'dimension' AND v.key = i.dimension
        ORDER BY CASE i.level WHEN 'output' THEN 0 WHEN 'outcome' THEN 1 ELSE 2 END, i.position, i.code
    """
    return [IndicatorRow(*row) for row in _rows(db, sql)]


def participant_rows(db: sqlite_utils.Database) -> list[ParticipantRow]:
    sql = """
        SELECT p.id, p.code, coalesce(t.name, ''), coalesce(vp.label, p.profile), coalesce(vg.label, p.gender),
               coalesce(va.label, p.age_band), p.seniority, p.sector, p.status = 'withdrawn',
               (SELECT count(*) FROM interview iv WHERE iv.participant_id = p.id AND iv.status = 'completed')
        FROM participant p
        LEFT JOIN territory t ON t.id = p.territory_id
        LEFT JOIN vocabulary vp ON vp.study_id = p.study_id AND vp.kind = 'profile' AND vp.key = p.profile
        LEFT JOIN vocabulary vg ON vg.study_id = p.study_id AND vg.kind = 'gender' AND vg.key = p.gender
        LEFT JOIN vocabulary va ON va.study_id = p.study_id AND va.kind = 'age_band' AND va.key = p.age_band
        ORDER BY p.code
    """
    # The latest consent counts: a participant may have renewed or narrowed it.
    latest: dict[str, tuple] = {}
    for consent in _rows(
        db,
        "SELECT participant_id, given_on, given_by, scope_interview, scope_recording, scope_quotes, withdrawn_at "
        "FROM consent ORDER BY given_on, created_at",
    ):
        latest[consent[0]] = consent
    rows = []
    for pid, code, territory, profile, gender, age, seniority, sector, withdrawn, completed in _rows(db, sql):
        consent = latest.get(pid)
        scopes = ()
        if consent:
            scopes = tuple(
                name for name, given in zip(("interview", "recording", "quotes"), consent[3:6]) if given
            )
        rows.append(
            ParticipantRow(
                id=pid,
                code=code,
                territory=territory,
                profile=profile,
                gender=gender,
                age_band=age,
                seniority=seniority,
                sector=sector,
                withdrawn=bool(withdrawn),
                consent_on=consent[1] if consent else None,
                consent_scopes=scopes,
                consent_by_representative=bool(consent and consent[2] == "representative"),
                consent_withdrawn=bool(consent and consent[6]),
                completed_interviews=completed,
            )
        )
    return rows


def quota_rows(db: sqlite_utils.Database) -> list[QuotaRow]:
    """Each quota with the active participants it matches: recruited, and with a completed interview.

    A quota without a territory or a profile matches every territory or profile.
    """
    match = """
        FROM participant p WHERE p.study_id = q.study_id AND p.status = 'active'
          AND (q.territory_id IS NULL OR p.territory_id = q.territory_id)
          AND (q.profile = '' OR p.profile = q.profile)
    """
    sql = f"""
        SELECT coalesce(t.name, ''), coalesce(v.label, q.profile), q.target,
               (SELECT count(*) {match}),
               (SELECT count(*) {match} AND EXISTS (
                    SELECT 1 FROM interview iv WHERE iv.participant_id = p.id AND iv.status = 'completed'))
        FROM quota q
        LEFT JOIN territory t ON t.id = q.territory_id
        LEFT JOIN vocabulary v ON v.study_id = q.study_id AND v.kind = 'profile' AND v.key = q.profile
        ORDER BY t.name, v.position, q.profile
    """
    return [QuotaRow(*row) for row in _rows(db, sql)]


def interview_rows(db: sqlite_utils.Database) -> list[InterviewRow]:
    sql = """
        SELECT iv.id, p.code, p.status = 'withdrawn', coalesce(ir.name, ''), coalesce(w.label, ''), iv.place,
               iv.started_at, iv.mode, iv.duration_seconds, iv.status,
               EXISTS (SELECT 1 FROM field_note f WHERE f.interview_id = iv.id),
               (SELECT count(*) FROM note n WHERE n.interview_id = iv.id)
        FROM interview iv
        JOIN participant p ON p.id = iv.participant_id
        LEFT JOIN interviewer ir ON ir.id = iv.interviewer_id
        LEFT JOIN wave w ON w.id = iv.wave_id
        WHERE p.status != 'withdrawn'
        ORDER BY iv.started_at IS NULL, iv.started_at, p.code
    """
    return [
        InterviewRow(*row[:2], bool(row[2]), *row[3:10], bool(row[10]), row[11]) for row in _rows(db, sql)
    ]


def notes_of_interview(db: sqlite_utils.Database, interview_id: str) -> list[NoteRow]:
    sql = """
        SELECT n.offset_ms, coalesce(q.text, ''), n.text, n.answered_by_third_party, n.kind
        FROM note n LEFT JOIN question q ON q.id = n.question_id
        WHERE n.interview_id = ? ORDER BY n.offset_ms, n.created_at
    """
    return [NoteRow(offset, question, text, bool(third), kind) for offset, question, text, third, kind in
            _rows(db, sql, [interview_id])]


def _word_stats(db: sqlite_utils.Database) -> dict[str, list[int]]:
    """transcript id -> [turns, words, interviewer words]."""
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for transcript_id, role, text in _rows(db, "SELECT transcript_id, speaker_role, text FROM turn"):
        words = count_words(text)
        entry = stats[transcript_id]
        entry[0] += 1
        entry[1] += words
        if role == "interviewer":
            entry[2] += words
    return stats


def transcript_rows(db: sqlite_utils.Database) -> list[TranscriptRow]:
    sql = """
        SELECT tr.id, tr.title, coalesce(p.code, ''), coalesce(p.status = 'withdrawn', 0), tr.language,
               tr.source_name, tr.source_format, tr.imported_at
        FROM transcript tr
        LEFT JOIN interview iv ON iv.id = tr.interview_id
        LEFT JOIN participant p ON p.id = iv.participant_id
        WHERE p.id IS NULL OR p.status != 'withdrawn'
        ORDER BY p.code IS NULL, p.code, tr.title
    """
    stats = _word_stats(db)
    rows = []
    for tid, title, code, withdrawn, language, source_name, source_format, imported_at in _rows(db, sql):
        turns, words, interviewer_words = stats.get(tid, (0, 0, 0))
        rows.append(
            TranscriptRow(
                tid, title, code, bool(withdrawn), turns, words, interviewer_words, language,
                source_name, source_format, imported_at,
            )
        )
    return rows


def code_rows(db: sqlite_utils.Database) -> list[CodeRow]:
    """The codebook (codes in the bin left out), each code with its codings in the transcripts that
    may be analysed."""
    sql = f"""
        WITH kept AS ({_KEPT_TRANSCRIPTS})
        SELECT c.id, c.parent_id, c.name, c.colour, c.definition, c.include_rule, c.exclude_rule, c.example,
               c.position, (SELECT count(*) FROM coding g WHERE g.code_id = c.id AND g.transcript_id IN
                            (SELECT id FROM kept))
        FROM code c WHERE c.deleted_at IS NULL
        ORDER BY c.position, c.name
    """
    linked: dict[str, list[str]] = defaultdict(list)
    for code_id, indicator in _rows(
        db,
        "SELECT ci.code_id, i.code || ' ' || i.label FROM code_indicator ci "
        "JOIN indicator i ON i.id = ci.indicator_id ORDER BY i.position, i.code",
    ):
        linked[code_id].append(indicator)
    return [CodeRow(*row, indicators=tuple(linked.get(row[0], ()))) for row in _rows(db, sql)]


def coder_rows(db: sqlite_utils.Database) -> list[CoderRow]:
    """Coders with their codings in the transcripts that may be analysed."""
    kept = f"AND g.transcript_id IN (SELECT id FROM ({_KEPT_TRANSCRIPTS}))"
    sql = f"""
        SELECT k.id, k.name, k.initials,
               (SELECT count(*) FROM coding g WHERE g.coder_id = k.id {kept}),
               (SELECT count(DISTINCT g.transcript_id) FROM coding g WHERE g.coder_id = k.id {kept})
        FROM coder k ORDER BY k.name
    """
    return [CoderRow(*row) for row in _rows(db, sql)]


def theme_counts(db: sqlite_utils.Database) -> list[ThemeCount]:
    """Codings per theme over the transcripts that may be analysed, most coded first."""
    sql = f"""
        WITH kept AS ({_KEPT_TRANSCRIPTS})
        SELECT c.id, c.name, c.colour, count(g.id), count(DISTINCT g.transcript_id),
               count(DISTINCT kept.participant_id)
        FROM code c
        LEFT JOIN coding g ON g.code_id = c.id AND g.transcript_id IN (SELECT id FROM kept)
        LEFT JOIN kept ON kept.id = g.transcript_id
        WHERE c.deleted_at IS NULL
        GROUP BY c.id ORDER BY count(g.id) DESC, c.position, c.name
    """
    return [ThemeCount(*row) for row in _rows(db, sql)]


def study_counts(db: sqlite_utils.Database) -> StudyCounts:
    def one(sql: str) -> int:
        return db.execute(sql).fetchone()[0] or 0

    kept = f"SELECT id FROM ({_KEPT_TRANSCRIPTS})"
    active_interviews = (
        "FROM interview iv JOIN participant p ON p.id = iv.participant_id WHERE p.status != 'withdrawn'"
    )
    kept_ids = {row[0] for row in _rows(db, kept)}
    words = sum(entry[1] for tid, entry in _word_stats(db).items() if tid in kept_ids)
    return StudyCounts(
        participants=one("SELECT count(*) FROM participant WHERE status != 'withdrawn'"),
        withdrawn_participants=one("SELECT count(*) FROM participant WHERE status = 'withdrawn'"),
        interviews=one(f"SELECT count(*) {active_interviews}"),
        completed_interviews=one(f"SELECT count(*) {active_interviews} AND iv.status = 'completed'"),
        transcripts=len(kept_ids),
        words=words,
        codings=one(f"SELECT count(*) FROM coding WHERE transcript_id IN ({kept})"),
        themes=one("SELECT count(*) FROM code WHERE deleted_at IS NULL"),
        quotable_codings=one(f"SELECT count(*) FROM coding WHERE quotable = 1 AND transcript_id IN ({kept})"),
    )


def ledger_rows(db: sqlite_utils.Database) -> list[LedgerRow]:
    sql = """
        SELECT s.at, s.direction, s.kind, s.status, coalesce(d.name, ''), s.file_name, s.seq_from, s.seq_to, s.reason
        FROM sync_ledger s LEFT JOIN device d ON d.id = s.device_id
        ORDER BY s.at DESC, s.rowid DESC
    """
    return [LedgerRow(*row) for row in _rows(db, sql)]


# Interview diagnostics (app.core.diagnostics, app.services.diagnostics) ----------------------------
from app.core.diagnostics.model import TranscriptSource  # noqa: E402  (kept with the function it serves)


def diagnostics_sources(db: sqlite_utils.Database) -> list[TranscriptSource]:
    """Every transcript with its participant, interviewer and interview date, for the interview
    diagnostics; withdrawn participants' transcripts are flagged so the caller can leave them out.
    In date order, undated interviews and unattached transcripts last."""
    sql = """
        SELECT tr.id, tr.title, tr.language, coalesce(p.code, ''), coalesce(p.status = 'withdrawn', 0),
               iv.interviewer_id, coalesce(ir.name, ''), iv.started_at
        FROM transcript tr
        LEFT JOIN interview iv ON iv.id = tr.interview_id
        LEFT JOIN participant p ON p.id = iv.participant_id
        LEFT JOIN interviewer ir ON ir.id = iv.interviewer_id
        ORDER BY iv.started_at IS NULL, iv.started_at, tr.title
    """
    return [TranscriptSource(tid, title, language, code, bool(withdrawn), interviewer_id, name, started)
            for tid, title, language, code, withdrawn, interviewer_id, name, started in _rows(db, sql)]
