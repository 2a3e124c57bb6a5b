"""Checks on a whole interview guide: the funnel, sensitive topics, closed questions, duration.

The funnel (Pew on order effects; « technique de l’entonnoir »): open broad and easy, then narrow;
sensitive topics once trust is built; a general question before the specific or closed ones on the
same theme, or answers to the general question echo what was just asked. Themes are compared on
the Snowball stems of content words; a stem found in many questions of the guide (the study's
own subject, such as « coopérative ») names no particular theme and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from app.core.questions import messages
from app.core.questions.checker import check_question
from app.core.questions.findings import Finding
from app.core.questions.language import resolve_language
from app.core.questions.lexicon import Lexicon, load_lexicon
from app.core.questions.text import prepare, words

CLOSED_SHARE_LIMIT = 0.30
RAPPORT_QUESTIONS = 3            # the first questions, where trust is not yet built
DEFAULT_MINUTES = {"main": 5.0, "probe": 1.0, "closing": 2.0}
COMMON_STEM_SHARE = 0.25         # a stem in more than this share of questions names no theme
GUIDE_RULES = ("opening_closed", "opening_sensitive", "sensitive_before_rapport", "specific_before_general",
               "closed_share")


@dataclass(frozen=True)
class GuideQuestion:
    id: str
    text: str
    section: int
    intent: str = "main"
    is_sensitive: bool = False
    estimated_minutes: float | None = None


@dataclass(frozen=True)
class GuideFinding:
    rule: str
    question_id: str | None
    severity: str
    message: str


@dataclass(frozen=True)
class GuideReport:
    findings: list[GuideFinding]
    question_findings: dict[str, list[Finding]] = field(default_factory=dict)
    closed_share: float = 0.0
    estimated_minutes: float = 0.0


_STEMMERS = {"fr": "french", "en": "english"}


@lru_cache(maxsize=2)
def _stemmer(lang: str) -> SnowballStemmer:
    return SnowballStemmer(_STEMMERS[lang])


@lru_cache(maxsize=20000)
def _stem(lang: str, word: str) -> str:
    return _stemmer(lang).stem(word)


@lru_cache(maxsize=4096)
def _content_stems(text: str, lang: str, lexicon: Lexicon) -> tuple[tuple[str, str], ...]:
    """(stem, word as written) for each content word, first occurrence only."""
    norm = prepare(text).norm
    found = {}
    for word in words(norm):
        for part in word.split("'")[-1:]:
            if len(part) < 3 or part.isdigit() or lexicon.contains("stopwords", part):
                continue
            found.setdefault(_stem(lang, part), part)
    return tuple(found.items())


def _is_closed(findings: list[Finding]) -> bool:
    return any(f.rule == "closed" and f.severity != "info" for f in findings)


def _is_sensitive(question: GuideQuestion, lang: str, lexicon: Lexicon) -> bool:
    return question.is_sensitive or bool(lexicon.find("sensitive", prepare(question.text)))


def check_guide(questions: list[GuideQuestion], lang: str = "auto",
                extra: dict[str, list[str]] | None = None) -> GuideReport:
    """Every question checked, plus the guide-level checks, in guide order."""
    languages = [resolve_language(q.text, lang) for q in questions]
    lexicons = {code: load_lexicon(code, extra) for code in set(languages)}
    per_question = {}
    closed = []
    for question, code in zip(questions, languages):
        findings = check_question(question.text, code, lexicons[code])
        per_question[question.id] = findings
        closed.append(_is_closed(findings))
    findings: list[GuideFinding] = []
    asked = [i for i, q in enumerate(questions) if q.text.strip()]
    openers = [i for i in asked if questions[i].intent != "probe"]
    if openers:
        first = openers[0]
        question = questions[first]
        if closed[first]:
            findings.append(GuideFinding("opening_closed", question.id, "caution", messages.opening_closed()))
        if _is_sensitive(question, languages[first], lexicons[languages[first]]):
            findings.append(GuideFinding("opening_sensitive", question.id, "caution", messages.opening_sensitive()))
    findings += _sensitive_early(questions, asked, openers[:1], languages, lexicons)
    findings += _specific_before_general(questions, asked, closed, languages, lexicons)
    main = [i for i in asked if questions[i].intent == "main"]
    share = sum(closed[i] for i in main) / len(main) if main else 0.0
    if share > CLOSED_SHARE_LIMIT:
        findings.append(GuideFinding("closed_share", None, "caution",
                                     messages.closed_share(round(share * 100), round(CLOSED_SHARE_LIMIT * 100))))
    minutes = sum(q.estimated_minutes if q.estimated_minutes is not None else DEFAULT_MINUTES.get(q.intent, 3.0)
                  for q in questions if q.text.strip())
    return GuideReport(findings, per_question, share, minutes)


def _sensitive_early(questions, asked, opening, languages, lexicons) -> list[GuideFinding]:
    sections = sorted({questions[i].section for i in asked})
    first_section = sections[0] if len(sections) > 1 else None
    findings = []
    for rank, index in enumerate(asked):
        question = questions[index]
        early = rank < RAPPORT_QUESTIONS or question.section == first_section
        if early and index not in opening and _is_sensitive(question, languages[index], lexicons[languages[index]]):
            findings.append(GuideFinding("sensitive_before_rapport", question.id, "caution",
                                         messages.sensitive_before_rapport(rank + 1)))
    return findings


def _specific_before_general(questions, asked, closed, languages, lexicons) -> list[GuideFinding]:
    stems = {i: dict(_content_stems(questions[i].text, languages[i], lexicons[languages[i]])) for i in asked}
    counts: dict[str, int] = {}
    for found in stems.values():
        for stem in found:
            counts[stem] = counts.get(stem, 0) + 1
    common = max(2, COMMON_STEM_SHARE * len(asked))
    findings = []
    rank = {index: number for number, index in enumerate(asked, start=1)}
    for position, later in enumerate(asked):
        if questions[later].intent != "main" or closed[later]:
            continue
        for earlier in asked[:position]:
            if not closed[earlier] or questions[earlier].intent == "closing":
                continue
            shared = [stem for stem in stems[later] if stem in stems[earlier] and counts[stem] <= common]
            if shared:
                theme = stems[earlier][shared[0]]
                findings.append(GuideFinding("specific_before_general", questions[earlier].id, "caution",
                                             messages.specific_before_general(rank[earlier], rank[later], theme)))
                break
    return findings
