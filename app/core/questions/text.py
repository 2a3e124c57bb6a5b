"""A question prepared for matching, with every offset still pointing into the text as typed.

Real guide text mixes typographic and straight apostrophes, non-breaking and narrow no-break
spaces before « ? », decomposed accents pasted from other software, stray control characters
and emoji. The rules match on normalised copies of the text that keep exactly one character per
normalised character, so a match in a copy maps back to the original through ``origin``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t"
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4\u0060\u2032"


def _punctuation_table() -> dict[int, str]:
    table = {ord(c): " " for c in _SPACES}
    table.update({ord(c): "'" for c in _APOSTROPHES})
    table.update({ord(c): "-" for c in "\u2010\u2011"})  # hyphens that look like "-"
    table.update({code: " " for code in range(0, 32)})
    table.update({code: " " for code in range(0x7F, 0xA0)})
    table.update({ord(c): " " for c in "\u200b\u200c\u200d\u2028\u2029\ufeff"})
    return table


def _accent_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[code] = decomposed[0]
    return table


PUNCTUATION = _punctuation_table()
ACCENTS = _accent_table()

WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*|\d+")
SENTENCE_END = re.compile(r"[.!?…;]+(?=[\s\"»)\]]|$)")


@dataclass(frozen=True)
class Prepared:
    """Four aligned copies of one question (same length), and the way back to the original.

    ``cased``: composed characters, apostrophes as ', spaces and control characters as " ";
    ``norm``: the same in lower case; ``fold``: lower case without accents (for word lists);
    ``fold_cased``: without accents, case kept (for acronyms).
    """

    original: str
    cased: str
    norm: str
    fold: str
    fold_cased: str
    origin: tuple[int, ...] | None  # None when the copies align one to one with the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets [start, end) of a span of the normalised copies."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end]

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """The span without surrounding spaces, in normalised offsets."""
        while start < end and self.norm[start] == " ":
            start += 1
        while end > start and self.norm[end - 1] == " ":
            end -= 1
        return start, end


def _safe_lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _compose(text: str) -> tuple[str, tuple[int, ...] | None]:
    """Compose base letters with their combining accents, remembering where each came from."""
    if not any(unicodedata.combining(c) for c in text):
        return text, None
    characters: list[str] = []
    origin: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        start = index
        index += 1
        while index < length and unicodedata.combining(text[index]):
            index += 1
        cluster = text[start:index]
        composed = unicodedata.normalize("NFC", cluster) if len(cluster) > 1 else cluster
        for character in composed:
            characters.append(character)
            origin.append(start)
    origin.append(length)
    return "".join(characters), tuple(origin)


@lru_cache(maxsize=2048)
def prepare(text: str) -> Prepared:
    composed, origin = _compose(text)
    cased = composed.translate(PUNCTUATION)
    fold_cased = cased.translate(ACCENTS)
    return Prepared(text, cased, _safe_lower(cased), _safe_lower(fold_cased), fold_cased, origin)


def words(text: str) -> list[str]:
    """Words as a reader counts them: « qu’est-ce », « aujourd’hui » and « drop-in » are one word."""
    return WORD.findall(text)


@dataclass(frozen=True)
class Segment:
    """One sentence of the question, in normalised offsets, with its closing punctuation."""

    start: int
    end: int            # after the closing punctuation, if any
    text: str           # normalised text of the segment, punctuation included
    ending: str         # "?", ".", "!", ";", "…" or "" when the sentence is left open
    word_count: int

    @property
    def is_question(self) -> bool:
        return self.ending == "?"


def segments(prepared: Prepared) -> list[Segment]:
    """Sentences of the normalised text, split after . ! ? … and ;"""
    norm = prepared.norm
    found = []
    start = 0
    for match in SENTENCE_END.finditer(norm):
        end = match.end()
        piece = norm[start:end]
        if piece.strip(" .!?…;"):
            ending = "?" if "?" in match.group() else match.group()[-1]
            found.append(Segment(start, end, piece, ending, len(words(piece))))
        start = end
    rest = norm[start:]
    if rest.strip():
        found.append(Segment(start, len(norm), rest, "", len(words(rest))))
    return found
