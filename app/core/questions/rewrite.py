"""Neutral rewrites of a flagged question, in the question's language.

Each builder recognises one well-known shape and rewrites the whole question; when the shape is
not there it returns None rather than a clumsy sentence. Rewrites keep the person's own words
for the topic (« l’atelier », "the meals service"), follow the apostrophe style of the question,
and put a non-breaking space before « ? » « ; » « : » in French.
"""

from __future__ import annotations

import functools
import re

from app.core.questions.structure import Analysis
from app.core.questions.text import Segment
from app.core.questions.verbs import english_past, french_infinitive

NBSP = "\u00a0"
# Past this length a question is flagged as overlong and no rewrite of the whole would help; the
# limit also keeps the work per finding bounded, so a 10,000-character line stays linear.
MAX_REWRITE_CHARS = 600


def _short_only(builder):
    @functools.wraps(builder)
    def wrapper(analysis: Analysis, *args):
        if len(analysis.prepared.original) > MAX_REWRITE_CHARS:
            return None
        return builder(analysis, *args)
    return wrapper

_DET = {
    "fr": r"(?:le|la|les|l'|un|une|des|du|de\s+la|de\s+l'|au|aux|votre|vos|ce|cet|cette|ces|son|sa|ses|leur|"
          r"leurs|mon|ma|mes|notre|nos|ton|ta|tes)",
    "en": r"(?:the|your|their|its|this|that|these|those|his|her|our|my|a|an|any)",
}
_PHRASE = r"[^,?.!;:]*"


def _compile(lang: str, pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("DET", _DET[lang]).replace("PHRASE", _PHRASE))


_SATISFIED = {
    "fr": _compile("fr", r"\b(?P<past>étiez|étais|était)?\s*(?:satisfaite?s?|contente?s?|heureux|heureuses?|"
                         r"mécontente?s?|insatisfaite?s?|ravie?s?)\s+(?P<np>(?:de|du|des|d')\b\s*PHRASE)"),
    "en": _compile("en", r"\b(?P<past>were|was)?\s*(?:happy|satisfied|pleased|content|unhappy|dissatisfied|"
                         r"delighted)\s+with\s+(?P<np>DET\bPHRASE)"),
}
_LIKED = {
    "fr": _compile("fr", r"\b(?:(?P<past>avez-vous|vous\s+avez|as-tu|tu\s+as)\s+(?:bien\s+)?(?:aimé|apprécié|trouvé)"
                         r"|aimez-vous|vous\s+aimez|appréciez-vous|vous\s+appréciez|aimes-tu|tu\s+aimes)\s+"
                         r"(?P<np>DET\bPHRASE|(?P<verb>[^\W\d_]+(?:er|ir|re))\bPHRASE)"),
    "en": _compile("en", r"\b(?P<aux>do|did)\s+you\s+(?:like|enjoy|love|appreciate|find)\s+"
                         r"(?P<np>DET\bPHRASE|(?P<verb>[a-z]+ing)\bPHRASE)"),
}
_THINK_THAT = {
    "fr": _compile("fr", r"\b(?:vous\s+trouvez|trouvez-vous|vous\s+pensez|pensez-vous|vous\s+croyez|croyez-vous|"
                         r"diriez-vous|vous\s+diriez|vous\s+ne\s+trouvez\s+pas|ne\s+trouvez-vous\s+pas)\s+que\s+"
                         r"(?P<np>DET\b[^,?.!;:]*?)\s+(?:est|sont|était|étaient|a\s+été|ont\s+été)\s+"
                         r"(?:(?:très|vraiment|assez|plutôt|bien)\s+)?(?P<adj>[^\W\d_]+)"),
    "en": _compile("en", r"\b(?:do\s+you\s+think|don't\s+you\s+think|would\s+you\s+say|wouldn't\s+you\s+say|"
                         r"do\s+you\s+feel|you\s+think)\s+(?:that\s+)?(?P<np>DET\b[^,?.!;:]*?)\s+"
                         r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:very|really|quite|too)\s+)?(?P<adj>[a-z]+)"),
}
_SUBJECT_INVERSION_FR = _compile("fr", r"(?P<np>DET\b[^,?.!;:]*?)\s+(?:(?:vous|lui|leur|me|te|nous|y|en)\s+)*"
                                       r"(?P<verb>[^\W\d_]+)(?:-t)?-(?:il|elle|ils|elles)\b")
_AUX_FIRST_EN = _compile("en", r"(?P<aux>is|was|are|were)\s+(?P<np>DET\b)")
_INTENSIFIER_EN = re.compile(r"\s+(?:very|really|quite|too|so)$")
_PAST_VERBS_FR = frozenset({"était", "étaient", "avait", "avaient", "a", "ont", "fut", "furent"})


def style(analysis: Analysis, text: str) -> str:
    """Tidy a rewrite: spaces, capital, apostrophes as in the question, French spacing."""
    original = analysis.prepared.original
    if "\u2019" in original or ("'" not in original and analysis.lang == "fr"):
        text = text.replace("'", "\u2019")
    text = " ".join(text.split())
    if analysis.lang == "fr":
        text = re.sub(r"\s*([?;:!])", NBSP + r"\1", text)
        text = text.replace("( ", "(")
    else:
        text = re.sub(r"\s+([?;:!.,])", r"\1", text)
    return text[:1].upper() + text[1:]


def _cased(analysis: Analysis, start: int, end: int) -> str:
    return analysis.prepared.cased[start:end].strip()


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0].split("'", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def _trim_phrase(analysis: Analysis, text: str) -> str:
    """Drop a trailing evaluative word (« trouvé l’atelier utile » → « l’atelier »)."""
    words = text.split()
    if len(words) > 1 and analysis.lexicon.contains("evaluative", words[-1].lower()):
        words = words[:-1]
    return " ".join(words)


def _with_de(np: str) -> str:
    lowered = np.lower()
    for determiner, contracted in (("le ", "du "), ("les ", "des ")):
        if lowered.startswith(determiner):
            return contracted + np[len(determiner):]
    return "de " + np


def _without_de(np: str) -> str:
    lowered = np.lower()
    for contracted, determiner in (("du ", "le "), ("des ", "les "), ("de la ", "la "), ("de l'", "l'"),
                                   ("d'", ""), ("de ", "")):
        if lowered.startswith(contracted):
            return determiner + np[len(contracted):]
    return np


def _object(analysis: Analysis) -> tuple[str, str, str] | None:
    """(topic, tense, frame) of an evaluation: satisfied with X, liked X, thinks X is good…"""
    if not analysis.asked:
        return None
    lang = analysis.lang
    norm = analysis.norm
    segment = analysis.asked[-1]
    body = analysis.bodies[-1]
    match = _SATISFIED[lang].search(norm, segment.start, segment.end)
    if match:
        np = _cased(analysis, *match.span("np"))
        np = _without_de(np) if lang == "fr" else np
        return _lower_first(np), "past" if match.group("past") else "present", "satisfied"
    match = _LIKED[lang].search(norm, segment.start, segment.end)
    if match:
        np = _trim_phrase(analysis, _cased(analysis, *match.span("np")))
        past = match.group("past") if lang == "fr" else match.group("aux") == "did"
        frame = "activity" if match.group("verb") else "liked"
        return np, "past" if past else "present", frame
    match = _THINK_THAT[lang].search(norm, segment.start, segment.end)
    if match and analysis.lexicon.contains("evaluative", match.group("adj")):
        return _cased(analysis, *match.span("np")), "present", "liked"
    if lang == "fr":
        match = _SUBJECT_INVERSION_FR.match(norm, body, segment.end)
        if match and len(match.group("np").split()) <= 8:
            past = match.group("verb") in _PAST_VERBS_FR
            return _lower_first(_cased(analysis, *match.span("np"))), "past" if past else "present", "liked"
    else:
        match = _AUX_FIRST_EN.match(norm, body, segment.end)
        judgements = [s for s in analysis.find("evaluative") if match and match.end() < s[0] < segment.end]
        if match and judgements and not re.search(r"[,;:]", norm[match.end():judgements[0][0]]):
            topic = _INTENSIFIER_EN.sub("", _cased(analysis, match.start("np"), judgements[0][0]))
            past = match.group("aux") in ("was", "were")
            return topic, "past" if past else "present", "liked"
    return None


@_short_only
def open_question(analysis: Analysis) -> str | None:
    """« Est-ce que vous avez aimé l’atelier ? » → « Qu’avez-vous pensé de l’atelier ? »"""
    found = _object(analysis)
    if not found:
        return None
    topic, tense, frame = found
    if analysis.lang == "fr":
        if frame == "activity":
            return style(analysis, f"Comment vivez-vous le fait de {topic} ?")
        if frame == "satisfied" and tense == "present":
            return style(analysis, f"Comment décririez-vous {topic} ?")
        if tense == "past":
            return style(analysis, f"Qu'avez-vous pensé {_with_de(topic)} ?")
        return style(analysis, f"Que pensez-vous {_with_de(topic)} ?")
    if frame == "activity":
        return style(analysis, f"How do you find {topic}?")
    if frame == "satisfied" and tense == "present":
        return style(analysis, f"How would you describe {topic}?")
    if tense == "past":
        return style(analysis, f"What did you think of {topic}?")
    return style(analysis, f"What do you think of {topic}?")


@_short_only
def without_lead(analysis: Analysis) -> str | None:
    """A leading question about an evaluation becomes the open question about its topic."""
    return open_question(analysis)


_ELIDED = re.compile(r"(?:l|d|qu|j|m|t|s|c|n)'$")
_DETERMINER_BEFORE = {
    "fr": re.compile(r"\b(?:le|la|les|un|une|des|du|ce|cet|cette|ces|votre|vos|notre|nos|son|sa|ses|leur|leurs|"
                     r"mon|ma|mes|très|si|plus|aussi)\s*$"),
    "en": re.compile(r"\b(?:the|a|an|this|that|these|those|your|our|their|his|her|my|its|so|very|such|quite)\s*$"),
}
_COPULA_BEFORE = {
    "fr": re.compile(r"(?:\b(?:être|est|sont|était|étaient|été|êtes|suis|sera|devenu|devenue|devenus|semble|paraît|"
                     r"reste|restez|devient|devenez)|-(?:il|elle|ils|elles|vous|on))\s*$"),
    "en": re.compile(r"\b(?:is|are|was|were|be|been|being|become|became|seem|seems|seemed|look|looks|feel|feels|felt|"
                     r"get|gets|got|'re|'s)\s*$"),
}
_NOUN_AFTER = {
    "fr": re.compile(r"\s*(?:que|qu'|qui|de|d'|du|des|à|au|aux|pour|[,?.!;:]|$)"),
    "en": re.compile(r"\s*(?:of|that|who|which|to|for|[,?.!;:]|$)"),
}


@_short_only
def without_word(analysis: Analysis, start: int, end: int) -> str | None:
    """Drop a loaded adjective: « ce formidable nouveau service » → « ce nouveau service »."""
    cased = analysis.prepared.cased
    norm = analysis.norm
    before, after = norm[:start], norm[end:]
    if _ELIDED.search(before):
        return None  # « l’incroyable projet » would need a new article
    prenominal = _DETERMINER_BEFORE[analysis.lang].search(before) and not _NOUN_AFTER[analysis.lang].match(after)
    postnominal = re.search(r"[^\W\d_]{3,}\s+$", before) and not _DETERMINER_BEFORE[analysis.lang].search(before)
    if not (prenominal or postnominal) or _COPULA_BEFORE[analysis.lang].search(before):
        return None  # « votre mère est-elle sénile » has nothing left to ask once the word goes
    text = cased[:start].rstrip() + " " + cased[end:].lstrip()
    return style(analysis, _repair_articles(text, analysis.lang).strip())


def _repair_articles(text: str, lang: str) -> str:
    if lang == "fr":
        vowel = r"(?=[aeéèêëiîïoôuùûœ])"
        text = re.sub(r"\b([Cc])et\s+(?=[bcdfgjklmnpqrstvwxz])", r"\1e ", text)
        text = re.sub(r"\b([Cc])e\s+" + vowel, r"\1et ", text)
        text = re.sub(r"\b([Ll])[ae]\s+" + vowel, r"\1'", text)
        text = re.sub(r"\b([Dd])u\s+" + vowel, r"\1e l'", text)
        return re.sub(r"\b([MmTtSs])a\s+" + vowel, r"\1on ", text)
    text = re.sub(r"\b([Aa])n\s+(?=[bcdfgjklmnpqrstvwxyz])", r"\1 ", text)
    return re.sub(r"\b([Aa])\s+(?=[aeio])", r"\1n ", text)


_VAGUE_PRESENT = {
    "fr": re.compile(r"(?:est-ce\s+que\s+|est-ce\s+qu')?vous\s+(?P<refl>vous\s+)?(?P<verb>[^\W\d_]+ez)\b\s*(?P<rest>.*)"
                     r"|(?P<refl2>vous\s+)?(?P<verb2>[^\W\d_]+ez)-vous\b\s*(?P<rest2>.*)"),
    "en": re.compile(r"(?:do\s+)?you\s+(?P<verb>[a-z]+)\b(?P<rest>.*)"),
}
_VAGUE_PERFECT = {
    "fr": re.compile(r"(?:est-ce\s+que\s+)?vous\s+(?P<aux>avez|êtes)\s+(?P<rest>.*)|(?P<aux2>avez|êtes)-vous\s+(?P<rest2>.*)"),
    "en": re.compile(r"(?:have|has)\s+you\s+(?:ever\s+)?(?P<part>[a-z]+)\b(?P<rest>.*)"),
}


def _remove(analysis: Analysis, segment: Segment, body: int, spans: list[tuple[int, int]]) -> str:
    """The asked clause, from its opener, without the given spans and its closing punctuation."""
    cased = analysis.prepared.cased
    pieces = []
    position = body
    for start, end in sorted(spans):
        if start >= position:
            pieces.append(cased[position:start])
            position = end
    pieces.append(cased[position:segment.end])
    text = " ".join("".join(pieces).split())
    text = re.sub(r"\s+,", ",", text)
    text = re.sub(r"^[,\s]+|[\s,?.!…;]+$", "", text)
    return re.sub(r",\s*,", ",", text)


@_short_only
def last_time(analysis: Analysis, segment: Segment, vague: tuple[int, int]) -> str | None:
    """« Vous sortez souvent ? » → « Racontez-moi la dernière fois qu’il vous est arrivé de sortir. »"""
    body = analysis.bodies[analysis.asked.index(segment)]
    clause = _remove(analysis, segment, body, [vague])
    lowered = clause.lower()
    if analysis.lang == "fr":
        match = _VAGUE_PERFECT["fr"].fullmatch(lowered)
        if match:
            aux = match.group("aux") or match.group("aux2")
            rest = clause[match.start("rest") if match.group("rest") is not None else match.start("rest2"):]
            return style(analysis, f"Racontez-moi la dernière fois que vous {aux} {rest}, si cela vous est arrivé.")
        match = _VAGUE_PRESENT["fr"].fullmatch(lowered)
        if match:
            verb = match.group("verb") or match.group("verb2")
            reflexive = match.group("refl") or match.group("refl2")
            rest = clause[match.start("rest") if match.group("rest") is not None else match.start("rest2"):]
            infinitive = french_infinitive(verb)
            if infinitive:
                pronoun = "vous " if reflexive else ""
                return style(analysis, f"Racontez-moi la dernière fois qu'il vous est arrivé de {pronoun}{infinitive} {rest}".rstrip() + ".")
        return None
    match = _VAGUE_PERFECT["en"].fullmatch(lowered)
    if match:
        past = english_past(match.group("part"))
        if past:
            rest = clause[match.start("rest"):].strip()
            return style(analysis, f"Tell me about the last time you {past} {rest}, if that has happened.")
        return None
    match = _VAGUE_PRESENT["en"].fullmatch(lowered)
    if match and match.group("verb") not in ("are", "were", "is", "was", "have", "has", "do", "can", "will"):
        rest = clause[match.start("rest"):].strip()
        return style(analysis, f"When did you last {match.group('verb')} {rest}, if ever?")
    return None


# « …des horaires et du personnel »: a second object after « et », starting with a determiner.
SECOND_OBJECT = {
    "fr": re.compile(r"\s+(?:et|ainsi\s+que)\s+(?=(?:le|la|les|l'|du|des|de\s+la|de\s+l'|d'|au|aux|votre|vos|son|sa|"
                     r"ses|leur|leurs|ce|cet|cette|ces|un|une|mon|ma|mes|notre|nos)\b)"),
    "en": re.compile(r"\s+(?:and|as\s+well\s+as)\s+(?=(?:the|your|their|its|this|that|these|those|his|her|our|my|a|an)\b)"),
}
_SPLIT_JOIN = {
    "fr": re.compile(r"\s*,?\s*(?:et|ainsi\s+que)\s+"),
    "en": re.compile(r"\s*,?\s*(?:and|as\s+well\s+as)\s+"),
}


@_short_only
def split(analysis: Analysis, kind: str, segment: Segment, start: int, end: int) -> str | None:
    """« Que pensez-vous des horaires et du personnel ? » → « Que pensez-vous des horaires ? Et du personnel ? »"""
    if kind in ("questions", "subjects"):
        return None
    cased = analysis.prepared.cased
    norm = analysis.norm
    pattern = SECOND_OBJECT if kind == "objects" else _SPLIT_JOIN
    join = pattern[analysis.lang].search(norm, start, end)
    if not join:
        return None
    body = analysis.bodies[analysis.asked.index(segment)]
    first = cased[body:join.start()].strip()
    second = cased[join.end():end].strip()
    tail = cased[end:segment.end].strip(" ?.!…;")
    and_word = "Et" if analysis.lang == "fr" else "And"
    if kind == "objects" and analysis.lang == "en":
        preposition = re.search(r"\b(of|about|with|on)\s*$", norm[:start])
        if preposition:
            second = f"{preposition.group(1)} {second}"
    if kind == "words" and tail:
        # "useful and easy to follow": a complement in « à », "to" belongs to the second word.
        if re.match(r"(?:to|à)\s", tail.lower()):
            second = f"{second} {tail}"
        else:
            first = f"{first} {tail}"
    return style(analysis, f"{first} ? {and_word} {second} ?")


_DEGREE_SUBJECT = {
    "fr": re.compile(r"(?:combien|à\s+quel\s+point|a\s+quel\s+point|en\s+quoi|comment)\s+(?P<np>DET\b[^,?.!;:]*?)\s+"
                     .replace("DET", _DET["fr"]) + r"(?:(?:vous|lui|leur|nous)\s+)?(?:a|ont|avait)-t?-?(?:il|elle|ils|elles)"),
    "en": re.compile(r"(?:how\s+(?:much|far|greatly)|how|in\s+what\s+ways?)\s+(?P<aux>did|has|have|had)\s+"
                     r"(?P<np>DET\b[^,?.!;:]*?)\s+(?:help|improv|benefit|boost|strengthen|empower|reassur|motivat)"
                     .replace("DET", _DET["en"])),
}
_LIKING = {
    "fr": re.compile(r"qu'est-ce\s+qui\s+vous\s+a\s+(?:le\s+plus\s+)?(?:plu|intéressé)\s+(?:dans|de|chez)\s+(?P<np>[^,?.!;:]+)"
                     r"|qu'(?:est-ce\s+que\s+vous\s+avez|avez-vous)\s+(?:le\s+plus\s+)?(?:aimé|apprécié|préféré)\s+"
                     r"(?:dans|de|chez)\s+(?P<np2>[^,?.!;:]+)"),
    "en": re.compile(r"what\s+(?P<aux>did|do)\s+you\s+(?:like|enjoy|love|appreciate|value|prefer)\s+(?:most\s+|best\s+)?"
                     r"about\s+(?P<np>[^,?.!;:]+)"),
}
_WHICH = {
    "fr": re.compile(r"(?P<which>quels|quelles)\s+(?P<noun>[^\W\d_]+)\s+(?P<verb>[^\W\d_]+)-vous\s*(?P<rest>[^?.!;:]*)"),
    "en": re.compile(r"which\s+(?P<noun>[a-z]+)\s+(?P<aux>do|did)\s+you\s+(?P<rest>[^?.!;:]*)"),
}


@_short_only
def without_presupposition(analysis: Analysis, segment: Segment, body: int) -> str | None:
    """« Combien l’atelier vous a-t-il aidé ? » → « Qu’est-ce que l’atelier a changé pour vous, ou pas ? »"""
    lang = analysis.lang
    norm = analysis.norm
    match = _DEGREE_SUBJECT[lang].match(norm, body, segment.end)
    if match:
        np = _cased(analysis, *match.span("np"))
        if lang == "fr":
            return style(analysis, f"Qu'est-ce que {_lower_first(np)} a changé pour vous, ou pas ?")
        verb = "make" if match.group("aux") == "did" else "made"
        return style(analysis, f"What difference, if any, {match.group('aux')} {np} {verb} for you?")
    match = _LIKING[lang].match(norm, body, segment.end)
    if match:
        group = "np" if match.group("np") is not None else "np2"
        np = _cased(analysis, *match.span(group))
        if lang == "fr":
            return style(analysis, f"Qu'avez-vous pensé {_with_de(np)} ?")
        return style(analysis, f"What {'did' if match.group('aux') == 'did' else 'do'} you think of {np}?")
    match = _WHICH[lang].match(norm, body, segment.end)
    if match:
        noun = _cased(analysis, *match.span("noun"))
        rest = _cased(analysis, *match.span("rest"))
        if lang == "fr":
            which = "lesquels" if match.group("which") == "quels" else "lesquelles"
            verb = _cased(analysis, *match.span("verb"))
            return style(analysis, f"{verb}-vous des {noun} {rest} ? Si oui, {which} ?")
        verb, _space, after = rest.partition(" ")
        return style(analysis, f"{match.group('aux').capitalize()} you {verb} any {noun} {after}? If so, which ones?")
    return None


_NORMATIVE_CLAUSE = {
    "fr": re.compile(r"(?:et\s+)?(?:est-ce\s+que\s+)?vous\s+(?P<refl>vous\s+)?(?P<verb>[^\W\d_]+ez)\s+(?P<rest>.*)"
                     r"|(?P<refl2>vous\s+)?(?P<verb2>[^\W\d_]+ez)-vous\s+(?P<rest2>.*)"),
    "en": re.compile(r"(?:and\s+)?(?:do\s+you|you)\s+(?P<verb>[a-z]+)\b(?P<rest>.*)"),
}
_TAIL_TAG = {
    "fr": re.compile(r",?\s*(?:n'est-ce\s+pas|non|hein|pas\s+vrai|je\s+suppose|j'imagine|oui)\s*$", re.IGNORECASE),
    "en": re.compile(r",?\s*(?:(?:is|are|was|were|do|does|did|have|has)n't\s+(?:it|you|they)|right|i\s+guess|"
                     r"i\s+suppose|i\s+imagine|yes|no)\s*$", re.IGNORECASE),
}
_POSSESSIVES = {
    "fr": ((r"\bvotre\b", "leur"), (r"\bvos\b", "leurs"), (r"\bvous-même\b", "eux-mêmes")),
    "en": ((r"\byour\b", "their"), (r"\byours\b", "theirs"), (r"\byourself\b", "themselves")),
}


@_short_only
def normalised(analysis: Analysis, normative: list[tuple[int, int]]) -> str | None:
    """« Vous prenez bien vos médicaments ? » → « Certaines personnes trouvent difficile de prendre
    leurs médicaments ; comment ça se passe pour vous ? »"""
    lang = analysis.lang
    segment = analysis.asked[-1]
    body = analysis.bodies[-1]
    spans = [span for span in normative if analysis.norm[span[0]:span[1]] not in ("tous les jours", "chaque jour",
                                                                                  "every day", "every single day")]
    clause = _TAIL_TAG[lang].sub("", _remove(analysis, segment, body, spans))
    clause = re.sub(r"^(?:je\s+suppose\s+que|j'imagine\s+que|i\s+(?:guess|suppose|imagine)\s+(?:that\s+)?)\s*", "",
                    clause, flags=re.IGNORECASE)
    match = _NORMATIVE_CLAUSE[lang].fullmatch(clause.lower())
    if not match:
        return None
    for pattern, replacement in _POSSESSIVES[lang]:
        clause = re.sub(pattern, replacement, clause, flags=re.IGNORECASE)
    if lang == "fr":
        verb = match.group("verb") or match.group("verb2")
        infinitive = french_infinitive(verb)
        if not infinitive:
            return None
        rest_start = match.start("rest") if match.group("rest") is not None else match.start("rest2")
        rest = clause[rest_start:]
        if match.group("refl") or match.group("refl2"):
            infinitive = ("s'" if infinitive[0] in "aeéèêiîouh" else "se ") + infinitive
        elided = "d'" if infinitive[0] in "aeéèêiîouh" else "de "
        return style(analysis, f"Certaines personnes trouvent difficile {elided}{infinitive} {rest} ; "
                               "comment ça se passe pour vous ?")
    verb = match.group("verb")
    if verb in ("are", "were", "is", "was", "have", "has", "do", "can", "will", "re"):
        return None
    rest = clause[match.start("rest"):].strip()
    return style(analysis, f"Some people find it hard to {verb} {rest}. How does it go for you?")


_AGREED_STATEMENT = {
    "fr": re.compile(r"d'accord\s+(?:pour\s+dire\s+|avec\s+l'idée\s+|avec\s+le\s+fait\s+)?(?:que|qu')\s*(?P<p>[^?]+)"),
    "en": re.compile(r"(?:agree|disagree)\s+(?:or\s+disagree\s+)?(?:with\s+the\s+(?:idea|statement|view)\s+)?(?:that\s+)?"
                     r"(?P<p>[^?]+)"),
}


@_short_only
def balanced(analysis: Analysis) -> str | None:
    """An agree/disagree question becomes the two sides and an open question (Schuman & Presser)."""
    lang = analysis.lang
    if not analysis.asked:
        return None
    segment = analysis.asked[-1]
    body = analysis.bodies[-1]
    norm = analysis.norm
    matches = list(_AGREED_STATEMENT[lang].finditer(norm, body, segment.end))
    if matches:
        match = matches[-1]
        statement = _cased(analysis, *match.span("p")).rstrip(" ?.!")
    else:
        statement = _TAIL_TAG[lang].sub("", _remove(analysis, segment, body, []))
        statement = re.sub(r",?\s*(?:oui|d'accord|ok|okay|yes|yeah|agreed|correct)\s*$", "", statement, flags=re.IGNORECASE)
    statement = _lower_first(statement.strip(" ,"))
    if not statement or len(statement.split()) < 2:
        return None
    if lang == "fr":
        que = "qu'" if statement[0].lower() in "aeéèêiîouy" else "que "
        return style(analysis, f"Certaines personnes disent {que}{statement}, d'autres pensent le contraire. "
                               "Et vous, qu'en pensez-vous ?")
    return style(analysis, f"Some people say that {statement}, others think the opposite. What do you think?")
