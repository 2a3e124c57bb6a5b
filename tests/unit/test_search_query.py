"""Reading a search query: what FTS5 is asked, and that nothing typed can make FTS5 fail."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.search_query import MAX_TERMS, fold, locate, parse_query, stem_prefix, stemmed

# Inputs that break naive query builders: FTS5 operators and syntax, unbalanced quotes and
# brackets, column filters, odd Unicode. Every one must parse and run.
HOSTILE = [
    '"', '""', '"""', "'", "''", "(", ")", "()", "(((", ")))", "*", "**", "coop**", "*coop", "^coop", "^",
    "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR(a b, 2)", "a AND", "OR b", "a OR OR b", "a NOT b", "- coop",
    "-coop", "+", "a + b", "text:coop", "turn_fts:coop", "{text}: coop", ":", ";", "coop:", "rank", "rowid",
    "a\"b", "« ", "»", "« coop", "coop »", "“", "„x“", "😀", "coop 😀 ère", "🏳️‍🌈", "\u0000", "\x00coop",
    "\u200b", "\ufeff", "e\u0301", "\u0301", "\ue000", "_", "__init__", "%", "%coop%", "\\", "\\\"", "{}",
    "[a]", "a|b", "SELECT * FROM turn", "'; DROP TABLE turn; --", "coop' OR '1'='1", "\n\t\r", " " * 50,
    "co-op", "l’", "aujourd’hui", "micro-entreprise", "x" * 5000, "mot " * 200, "OU", "ou", "Or",
    "\"rapport au\" travail*", "NEAR/3", "coop\"*", "ǅ", "İstanbul", "ß", "Œuvre", "١٢٣", "日本語",
]


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize = 'unicode61 remove_diacritics 2')")
    conn.executemany("INSERT INTO t (text) VALUES (?)", [
        ("La Coopérative m’a aidée, aujourd’hui je travaille mieux.",),
        ("COOPÉRATIVE et micro-entreprise : le rapport au travail change.",),
        ("Il travaillait seul avant ; le travail en équipe est nouveau.",),
        ("We were working alone; the cooperative changed our relations.",),
    ])
    yield conn
    conn.close()


def matches(conn, query) -> list[int]:
    expression = query.fts()
    if not expression:
        return []
    return [row[0] for row in conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", [expression])]


def test_the_hostile_list_is_long_enough():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_makes_fts5_fail(fts, text):
    query = parse_query(text)
    matches(fts, query)  # raises sqlite3.OperationalError on any syntax error
    matches(fts, parse_query(text, phrase=True))
    matches(fts, stemmed(query, ["fr", "en"]))
    assert len(query.terms()) <= MAX_TERMS


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_makes_a_valid_expression(fts, text):
    for query in (parse_query(text), parse_query(text, phrase=True), stemmed(parse_query(text), ["fr"])):
        matches(fts, query)
        for term in query.terms():
            assert all(token and '"' not in token for token in term.tokens)


def test_accents_and_capitals_are_folded(fts):
    assert fold("COOPÉRATIVE") == fold("coopérative") == "cooperative"
    assert fold("Œuvre") == "œuvre"  # not a diacritic: the index keeps it too
    assert matches(fts, parse_query("cooperative")) == [1, 2, 4]
    assert matches(fts, parse_query("COOPÉRATIVE")) == [1, 2, 4]


def test_words_are_all_required_and_or_gives_alternatives(fts):
    assert parse_query("coopérative travail").fts() == '"cooperative" AND "travail"'
    assert matches(fts, parse_query("coopérative travail")) == [2]
    query = parse_query("seul OR équipe coopérative")
    assert query.fts() == '("seul" OR "equipe") AND "cooperative"'
    assert matches(fts, parse_query("seul OU micro")) == [2, 3]
    assert matches(fts, parse_query("seul ou micro")) == []  # lower-case « ou » is a word


def test_phrases_between_any_kind_of_quotes(fts):
    for text in ('"rapport au travail"', "« rapport au travail »", "“rapport au travail”"):
        query = parse_query(text)
        assert query.fts() == '"rapport au travail"'
        assert matches(fts, query) == [2]
    assert matches(fts, parse_query('"travail au rapport"')) == []
    assert matches(fts, parse_query("rapport au travail", phrase=True)) == [2]


def test_apostrophes_and_hyphens_make_a_phrase(fts):
    assert parse_query("aujourd’hui").fts() == '"aujourd hui"'
    assert parse_query("micro-entreprise").fts() == '"micro entreprise"'
    assert matches(fts, parse_query("micro-entreprise")) == [2]


def test_prefixes(fts):
    assert parse_query("coop*").fts() == '"coop"*'
    assert matches(fts, parse_query("coop*")) == [1, 2, 4]
    assert matches(fts, parse_query("travail*")) == [1, 2, 3]
    assert parse_query('"rapport au trav"*').fts() == '"rapport au trav"*'
    assert parse_query("co*").fts() == '"co"'  # too short to be worth a prefix


def test_french_stemming_finds_other_forms(fts):
    assert stem_prefix("travaillait", "fr") == "travail"  # the stem's doubled consonant is dropped
    query = stemmed(parse_query("travaillait"), ["fr"])
    assert matches(fts, query) == [1, 2, 3]
    assert matches(fts, parse_query("travaillait")) == [3]
    assert stemmed(parse_query("vie"), ["fr"]).fts() == '"vie"'  # « vi* » would find everything


def test_english_stemming_finds_other_forms(fts):
    assert matches(fts, stemmed(parse_query("works"), ["en"])) == [4]
    assert matches(fts, stemmed(parse_query("relation"), ["en"])) == [4]
    assert matches(fts, parse_query("works")) == []


def test_stemming_leaves_phrases_and_prefixes_alone():
    query = stemmed(parse_query('"rapport au travail" coop*'), ["fr", "en"])
    assert query.fts() == '"rapport au travail" AND "coop"*'


def test_locate_returns_the_original_words():
    text = "La Coopérative,\u00a0l’identité COOPÉRATIVE"
    start, end = locate(parse_query("cooperative"), text)
    assert text[start:end] == "Coopérative"
    start, end = locate(parse_query("l’identite"), text)
    assert text[start:end] == "l’identité"
    start, end = locate(parse_query("coop*"), "Une co-op, puis la coopérative")
    assert (start, end) == (19, 30)
    assert locate(parse_query("absent"), text) is None
    assert locate(parse_query(""), text) is None


def test_locate_handles_decomposed_accents():
    text = "la coope\u0301rative"
    start, end = locate(parse_query("coopérative"), text)
    assert text[start:end] == "coope\u0301rative"


def test_empty_queries():
    for text in ("", "   ", "*", '""', "😀", "OR", None):
        assert parse_query(text).empty
