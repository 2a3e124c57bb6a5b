"""Translation of user-visible strings, without Qt.

Source strings are English; catalogues are gettext ``.po`` files in ``resources/i18n/<lang>/``
(one file per part of the application, merged when loaded), read directly: no compile step, so
an installed wheel and a checkout behave alike. French is the
default language. Write whole sentences with named placeholders and translate before
formatting: ``_("Interview {code} saved").format(code=code)``.
"""

from __future__ import annotations

import ast
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.paths import resource_path

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"


@dataclass
class Catalogue:
    language: str
    messages: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, list[str]] = field(default_factory=dict)

    def plural_index(self, n: int) -> int:
        # French: singular for 0 and 1; English: singular for 1 only.
        if self.language == "fr":
            return 0 if n <= 1 else 1
        return 0 if n == 1 else 1


def _unquote(token: str) -> str:
    return ast.literal_eval(token)


def parse_po(text: str, language: str) -> Catalogue:
    """Read the entries of a .po file; fuzzy and untranslated entries are left out."""
    catalogue = Catalogue(language)
    entries: list[dict] = []
    current: dict = {}
    key = None

    def flush():
        nonlocal current, key
        if current:
            entries.append(current)
        current, key = {}, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        if line.startswith("#,") and "fuzzy" in line:
            current["fuzzy"] = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is not None:
                current[key] += _unquote(line)
            continue
        keyword, _space, value = line.partition(" ")
        if keyword == "msgid" and ("msgid" in current):
            flush()
        key = keyword
        current[key] = _unquote(value)
    flush()

    for entry in entries:
        msgid = entry.get("msgid", "")
        if not msgid or entry.get("fuzzy"):
            continue
        if "msgid_plural" in entry:
            forms = [entry.get(f"msgstr[{i}]", "") for i in range(2)]
            if all(forms):
                catalogue.plurals[msgid] = forms
        elif entry.get("msgstr"):
            catalogue.messages[msgid] = entry["msgstr"]
    return catalogue


def catalogue_files(language: str) -> list[Path]:
    return sorted(resource_path("i18n", language).glob("*.po"))


def load_catalogue(language: str) -> Catalogue:
    merged = Catalogue(language)
    for path in catalogue_files(language):
        part = parse_po(path.read_text(encoding="utf-8"), language)
        merged.messages.update(part.messages)
        merged.plurals.update(part.plurals)
    return merged


_active = Catalogue(DEFAULT_LANGUAGE)
_loaded = False
# A document written in another language than the screen's switches this thread only, so that
# the screen keeps its language while a report is written in the background.
_local = threading.local()
_catalogues: dict[str, Catalogue] = {}


def set_language(language: str) -> None:
    """Switch every later translation to ``language`` ("fr" or "en")."""
    global _active, _loaded
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    _active = load_catalogue(language)
    _loaded = True


def current_language() -> str:
    return _catalogue().language


@contextmanager
def translated(language: str) -> Iterator[None]:
    """Translate into ``language`` on this thread until the block ends (nestable)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language: {language!r}")
    if language not in _catalogues:
        _catalogues[language] = load_catalogue(language)
    previous = getattr(_local, "catalogue", None)
    _local.catalogue = _catalogues[language]
    try:
        yield
    finally:
        _local.catalogue = previous


def _catalogue() -> Catalogue:
    override = getattr(_local, "catalogue", None)
    if override is not None:
        return override
    _ensure_loaded()
    return _active


def _ensure_loaded() -> None:
    if not _loaded:
        set_language(os.environ.get("TERRAIN_LANG", DEFAULT_LANGUAGE))


def _(message: str) -> str:
    return _catalogue().messages.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    catalogue = _catalogue()
    forms = catalogue.plurals.get(singular)
    if forms:
        return forms[catalogue.plural_index(n)]
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark a string for translation without translating it now (translated where shown)."""
    return message
