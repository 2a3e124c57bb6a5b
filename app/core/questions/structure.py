"""The shape of a question: its sentences, and whether each asked question is open or closed.

A guide question may hold an acknowledgement (« D’accord. »), a preamble (« Certaines personnes
trouvent cela difficile. »), and one or more asked questions. Oral transcripts often have no
« ? », so the last sentence counts as asked when none ends with one.

Open or closed is read from the opener of each clause (after discourse markers such as « alors »,
« et », "so", "and"): an interrogative word opens the question; « est-ce que », verb–subject
inversion (« avez-vous », « a-t-il ») and an English auxiliary first ("do you", "is it") close it;
a polite request (« pouvez-vous me raconter », "could you tell me") or an imperative
(« racontez-moi », "tell me") is open; a statement ending with « ? » is closed (intonation).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from app.core.questions.lexicon import Lexicon
from app.core.questions.text import Prepared, Segment, prepare, segments, words

# Discourse markers skipped before the opener. Words that are also content words ("bien",
# "maintenant", "great", "now") count only when a comma follows them.
_MARKERS = {
    "fr": r"(?:(?:alors|et|donc|euh+|heu+|ben|bah|mais|puis|du coup|ok|okay|hum+|hm+|ah|oh|ouais|oui|hein|bon\s+alors)\b[\s,]*"
          r"|(?:bon|bien|très bien|d'accord|oui|non|voilà|enfin|maintenant|ensuite|eh bien|parfait|"
          r"entendu|merci|tiens)\s*,\s*)",
    "en": r"(?:(?:so|and|but|ok|okay|um+|uh+|er+|erm+|yeah|alright|then|mm+\s+hmm|mm+|hmm+|oh|ah)\b[\s,]*"
          r"|(?:well|right|now|great|good|sure|yes|i see|thanks|thank you|fine|all right|perfect)\s*,\s*)",
}
_MARKER_RUN = {lang: re.compile(rf"[\s\-–—«\"(]*(?:{pattern})*") for lang, pattern in _MARKERS.items()}

_SUBJECT_FR = r"(?:vous|tu|il|elle|ils|elles|on|je|nous|j'|c'|ça|cela)\b"
_INVERSION_FR = r"(?!rendez-vous)[^\W\d_]+(?:-t)?-(?:vous|tu|il|elle|ils|elles|on|je|nous)\b"
_OPEN_FR = re.compile(
    r"(?:(?:à|a|au|aux|de|du|des|d'|en|dans|pour|avec|chez|par|sur|depuis|jusqu'|vers|selon|"
    r"entre|sous|contre|parmi|malgré)\s*)?"
    r"(?P<word>comment|pourquoi|quand|où|qu'|que\b|quoi|quel(?:le)?s?\b|lequel|laquelle|"
    r"lesquel(?:le)?s|combien|qui\b)"
)
_OPEN_EN = re.compile(
    r"(?:(?:in|on|at|to|for|with|from|about|of|by|since|during|under|between|among|into|until|"
    r"after|before)\s+)?(?P<word>what|which|who|whom|whose|how|why|where|when)\b"
)
_SUBORDINATING = {"fr": ("quand", "où"), "en": ("when", "where")}
_SUBJECT_EN = re.compile(r"\s+(?:you|they|he|she|we|i|it|people|things|the|your|my|this|that)\b")

_REQUEST = {
    "fr": re.compile(
        r"(?:est[- ]ce\s*(?:que|qu')\s*)?"
        r"(?:(?:pouvez|pourriez|voulez|voudriez|accepteriez|peux|pourrais|veux|voudrais)-(?:vous|tu)|"
        r"vous\s+(?:pouvez|pourriez|voulez|voudriez|accepteriez)|tu\s+(?:peux|pourrais|veux|voudrais))"
        r"\s*(?:(?:me|m'|nous|vous|en|bien|un peu|peut-être|encore|s'il vous plaît)\s*,?\s*)*"
        r"(?:raconter|dire|décrire|expliquer|parler|donner|préciser|présenter|montrer|détailler|"
        r"citer|évoquer|partager|développer|retracer|résumer|rappeler|éclairer)"
    ),
    "en": re.compile(
        r"(?:can|could|would|will)\s+you\s+(?:please\s+|perhaps\s+|maybe\s+|just\s+)?"
        r"(?:tell|describe|explain|walk|talk|take\s+me|share|give|show|say\s+(?:a\s+(?:bit|little)\s+)?more|"
        r"go\s+through|expand|elaborate|help\s+me\s+understand|recall|think\s+of|paint|run\s+me\s+through|"
        r"gimme|remember\s+a|describe)\b"
    ),
}
_IMPERATIVE = {
    "fr": re.compile(
        r"(?:racontez|décrivez|parlez|expliquez|dites|présentez|donnez|citez|imaginez|évoquez|"
        r"retracez|détaillez|précisez|montrez|raconte|décris|parle|explique|dis|revenons|parlons|"
        r"commençons|prenons|essayez|pensez\s+à|rappelez)(?:-moi|-nous|\b)"
        r"|(?:j'aimerais|je voudrais|je souhaiterais|j'aimerais bien)\s+(?:que\s+vous|savoir|comprendre|"
        r"connaître|entendre|vous\s+entendre|en\s+savoir|qu'on|que\s+l'on|vous\s+demander)"
    ),
    "en": re.compile(
        r"(?:tell|describe|explain|walk|talk|take|share|give|show|imagine|picture|think\s+back|"
        r"think\s+about|let's|let\s+us|please|i'd\s+like|i\s+would\s+like|i'm\s+interested|"
        r"i\s+am\s+interested|i'd\s+love|i\s+wonder|i'm\s+curious|i\s+am\s+curious)\b"
    ),
}
_CLOSED_FR = re.compile(
    r"(?P<cue>est[- ]ce\s*(?:que|qu')|y\s*-?\s*a[- ]t[- ]il|"
    r"(?:ne\s+|n')?(?:(?:vous|te|t'|se|s'|lui|leur|me|m'|nous|y|en|le|la|les|l')\s*)*" + _INVERSION_FR + ")"
)
_CLOSED_EN = re.compile(
    r"(?!(?:have|has|had)\s+(?:a|an|some|fun|lunch|dinner|breakfast)\b)"  # "have a good day" is no question
    r"(?P<cue>(?:do|does|did|are|is|was|were|have|has|had|can|could|would|will|should|shall|may|"
    r"might|must|am)(?:n't)?\s+(?:not\s+)?[^\W\d_]+(?:'[^\W\d_]+)?)(?=[\s?,.]|$)"
)
# A short verbless fragment (« Et le transport ? », « Chez votre fille… ? », "And your family?")
# is an echo or topic probe (Blanchet's « relance en écho »): it invites talk, it is not yes/no.
ECHO_PROBE_WORDS = 4
_VERB_CUE = {
    "fr": re.compile(r"\b(?:vous|tu|t'|c'est|ça|cela|il y a|y a|est|sont|était|a|ont)\b|-(?:vous|tu|il|elle|ils|elles|on)\b"),
    "en": re.compile(r"\b(?:you|it's|there's|that's|is|are|was|were|do|does|did|have|has|had|can|could|would|will|"
                     r"i|we|they|he|she)\b"),
}
_NOUN_INVERSION_FR = re.compile(r"(?!rendez-vous)\b[^\W\d_]+(?:-t)?-(?:il|elle|ils|elles|on)\b")
# « Vous faites quoi le week-end ? », « Ça se passe comment ? »: the interrogative stays in place.
# « Vous savez comment… ? » asks whether the person knows: it stays closed.
_IN_SITU_FR = re.compile(r"\b(?:combien|quel(?:le)?s?)\b|\bquoi\b(?!\s+que)"
                         r"|(?<!savez )(?<!sais )(?<!savoir )\bcomment\b"
                         r"|\b(?:quand|où|pourquoi|lequel|laquelle|lesquel(?:le)?s|qui)\s*[?.!]*\s*$")
_ALTERNATIVES = {
    "fr": re.compile(r",\s*ou\s+(?!pas\b|non\b)|\bou\s+(?:bien|plutôt|est-ce|autre\s+chose|quelque\s+chose\s+d'autre)\b"),
    "en": re.compile(r",\s*or\s+(?!not\b)|\bor\s+(?:rather|something\s+else|anything\s+else|is\s+it|are\s+you|"
                     r"do\s+you|did\s+you|would\s+you|was\s+it|were\s+you)\b"),
}
_FOLLOW_UP = {
    "fr": re.compile(r"\b(?:et\s+)?si\s+oui\b|\bsi\s+non\b|\bet\s+pourquoi\b|\blesquel(?:le)?s\b|"
                     r"\bpourquoi\s*\?|\bet\s+comment\b"),
    "en": re.compile(r"\bif\s+(?:so|yes|not)\b|\band\s+why\b|\bwhy\s+or\s+why\s+not\b|\bwhich\s+ones?\b|"
                     r"\band\s+how\b"),
}
_CLOSING = {
    "fr": re.compile(r"\bautre\s+chose\b|\bquelque\s+chose\s+(?:à|a)\s+ajouter\b|\bquelque\s+chose\s+d'autre\b|"
                     r"\bà\s+ajouter\b|\bune\s+question\s+que\s+je\s+(?:ne\s+)?vous\s+ai\s+pas\s+posée\b"
                     r"|\b(?:rien|quelque\s+chose)\s+(?:dont|que|qu')\s*(?:nous|on|je)\s+(?:n'|ne\s+)?(?:avons|a|ai)\s+"
                     r"pas\s+(?:parlé|abordé|évoqué)"),
    "en": re.compile(r"\banything\s+else\b|\bsomething\s+else\s+(?:you|to)\b|\banything\s+(?:more\s+)?to\s+add\b|"
                     r"\banything\s+(?:you'd|you\s+would)\s+like\s+to\s+add\b|"
                     r"\ba\s+question\s+i\s+(?:haven't|have\s+not|didn't|did\s+not)\s+ask"
                     r"|\banything\s+(?:\w+\s+){0,3}(?:haven't|have\s+not|didn't|did\s+not)\s+(?:talked|asked|covered|"
                     r"discussed|mentioned)\b"),
}
_SECOND_PERSON = {
    "fr": re.compile(r"\b(?:vous|votre|vos|tu|ton|ta|tes|toi)\b|-vous\b|-tu\b"),
    "en": re.compile(r"\b(?:you|your|yours|yourself)\b"),
}
# A sentence left without « ? » is an intonation question when it speaks to the person
# (« vous sortez souvent », « les horaires vous conviennent ») or opens on « c’est », « il y a ».
_INTONATION_QUESTION = {
    "fr": re.compile(r"(?:c'est|ça|il y a|y a)\b|.*\b(?:vous|tu|t')(?![\w'-])"),
    "en": re.compile(r"(?:it's|there's|that's|things)\b|.*\byou\b"),
}
_AND = {"fr": re.compile(r"[\s\-–—«\"(]*et\b"), "en": re.compile(r"[\s\-–—«\"(]*and\b")}
_CLAUSE_BREAK = re.compile(r"[,:;()]\s*|\s[-–—]\s")


@dataclass(frozen=True)
class Form:
    """How one asked question is built."""

    kind: str                  # "open", "request", "closed", "statement" or "closing"
    cue: tuple[int, int]       # normalised span of the opener, or the whole clause when declarative
    alternatives: bool = False  # offers explicit choices (« …, ne change rien, ou… »)


@dataclass(frozen=True)
class Analysis:
    """Everything the rules share about one question."""

    prepared: Prepared
    lang: str
    lexicon: Lexicon
    segments: tuple[Segment, ...]
    asked: tuple[Segment, ...]        # the questions actually asked
    preamble: tuple[Segment, ...]     # statements before them (context, normalising phrase)
    acknowledgements: tuple[Segment, ...]
    forms: tuple[Form, ...]           # one per asked question
    bodies: tuple[int, ...]           # where each asked question starts after discourse markers
    normalised: bool                  # a normalising phrase precedes or frames the question
    _found: dict = field(default_factory=dict, repr=False, compare=False)
    _muted: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)

    @property
    def norm(self) -> str:
        return self.prepared.norm

    def find(self, name: str) -> list[tuple[int, int]]:
        """Where entries of word list ``name`` occur (computed once per question)."""
        if name not in self._found:
            self._found[name] = self.lexicon.find(name, self.prepared)
        return self._found[name]

    def muted(self, position: int) -> bool:
        """Whether ``position`` lies in an acknowledgement or in the markers opening a question."""
        return _inside(self._muted, position)

    def addresses_person(self, segment: Segment) -> bool:
        return bool(_SECOND_PERSON[self.lang].search(segment.text))

    def content(self) -> tuple[Segment, ...]:
        """Every sentence except stand-alone acknowledgements."""
        quiet = set(self.acknowledgements)
        return tuple(s for s in self.segments if s not in quiet)


def skip_markers(norm: str, start: int, end: int, lang: str) -> int:
    match = _MARKER_RUN[lang].match(norm, start, end)
    return match.end() if match else start


def _clause_starts(norm: str, start: int, end: int, lang: str) -> list[int]:
    starts = [skip_markers(norm, start, end, lang)]
    for match in _CLAUSE_BREAK.finditer(norm, start, end):
        position = skip_markers(norm, match.end(), end, lang)
        if position < end:
            starts.append(position)
    return starts


def _open_at(norm: str, position: int, end: int, lang: str) -> re.Match | None:
    pattern = _OPEN_FR if lang == "fr" else _OPEN_EN
    match = pattern.match(norm, position, end)
    if not match:
        return None
    word = match.group("word")
    if word in _SUBORDINATING[lang]:
        # « quand vous êtes arrivée, … » and "when you think about it, …" introduce a clause.
        if lang == "fr":
            clause_end = _CLAUSE_BREAK.search(norm, match.end(), end)
            clause = norm[match.end(): clause_end.start() if clause_end else end]
            if re.match(r"\s+" + _SUBJECT_FR, clause) and not re.search(_INVERSION_FR, clause):
                return None
        elif _SUBJECT_EN.match(norm, match.end(), end):
            return None
    return match


def question_form(norm: str, segment: Segment, lang: str) -> tuple[Form, int]:
    start, end = segment.start, segment.end
    body = skip_markers(norm, start, end, lang)
    text = norm[start:end]
    if _CLOSING[lang].search(text):
        return Form("closing", (body, body)), body
    alternatives = bool(_ALTERNATIVES[lang].search(text))
    starts = _clause_starts(norm, start, end, lang)
    for position in starts:
        request = _REQUEST[lang].match(norm, position, end) or _IMPERATIVE[lang].match(norm, position, end)
        if request:
            return Form("request", request.span(), alternatives), body
    for position in starts:
        opener = _open_at(norm, position, end, lang)
        if opener:
            return Form("open", opener.span(), alternatives), body
        closed = (_CLOSED_FR if lang == "fr" else _CLOSED_EN).match(norm, position, end)
        if closed:
            return Form("closed", closed.span("cue"), alternatives), body
    if lang == "fr":
        if _IN_SITU_FR.search(norm, body, end):
            return Form("open", (body, body), alternatives), body
        inversion = _NOUN_INVERSION_FR.search(norm, body, end)
        if inversion:
            return Form("closed", inversion.span(), alternatives), body
    clause_end = end - len(text) + len(text.rstrip(" ?.!…;"))
    fragment = norm[body:clause_end]
    follows_on = bool(_AND[lang].match(norm, start, body))  # « Et du personnel ? » after a first question
    if (follows_on or len(words(fragment)) <= ECHO_PROBE_WORDS) and not _VERB_CUE[lang].search(fragment):
        return Form("open", (body, clause_end), alternatives), body
    if segment.ending == "?" or (segment.ending == "" and _INTONATION_QUESTION[lang].match(norm, body, end)):
        return Form("closed", (body, clause_end), alternatives), body
    return Form("statement", (body, clause_end), alternatives), body


def is_follow_up(norm: str, start: int, end: int, lang: str) -> bool:
    """Whether « si oui, lesquels ? », "and why?" and the like follow in norm[start:end]."""
    return bool(_FOLLOW_UP[lang].search(norm, start, end))


def analyse(text: str, lang: str, lexicon: Lexicon) -> Analysis:
    prepared = prepare(text)
    norm = prepared.norm
    all_segments = tuple(segments(prepared))
    questions = [s for s in all_segments if s.is_question]
    if not questions and all_segments:
        questions = [all_segments[-1]]
    asked = set(questions)
    acknowledgements = tuple(
        s for s in all_segments
        if s not in asked and s.word_count <= 3 and s.ending in (".", "!", "…", ";", "")
    )
    quiet = set(acknowledgements)
    first_question = all_segments.index(questions[0]) if questions else len(all_segments)
    preamble = tuple(s for s in all_segments[:first_question] if s not in quiet)
    forms = []
    bodies = []
    for segment in questions:
        form, body = question_form(norm, segment, lang)
        forms.append(form)
        bodies.append(body)
    muted = sorted([(s.start, s.end) for s in acknowledgements]
                   + [(s.start, body) for s, body in zip(questions, bodies) if body > s.start])
    found = {"normalising": lexicon.find("normalising", prepared)}
    normalised = any(not _inside(muted, start) for start, _end in found["normalising"])
    return Analysis(
        prepared=prepared,
        lang=lang,
        lexicon=lexicon,
        segments=all_segments,
        asked=tuple(questions),
        preamble=preamble,
        acknowledgements=acknowledgements,
        forms=tuple(forms),
        bodies=tuple(bodies),
        normalised=normalised,
        _found=found,
        _muted=tuple(muted),
    )


def _inside(ranges, position: int) -> bool:
    index = bisect.bisect_right(ranges, (position, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= position < ranges[index][1]
