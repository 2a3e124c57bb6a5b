"""Full-text search over the turns of every transcript that may be analysed, as keyword in context.

Withdrawn participants' transcripts never appear, and nothing here reads the identity store: a hit
shows the participant's code, the transcript's title and the speaker's label only.

Why the ranking is bounded: BM25 over every match of a frequent word is slow (« coopérative »
matches 171,000 of the benchmark's 562,000 turns; ranking them all takes 170–300 ms). FTS5 lists
matches newest first almost for free, so the search keeps the newest RANKED_WINDOW matches and
ranks those alone. When a query matches more, the result says so: ``truncated`` is True and
``total`` None, since an exact count would take another pass over every match. The window is
5,000 rather than 10,000: measured on the full benchmark corpus, p95 21 ms against 30 ms.

A prefix index (FTS5 ``prefix='2 3 4 5'``) was measured too: it moved p95 by under a millisecond
(phrases set the p95, and the benchmark's prefixes of 6–7 letters are not covered) while it made
the file a third larger (325 → 438 MB) and would add index writes to every import, so the schema
is left as it is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from app.core.search_query import SearchQuery, locate, parse_query, stemmed
from app.store.project import Project

DEFAULT_LIMIT = 50
DEFAULT_CONTEXT = 60
RANKED_WINDOW = 5_000

# Transcripts that may be searched; the filters are appended to the WHERE clause. A transcript
# not linked to an interview cannot be attributed, so it stays unless a filter asks for an attribute.
_SCOPE = """
    SELECT tr.id FROM transcript tr
    LEFT JOIN interview iv ON iv.id = tr.interview_id
    LEFT JOIN participant p ON p.id = iv.participant_id
    WHERE (p.id IS NULL OR p.status != 'withdrawn')"""
_ANY_WITHDRAWN = """
    SELECT EXISTS (SELECT 1 FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id
                   JOIN participant p ON p.id = iv.participant_id WHERE p.status = 'withdrawn')"""
_FILTERS = {"territory_id": "p.territory_id = ?", "profile": "p.profile = ?", "wave_id": "iv.wave_id = ?"}

# The newest matches come straight from FTS5 (rowids grow as turns are stored). When some
# transcripts are out of scope or one speaker role is asked for, each match is joined to its turn.
_NEWEST = "SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
_NEWEST_SCOPED = """
    SELECT turn_fts.rowid FROM turn_fts JOIN turn ON turn.rowid = turn_fts.rowid
    WHERE turn_fts MATCH ? AND {scope} ORDER BY turn_fts.rowid DESC LIMIT ?"""
# FTS5 ranks the rows from the oldest of the window on; out-of-scope ones are skipped as they come
# (measured faster than joining again: FTS5 sorts by rank itself only when it is alone).
_BEST = "SELECT rowid FROM turn_fts WHERE turn_fts MATCH ? AND rowid >= ? ORDER BY rank LIMIT ?"
_DETAILS = """
    SELECT t.rowid, t.id, t.transcript_id, tr.title, coalesce(p.code, ''), t.speaker_label, t.speaker_role,
           t.position, t.start_ms, t.text
    FROM turn t JOIN transcript tr ON tr.id = t.transcript_id
    LEFT JOIN interview iv ON iv.id = tr.interview_id
    LEFT JOIN participant p ON p.id = iv.participant_id
    WHERE t.rowid IN ({marks})"""


@dataclass(frozen=True)
class SearchHit:
    """One matching turn. ``left + match + right`` is ``text[match_start - len(left):match_end +
    len(right)]`` of the turn's text, cut at word boundaries; ``match`` is the original wording."""

    turn_id: str
    transcript_id: str
    transcript_title: str
    participant_code: str
    speaker_label: str
    speaker_role: str
    position: int
    start_ms: int | None
    left: str
    match: str
    right: str
    match_start: int = 0
    match_end: int = 0
    more_before: bool = False  # the turn goes on before ``left``...
    more_after: bool = False  # ...or after ``right``

    @property
    def context(self) -> str:
        """The hit on one line, the matched words in [brackets]."""
        return f"{self.left}[{self.match}]{self.right}"

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    """``total`` is the number of matching turns, or None when more than RANKED_WINDOW match:
    then ``truncated`` is True and the hits are the best of the RANKED_WINDOW newest matches."""

    hits: list[SearchHit]
    total: int | None
    truncated: bool


def search(
    project: Project,
    query: str | SearchQuery,
    *,
    stem: bool = False,
    phrase: bool = False,
    territory_id: str | None = None,
    profile: str | None = None,
    wave_id: str | None = None,
    speaker_role: str | None = None,
    limit: int = DEFAULT_LIMIT,
    context_chars: int = DEFAULT_CONTEXT,
) -> SearchResult:
    """The turns matching ``query``, best first, each with its keyword in context; never raises on
    what a person may type. ``phrase`` reads the whole query as one phrase; ``speaker_role``
    keeps the turns of one role ("participant": their own words, without the questions)."""
    parsed = query if isinstance(query, SearchQuery) else parse_query(query, phrase=phrase)
    if stem:
        parsed = stemmed(parsed, search_languages(project))
    if parsed.empty:
        return SearchResult([], 0, False)
    expression = parsed.fts()
    filters = {"territory_id": territory_id, "profile": profile, "wave_id": wave_id}
    scope, scope_params = _scope(project, filters, speaker_role)
    window = _newest(project, expression, scope, scope_params)
    truncated = len(window) > RANKED_WINDOW
    window = window[:RANKED_WINDOW]
    best = _best(project, expression, window, scope is not None, max(0, int(limit)))
    hits = _hits(project, parsed, best, max(0, int(context_chars)))
    return SearchResult(hits, None if truncated else len(window), truncated)


def _newest(project: Project, expression: str, scope: str | None, scope_params: list) -> list[int]:
    """The rowids of the newest matching turns in scope, newest first: one more than the window,
    to tell whether there are more."""
    if scope is None:
        rows = project.db.execute(_NEWEST, [expression, RANKED_WINDOW + 1])
    else:
        rows = project.db.execute(_NEWEST_SCOPED.format(scope=scope), [expression, *scope_params, RANKED_WINDOW + 1])
    return [row[0] for row in rows]


def _best(project: Project, expression: str, window: list[int], scoped: bool, limit: int) -> list[int]:
    """The best ``limit`` rowids of the window, by BM25."""
    if not window or not limit:
        return []
    if not scoped:
        return [row[0] for row in project.db.execute(_BEST, [expression, window[-1], limit])]
    in_scope, best = set(window), []
    cursor = project.db.execute(_BEST, [expression, window[-1], -1])
    try:
        for (rowid,) in cursor:
            if rowid in in_scope:
                best.append(rowid)
                if len(best) == limit:
                    break
    finally:
        cursor.close()  # a statement left half-read would hold its read transaction open
    return best


def search_languages(project: Project) -> tuple[str, ...]:
    """The study's languages, then those of its transcripts: the stems to look for."""
    languages = list(project.study().languages or ["fr"])
    languages += [row[0] for row in project.db.execute("SELECT DISTINCT language FROM transcript ORDER BY language")]
    return tuple(dict.fromkeys(language for language in languages if language))


def _scope(project: Project, filters: dict[str, str | None], speaker_role: str | None) -> tuple[str | None, list]:
    """The condition on ``turn`` and its parameters, or None when every turn may be searched."""
    chosen = {name: value for name, value in filters.items() if value}
    conditions, params = [], []
    if chosen or project.db.execute(_ANY_WITHDRAWN).fetchone()[0]:
        sql = _SCOPE + "".join(f" AND {_FILTERS[name]}" for name in chosen)
        conditions.append(f"turn.transcript_id IN ({sql})")
        params += chosen.values()
    if speaker_role:
        conditions.append("turn.speaker_role = ?")
        params.append(speaker_role)
    return (" AND ".join(conditions) if conditions else None), params


def _hits(project: Project, query: SearchQuery, rowids: list[int], context_chars: int) -> list[SearchHit]:
    if not rowids:
        return []
    rows = project.db.execute(_DETAILS.format(marks=", ".join("?" for _ in rowids)), rowids).fetchall()
    by_rowid = {row[0]: row for row in rows}
    hits = []
    for rowid in rowids:
        _rowid, turn_id, transcript_id, title, code, label, role, position, start_ms, text = by_rowid[rowid]
        left, match, right, start, end = keyword_in_context(text, locate(query, text), context_chars)
        hits.append(SearchHit(turn_id, transcript_id, title, code, label, role, position, start_ms,
                              left, match, right, start, end,
                              bool(text[:start - len(left)].strip()), bool(text[end + len(right):].strip())))
    return hits


def keyword_in_context(text: str, span: tuple[int, int] | None, context_chars: int) -> tuple[str, str, str, int, int]:
    """(left, match, right, match_start, match_end): the match with up to ``context_chars`` of text
    on each side, cut at a space rather than inside a word. Without a span (the index and the
    locator disagreed on some rare character), the start of the turn with an empty match."""
    start, end = span if span else (0, 0)
    left_from = max(0, start - context_chars)
    if _inside_word(text, left_from):
        space = next((index for index in range(left_from, start) if text[index].isspace()), None)
        if space is not None:
            left_from = space + 1
    right_to = min(len(text), end + (context_chars if span else 2 * context_chars))
    if _inside_word(text, right_to):
        space = next((index for index in range(right_to - 1, end, -1) if text[index].isspace()), None)
        if space is not None:
            right_to = space
    while left_from < start and text[left_from].isspace():
        left_from += 1
    while right_to > end and text[right_to - 1].isspace():
        right_to -= 1
    return text[left_from:start], text[start:end], text[end:right_to], start, end


def _inside_word(text: str, cut: int) -> bool:
    """Whether cutting ``text`` at ``cut`` would split a word."""
    return 0 < cut < len(text) and not text[cut - 1].isspace() and not text[cut].isspace()
