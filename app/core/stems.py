"""Words of a text reduced to what they mean for matching: tokens, stopwords, Snowball stems.

Assisted coding compares a sentence with a code's keywords and example phrases. Two words match
when they share a stem once lower-cased and folded. The French Snowball stemmer reads accents
(« sécurité » → sécur, but « securite » → securit), so each word has two keys: the stem of the word
as written, folded afterwards, and the stem of the folded word; two words match when their keys
meet, so a keyword typed without accents still finds the accented word. French elision is undone
first, so « l’emploi » is the word « emploi ». Stopwords come from the lists shipped in
``resources/stopwords``.

Snowball is algorithmic: nltk needs no data file for it, so nothing here downloads anything.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.core.search_query import fold
from app.paths import resource_path

SNOWBALL_LANGUAGES = {"fr": "french", "en": "english"}

# A word: letters, possibly joined by apostrophes (l’emploi, aujourd’hui, don't). Digits and
# underscores are not letters; a hyphen splits (micro-entreprise is two words).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_APOSTROPHE = re.compile("['’]")
# French words that lose their vowel before another word: l’, d’, qu’, jusqu’…
_ELIDED = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
                     "presqu"})
# The end of a sentence: its punctuation, then any closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?…]+[»”\")\]]*(?=\s)|\n")


@dataclass(frozen=True)
class Token:
    """A word of a text at [start, end) of that text, with its folded form and its stem."""

    start: int
    end: int
    text: str
    folded: str
    stem: str
    keys: frozenset[str]


def _normalise_apostrophes(word: str) -> str:
    return word.replace("’", "'")


def fold_text(text: str) -> str:
    """Lower case without accents, for a whole sentence: ``fold`` without its cache, which is kept
    for single words."""
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", text.lower())))


def _first_apostrophe(word: str) -> int:
    found = _APOSTROPHE.search(word)
    return found.start() if found else -1


def words(text: str, language: str) -> list[tuple[int, int, str]]:
    """The words of ``text`` with their offsets; in French the elided article or pronoun is dropped
    (« l’emploi » gives « emploi » at the offset where « emploi » starts)."""
    found = []
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        while language == "fr" and (cut := _first_apostrophe(word)) > 0 and fold(word[:cut]) in _ELIDED:
            start, word = start + cut + 1, word[cut + 1:]
        found.append((start, start + len(word), word))
    return found


@lru_cache(maxsize=8)
def stopwords(language: str) -> frozenset[str]:
    """The shipped stopwords of a language, folded; an empty set for a language without a list."""
    path = resource_path("stopwords", f"{language}.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(_normalise_apostrophes(line.strip())) for line in lines
                     if line.strip() and not line.lstrip().startswith("#"))


@lru_cache(maxsize=4)
def _stemmer(language: str):
    from nltk.stem.snowball import SnowballStemmer  # algorithmic: no nltk data, no network

    return SnowballStemmer(SNOWBALL_LANGUAGES[language])


def _snowball(word: str, language: str) -> str:
    stemmed = fold(_stemmer(language).stem(word) if language in SNOWBALL_LANGUAGES else word)
    # French Snowball keeps the plural s after a u (« revenus » stays « revenus » while « revenu »
    # is « revenu »); dropping a final s from longer stems lets the two forms meet.
    if language == "fr" and len(stemmed) > 4 and stemmed.endswith("s"):
        stemmed = stemmed[:-1]
    return stemmed


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The folded Snowball stem of one word; a language without a stemmer keeps the folded word."""
    return _snowball(_normalise_apostrophes(word.lower()), language)


@lru_cache(maxsize=65536)
def keys(word: str, language: str) -> frozenset[str]:
    """The stem of the word as written and the stem of the word without its accents: two words
    are the same word for matching when their keys meet."""
    lowered = _normalise_apostrophes(word.lower())
    return frozenset({_snowball(lowered, language), _snowball(fold(lowered), language)})


def tokens(text: str, language: str) -> list[Token]:
    """The words of ``text`` that carry meaning: stopwords are left out."""
    stop = stopwords(language)
    found = []
    for start, end, word in words(text, language):
        folded = fold(_normalise_apostrophes(word))
        if folded in stop or len(folded) < 2:
            continue
        found.append(Token(start, end, word, folded, stem(word, language), keys(word, language)))
    return found


def stems(text: str, language: str) -> set[str]:
    """Every key of the meaningful words of ``text`` (see ``keys``)."""
    return {key for token in tokens(text, language) for key in token.keys}


def word_keys(text: str, language: str) -> tuple[frozenset[str], ...]:
    """The keys of each distinct meaningful word of ``text``, in order: one set per word."""
    return tuple(dict.fromkeys(token.keys for token in tokens(text, language)))


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of ``text``, without the spaces around it.

    A sentence ends at . ! ? or … (and a closing quote) followed by a space, or at a line break.
    """
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end() if match.group() != "\n" else match.start()))
        start = match.end()
    spans.append((start, len(text)))
    trimmed = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            trimmed.append((begin, end))
    return trimmed
