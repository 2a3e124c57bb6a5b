"""The word lists: editable files with a header, a study's own words, cached per language."""

from __future__ import annotations

import pytest

from app.core.questions import check_question, load_lexicon
from app.core.questions.lexicon import LIST_NAMES, read_list
from app.paths import resource_path

CONTRACT_LISTS = ("loaded", "jargon", "vague", "sensitive", "normalising", "protected")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", LIST_NAMES)
def test_every_list_is_a_commented_utf8_file(lang, name):
    path = resource_path("wordlists", lang, f"{name}.txt")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), f"{path} should open with a comment saying what the list is for"
    assert read_list(text), f"{path} is empty"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_lexicon_holds_the_contract_lists(lang):
    lexicon = load_lexicon(lang)
    assert lexicon.lang == lang
    for name in CONTRACT_LISTS:
        assert lexicon.entries(name), name


def test_lexicon_is_cached_per_language_and_per_extra_words():
    assert load_lexicon("fr") is load_lexicon("fr")
    assert load_lexicon("fr", {"jargon": ["PTCE"]}) is load_lexicon("fr", {"jargon": ["PTCE"]})
    assert load_lexicon("fr", {"jargon": ["PTCE"]}) is not load_lexicon("fr")


def test_list_format_comments_blank_lines_and_phrases():
    assert read_list("# header\n\nplan d'aide\n  APA  # sigle\n#x\n") == ["plan d'aide", "APA"]


def test_entries_match_regardless_of_case_accents_and_apostrophes():
    assert [f.rule for f in check_question("Que pensez-vous du PLAN D’AIDE ?", "fr")] == ["jargon"]
    assert [f.rule for f in check_question("Que pensez-vous de ce formidable projet ?", "fr")] == ["loaded"]
    assert [f.rule for f in check_question("Que pensez-vous de ce FORMIDABLE projet ?", "fr")] == ["loaded"]
    assert [f.rule for f in check_question("Que pensez-vous de ce desastreux projet ?", "fr")] == ["loaded"]


def test_capital_entries_match_capitals_only():
    assert "jargon" in {f.rule for f in check_question("Que pensez-vous de l’ESS ?", "fr")}
    assert "jargon" not in {f.rule for f in check_question("Qu’en est-il de l’ess ?", "fr")}


def test_wildcard_matches_inflected_forms():
    for word in ("merveilleux", "merveilleuse", "merveilleuses"):
        assert "loaded" in {f.rule for f in check_question(f"Que pensez-vous de ces {word} ateliers ?", "fr")}


def test_a_study_adds_its_acronyms_and_protects_its_words():
    question = "Comment la Coop des Bois travaille-t-elle avec le PTCE ?"
    assert [f.rule for f in check_question(question, "fr")] == ["jargon"]  # PTCE, in capitals
    lexicon = load_lexicon("fr", {"jargon": ["Coop des Bois"], "protected": ["PTCE"]})
    findings = check_question(question, "fr", lexicon)
    assert [(f.rule, question[f.start:f.end]) for f in findings] == [("jargon", "Coop des Bois")]


def test_protected_words_are_never_flagged():
    lexicon = load_lexicon("fr", {"protected": ["formidable"]})
    assert check_question("Que pensez-vous de ce formidable projet ?", "fr", lexicon) == []


def test_unknown_list_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="jargon"):
        load_lexicon("fr", {"acronyms": ["PTCE"]})


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        load_lexicon("de")


def test_lexicon_language_wins_when_language_is_auto():
    english = load_lexicon("en", {"jargon": ["widget"]})
    assert [f.rule for f in check_question("Que pensez-vous du widget ?", "auto", english)] == ["jargon"]
