"""Pseudonymisation of transcripts: which words to replace, and by what.

Names and places are replaced by a bracketed label and a number, ``[Prénom 1]``, ``[Ville 2]``,
numbered once for the whole study: the same original always reads the same, in every transcript,
so that a reader can still follow who is who. Originals are compared without case or accents
(« Élodie », « Elodie » and « ÉLODIE » are one person) and replaced as whole words only
(« Marc » is not in « Marcel » nor in « Marc-Antoine »). An original written with a capital
matches only words written with a capital: « Pierre » the person, not « pierre » the stone.

Suggestions come from identities (names and towns of the study's participants), the study's own
list, originals already replaced in other transcripts, and capitalised words found inside
sentences that are not common words (the shipped ``capitalised_common.txt`` lists) and never
appear in lower case in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from app.core.questions.text import ACCENTS, PUNCTUATION
from app.paths import resource_path

KINDS = ("first_name", "last_name", "town", "place")
# Labels in the transcript's language (not the interface's): they become part of the text.
LABELS = {
    "fr": {"first_name": "Prénom", "last_name": "Nom", "town": "Ville", "place": "Lieu"},
    "en": {"first_name": "First name", "last_name": "Last name", "town": "Town", "place": "Place"},
}
SOURCES = ("identity", "study_list", "mapped", "suggested")

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,40}\]")
_SENTENCE_END = ".!?…"
_OPENERS = " \t\u00a0\u202f«“\"'‘(—–-"
_MARKS = "[\u0300-\u036f]*"  # combining accents, when the text came decomposed
_COMBINING = re.compile("[\u0300-\u036f]")
_TOWN_CUES = {
    "fr": {"à", "depuis", "jusqu", "habite"},
    "en": {"in", "to", "from", "at", "near", "around"},
}
# « à la Croix-Rousse », « au Tonkin »: a part of town, a place rather than a town.
_PLACE_ARTICLES = {"fr": {"la", "l", "le", "les"}, "en": {"the"}}
_PLACE_CONTRACTIONS = {"au", "aux"}
_TOWN_SHAPES = re.compile(r"^(?:saint|sainte|st|ste)-|-(?:sur|sous|en|les|le|la|de|du|aux|lez)-", re.IGNORECASE)


@dataclass(frozen=True)
class Pseudonym:
    """One original and its number, as the identity store keeps it."""

    original: str
    kind: str
    number: int

    def replacement(self, language: str = "fr") -> str:
        labels = LABELS.get(language, LABELS["fr"])
        return f"[{labels[self.kind]} {self.number}]"


@dataclass(frozen=True)
class StudyTerm:
    """A name or place on the study's own list, looked for in every transcript."""

    text: str
    kind: str


@dataclass(frozen=True)
class Candidate:
    """A word or phrase that may need replacing, with how often it appears in the transcript."""

    text: str
    kind_guess: str
    count: int
    from_identity: bool = False
    source: str = "suggested"  # one of SOURCES
    replacement: str = ""  # the study's replacement when the original already has one


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    key: str


def require_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"a pseudonym kind must be one of {KINDS}, not {kind!r}")
    return kind


# comparing --------------------------------------------------------------------------------------
def _fold_chars(text: str) -> str:
    """One character per character: no accents, lower case, plain spaces and apostrophes."""
    plain = text.translate(PUNCTUATION).translate(ACCENTS)
    lower = plain.lower()
    if len(lower) == len(plain):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in plain)


def fold(text: str) -> str:
    """The key under which an original is known: case, accents and spacing set aside."""
    folded = re.sub(r"[\u0300-\u036f]", "", _fold_chars(text))
    return " ".join(folded.split())


def _trie_pattern(keys: Iterable[str], marks: str) -> str:
    """One pattern for all the keys, sharing their common beginnings.

    A plain alternation of thousands of names (an identity store's) makes the regex engine try
    each name at each position of the text; sharing prefixes lets it try one character at a time.
    At each step the longer keys are tried first and a shorter one matches only if none of them
    does (the whole-word check after the pattern may send it back), as in a longest-first list.
    """
    end = ""  # marks a node where a key ends: no key character is empty
    root: dict = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[end] = {}

    def pattern(node: dict) -> str:
        chain = ""  # a run of single letters is written as is (and keeps the recursion shallow)
        while len(node) == 1 and end not in node:
            (char, node), = node.items()
            chain += unit(char)
        branches = [unit(char) + pattern(child) for char, child in sorted(node.items()) if char != end]
        if not branches:
            return chain
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return chain + (f"(?:{body})?" if end in node else body)

    def unit(char: str) -> str:  # any spacing for a space; a character, with ``marks`` after it
        return r"\s+" if char == " " else re.escape(char) + marks

    return pattern(root)


class Matcher:
    """Finds whole-word occurrences of many originals at once, longest first."""

    def __init__(self, originals: Iterable[str]):
        self.capital: dict[str, bool] = {}
        for original in originals:
            key = fold(original)
            if key:
                self.capital[key] = self.capital.get(key, False) or original.strip()[:1].isupper()
        self._regexes: dict[bool, re.Pattern] = {}

    def _regex(self, decomposed: bool) -> re.Pattern:
        """The pattern of all the originals; one that allows combining accents after each letter
        only for a text that has some (it is several times longer to compile)."""
        if decomposed not in self._regexes:
            alternatives = _trie_pattern(self.capital, _MARKS if decomposed else "")
            self._regexes[decomposed] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
        return self._regexes[decomposed]

    def find(self, text: str) -> list[Occurrence]:
        if not self.capital or not text:
            return []
        protected = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
        folded = _fold_chars(text)
        found = []
        for match in self._regex(_COMBINING.search(folded) is not None).finditer(folded):
            key = fold(match.group())
            if self.capital.get(key) and not text[match.start()].isupper():
                continue
            if any(start < match.end() and match.start() < end for start, end in protected):
                continue
            found.append(Occurrence(match.start(), match.end(), key))
        return found

    def count(self, texts: Iterable[str]) -> Counter:
        return Counter(occurrence.key for text in texts for occurrence in self.find(text))


def replace(text: str, matcher: Matcher, replacements: dict[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with every occurrence replaced; and the replacements made, as (start, end, new)."""
    made, pieces, last = [], [], 0
    for occurrence in matcher.find(text):
        new = replacements.get(occurrence.key)
        if new is None:
            continue
        pieces.extend((text[last:occurrence.start], new))
        made.append((occurrence.start, occurrence.end, new))
        last = occurrence.end
    pieces.append(text[last:])
    return "".join(pieces), made


def number_new(existing: Iterable[Pseudonym], confirmed: dict[str, str]) -> list[Pseudonym]:
    """Pseudonyms for the confirmed originals the study has not numbered yet, in the order given.

    An original already numbered keeps its number and its kind: consistency wins over a new guess.
    """
    existing = list(existing)
    known = {fold(p.original) for p in existing}
    number = max((p.number for p in existing), default=0)
    new = []
    for original, kind in confirmed.items():
        key = fold(original)
        if not key or key in known:
            continue
        number += 1
        known.add(key)
        new.append(Pseudonym(original=" ".join(original.split()), kind=require_kind(kind), number=number))
    return new


# suggesting ------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def common_words(language: str) -> frozenset[str]:
    """Capitalised words that name no one (shipped lists, plus the stopwords), folded."""
    words: set[str] = set()
    for name in ("capitalised_common", "stopwords"):
        path = resource_path("wordlists", language, f"{name}.txt")
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = line.split("#", 1)[0].strip()
                if entry:
                    words.add(fold(entry))
    return frozenset(words)


def _at_sentence_start(text: str, start: int) -> bool:
    position = start
    while position > 0 and text[position - 1] in _OPENERS:
        position -= 1
    return position == 0 or text[position - 1] in _SENTENCE_END or text[position - 1] == "\n"


def _previous_words(text: str, start: int) -> tuple[str, str]:
    words = re.findall(r"[^\W\d_]+", text[max(0, start - 30):start])
    return (words[-2] if len(words) > 1 else "", words[-1] if words else "")


def _place_vote(text: str, start: int, language: str) -> str:
    """What the words just before suggest: "town", "place" or nothing."""
    before, previous = _previous_words(text, start)
    lower = previous.lower()
    if lower in _PLACE_CONTRACTIONS and language == "fr" or (
            lower in _PLACE_ARTICLES.get(language, ()) and before.lower() in _TOWN_CUES.get(language, ())):
        return "place"
    if lower in _TOWN_CUES.get(language, ()) or previous in ("Le", "La", "Les"):
        return "town"
    return ""


def _listed_after(text: str, start: int) -> str:
    """The capitalised word just before, when this one follows it in a list (« Crest, Die et Nyons »)."""
    match = re.search(r"([^\W\d_]+(?:-[^\W\d_]+)*)(?:\s*,\s*|\s+(?:et|ou|and|or)\s+)$", text[max(0, start - 60):start])
    return fold(match.group(1)) if match and match.group(1)[0].isupper() else ""


def capitalised_candidates(texts: list[str], language: str = "fr", exclude: Iterable[str] = ()) -> list[Candidate]:
    """Words written with a capital inside a sentence that may be names or places.

    A word only ever seen at the start of sentences, or also seen in lower case, is left out.
    The kind is a guess: a town after « à », « vers »… (or a capitalised article, or in a list
    after a town, or shaped like « Saint-… », « …-sur-… »), otherwise a first name.
    """
    common = common_words(language) | {fold(word) for word in exclude}
    lower_seen: set[str] = set()
    surfaces: dict[str, Counter] = {}
    inside: set[str] = set()
    votes: dict[str, Counter] = {}
    listed_after: dict[str, set[str]] = {}
    for text in texts:
        hidden = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
        for match in _WORD.finditer(hidden):
            word, start = match.group(), match.start()
            key = fold(word)
            if not word[0].isupper():
                lower_seen.add(key)
                continue
            if word.isupper() or len(word) < 2 or key in common:
                continue
            surfaces.setdefault(key, Counter())[word] += 1
            if not _at_sentence_start(hidden, start):
                inside.add(key)
            votes.setdefault(key, Counter())[_place_vote(hidden, start, language)] += 1
            listed_after.setdefault(key, set()).add(_listed_after(hidden, start))
    kinds = {}
    for key, counter in surfaces.items():
        text, count = counter.most_common(1)[0][0], sum(counter.values())
        if votes[key]["place"] * 2 >= count:
            kinds[key] = "place"
        elif votes[key]["town"] * 2 >= count or _TOWN_SHAPES.search(text):
            kinds[key] = "town"
        else:
            kinds[key] = "first_name"
    for key in kinds:
        if kinds[key] == "first_name" and any(kinds.get(before) == "town" for before in listed_after[key]):
            kinds[key] = "town"
    found = [
        Candidate(text=surfaces[key].most_common(1)[0][0], kind_guess=kinds[key], count=sum(surfaces[key].values()))
        for key in surfaces if key in inside and key not in lower_seen
    ]
    return sorted(found, key=lambda c: (-c.count, fold(c.text)))


def identity_terms(full_name: str, address: str = "", language: str = "fr") -> list[tuple[str, str]]:
    """Names and places a participant's identity gives: (text, kind), most specific first."""
    terms: list[tuple[str, str]] = []
    parts = full_name.split()
    if parts:
        terms.append((parts[0], "first_name"))
    if len(parts) > 2:
        terms.append((" ".join(parts[1:]), "last_name"))
    common = common_words(language)
    for part in parts[1:]:
        if len(part) >= 3 and fold(part) not in common:
            terms.append((part, "last_name"))
    pieces = [piece.strip() for piece in address.split(",") if piece.strip()]
    if pieces:
        town = re.sub(r"^[\d\s-]+|\s+cedex.*$", "", pieces[-1], flags=re.IGNORECASE).strip()
        if town and not town.isdigit():
            terms.append((town, "town"))
    if len(pieces) > 1:
        street = re.sub(r"^\d+\s*(?:bis|ter)?,?\s*|\s+\d+\w?$", "", pieces[0]).strip()
        if len(street.split()) > 1:
            terms.append((street, "place"))
    return terms
