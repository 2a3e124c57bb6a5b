"""What a person types into the search box, read as a full-text query that cannot go wrong.

The query language is small on purpose: words (every one must appear in the turn), phrases
between quotes ("rapport au travail", « rapport au travail » or “…”), a prefix with a star
(coop*), and OR (or OU) in capitals between two alternatives. A word written with an apostrophe or
a hyphen (aujourd’hui, micro-entreprise) is searched as the phrase it is. Anything else —
parentheses, colons, NEAR, AND, emoji — is read as a word or as a separator, never as syntax: the
FTS5 expression is built from quoted strings joined by AND and OR only, so FTS5 cannot reject it.

Words are folded the way the index folds them (``unicode61 remove_diacritics 2``): lower case,
accents removed, so « cooperative » finds « coopérative » and « COOPÉRATIVE ». With stemming on,
each plain word also matches the words sharing its Snowball stem, through a prefix (« travaillait »
→ travail*). ``locate`` finds the matched words again in a turn's original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

MAX_QUERY_CHARS = 500
MAX_TERMS = 16  # more would make a slow query that no one meant to type
MIN_PREFIX = 3  # « co* » would merge the lists of thousands of words
MIN_STEM = 4  # « vie » stems to « vi »: a prefix that short finds everything
STEM_LANGUAGES = {"fr": "french", "en": "english"}

# What the index counts as word characters: letters, digits, private-use characters and
# combining marks (text stored decomposed keeps « e » + U+0301 in one word). No underscore.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
TOKEN = re.compile(rf"(?:[^\W_]|[{_MARKS}\ue000-\uf8ff])+")
_QUOTES = '"«»“”„'
_OPERATORS = ("OR", "OU")
_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1$")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents: « Coopérative » -> « cooperative »; « sœur » keeps its œ."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")))


@dataclass(frozen=True)
class Term:
    """One thing to find: a word, or a phrase of consecutive words; the last may be a prefix.

    ``tokens`` are folded as the index folds them; ``words`` keep the accents, for the stemmer.
    """

    tokens: tuple[str, ...]
    prefix: bool = False
    words: tuple[str, ...] = field(default=(), compare=False)

    def fts(self) -> str:
        quoted = '"' + " ".join(self.tokens).replace('"', '""') + '"'
        return quoted + "*" if self.prefix else quoted

    def matches_at(self, folded: list[str], index: int) -> bool:
        """Whether the folded words of a text, from ``index`` on, are this term."""
        if index + len(self.tokens) > len(folded):
            return False
        last = len(self.tokens) - 1
        for offset, token in enumerate(self.tokens):
            word = folded[index + offset]
            if not (word.startswith(token) if self.prefix and offset == last else word == token):
                return False
        return True

    def covers(self, other: "Term") -> bool:
        """Whether this one-word prefix finds every word ``other`` finds (« travail* » covers
        « travaillait »), so that ``other`` adds nothing to an OR."""
        return (self.prefix and self != other and len(self.tokens) == len(other.tokens) == 1
                and other.tokens[0].startswith(self.tokens[0]))


@dataclass(frozen=True)
class Clause:
    """A turn must contain at least one of these terms."""

    terms: tuple[Term, ...]

    def fts(self) -> str:
        parts = [term.fts() for term in self.terms]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


@dataclass(frozen=True)
class SearchQuery:
    """Every clause must hold (AND); the text typed is kept to be shown back."""

    text: str
    clauses: tuple[Clause, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.clauses

    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause.terms]

    def fts(self) -> str:
        """The FTS5 MATCH expression: quoted strings, AND, OR and parentheses only."""
        return " AND ".join(clause.fts() for clause in self.clauses)


def parse_query(text: str | None, *, phrase: bool = False) -> SearchQuery:
    """Read what was typed; never raises. ``phrase`` reads the whole text as one phrase."""
    text = str(text or "")[:MAX_QUERY_CHARS]
    if phrase:
        term = _term(text, prefix=text.rstrip().endswith("*"))
        return SearchQuery(text, (Clause((term,)),) if term else ())
    clauses: list[list[Term]] = []
    join_next = False
    for item in _items(text):
        if item is None:  # OR: the next term is an alternative to the last one
            join_next = bool(clauses)
            continue
        if join_next:
            clauses[-1].append(item)
        else:
            clauses.append([item])
        join_next = False
    return _bounded(text, clauses)


def _items(text: str):
    """Terms and OR operators (as None), in the order typed."""
    pieces = re.split(f"([{_QUOTES}])", text)
    inside = False
    for position, piece in enumerate(pieces):
        if piece and piece in _QUOTES:
            inside = not inside
            continue
        if inside:
            closed = position + 1 < len(pieces)
            after = pieces[position + 2] if position + 2 < len(pieces) else ""
            term = _term(piece, prefix=closed and after.startswith("*"))
            if term:
                yield term
            continue
        for chunk in piece.split():
            if chunk in _OPERATORS:
                yield None
                continue
            term = _term(chunk, prefix=_ends_with_star(chunk))
            if term:
                yield term


def _ends_with_star(chunk: str) -> bool:
    last = None
    for last in TOKEN.finditer(chunk):
        pass
    return last is not None and chunk[last.end():].startswith("*")


def _term(text: str, prefix: bool) -> Term | None:
    pairs = [(word, fold(word)) for word in
             (unicodedata.normalize("NFC", match.group().lower()) for match in TOKEN.finditer(text))]
    pairs = [(word, token) for word, token in pairs if token]  # a lone accent folds to nothing
    if not pairs:
        return None
    words, tokens = tuple(word for word, _token in pairs), tuple(token for _word, token in pairs)
    words, tokens = words[:MAX_TERMS], tokens[:MAX_TERMS]
    return Term(tokens, prefix and len(tokens[-1]) >= MIN_PREFIX, words)


def _bounded(text: str, clauses: list[list[Term]], limit: int = MAX_TERMS) -> SearchQuery:
    kept, count = [], 0
    for terms in clauses:
        terms = _without_covered(list(dict.fromkeys(terms)))[: limit - count]
        if terms:
            kept.append(Clause(tuple(terms)))
            count += len(terms)
    return SearchQuery(text, tuple(kept))


def _without_covered(terms: list[Term]) -> list[Term]:
    return [term for term in terms if not any(other.covers(term) for other in terms)]


# stemming --------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _stemmer(language: str):
    from nltk.stem.snowball import SnowballStemmer  # algorithmic: no nltk data, no network

    return SnowballStemmer(STEM_LANGUAGES[language])


def stem_prefix(word: str, language: str) -> str | None:
    """The folded stem of ``word`` to search as a prefix, or None when it would be too short.

    French Snowball stems keep a doubled consonant (travaillait -> travaill) that the shorter
    forms lack (travail): dropping it lets the prefix find both.
    """
    if language not in STEM_LANGUAGES:
        return None
    stem = fold(_stemmer(language).stem(word))
    if language == "fr":
        stem = _DOUBLED_CONSONANT.sub(r"\1", stem)
    return stem if len(stem) >= MIN_STEM else None


def stemmed(query: SearchQuery, languages: tuple[str, ...] | list[str]) -> SearchQuery:
    """Each plain word also matches, as a prefix, its stem in each of the languages."""
    clauses = []
    for clause in query.clauses:
        terms: list[Term] = []
        for term in clause.terms:
            terms.append(term)
            if len(term.tokens) == 1 and not term.prefix:
                for language in languages:
                    stem = stem_prefix(term.words[0], language)
                    if stem:
                        terms.append(replace(term, tokens=(stem,), prefix=True))
        clauses.append(terms)
    return _bounded(query.text, clauses, limit=MAX_TERMS * (1 + len(languages)))


# finding the words again -----------------------------------------------------------------------
def locate(query: SearchQuery, text: str) -> tuple[int, int] | None:
    """Where the first matched words lie in ``text`` (code point offsets), or None.

    The words are compared folded, so the span is the exact original text (« Coopérative »,
    « l’identité », words split by a no-break space) that the search matched.
    """
    terms = query.terms()
    if not terms:
        return None
    spans = [match.span() for match in TOKEN.finditer(text)]
    folded = [fold(text[start:end]) for start, end in spans]
    for index in range(len(spans)):
        found = [term for term in terms if term.matches_at(folded, index)]
        if found:
            length = max(len(term.tokens) for term in found)
            return spans[index][0], spans[index + length - 1][1]
    return None
