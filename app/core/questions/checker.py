"""Check one interview question: every rule, offsets back in the text as typed.

The editor re-checks the whole guide at each keystroke, so results are cached per question
text, language, word lists and interface language: only the edited question is worked out again.
"""

from __future__ import annotations

from functools import lru_cache

from app.core.questions import rules_form, rules_sensitive, rules_structure, rules_words
from app.core.questions.findings import RULES, Finding
from app.core.questions.hits import Hit
from app.core.questions.language import resolve_language
from app.core.questions.lexicon import Lexicon, load_lexicon
from app.core.questions.structure import Analysis, analyse
from app.i18n import current_language

_RULE_FUNCTIONS = (
    rules_form.leading,
    rules_words.loaded,
    rules_structure.double_barreled,
    rules_form.closed,
    rules_structure.presupposition,
    rules_words.double_negative,
    rules_words.jargon,
    rules_structure.overlong,
    rules_words.vague_quantifier,
    rules_sensitive.social_desirability,
    rules_form.acquiescence,
)
_RULE_ORDER = {rule: index for index, rule in enumerate(RULES)}


def check_question(text: str, lang: str = "auto", lexicon: Lexicon | None = None) -> list[Finding]:
    """Findings for one question, ordered by position. Empty or blank text has none.

    ``lang`` is "fr", "en" or "auto" (detected per question; with a ``lexicon`` given, its
    language). ``lexicon`` defaults to the shipped word lists of the language.
    """
    if text is None:
        return []
    if not isinstance(text, str):
        raise TypeError(f"a question is text, not {type(text).__name__}")
    if not text.strip():
        return []
    if lang == "auto" and lexicon is not None:
        lang = lexicon.lang
    lang = resolve_language(text, lang)
    if lexicon is None or lexicon.lang != lang:
        lexicon = load_lexicon(lang)
    return list(_check(text, lang, lexicon, current_language()))


@lru_cache(maxsize=4096)
def _check(text: str, lang: str, lexicon: Lexicon, _interface_language: str) -> tuple[Finding, ...]:
    analysis = analyse(text, lang, lexicon)
    hits: list[Hit] = []
    for rule in _RULE_FUNCTIONS:
        hits += rule(analysis)
    return tuple(_findings(analysis, _without_protected(analysis, hits)))


def _without_protected(analysis: Analysis, hits: list[Hit]) -> list[Hit]:
    protected = analysis.lexicon.find("protected", analysis.prepared)
    if not protected:
        return hits
    return [hit for hit in hits if not any(a <= hit.start and hit.end <= b for a, b in protected)]


def _findings(analysis: Analysis, hits: list[Hit]) -> list[Finding]:
    prepared = analysis.prepared
    seen = set()
    findings = []
    for hit in sorted(hits, key=lambda h: (h.start, _RULE_ORDER[h.rule], h.end)):
        start, end = prepared.span(*prepared.trimmed(hit.start, hit.end))
        key = (hit.rule, start, end)
        if key in seen or end <= start:
            continue
        seen.add(key)
        findings.append(Finding(hit.rule, start, end, hit.severity, hit.message, hit.suggestion))
    return findings


def clear_cache() -> None:
    """Forget cached results (the benchmark times cold checks)."""
    _check.cache_clear()
