"""Reading single turns: is an interviewer turn a question (open or closed), is a participant turn
cut off, is an answer a bare « oui »?

Questions are read with the question checker's sentence analysis (``app.core.questions``). A turn
with « ? » is a question. French oral transcripts often have no « ? » at all (CFPP2000,
ESLO), so a turn without any terminal punctuation still counts when its words make it one: an
interrogative word (« comment », « quel », "what"), « est-ce que », an inversion (« avez-vous »),
an English auxiliary first ("do you"), a request (« pouvez-vous me raconter », "tell me"). A
statement said with a rising voice (« vous êtes née ici ») cannot be told from a remark in
unpunctuated text, and a short fragment (« ah », « d'accord ») is a backchannel there: neither
counts. A punctuated turn that ends with « . » or « ! » is a statement (a reformulation such as
« Donc vous vous sentez moins isolée. » is not counted as a question).

Open or closed follows the checker: a closed question offering explicit choices, a closing
invitation (« autre chose à ajouter ? ») and a closed question followed by an open one in the
same turn count as open. Sources: ``research/bias_nlp.md`` §1.2 item 4 (closed), items 11
(acquiescence) and 14 (interruptions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.questions.lexicon import Lexicon
from app.core.questions.structure import analyse
from app.core.words import count_words

_LEXICAL_KINDS = ("open", "request", "closed", "closing")


@dataclass(frozen=True)
class QuestionRead:
    kind: str  # "open" or "closed"


def read_question(text: str, lang: str, lexicon: Lexicon) -> QuestionRead | None:
    """How an interviewer turn asks: open, closed, or None when it asks nothing."""
    if not text or not text.strip():
        return None
    analysis = analyse(text, lang, lexicon)
    marked = any(segment.ending == "?" for segment in analysis.segments)
    if not marked and (not analysis.asked or analysis.asked[-1].ending != ""):
        return None  # punctuated, and no « ? »: a statement
    kinds = []
    for segment, form in zip(analysis.asked, analysis.forms):
        if not marked and not _lexical(analysis.norm, segment, form):
            continue
        if form.kind == "closed" and not form.alternatives:
            kinds.append("closed")
        elif form.kind in _LEXICAL_KINDS:
            kinds.append("open")
    if not kinds:
        return None
    return QuestionRead("open" if "open" in kinds else "closed")


def _lexical(norm: str, segment, form) -> bool:
    """Whether an unpunctuated sentence is a question by its words alone.

    The checker reads a declarative sentence or a fragment (« ah », « famille de fabricants »)
    from the whole clause, so its cue runs to the end of the clause; a question word,
    « est-ce que » or an inversion is a cue of its own that stops earlier (an empty one before
    the words for « vous faites quoi »). A clause that is only a question word counts too.
    """
    if form.kind in ("request", "closing"):
        return True
    if form.kind not in ("open", "closed"):
        return False
    start, end = form.cue
    clause_end = segment.start + len(segment.text.rstrip(" ?.!…;"))
    if end < clause_end:
        return True
    return bool(_QUESTION_WORD.fullmatch(norm[start:end].strip()))


# A clause that is a question word and nothing else (« comment », « pourquoi », "why").
_QUESTION_WORD = re.compile(r"comment|pourquoi|quand|où|quoi|combien|lequel|laquelle|how|why|what|when|where|which|who")


# A participant turn left unfinished: a dash, an ellipsis, or a word cut short (« ma fi- »).
_CUT_OFF = re.compile(r"(?:[-–—…]|\.\.\.|--)[\s\"»”)\]]*$")


def is_cut_off(text: str) -> bool:
    return bool(_CUT_OFF.search(text.rstrip()))


# Bare assent: the answer holds nothing but yes-words and fillers (§11 acquiescence, ≤ 3 words).
BARE_ANSWER_MAX_WORDS = 3
_ASSENT = {
    "fr": r"oui|ouais|ouaip|si|voilà|voila|d'accord|ok|okay|exactement|absolument|tout à fait|c'est ça|bien sûr",
    "en": r"yes|yeah|yep|yup|sure|right|ok|okay|exactly|absolutely|of course|that's right|uh-huh|uh huh|mm-hmm",
}
_FILLERS = {
    "fr": r"euh+|heu+|ben|bah|bon|hein|hum+|hm+|mm+|mhm|ah|oh",
    "en": r"um+|uh+|er+|erm+|oh|ah|well|hmm+|mm+",
}
_ASSENT_PATTERN = {lang: re.compile(rf"(?<![^\W_])(?:{words})(?![^\W_'])") for lang, words in _ASSENT.items()}
_FILLER_PATTERN = {lang: re.compile(rf"(?<![^\W_])(?:{words})(?![^\W_'])") for lang, words in _FILLERS.items()}
_LEFTOVER = re.compile(r"[^\W_]")


def is_bare_assent(text: str, lang: str) -> bool:
    """« Oui. », « Ouais, voilà. », "Yeah, sure.": agreement and nothing else, in at most three words."""
    if count_words(text) > BARE_ANSWER_MAX_WORDS:
        return False
    norm = text.lower().replace("\u2019", "'").replace("\u00a0", " ")
    lang = lang if lang in _ASSENT_PATTERN else "fr"
    without_assent, assents = _ASSENT_PATTERN[lang].subn(" ", norm)
    if not assents:
        return False
    rest = _FILLER_PATTERN[lang].sub(" ", without_assent)
    return not _LEFTOVER.search(rest)
