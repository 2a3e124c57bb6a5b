"""The word lists the checker reads, one editable text file per list and language.

Files live in ``resources/wordlists/<lang>/<list>.txt``: UTF-8, one entry per line, ``#`` starts
a comment, entries may be several words (« plan d’aide »). A trailing ``*`` matches any ending
(« merveilleu* » finds merveilleux, merveilleuse, merveilleuses). Entries in capitals
(« APA », « SROI ») match capitals only; every other entry ignores case and accents.

A study adds its own words with ``extra`` (an organisation's acronyms to "jargon"; to
"protected", words that must never be flagged).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from app.core.questions.text import ACCENTS, PUNCTUATION, Prepared
from app.paths import resource_path

# The lists named in the checker's contract, then the lists its rules also read.
LIST_NAMES = (
    "loaded", "jargon", "vague", "sensitive", "normalising", "protected",
    "evaluative", "negative", "normative", "stopwords",
)

_LETTER_BOUNDARY_BEFORE = r"(?<![^\W_])"
_LETTER_BOUNDARY_AFTER = r"(?![^\W_])"


def _is_acronym(entry: str) -> bool:
    letters = [c for c in entry if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _entry_pattern(entry: str, lower: bool) -> str:
    text = entry.translate(PUNCTUATION).translate(ACCENTS)
    if lower:
        text = text.lower()
    wildcard = text.endswith("*")
    text = text.rstrip("*").strip()
    parts = [re.escape(part) for part in text.split()]
    pattern = r"\s+".join(parts)
    if wildcard:
        pattern += r"[^\W_]*"
    return pattern


def _compile(entries: tuple[str, ...], lower: bool) -> re.Pattern | None:
    if not entries:
        return None
    ordered = sorted(set(entries), key=lambda e: (-len(e), e))
    alternatives = "|".join(_entry_pattern(entry, lower) for entry in ordered)
    return re.compile(f"{_LETTER_BOUNDARY_BEFORE}(?:{alternatives}){_LETTER_BOUNDARY_AFTER}")


@dataclass(frozen=True)
class _Matcher:
    any_case: re.Pattern | None
    capitals: re.Pattern | None

    def spans(self, prepared: Prepared) -> list[tuple[int, int]]:
        found = []
        if self.any_case is not None:
            found += [m.span() for m in self.any_case.finditer(prepared.fold)]
        if self.capitals is not None:
            found += [m.span() for m in self.capitals.finditer(prepared.fold_cased)]
        return sorted(set(found))


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Word lists for one language, built by :func:`load_lexicon`."""

    lang: str
    lists: Mapping[str, tuple[str, ...]]
    _matchers: Mapping[str, _Matcher] = field(repr=False)
    _plain: Mapping[str, frozenset[str]] = field(repr=False)

    def entries(self, name: str) -> tuple[str, ...]:
        return self.lists[name]

    def find(self, name: str, prepared: Prepared) -> list[tuple[int, int]]:
        """Spans (normalised offsets) where an entry of list ``name`` occurs."""
        return self._matchers[name].spans(prepared)

    def contains(self, name: str, word: str) -> bool:
        """Whether one word or phrase is an entry of ``name`` (case and accents ignored, « * » honoured)."""
        folded = " ".join(word.translate(PUNCTUATION).translate(ACCENTS).lower().split())
        if folded in self._plain[name]:
            return True
        pattern = self._matchers[name].any_case
        return bool(pattern and pattern.fullmatch(folded))


def read_list(text: str) -> list[str]:
    entries = []
    for line in text.splitlines():
        entry = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if entry and not entry.startswith("#"):
            entries.append(entry)
    return entries


def _read_file(lang: str, name: str) -> tuple[str, ...]:
    path = resource_path("wordlists", lang, f"{name}.txt")
    if not path.is_file():
        return ()
    return tuple(read_list(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=4)
def _base_lists(lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if lang not in ("fr", "en"):
        raise ValueError(f"language must be 'fr' or 'en', not {lang!r}")
    return tuple((name, _read_file(lang, name)) for name in LIST_NAMES)


def _build(lang: str, lists: dict[str, tuple[str, ...]]) -> Lexicon:
    matchers = {}
    plain = {}
    for name, entries in lists.items():
        capitals = tuple(e for e in entries if _is_acronym(e))
        others = tuple(e for e in entries if not _is_acronym(e))
        matchers[name] = _Matcher(_compile(others, lower=True), _compile(capitals, lower=False))
        plain[name] = frozenset(
            e.translate(PUNCTUATION).translate(ACCENTS).lower() for e in entries if not e.endswith("*")
        )
    return Lexicon(lang, MappingProxyType(lists), MappingProxyType(matchers), MappingProxyType(plain))


@lru_cache(maxsize=32)
def _cached(lang: str, extra_key: tuple[tuple[str, tuple[str, ...]], ...]) -> Lexicon:
    lists = {name: entries for name, entries in _base_lists(lang)}
    for name, entries in extra_key:
        lists[name] = lists[name] + entries
    return _build(lang, lists)


def load_lexicon(lang: str, extra: dict[str, list[str]] | None = None) -> Lexicon:
    """The shipped word lists of ``lang`` ("fr" or "en"), plus a study's own words."""
    key = []
    for name, entries in sorted((extra or {}).items()):
        if name not in LIST_NAMES:
            raise ValueError(f"unknown word list {name!r}; the lists are: {', '.join(LIST_NAMES)}")
        cleaned = tuple(str(e).strip() for e in entries if str(e).strip() and not str(e).startswith("#"))
        if cleaned:
            key.append((name, cleaned))
    return _cached(lang, tuple(key))


def clear_cache() -> None:
    """Forget loaded lists (after editing the files while the application runs)."""
    _base_lists.cache_clear()
    _cached.cache_clear()
