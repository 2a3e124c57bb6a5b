"""Every user-visible string is translated into French, in good French typography."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.i18n import _, current_language, load_catalogue, ngettext, parse_po, set_language

APP = Path(__file__).resolve().parents[2] / "app"


def marked_strings() -> dict[str, str]:
    """Every literal passed to _(), N_() or ngettext() in the application, with where it is."""
    found = {}
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in ("_", "N_", "ngettext"):
                for arg in node.args[: 2 if node.func.id == "ngettext" else 1]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(arg.value, f"{path.relative_to(APP.parent)}:{node.lineno}")
    return found


def test_every_marked_string_has_a_french_translation():
    catalogue = load_catalogue("fr")
    known = set(catalogue.messages) | set(catalogue.plurals)
    plural_forms = {form for forms in catalogue.plurals for form in [forms]}
    missing = [f"{where}: {text!r}" for text, where in sorted(marked_strings().items())
               if text not in known and text not in plural_forms and not _is_plural_of_known(text, catalogue)]
    assert missing == [], "untranslated strings:\n" + "\n".join(missing)


def _is_plural_of_known(text, catalogue) -> bool:
    return any(text == plural for plural in _plural_sources())


def _plural_sources() -> set[str]:
    sources = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ngettext":
                if len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                    sources.add(node.args[1].value)
    return sources


def test_french_translations_keep_placeholders():
    catalogue = load_catalogue("fr")
    placeholder = re.compile(r"\{[a-z_]*\}")
    wrong = [source for source, french in catalogue.messages.items()
             if sorted(placeholder.findall(source)) != sorted(placeholder.findall(french))]
    assert wrong == []


def test_french_typography_uses_non_breaking_spaces():
    catalogue = load_catalogue("fr")
    texts = list(catalogue.messages.values()) + [f for forms in catalogue.plurals.values() for f in forms]
    # A plain space before : ; ? ! or inside guillemets breaks French typography.
    bad = [text for text in texts if re.search(r" [:;?!»]|« ", text)]
    assert bad == []


def test_switching_language():
    set_language("fr")
    assert current_language() == "fr"
    assert _("{path} does not exist.").format(path="x") != "x does not exist."
    set_language("en")
    assert _("{path} does not exist.").format(path="x") == "x does not exist."


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        set_language("de")


def test_po_parser_reads_plurals_multiline_and_skips_fuzzy():
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "one file"\nmsgid_plural "{n} files"\nmsgstr[0] "un fichier"\nmsgstr[1] "{n} fichiers"\n\n'
        'msgid ""\n"Long "\n"text"\nmsgstr ""\n"Texte "\n"long"\n\n'
        '#, fuzzy\nmsgid "Guess"\nmsgstr "Devine"\n'
    )
    catalogue = parse_po(po, "fr")
    assert catalogue.messages == {"Long text": "Texte long"}
    assert catalogue.plurals["one file"] == ["un fichier", "{n} fichiers"]
    assert catalogue.plural_index(0) == 0 and catalogue.plural_index(2) == 1


def test_ngettext_falls_back_to_english_plural_rule():
    set_language("en")
    assert ngettext("{n} file", "{n} files", 1) == "{n} file"
    assert ngettext("{n} file", "{n} files", 0) == "{n} files"
