"""French typography for the text a document prints.

French sets a space before « : ; ! ? » and inside guillemets, and that space must not break a
line: a question mark alone at the start of a line reads as a typo. Text comes from people
(a study's question, a definition, a verbatim passage) typed with plain spaces, no space at all,
or straight quotes; ``french`` mends what can be mended without guessing:

- a plain space before « : ; ! ? » becomes a no-break space;
- « ; ! ? » glued to a word get one (not « : », which is also the colon of « 10:30 » and of
  addresses);
- straight double quotes that pair up become guillemets, with no-break spaces inside;
- a straight apostrophe between letters becomes « ’ ».
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_SPACE_BEFORE = re.compile(r"[ \t\u202f\u2009]+([:;!?»])")
_GLUED = re.compile(r"(?<=[^\W\d_)»\]])([;!?]+)(?=\s|$|[)\]»\"”])")
_AFTER_OPENING = re.compile(r"«[ \t\u00a0\u202f\u2009]*")
_BEFORE_CLOSING = re.compile(r"(?<=[^\s\u00a0])»")
_STRAIGHT_QUOTES = re.compile(r"\"([^\"\n]+)\"")
_CURLY_QUOTES = re.compile(r"“([^“”\n]+)”")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def french(text: str) -> str:
    """``text`` set in French typography (idempotent)."""
    if not text:
        return text
    text = _APOSTROPHE.sub("’", text)
    if text.count('"') % 2 == 0:
        text = _STRAIGHT_QUOTES.sub(lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
    text = _CURLY_QUOTES.sub(lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
    text = _SPACE_BEFORE.sub(lambda m: NBSP + m.group(1), text)
    text = _GLUED.sub(lambda m: NBSP + m.group(1), text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    text = _BEFORE_CLOSING.sub(NBSP + "»", text)
    return text


def typeset(text: str, language: str) -> str:
    """``text`` as the document's language sets it: French typography in French, as is otherwise."""
    return french(text) if language == "fr" else text
