"""Full-text search as the benchmark runs it: through the application's own search service.

The benchmark's queries are written down the way a person types them into the search box, so
the time measured covers everything the application does: reading the query, the FTS5 search,
the bounded ranking and the keyword in context of each hit.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

from app.services.search import SearchHit, SearchResult, search
from app.store.project import Project


def typed(words: str, kind: str) -> str:
    """What a person types for a query of this kind: « équipe », « "la coopérative" », « coop* »."""
    if kind == "phrase":
        return '"' + words + '"'
    if kind == "prefix":
        return words + "*"
    return words


def search_result(project: Project, words: str, kind: str = "word") -> SearchResult:
    """The search service's answer to ``words`` typed as a query of this kind."""
    return search(project, typed(words, kind))


def search_turns(source: Project | sqlite3.Connection, words: str, kind: str = "word") -> list[SearchHit]:
    """Turns matching ``words`` (accents and case ignored), best first; ``hit.context`` shows
    the matched words in [brackets]. Takes a project or a bare connection to a project file."""
    if isinstance(source, sqlite3.Connection):
        source = Project(sqlite_utils.Database(source), "bench")
    return search_result(source, words, kind).hits
