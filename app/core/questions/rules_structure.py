"""Rules on how the question is built: double-barrelled, overlong, presupposition.

- double_barreled (QAS-99 4c): two evaluative words joined by « et » / "and" (« utile et
  agréable »); two objects joined after an opinion frame (« que pensez-vous des horaires et du
  personnel »); two interrogatives in one sentence (« comment… et pourquoi… »). Pairs joined by
  « ou » / "or" balance the question (« plus facile ou plus difficile ») and are left alone.
- overlong (QUAID working-memory overload): more than 25 words, or one question built from three
  subordinate clauses or several alternatives (« …ou est-ce que… », "X or Y or Z").
- presupposition (QUAID; QAS-99 4a): the degree of an effect not yet established (« combien
  l’atelier vous a-t-il aidé », "how much did it help"), its manner (« en quoi… vous a-t-il
  aidé »), the reason for a stop (« pourquoi avez-vous arrêté »), a liking (« qu’est-ce qui vous
  a le plus plu », "what did you enjoy most about") or a set the person may not have (« quels
  médicaments prenez-vous », "which medicines do you take"). « ou pas », "if any", "if at all"
  leave room for every answer and lift the flag.
"""

from __future__ import annotations

import re

from app.core.questions import messages, rewrite
from app.core.questions.hits import Hit
from app.core.questions.structure import Analysis

LONG_QUESTION_WORDS = 25
VERY_LONG_QUESTION_WORDS = 40

_JOIN = {
    "fr": re.compile(r"\s*,?\s*(?:et|ainsi\s+que|&)\s+(?:(?:plus|moins|très|assez|vraiment|aussi|pas\s+trop|bien)\s+)?$"),
    "en": re.compile(r"\s*,?\s*(?:and|as\s+well\s+as|&)\s+(?:(?:more|less|very|quite|really|also|too)\s+)?$"),
}
_OPINION_FRAME = {
    "fr": re.compile(
        r"\b(?:que\s+pensez-vous\s+|qu'avez-vous\s+pensé\s+|que\s+dites-vous\s+|votre\s+avis\s+sur\s+"
        r"|comment\s+(?:jugez|trouvez|évaluez|vivez|voyez|décririez|décrivez|percevez|appréciez|qualifieriez)-vous\s+"
        r"|comment\s+avez-vous\s+(?:trouvé|vécu|jugé|perçu|apprécié)\s+"
        r"|(?:êtes-vous|vous\s+êtes|étiez-vous|vous\s+étiez)\s+(?:satisfait|content|heureux|heureuse|mécontent|"
        r"insatisfait)e?s?\s+|(?:avez-vous|vous\s+avez)\s+(?:aimé|apprécié)\s+)"
    ),
    "en": re.compile(
        r"\b(?:what\s+(?:do|did)\s+you\s+think\s+(?:of|about)\s+|(?:how\s+)?(?:do|did)\s+you\s+(?:feel\s+about|find|rate|"
        r"judge|see|view|experience)\s+|how\s+(?:satisfied|happy|pleased|content)\s+(?:are|were)\s+you\s+with\s+"
        r"|how\s+would\s+you\s+(?:rate|describe|judge|assess|evaluate)\s+|(?:are|were)\s+you\s+(?:satisfied|happy|"
        r"pleased)\s+with\s+|your\s+(?:views?|opinion)\s+(?:of|on)\s+|(?:did|do)\s+you\s+(?:like|enjoy)\s+)"
    ),
}
# Two subjects judged together: « Les outils et les locaux sont-ils adaptés ? », "Are the tools and
# the premises suitable?"
_DET = {"fr": r"(?:le|la|les|l'|vos|votre|ce|cet|cette|ces|leur|leurs|son|sa|ses|un|une|des)",
        "en": r"(?:the|your|their|its|this|that|these|those|his|her|our|my|a|an)"}
_TWO_SUBJECTS = {
    "fr": re.compile(rf"{_DET['fr']}\b[^?,;.]{{0,60}}?\s+(?:et|ainsi\s+que)\s+{_DET['fr']}\b"),
    "en": re.compile(rf"(?:are|were|is|was)\s+{_DET['en']}\b[^?,;.]{{0,60}}?\s+and\s+{_DET['en']}\b"),
}
_SUBJECT_VERB = {"fr": re.compile(r"-(?:t-)?(?:ils|elles)\b"), "en": re.compile(r"(?!)")}
_BETWEEN = {"fr": re.compile(r"\bentre\b"), "en": re.compile(r"\bbetween\b|\bboth\b")}
_TWO_QUESTIONS = {
    "fr": re.compile(r"\bet\s+(?:comment|pourquoi|quand|où|qu'est-ce|que\s+\S+-vous|quel(?:le)?s?\s+\S+|combien|"
                     r"est-ce\s+(?:que|qu')|(?!rendez-vous)[^\W\d_]+-(?:vous|tu)\b)"),
    "en": re.compile(r"\band\s+(?:how|why|when|where|what|who|which|(?:are|is|was|were|do|does|did|have|has|can|could|"
                     r"would|will)\s+(?:you|they|it|there|any|we|he|she)\b)"),
}

_SUBORDINATORS = {
    "fr": re.compile(r"\b(?:que|qu'|qui|si|s'il|s'ils|lorsque|lorsqu'|quand|où|dont|puisque|puisqu')(?![\w-])"),
    "en": re.compile(r"\b(?:that|which|who|whom|whose|if|because|when|while|whereas|although|though|since|where|"
                     r"unless|whether)\b"),
}
_NOT_SUBORDINATOR = {
    "fr": re.compile(r"\best-ce\s+(?:que|qu')|\bqu'est-ce\s+(?:que|qui|qu')|\bqu'en\b|\bne\s+\S+\s+que\b"),
    "en": re.compile(r"\bthat's\b|\bthat\s+(?:time|day|moment|way|place|one|period|year)\b"),
}
_OR = {"fr": re.compile(r"\bou\b(?!\s+(?:pas|non)\b)"), "en": re.compile(r"\bor\b(?!\s+not\b)")}
_TWO_ALTERNATIVE_QUESTIONS = {
    "fr": re.compile(r"\bou\s+(?:bien\s+)?est-ce\s+(?:que|qu')"),
    "en": re.compile(r"\bor\s+(?:is|are|was|were|do|does|did|would|will|have|has)\s+(?:it|you|there|they)\b"),
}

_ROOM = {
    "fr": re.compile(r"\bou\s+(?:pas|non)\b|\ble\s+cas\s+échéant\b|\bsi\s+c'est\s+le\s+cas\b|\bs'il\s+y\s+en\s+a\b|"
                     r"\bsi\s+vous\s+en\s+avez\b|\bsi\s+cela\s+(?:a\s+été|est)\s+le\s+cas\b"),
    "en": re.compile(r"\bif\s+(?:any|at\s+all|anything|ever|so|you\s+have\s+any|that\s+has\s+happened)\b|\bor\s+not\b"),
}
_EFFECT_FR = (r"(?:aid|apport|amélior|facilit|servi\b|profit|renforc|augment|simplifi|soulag|rassur|motiv|"
              r"valoris|enrich|bénéfici|contribu|encourag)\w*")
_PRESUPPOSITIONS = {
    "fr": [
        re.compile(r"\b(?:combien|à\s+quel\s+point|a\s+quel\s+point)\b(?!\s+(?:de|d')\b)[^?.!;]{0,80}?\b"
                   r"(?:" + _EFFECT_FR + r"|plu\b|appréci\w*|aimé\w*)"),
        re.compile(r"\ben\s+quoi\b[^?.!;]{0,80}?\b(?:" + _EFFECT_FR + r"|utile\w*|bénéfique\w*|positi\w*)"),
        re.compile(r"\bcomment\b[^?.!;]{0,60}?\b(?:vous\s+a|a-t-(?:il|elle)|ont-(?:ils|elles)|vous\s+ont)\b"
                   r"[^?.!;]{0,30}?\b(?:aidé|amélioré|facilité|apporté|soulagé|rassuré|motivé|valorisé|renforcé)\w*"),
        re.compile(r"\bpourquoi\b[^?.!;]{0,40}?(?:\b(?:arrêt|cess|abandonn|quitt|renonc|démissionn|refus|lâch|manqu)\w*"
                   r"|\bne\s+\S+\s+(?:plus|pas|jamais)\b|\bn'\S+\s+(?:plus|pas|jamais)\b)"),
        re.compile(r"\bqu'est-ce\s+qui\s+vous\s+a\s+(?:le\s+plus\s+)?(?:plu|intéressé|enthousiasmé|séduit)\b"
                   r"|\bqu'est-ce\s+que\s+vous\s+avez\s+(?:le\s+plus\s+)?(?:aimé|apprécié|préféré|adoré)\b"
                   r"|\bqu'avez-vous\s+(?:le\s+plus\s+)?(?:aimé|apprécié|préféré|adoré)\b"
                   r"|\bqu'est-ce\s+qui\s+vous\s+(?:plaît|plait)\s+le\s+plus\b|\bqu'est-ce\s+qui\s+vous\s+a\s+le\s+plus\s+aidé\b"),
    ],
    "en": [
        re.compile(r"\bhow\s+(?:much|greatly|far)\b[^?.!;]{0,80}?\b(?:help(?:ed|s)?|improv(?:e|ed|es)|enjoy(?:ed|s)?|"
                   r"benefit(?:ed|ted|s)?|boost(?:ed)?|strengthen(?:ed)?|empower(?:ed)?|eas(?:e|ed)|like(?:d)?|"
                   r"appreciate(?:d)?)\b"),
        re.compile(r"\b(?:how\s+(?:did|has|have|had)|in\s+what\s+ways?)\b[^?.!;]{0,60}?\b(?:help(?:ed)?|improv(?:e|ed)|"
                   r"benefit(?:ed|ted)?|boost(?:ed)?|strengthen(?:ed)?|empower(?:ed)?|reassur(?:e|ed)|motivat(?:e|ed))\b"),
        re.compile(r"\bwhy\b[^?.!;]{0,40}?\b(?:stop(?:ped)?|quit|give\s+up|gave\s+up|leave|left|drop(?:ped)?\s+out|"
                   r"abandon(?:ed)?|resign(?:ed)?|miss(?:ed)?|refuse(?:d)?|no\s+longer|(?:do|did|have|are|were)(?:n't|\s+not))\b"),
        re.compile(r"\bwhat\s+(?:did|do)\s+you\s+(?:like|enjoy|love|appreciate|value|prefer)\s+(?:most\s+|best\s+)?about\b"),
    ],
}
_WHICH_SET = {
    "fr": re.compile(r"(?:quels|quelles)\s+(?!sont\b|étaient\b|seraient\b|ont\s+été\b)[^\W\d_]+(?:\s+[^\W\d_]+)?\s+"
                     r"(?!rendez-vous)[^\W\d_]+-(?:vous|tu)\b"),
    "en": re.compile(r"which\s+(?!of\b|one\b)[^\W\d_]+(?:\s+[^\W\d_]+)?\s+(?:do|did|have|are|were)\s+you\b"),
}
_DEGREE = {
    "fr": re.compile(r"(?!)"),  # « à quel point… utile » is caught above; no separate French form
    "en": re.compile(r"how\s+(?:useful|helpful|beneficial|valuable|effective|positive)\s+(?:was|were|is|are|has|have)\b"),
}


def double_barreled(analysis: Analysis) -> list[Hit]:
    hits = []
    lang = analysis.lang
    norm = analysis.norm
    evaluative = analysis.find("evaluative")
    for segment, body in zip(analysis.asked, analysis.bodies):
        spans = []
        inside = [span for span in evaluative if segment.start <= span[0] < segment.end]
        for first, second in zip(inside, inside[1:]):
            if _JOIN[lang].fullmatch(norm, first[1], second[0]):
                spans.append(("words", first[0], second[1]))
        for frame in _OPINION_FRAME[lang].finditer(norm, segment.start, segment.end):
            end = _clause_end(norm, frame.end(), segment.end)
            second = rewrite.SECOND_OBJECT[lang].search(norm, frame.end(), end)
            if second and not _BETWEEN[lang].search(norm, frame.end(), second.start()):
                spans.append(("objects", frame.end(), end))
        subjects = _TWO_SUBJECTS[lang].match(norm, body, segment.end)
        if subjects:
            # The judgement that follows the two subjects: « …sont-ils adaptés », "…suitable".
            after = [span for span in inside if subjects.end() < span[0] <= subjects.end() + 80]
            verb = _SUBJECT_VERB[lang].search(norm, subjects.end(), after[0][0]) if after else None
            if after and ("," not in norm[subjects.end():after[0][0]]) and (lang == "en" or verb):
                start = subjects.start() if lang == "fr" else norm.index(" ", subjects.start()) + 1
                spans.append(("subjects", start, after[0][1]))
        for match in _TWO_QUESTIONS[lang].finditer(norm, body, segment.end):
            spans.append(("questions", match.start(), _clause_end(norm, match.end(), segment.end)))
        for kind, start, end in _first_per_overlap(spans):
            hits.append(Hit("double_barreled", start, end, "caution", messages.double_barreled(),
                            rewrite.split(analysis, kind, segment, start, end)))
    return hits


CLAUSE_WINDOW = 200  # characters: bounds the work per match, so long text stays linear


def _clause_end(norm: str, start: int, limit: int) -> int:
    end = min(limit, start + CLAUSE_WINDOW)
    while end > start and norm[end - 1] in " ?.!…;":
        end -= 1
    comma = norm.find(",", start, end)
    return comma if comma != -1 else end


def _first_per_overlap(spans):
    kept = []
    for kind, start, end in sorted(spans, key=lambda s: (s[1], -s[2])):
        if not any(start < e and s < end for _k, s, e in kept):
            kept.append((kind, start, end))
    return kept


def overlong(analysis: Analysis) -> list[Hit]:
    content = analysis.content()
    if not content:
        return []
    lang = analysis.lang
    norm = analysis.norm
    start, end = analysis.prepared.trimmed(content[0].start, content[-1].end)
    words = sum(segment.word_count for segment in content)
    if words > LONG_QUESTION_WORDS:
        severity = "alert" if words > VERY_LONG_QUESTION_WORDS else "caution"
        return [Hit("overlong", start, end, severity, messages.overlong(words))]
    for segment, body, form in zip(analysis.asked, analysis.bodies, analysis.forms):
        text = _NOT_SUBORDINATOR[lang].sub(" ", norm[body:segment.end])
        opener = form.cue[0] - body if form.kind == "open" else -1  # « …, que diriez-vous ? » asks, it does not subordinate
        subordinates = sum(1 for m in _SUBORDINATORS[lang].finditer(text) if m.start() != opener)
        alternatives = len(_OR[lang].findall(norm, segment.start, segment.end))
        if subordinates >= 3 or alternatives >= 2 or _TWO_ALTERNATIVE_QUESTIONS[lang].search(norm, segment.start, segment.end):
            return [Hit("overlong", start, end, "caution", messages.overcomplex())]
    return []


def presupposition(analysis: Analysis) -> list[Hit]:
    hits = []
    lang = analysis.lang
    norm = analysis.norm
    for segment, body in zip(analysis.asked, analysis.bodies):
        if _ROOM[lang].search(norm, segment.start, segment.end):
            continue
        spans = []
        for pattern in _PRESUPPOSITIONS[lang]:
            spans += [m.span() for m in pattern.finditer(norm, segment.start, segment.end)]
        which = _WHICH_SET[lang].match(norm, body, segment.end)
        if which:
            spans.append(which.span())
        for start, end in sorted(spans)[:1]:
            hits.append(Hit("presupposition", start, end, "caution", messages.presupposition(),
                            rewrite.without_presupposition(analysis, segment, body)))
        if not spans:
            degree = _DEGREE[lang].match(norm, body, segment.end)
            if degree:
                hits.append(Hit("presupposition", *degree.span(), "info", messages.presupposition_degree()))
    return hits
