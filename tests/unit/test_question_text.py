"""Real text: offsets point into the question as typed, languages are told apart, bad input is survived."""

from __future__ import annotations

import pytest

from app.core.questions import RULES, SEVERITIES, Finding, check_question, detect_language

NBSP, NNBSP = "\u00a0", "\u202f"


def span(text: str, finding: Finding) -> str:
    return text[finding.start:finding.end]


def only(findings, rule):
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, findings
    return matching[0]


def test_offsets_with_typographic_apostrophes_and_non_breaking_space():
    text = f"Vous êtes satisfait de l’accompagnement de la coopérative, n’est-ce pas{NBSP}?"
    leading = only(check_question(text, "fr"), "leading")
    assert span(text, leading) == "n’est-ce pas"


def test_offsets_with_narrow_no_break_space_and_loaded_word():
    text = f"Que pensez-vous de ce formidable nouveau service{NNBSP}?"
    assert span(text, only(check_question(text), "loaded")) == "formidable"


def test_offsets_count_code_points_after_emoji():
    text = "🙂 Que pensez-vous de cette merveilleuse équipe ?"
    assert span(text, only(check_question(text, "fr"), "loaded")) == "merveilleuse"


def test_offsets_with_decomposed_accents_point_into_the_original():
    text = "Vous n’e\u0302tes pas me\u0301content du service ?"
    double = only(check_question(text, "fr"), "double_negative")
    assert span(text, double) == "n’e\u0302tes pas me\u0301content"


@pytest.mark.parametrize("text, rule, words", [
    ("Est-ce que vous avez aimé l’atelier ?", "closed", "Est-ce que"),
    ("Avez-vous participé à l’assemblée générale ?", "closed", "Avez-vous"),
    ("Que pensez-vous des horaires et du personnel ?", "double_barreled", "des horaires et du personnel"),
    ("Combien l’atelier vous a-t-il aidé ?", "presupposition", "Combien l’atelier vous a-t-il aidé"),
    ("Que pensez-vous du plan d’aide APA ?", "jargon", "APA"),
    ("Vous sortez souvent ?", "vague_quantifier", "souvent"),
    ("Vous prenez bien vos médicaments ?", "social_desirability", "bien"),
    ("Êtes-vous d’accord pour dire que la coopérative vous aide ?", "acquiescence", "Êtes-vous d’accord"),
    ("You're happy with the co-op's support, aren't you?", "leading", "aren't you"),
    ("Was the workshop useful and easy to follow?", "double_barreled", "useful and easy"),
    ("Is it not unusual for you to feel unsupported?", "double_negative", "not unusual for you to feel unsupported"),
])
def test_span_is_the_flagged_words(text, rule, words):
    assert words in [span(text, f) for f in check_question(text) if f.rule == rule]


def test_overlong_spans_the_whole_question_without_outer_spaces():
    text = "  " + " ".join(["mot"] * 30) + " ?  "
    overlong = only(check_question(text, "fr"), "overlong")
    assert span(text, overlong) == text.strip()


def test_question_without_question_mark_is_read_as_asked():
    text = "est-ce que vous avez aimé l’atelier"
    assert span(text, only(check_question(text, "fr"), "closed")) == "est-ce que"


def test_findings_are_well_formed_and_in_order():
    text = "Vous n’êtes pas mécontent du formidable service APA, n’est-ce pas ?"
    findings = check_question(text, "fr")
    assert findings == sorted(findings, key=lambda f: f.start)
    for finding in findings:
        assert finding.rule in RULES and finding.severity in SEVERITIES
        assert 0 <= finding.start < finding.end <= len(text)
        assert finding.message


@pytest.mark.parametrize("text, expected", [
    ("Comment s’est passée votre arrivée ?", "fr"),
    ("Qu’est-ce que le SROI ?", "fr"),
    ("vous sortez souvent", "fr"),
    ("Racontez-moi la dernière fois.", "fr"),
    ("How did you first hear about the co-op?", "en"),
    ("What is the SCIC?", "en"),
    ("tell me about your week", "en"),
    ("Do you often feel lonely?", "en"),
])
def test_language_detection(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "?", "OK", "😀👍", "12 34", "\x00\x07", "هل تحب العمل ؟"])
def test_language_detection_falls_back_to_french_when_unsure(text):
    assert detect_language(text) == "fr"


def test_mixed_language_question_gets_one_language_and_does_not_crash():
    text = "Comment do you feel about la coopérative ?"
    assert detect_language(text) in ("fr", "en")
    check_question(text)


def test_auto_language_applies_the_right_rules():
    assert {f.rule for f in check_question("Do you like the workshop?")} == {"closed"}
    assert {f.rule for f in check_question("Est-ce que vous aimez l’atelier ?")} == {"closed"}


@pytest.mark.parametrize("text", ["", " ", "\n", "\t \u00a0\u202f", "?!.", "…"])
def test_empty_or_blank_question_has_no_findings(text):
    assert check_question(text) == []


def test_none_has_no_findings_and_other_types_are_refused():
    assert check_question(None) == []
    with pytest.raises(TypeError):
        check_question(42)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        check_question("Bonjour ?", "de")


@pytest.mark.parametrize("text", [
    "Est-ce\x00 que vous\x07 aimez\u200b l’atelier ?\x7f",
    "Comment ça va 😀👍🏽 avec l’équipe ?",
    "\ufeffVous sortez souvent ?",
    "a" * 10_000,
    "?" * 10_000,
    "Comment ? " * 1_000,
    "é" * 5_000 + "\u0301" * 5_000,
])
def test_bad_input_does_not_crash_and_offsets_stay_inside(text):
    for finding in check_question(text):
        assert 0 <= finding.start < finding.end <= len(text)


def test_ten_thousand_character_line_is_overlong_once_and_without_rewrites():
    text = ("Est-ce que vous pensez que la coopérative est formidable et utile, n’est-ce pas ? " * 200)[:10_000]
    findings = check_question(text, "fr")
    assert [f.rule for f in findings].count("overlong") == 1
    assert all(f.suggestion is None for f in findings)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)


def test_control_characters_keep_offsets_aligned():
    text = "Vous\x01 prenez bien vos médicaments ?"
    assert span(text, only(check_question(text, "fr"), "social_desirability")) == "bien"
