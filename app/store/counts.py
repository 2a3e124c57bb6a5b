"""How much a project holds, table by table (for `terrain info` and the dashboards)."""

from __future__ import annotations

import sqlite_utils

from app.core.words import count_words

# The name shown in `terrain info` and the table it counts.
COUNTED_TABLES = {
    "waves": "wave",
    "territories": "territory",
    "indicators": "indicator",
    "guides": "guide",
    "questions": "question",
    "participants": "participant",
    "consents": "consent",
    "interviewers": "interviewer",
    "interviews": "interview",
    "notes": "note",
    "field_notes": "field_note",
    "survey_answers": "survey_answer",
    "transcripts": "transcript",
    "turns": "turn",
    "codes": "code",
    "coders": "coder",
    "codings": "coding",
    "memos": "memo",
    "devices": "device",
}


def project_counts(db: sqlite_utils.Database, with_words: bool = True) -> dict[str, int]:
    counts = {name: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for name, table in COUNTED_TABLES.items()}
    if with_words:
        counts["words"] = sum(count_words(text) for (text,) in db.execute("SELECT text FROM turn"))
    return counts
