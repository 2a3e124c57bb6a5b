"""Rules on the words themselves: loaded, jargon, vague quantifiers, double negatives.

- loaded: an entry of the "loaded" list, outside stand-alone acknowledgements (« Formidable. Et
  ensuite ? ») and outside the discourse markers that open a question ("Great, and then?").
- jargon: an entry of the "jargon" list, or an acronym in capitals (2 to 6 letters) that is not
  protected; skipped for text written all in capitals.
- vague_quantifier: an entry of the "vague" list in an asked question (« souvent », "recently");
  a caution in a yes-or-no question, a hint in an open one. « beaucoup de », "a lot of" are amounts.
- double_negative: two negations in one asked question — « ne… pas », « jamais », « sans »,
  "not", "n't", "never", "without", or a word of the "negative" list (« mécontent », "unusual").
  « ou pas », "or not" tails do not count.
"""

from __future__ import annotations

import re

from app.core.questions import messages, rewrite
from app.core.questions.hits import Hit
from app.core.questions.structure import Analysis

_ACRONYM = re.compile(r"(?<![^\W_])[A-Z]{2,6}s?(?![^\W_])")
_ROMAN = re.compile(r"[IVXLC]+")
# Words that are a frequency alone (« vous sortez beaucoup ? ») but an amount before « de », "of".
_AMOUNT_WORDS = frozenset({"beaucoup", "a lot", "enormement", "plein", "lots"})
_AMOUNT_AFTER = re.compile(r"\s*(?:de|d'|des|of)\b")

_NE = re.compile(r"\b(?:ne\s+|n')(?!importe\b)")
_NE_PARTNER = re.compile(r"\b(?:pas|jamais|plus|rien|aucun|aucune|personne|guère|point|nullement)\b")
_BARE_FR = re.compile(r"\b(?:pas|jamais|rien|aucun|aucune)\b|\bsans\b(?!\s+doute)(?!-)")
_NOT_NEGATION_FR = re.compile(r"\bou\s+(?:pas|non)\b|\bpas\s+mal\b|\bpas\s+à\s+pas\b")
_NEGATION_EN = re.compile(r"\bnot\b|\bcannot\b|n't\b|\bnever\b|\bno\b|\bnothing\b|\bnobody\b|\bnone\b|\bneither\b|\bnor\b|"
                          r"\bwithout\b|\bno\s+one\b")
_ALTERNATIVE = re.compile(r"\b(?:ou|or)\b")
_NOT_NEGATION_EN = re.compile(r"\b(?:or|if|whether)\s+(?:not|no)\b|\bnot\s+only\b|,\s*no\s*\?\s*$|\bno\s+matter\b")


def _outside_markers(analysis: Analysis, start: int) -> bool:
    """False for words in an acknowledgement or in the markers that open an asked question."""
    return not analysis.muted(start)


def _original(analysis: Analysis, start: int, end: int) -> str:
    a, b = analysis.prepared.span(start, end)
    return " ".join(analysis.prepared.original[a:b].split())


def loaded(analysis: Analysis) -> list[Hit]:
    hits = []
    for start, end in analysis.find("loaded"):
        if not _outside_markers(analysis, start):
            continue
        word = _original(analysis, start, end)
        hits.append(Hit("loaded", start, end, "caution", messages.loaded(word),
                        rewrite.without_word(analysis, start, end)))
    return hits


def jargon(analysis: Analysis) -> list[Hit]:
    prepared = analysis.prepared
    spans = [span for span in analysis.find("jargon") if _outside_markers(analysis, span[0])]
    letters = [w for w in re.findall(r"[^\W\d_]{2,}", prepared.fold_cased)]
    shouting = len(letters) >= 4 and sum(w.isupper() for w in letters) * 2 >= len(letters)
    if not shouting:
        for match in _ACRONYM.finditer(prepared.fold_cased):
            span = match.span()
            if _ROMAN.fullmatch(match.group()) or any(a < span[1] and span[0] < b for a, b in spans):
                continue
            if _outside_markers(analysis, span[0]):
                spans.append(span)
    return [Hit("jargon", start, end, "caution", messages.jargon(_original(analysis, start, end)))
            for start, end in sorted(spans)]


def vague_quantifier(analysis: Analysis) -> list[Hit]:
    hits = []
    norm = analysis.norm
    normalising = analysis.find("normalising")
    for start, end in analysis.find("vague"):
        amount = analysis.prepared.fold[start:end] in _AMOUNT_WORDS and _AMOUNT_AFTER.match(norm, end)
        if amount or any(a <= start < b for a, b in normalising):
            continue
        for segment, form in zip(analysis.asked, analysis.forms):
            if not segment.start <= start < segment.end:
                continue
            if form.kind == "closed" and not form.alternatives:
                word = _original(analysis, start, end)
                hits.append(Hit("vague_quantifier", start, end, "caution", messages.vague(word),
                                rewrite.last_time(analysis, segment, (start, end))))
            else:
                hits.append(Hit("vague_quantifier", start, end, "info", messages.vague_in_open()))
    return hits


def negation_units(analysis: Analysis, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the negations in norm[start:end], one per negation (« ne… pas » counts once)."""
    norm = analysis.norm
    excluded = _NOT_NEGATION_FR if analysis.lang == "fr" else _NOT_NEGATION_EN
    blocked = [m.span() for m in excluded.finditer(norm, start, end)]

    def free(span):
        return not any(a <= span[0] < b for a, b in blocked)

    units = []
    if analysis.lang == "fr":
        claimed = set()
        for match in _NE.finditer(norm, start, end):
            partner = _NE_PARTNER.search(norm, match.end(), min(end, match.end() + 60))
            if partner and free(partner.span()):
                units.append((match.start(), partner.end()))
                claimed.add(partner.start())
        for match in _BARE_FR.finditer(norm, start, end):
            if match.start() not in claimed and free(match.span()):
                units.append(match.span())
    else:
        units += [m.span() for m in _NEGATION_EN.finditer(norm, start, end) if free(m.span())]
    units += [span for span in analysis.find("negative")
              if start <= span[0] < end and free(span)]
    return sorted(set(units))


def double_negative(analysis: Analysis) -> list[Hit]:
    hits = []
    for segment in analysis.asked:
        units = negation_units(analysis, segment.start, segment.end)
        # Negations in alternatives ("tasks you were unable to do or tools you were unable to use")
        # are parallel, not stacked.
        if len(units) >= 2 and _ALTERNATIVE.search(analysis.norm, units[0][1], units[-1][0]):
            continue
        if len(units) >= 2:
            hits.append(Hit("double_negative", units[0][0], units[-1][1], "caution",
                            messages.double_negative(), rewrite.open_question(analysis)))
    return hits
