"""Messages in the interface language (French and English) and neutral rewrites in the question's language."""

from __future__ import annotations

import re

import pytest

from app.core.questions import RULES, check_guide, check_question, rule_label, GuideQuestion
from app.i18n import set_language

NBSP = "\u00a0"

# One question per rule, in each language, whose finding of that rule carries a message.
EXAMPLES = {
    "leading": ("You're happy with the support, aren't you?", "Vous êtes content, n’est-ce pas ?"),
    "loaded": ("What do you think of our amazing centre?", "Que pensez-vous de ce formidable service ?"),
    "double_barreled": ("Was the workshop useful and easy to follow?", "L’atelier était-il utile et agréable ?"),
    "closed": ("Do you like the workshop?", "Est-ce que vous avez aimé l’atelier ?"),
    "presupposition": ("How much did the workshop help you?", "Combien l’atelier vous a-t-il aidé ?"),
    "double_negative": ("Is it not unusual to feel unsupported?", "Vous n’êtes pas mécontent du service ?"),
    "jargon": ("How do you rate the SROI?", "Que pensez-vous de la SCIC ?"),
    "overlong": ("Is it the hours or the pay or something else that bothers you?",
                 "Est-ce que ce sont les horaires ou est-ce que c’est le transport ?"),
    "vague_quantifier": ("Do you often feel lonely?", "Vous sortez souvent ?"),
    "social_desirability": ("You take your medication properly, right?", "Vous prenez bien vos médicaments ?"),
    "acquiescence": ("Do you agree that the co-op helps you?", "Êtes-vous d’accord pour dire que l’équipe vous aide ?"),
}


def finding(text: str, rule: str, lang: str | None = None):
    matching = [f for f in check_question(text, lang or "auto") if f.rule == rule]
    assert matching, (rule, text)
    return matching[0]


def test_every_rule_has_an_example():
    assert set(EXAMPLES) == set(RULES)


@pytest.mark.parametrize("rule", RULES)
def test_message_in_english_and_in_french_with_french_typography(rule):
    english_question, french_question = EXAMPLES[rule]
    set_language("en")
    english = finding(english_question, rule).message
    set_language("fr")
    french = finding(english_question, rule).message
    also_french = finding(french_question, rule).message
    set_language("en")
    assert english and french and english != french
    assert also_french  # message language follows the interface, not the question
    assert not re.search(r" [:;?!»]|« ", french), french
    assert re.search(r"\b(?:la|le|les|une|des|cette|vous|de)\b", french), french


def test_messages_say_why_it_matters():
    message = finding("Do you like the workshop?", "closed").message
    assert "yes or no" in message


def test_rule_labels_are_translated():
    set_language("fr")
    try:
        assert rule_label("closed") == "Question fermée"
    finally:
        set_language("en")
    assert rule_label("closed") == "Closed question"


def test_guide_messages_in_french():
    set_language("fr")
    try:
        report = check_guide([GuideQuestion("a", "Avez-vous des enfants ?", 0),
                              GuideQuestion("b", "Avez-vous un emploi ?", 0)])
    finally:
        set_language("en")
    messages = [f.message for f in report.findings]
    assert any("oui ou par non" in m for m in messages)
    assert any(f"{NBSP}%" in m for m in messages)


@pytest.mark.parametrize("question, rule, rewrite", [
    ("Est-ce que vous avez aimé l’atelier ?", "closed", f"Qu’avez-vous pensé de l’atelier{NBSP}?"),
    ("Est-ce que vous avez aimé l'atelier ?", "closed", f"Qu'avez-vous pensé de l'atelier{NBSP}?"),
    ("Do you like the workshop?", "closed", "What do you think of the workshop?"),
    ("Was the workshop really useful?", "closed", "What did you think of the workshop?"),
    ("Is your workload manageable?", "closed", "What do you think of your workload?"),
    ("You're happy with the co-op's support, aren't you?", "leading", "How would you describe the co-op's support?"),
    ("Vous êtes satisfait de l’accompagnement, n’est-ce pas ?", "leading",
     f"Comment décririez-vous l’accompagnement{NBSP}?"),
    ("Que pensez-vous de ce formidable nouveau service ?", "loaded", f"Que pensez-vous de ce nouveau service{NBSP}?"),
    ("Que pensez-vous de la merveilleuse équipe ?", "loaded", f"Que pensez-vous de l’équipe{NBSP}?"),
    ("What do you think of our amazing new drop-in centre?", "loaded", "What do you think of our new drop-in centre?"),
    ("Que pensez-vous des horaires et du personnel ?", "double_barreled",
     f"Que pensez-vous des horaires{NBSP}? Et du personnel{NBSP}?"),
    ("What do you think of the managers and the assembly?", "double_barreled",
     "What do you think of the managers? And of the assembly?"),
    ("Vous sortez souvent ?", "vague_quantifier", "Racontez-moi la dernière fois qu’il vous est arrivé de sortir."),
    ("Do you often feel lonely?", "vague_quantifier", "When did you last feel lonely, if ever?"),
    ("Combien l’atelier vous a-t-il aidé ?", "presupposition", f"Qu’est-ce que l’atelier a changé pour vous, ou pas{NBSP}?"),
    ("How much did the workshop help you?", "presupposition", "What difference, if any, did the workshop make for you?"),
    ("Which medicines do you take?", "presupposition", "Do you take any medicines? If so, which ones?"),
    ("Vous prenez bien vos médicaments ?", "social_desirability",
     f"Certaines personnes trouvent difficile de prendre leurs médicaments{NBSP}; comment ça se passe pour vous{NBSP}?"),
    ("You take your medication properly, right?", "social_desirability",
     "Some people find it hard to take their medication. How does it go for you?"),
    ("Do you agree that the co-op helps you?", "acquiescence",
     "Some people say that the co-op helps you, others think the opposite. What do you think?"),
])
def test_neutral_rewrites(question, rule, rewrite):
    assert finding(question, rule).suggestion == rewrite


@pytest.mark.parametrize("question, rule", [
    ("Pourquoi avez-vous arrêté de venir aux réunions ?", "presupposition"),
    ("How do you cope with the burden of caring?", "loaded"),
    ("Depuis quand votre mère est-elle sénile ?", "loaded"),
    ("Que pensez-vous du plan d’aide APA ?", "jargon"),
])
def test_no_rewrite_when_none_can_be_built(question, rule):
    assert finding(question, rule).suggestion is None


SAMPLE_QUESTIONS = [text for pair in EXAMPLES.values() for text in pair] + [
    "Vous vous occupez bien de votre père tous les jours, je suppose ?",
    "Avez-vous récemment changé votre façon de travailler ?",
    "Le travail en équipe vous convient-il ?",
    "Vous aimez travailler en coopérative ?",
    "Quelles aides recevez-vous de la mairie ?",
    "C’est mieux depuis le portage des repas, oui ?",
    "Have you had problems recently?",
    "Do you enjoy working at the cooperative?",
    "Things are better since the meals service, yes?",
    "What did you enjoy most about the mentoring scheme?",
]


@pytest.mark.parametrize("question", SAMPLE_QUESTIONS)
def test_rewrites_are_neutral_and_well_typeset(question):
    for found in check_question(question):
        if not found.suggestion:
            continue
        again = {f.rule for f in check_question(found.suggestion) if f.severity != "info"}
        # The person's own words (a jargon term, a loaded label) may remain; the structure is fixed.
        assert again <= {"jargon", "loaded", "overlong"}, (found.rule, found.suggestion, again)
        assert found.rule not in again
        assert "  " not in found.suggestion and found.suggestion[0].isupper()
        if any(c in question for c in "éèàçù") or "vous" in question.lower():
            assert not re.search(r" [?;:!]", found.suggestion), found.suggestion
            assert re.search(f"{NBSP}[?]$|[.]$", found.suggestion), found.suggestion
