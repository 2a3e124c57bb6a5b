"""Full-text search over turns, as the benchmark measures it.

A stand-in until the search service lands in ``app/services``: the benchmark needs the query
the application will run, and that query belongs to the application, not to the benchmark.
When the service exists, the latency benchmark should call it instead of this module.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

# Ranking and the LIMIT happen inside the subquery, on the FTS table alone, so FTS5 sorts by
# rank itself and builds snippets for the 50 rows kept only; joining first would make SQLite
# build a snippet for every matching turn and sort them afterwards.
_SEARCH = """
WITH hits AS (
    SELECT rowid, rank, snippet(turn_fts, 0, '[', ']', '…', 12) AS context
    FROM turn_fts
    WHERE turn_fts MATCH ?
    ORDER BY rank
    LIMIT ?
)
SELECT turn.id, turn.transcript_id, turn.position, turn.speaker_role, hits.context
FROM hits JOIN turn ON turn.rowid = hits.rowid
ORDER BY hits.rank
"""


@dataclass(frozen=True)
class Hit:
    turn_id: str
    transcript_id: str
    position: int
    speaker_role: str
    context: str  # keyword in context, matched words in [brackets]


def match_expression(words: str, prefix: bool = False) -> str:
    """The words as one FTS5 phrase, quoted so that nothing in them reads as query syntax."""
    phrase = '"' + words.replace('"', '""') + '"'
    return phrase + "*" if prefix else phrase


def search_turns(conn: sqlite3.Connection, words: str, prefix: bool = False, limit: int = 50) -> list[Hit]:
    """Turns matching ``words`` (accents and case ignored), best first, with their context."""
    rows = conn.execute(_SEARCH, (match_expression(words, prefix), limit)).fetchall()
    return [Hit(*row) for row in rows]
