"""The search service on the demo study: what it finds, what it never shows, and its context."""

from __future__ import annotations

import sqlite3

import pytest

import app.services.search as searching
from app.core.search_query import fold
from app.core.transcripts import Transcript, Turn
from app.services import participants as people
from app.services.search import keyword_in_context, search
from app.store.project import Project
from tests.unit.test_search_query import HOSTILE


def turn_text(project: Project, hit) -> str:
    return project.turns.get(hit.turn_id).text


def test_accents_and_case_are_ignored(demo):
    results = [search(demo, text, limit=500) for text in ("cooperative", "COOPÉRATIVE", "Coopérative")]
    assert results[0].total == results[1].total == results[2].total > 20
    matched = {hit.match for hit in results[0].hits}
    assert "coopérative" in matched and {fold(word) for word in matched} == {"cooperative"}


def test_phrase_search_finds_the_words_together(demo):
    phrase = search(demo, '"rapport au travail"', limit=500)
    assert phrase.total and all(fold(hit.match) == "rapport au travail" for hit in phrase.hits)
    assert search(demo, "travail au rapport").total == phrase.total  # the same words, anywhere
    assert search(demo, '"travail au rapport"').total == 0


def test_prefix_search(demo):
    prefix = search(demo, "coop*", limit=500)
    assert prefix.total > search(demo, "coopérative").total
    assert {"coop", "coopérative"} <= {hit.match.lower() for hit in prefix.hits}


def test_french_stemming_is_optional(demo):
    assert search(demo, "travaillait").total == 0
    stemmed = search(demo, "travaillait", stem=True, limit=500)
    assert stemmed.total > 0
    assert {"travail", "travaille"} <= {hit.match.lower() for hit in stemmed.hits}


def test_english_stemming(tmp_path):
    with Project.create(tmp_path / "en.terrain", "Work study", languages=["en"]) as project:
        transcript = Transcript(study_id=project.study().id, title="Interview 1", imported_at="2025-01-01T00:00:00Z",
                                language="en")
        project.add_transcript(transcript, [
            Turn(transcript_id="", position=0, text="How has working in the cooperative changed things?"),
            Turn(transcript_id="", position=1, text="I worked alone before. Now our relations matter."),
        ])
        assert search(project, "works").total == 0
        hits = search(project, "works", stem=True).hits
        assert [hit.match for hit in hits] and {hit.match for hit in hits} <= {"working", "worked"}
        assert len(hits) == 2
        assert [hit.match for hit in search(project, "relation", stem=True).hits] == ["relations"]


def test_withdrawn_participants_never_appear(demo):
    before = search(demo, "coopérative", limit=500)
    code = before.hits[0].participant_code
    people.withdraw(demo, people.by_code(demo, code).id)
    after = search(demo, "coopérative", limit=500)
    assert code not in {hit.participant_code for hit in after.hits}
    assert after.total == before.total - sum(1 for hit in before.hits if hit.participant_code == code)
    for text in ("coop*", '"rapport au travail"'):
        assert code not in {hit.participant_code for hit in search(demo, text, stem=True, limit=500).hits}


def test_search_never_reads_identities(demo):
    read: set[str] = set()

    def authorise(action, table, *_rest):
        if action == sqlite3.SQLITE_READ:
            read.add(table)
        return sqlite3.SQLITE_OK

    people.withdraw(demo, people.by_code(demo, "LYO-01").id)  # the scoped path reads participants
    demo.db.conn.set_authorizer(authorise)
    try:
        for text in ("coopérative", "Élodie", "coop*"):
            search(demo, text, stem=True, territory_id=demo.territories.first("code = 'LYO'").id)
    finally:
        demo.db.conn.set_authorizer(None)
    assert "participant" in read and "turn" in read
    assert not read & {"identity", "pseudonym", "pseudonym_term"}


def test_filters_by_participant_attributes(demo):
    lyon = demo.territories.first("code = ?", ["LYO"])
    hits = search(demo, "coopérative", territory_id=lyon.id, limit=500).hits
    assert hits and {hit.participant_code[:3] for hit in hits} == {"LYO"}
    everyone = search(demo, "coopérative").total
    assert search(demo, "coopérative", profile="entrepreneur_salarie").total == everyone
    assert search(demo, "coopérative", profile="client").total == 0
    waves = {wave.label: wave.id for wave in demo.waves.find()}
    assert search(demo, "coopérative", wave_id=waves["2025"]).total == everyone
    assert search(demo, "coopérative", wave_id=waves["2026"]).total == 0
    own_words = search(demo, "coopérative", speaker_role="participant", limit=500)
    assert 0 < own_words.total < everyone
    assert {hit.speaker_role for hit in own_words.hits} == {"participant"}


def test_keyword_in_context_is_the_exact_text(demo):
    for text in ("coopérative", "coop*", '"rapport au travail"', "travaillait", "l’entretien"):
        for hit in search(demo, text, stem=True, limit=500, context_chars=40).hits:
            turn = turn_text(demo, hit)
            assert turn[hit.match_start:hit.match_end] == hit.match != ""
            assert turn[hit.match_start - len(hit.left):hit.match_start] == hit.left
            assert turn[hit.match_end:hit.match_end + len(hit.right)] == hit.right
            assert len(hit.left) <= 40 and len(hit.right) <= 40


def test_context_with_typographic_apostrophes_and_no_break_spaces(tmp_path):
    text = "Aujourd’hui, avec la coopérative\u00a0: c’est «\u00a0l’entraide\u00a0» qui compte\u00a0!"
    with Project.create(tmp_path / "t.terrain", "Étude") as project:
        transcript = Transcript(study_id=project.study().id, title="E1", imported_at="2025-01-01T00:00:00Z")
        project.add_transcript(transcript, [Turn(transcript_id="", position=0, text=text)])
        (hit,) = search(project, "entraide").hits
        assert (hit.match, hit.match_start, hit.match_end) == ("entraide", text.index("entraide"), text.index(" qui") - 2)
        assert hit.left.endswith("«\u00a0l’") and hit.right.startswith("\u00a0»")
        assert hit.left + hit.match + hit.right == text
        (hit,) = search(project, "l'entraide").hits  # a straight apostrophe finds the curly one
        assert hit.match == "l’entraide"
        (hit,) = search(project, "AUJOURD’HUI").hits
        assert (hit.left, hit.match, hit.match_start) == ("", "Aujourd’hui", 0)
        (hit,) = search(project, "cooperative", context_chars=5).hits
        assert hit.left == "la " and hit.right == "\u00a0:" and hit.more_before and hit.more_after


def test_keyword_in_context_cuts_between_words():
    text = "un deux trois quatre cinq six sept"
    left, match, right, start, end = keyword_in_context(text, (14, 20), 7)
    assert (left, match, right) == ("trois ", "quatre", " cinq")
    assert keyword_in_context(text, None, 5)[:3] == ("", "", "un deux")  # no span: the turn's start


def test_bounded_ranking_says_so(demo, monkeypatch):
    monkeypatch.setattr(searching, "RANKED_WINDOW", 5)
    result = search(demo, "coopérative", limit=3)
    assert result.truncated and result.total is None and len(result.hits) == 3
    newest = [row[0] for row in demo.db.execute(
        "SELECT t.id FROM turn_fts JOIN turn t ON t.rowid = turn_fts.rowid WHERE turn_fts MATCH 'cooperative' "
        "ORDER BY turn_fts.rowid DESC LIMIT 5")]
    assert {hit.turn_id for hit in result.hits} <= set(newest)
    people.withdraw(demo, people.by_code(demo, result.hits[0].participant_code).id)
    scoped = search(demo, "coopérative", limit=3)
    assert scoped.truncated and len(scoped.hits) == 3
    few = search(demo, '"rapport au travail"')
    assert not few.truncated and few.total == len(few.hits) < 5


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_return_a_result(demo, text):
    for options in ({}, {"stem": True}, {"phrase": True}, {"speaker_role": "participant"}):
        result = search(demo, text, **options)
        assert isinstance(result, searching.SearchResult)
        assert result.total is None or result.total >= len(result.hits)


def test_empty_query_and_zero_limit(demo):
    assert search(demo, "") == searching.SearchResult([], 0, False)
    assert search(demo, "coopérative", limit=0).hits == []
    assert search(demo, "coopérative", limit=-3).hits == []
    hit = search(demo, "coopérative", context_chars=0).hits[0]
    assert hit.left == hit.right == ""
