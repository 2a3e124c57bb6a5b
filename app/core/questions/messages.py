"""What the checker says, in the interface language: plain words, and why it matters.

Messages are translated when a finding is made (not at import), so switching the interface
language applies to the next check.
"""

from __future__ import annotations

from app.i18n import N_, _

RULE_LABELS = {
    "leading": N_("Leading question"),
    "loaded": N_("Loaded word"),
    "double_barreled": N_("Two questions in one"),
    "closed": N_("Closed question"),
    "presupposition": N_("Presupposition"),
    "double_negative": N_("Double negative"),
    "jargon": N_("Jargon or acronym"),
    "overlong": N_("Long or complex question"),
    "vague_quantifier": N_("Vague word"),
    "social_desirability": N_("Social desirability"),
    "acquiescence": N_("Invites a yes"),
    "opening_closed": N_("Closed opening question"),
    "opening_sensitive": N_("Sensitive opening question"),
    "sensitive_before_rapport": N_("Sensitive topic too early"),
    "specific_before_general": N_("Specific before general"),
    "closed_share": N_("Many closed questions"),
}

SEVERITY_LABELS = {"info": N_("for information"), "caution": N_("worth a look"), "alert": N_("to rework")}


def rule_label(rule: str) -> str:
    return _(RULE_LABELS.get(rule, rule))


def severity_label(severity: str) -> str:
    return _(SEVERITY_LABELS.get(severity, severity))


def leading() -> str:
    return _("This question hints at the answer it expects, and people tend to give the answer "
             "they are led to. Ask it without suggesting one.")


def loaded(word: str) -> str:
    return _("“{word}” is a loaded word: it tells the person what to think or feel, and a label "
             "can hurt. Use a neutral word, or none.").format(word=word)


def double_barreled() -> str:
    return _("Two questions in one: a single answer cannot say which part it is about. "
             "Ask about each part separately.")


def closed() -> str:
    return _("This question can be answered with yes or no, which cuts the story short. "
             "For a main question, ask what happened or how it went.")


def closed_with_follow_up() -> str:
    return _("A yes-or-no question with a follow-up: fine to confirm a point, but an open "
             "question first gets a richer account.")


def presupposition() -> str:
    return _("This question takes for granted something the person has not said (that it helped, "
             "that they stopped, that they have one). Leave room for every answer, or ask first "
             "whether it is so.")


def presupposition_degree() -> str:
    return _("Asking how useful something was assumes it was of some use. Adding “or not” leaves "
             "room for every answer.")


def double_negative() -> str:
    return _("Two negations in one question are hard to follow, and a “yes” or a “no” becomes "
             "ambiguous. Ask it in positive words.")


def jargon(term: str) -> str:
    return _("“{term}” may be unfamiliar to the person: jargon and acronyms make people guess or "
             "feel out of place. Say it in everyday words.").format(term=term)


def overlong(words: int) -> str:
    return _("This question is long ({words} words): the person may lose track and answer only "
             "the end. Keep one short idea per question.").format(words=words)


def overcomplex() -> str:
    return _("This question is built from several clauses or alternatives: the person may lose "
             "track and answer only the last one. Keep one short idea per question.")


def vague(word: str) -> str:
    return _("“{word}” means different things to different people, so answers cannot be compared. "
             "Ask about a specific time, such as the last time it happened.").format(word=word)


def vague_in_open() -> str:
    return _("A vague word in an open question is usually fine; to compare answers, name a "
             "period instead.")


def social_desirability_norm() -> str:
    return _("This question makes one answer sound more respectable than another, so people may "
             "give that answer rather than theirs. Say that other answers are common, then ask "
             "how it goes.")


def social_desirability_topic(topic: str) -> str:
    return _("A yes-or-no question on a sensitive topic (“{topic}”) invites the respectable answer. "
             "Say first that situations vary, then ask how it goes for the person.").format(topic=topic)


def acquiescence() -> str:
    return _("Asking people to agree with a statement invites a “yes”: many people agree whatever "
             "they think. Offer balanced choices, or ask an open question.")


# Guide-level checks

def opening_closed() -> str:
    return _("The opening question can be answered with yes or no. Start with a broad, easy, open "
             "question that lets the person tell their story.")


def opening_sensitive() -> str:
    return _("The guide opens on a sensitive topic. Start with an easy, general question and come to "
             "sensitive topics once trust is built.")


def sensitive_before_rapport(number: int) -> str:
    return _("Question {number} touches a sensitive topic early in the interview, before trust is "
             "built. Move it later.").format(number=number)


def specific_before_general(number: int, general: int, theme: str) -> str:
    return _("Question {number} asks about “{theme}” in detail before the general question {general} "
             "on the same theme, so the answer to the general question may just echo it. Ask the "
             "general question first.").format(number=number, general=general, theme=theme)


def closed_share(percent: int, limit: int) -> str:
    return _("{percent}% of the main questions can be answered with yes or no (more than {limit}%). "
             "A semi-structured interview needs mostly open questions.").format(percent=percent, limit=limit)
