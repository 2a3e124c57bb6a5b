"""French or English? Counted on function words and accents; French when unsure.

Questions are short, so the test weighs words that are frequent in one language and absent or
rare in the other; words shared by both (« on », « me », « a ») are left out.
"""

from __future__ import annotations

import re

from app.core.questions.text import prepare

LANGUAGES = ("fr", "en")

_FRENCH = frozenset("""
le la les l' un une des du de d' au aux ce cet cette ces c' qu' que qui quoi quel quelle quels
quelles comment pourquoi combien où quand est-ce est sont était été avez avez-vous êtes
vous votre vos nous notre nos je j' tu ton ta tes il elle ils elles leur leurs se s' n' ne pas
plus jamais rien et ou mais donc avec pour dans sur chez par sans sous entre depuis
très aussi encore déjà ça cela y a-t-il pensez pouvez raconter racontez-moi parlez-moi dites-moi
qu'est-ce d'accord quelqu'un aujourd'hui
""".split())

_ENGLISH = frozenset("""
the an this that these those what which who whom whose how why where when
you your yours we our they their them he she his her it its i my me
is are was were be been being do does did don't doesn't didn't have has had
can could would should will won't isn't aren't wasn't weren't
of to in for with about from at by as or and but not no if so than then there
tell describe think feel like any some anything something much many
""".split())

_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*'?")
_FRENCH_LETTERS = re.compile(r"[àâçéèêëîïôûùüÿœæ]")
_ELISION = re.compile(r"\b(?:l|d|qu|n|s|c|j|m|t|jusqu|lorsqu|puisqu)'[^\W\d_]")


def detect_language(text: str) -> str:
    """ "fr" or "en" for one question. Short, mixed or wordless text falls back to "fr"."""
    if not isinstance(text, str) or not text.strip():
        return "fr"
    norm = prepare(text).norm
    french = english = 0.0
    for token in _TOKEN.findall(norm):
        if token in _FRENCH:
            french += 1
        elif token in _ENGLISH:
            english += 1
        elif "'" in token:
            head = token.split("'", 1)[0] + "'"
            if head in _FRENCH:
                french += 1
    french += 0.5 * min(len(_FRENCH_LETTERS.findall(norm)), 6)
    french += 0.5 * min(len(_ELISION.findall(norm)), 4)
    return "en" if english > french else "fr"


def resolve_language(text: str, lang: str) -> str:
    if lang == "auto":
        return detect_language(text)
    if lang not in LANGUAGES:
        raise ValueError(f"language must be 'fr', 'en' or 'auto', not {lang!r}")
    return lang
