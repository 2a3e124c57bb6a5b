"""Rules on how the question is put: closed, leading, acquiescence.

- closed: answerable by yes or no (QAS-99; « question fermée »). A closed question followed by a
  follow-up (« si oui, lesquels ? », "and why?") is only a hint; a question offering explicit
  choices (« …, ne change rien, ou… ») and the closing invitation (« autre chose à ajouter ? »)
  are not closed in this sense.
- leading: tag questions (« n’est-ce pas ? », "aren't you?"), negative interrogatives
  (« ne pensez-vous pas que », "don't you think"), assumptive openers (« je suppose que »,
  "surely", "I imagine") and majority preambles (« tout le monde dit que »).
- acquiescence: agree/disagree frames (« êtes-vous d’accord pour dire que », "do you agree that")
  and statements closed by a yes tag (« …, oui ? », "…, yes?").
"""

from __future__ import annotations

import re

from app.core.questions import messages, rewrite
from app.core.questions.hits import Hit
from app.core.questions.structure import Analysis, is_follow_up

_TAGS = {
    "fr": re.compile(
        r"(?:,\s*|\s+)(?P<tag>n'est-ce\s+pas|non|hein|pas\s+vrai|je\s+suppose|j'imagine|je\s+présume|"
        r"je\s+pense|je\s+crois|vous\s+(?:ne\s+)?croyez\s+pas|vous\s+ne\s+trouvez\s+pas|avouez|quand\s+même)"
        r"\s*[?.!…]*\s*$"
    ),
    "en": re.compile(
        r"(?:,\s*|\s+)(?P<tag>(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|wo|ca)n't"
        r"\s+(?:it|you|they|he|she|we|there|i|that)|isn't\s+that\s+(?:so|true)|right|no|surely|i\s+guess|"
        r"i\s+suppose|i\s+imagine|i\s+assume|i\s+take\s+it|i\s+bet|eh|huh|am\s+i\s+right|true)\s*[?.!…]*\s*$"
    ),
}
_NEGATIVE_QUESTION = {
    "fr": re.compile(
        r"(?P<cue>(?:ne\s+|n')(?:(?:vous|te|se|lui|leur|me|nous|y|en|l'|le|la|les)\s*)*[^\W\d_]+(?:-t)?-"
        r"(?:vous|tu|il|elle|on)\s+(?:pas|jamais|plus)\b)"
    ),
    "en": re.compile(
        r"(?P<cue>(?:don't|doesn't|didn't|isn't|aren't|wasn't|weren't|wouldn't|won't|haven't|hasn't|shouldn't|"
        r"can't|couldn't)\s+(?:you|it|that|this|they|there|we|the|your|he|she)\b|(?:do|does|did|is|are|was|"
        r"were|would|will|have|has|should|can|could)\s+(?:you|it|that|this|they|there|we)\s+not\b)"
    ),
}
_LEADING_ANYWHERE = {
    "fr": re.compile(
        r"\b(?:vous|tu)\s+ne\s+(?:trouvez|pensez|croyez|diriez|trouveriez|penseriez|trouves|penses|crois|dirais)\s+pas\b"
        r"|\b(?:je\s+suppose|j'imagine|je\s+présume|je\s+parie)\b|\bsans\s+doute\s+que\b|\bbien\s+sûr\s+que\b"
        r"|(?<!pas )\bforcément\b|\bévidemment\b|\bnaturellement\b"
        r"|\bvous\s+avez\s+dû\s+(?:être|vous\s+sentir|trouver|aimer|apprécier|souffrir|en\s+avoir)\b"
        r"|\bvous\s+devez\s+(?:être|vous\s+sentir)\b|\bil\s+est\s+(?:clair|évident)\s+que\b"
        r"|\b(?:avouez|admettez|reconnaissez|convenez)\s+que\b"
        r"|\b(?:vous|tu)\s+n'(?:avez|as)\s+pas\s+(?:l'impression|le\s+sentiment)\b"
        r"|\btout\s+le\s+monde\s+(?:sait|dit|pense|trouve|reconnaît|est\s+d'accord)\b"
        r"|\bla\s+plupart\s+des\s+(?:gens|personnes|membres|salariés|associés|aidants)\s+"
        r"(?:pensent|disent|trouvent|sont|estiment|aiment)\b"
    ),
    "en": re.compile(
        r"\bwouldn't\s+you\s+(?:say|agree)\b|\bisn't\s+it\s+true\b|\bdon't\s+you\s+(?:think|agree|feel|find)\b"
        r"|\bdon't\s+you\s+(?:have|get)\s+the\s+(?:feeling|impression|sense)\b|\byou\s+don't\s+think\b"
        r"|\b(?:admit|let's\s+face\s+it)\b"
        r"|\bi\s+(?:guess|suppose|imagine|assume|bet|take\s+it|expect)\b|\bsurely\b|\bobviously\b"
        r"|\bof\s+course\b|\bno\s+doubt\b|\bpresumably\b|\byou\s+must\s+(?:have|be|feel)\b"
        r"|\bmost\s+(?:people|members|workers|carers|staff)\s+(?:feel|think|say|agree|find|are|love|like)\b"
        r"|\b(?:everyone|everybody)\s+(?:knows|says|agrees|thinks|feels|loves|likes)\b"
    ),
}
_AGREE = {
    "fr": re.compile(
        r"\b(?:êtes-vous|vous\s+êtes|es-tu|tu\s+es|seriez-vous|vous\s+seriez|êtes\s+vous|sont-ils|sont-elles)"
        r"\s+(?:tout\s+à\s+fait\s+|plutôt\s+|pas\s+|entièrement\s+)?d'accord\b"
        r"|\bd'accord\s+(?:pour\s+dire|avec\s+(?:l'idée|l'affirmation|le\s+fait|cette\s+(?:idée|affirmation|phrase))"
        r"|que)\b"
    ),
    "en": re.compile(
        r"\b(?:do|would|did|will|don't|wouldn't)\s+you\s+(?:not\s+)?(?:strongly\s+|tend\s+to\s+|somewhat\s+)?"
        r"(?:agree|disagree)\b(?!\s+(?:on|upon|about|among|between)\b)|\bagree\s+or\s+disagree\b|\b(?:agree|disagree)\s+(?:that|with\s+the\s+"
        r"(?:statement|idea|view))\b|\bhow\s+(?:much|strongly|far)\s+do\s+you\s+agree\b"
        r"|\bto\s+what\s+extent\s+do\s+you\s+agree\b"
    ),
}
_YES_TAG = {
    "fr": re.compile(r"(?:,\s*|\s+)(?P<tag>oui|d'accord|ok|okay|hein\s+oui)\s*\?\s*$"),
    "en": re.compile(r"(?:,\s*|\s+)(?P<tag>yes|yeah|ok|okay|agreed|correct)\s*\?\s*$"),
}
_ALTERNATIVE_BEFORE = {"fr": re.compile(r"\bou\s*,?\s*$"), "en": re.compile(r"\bor\s*,?\s*$")}


def closed(analysis: Analysis) -> list[Hit]:
    hits = []
    norm = analysis.norm
    last_index = len(analysis.asked) - 1
    for index, (segment, form) in enumerate(zip(analysis.asked, analysis.forms)):
        if form.kind != "closed" or form.alternatives:
            continue
        followed = index < last_index or is_follow_up(norm, form.cue[1], segment.end, analysis.lang)
        if followed:
            hits.append(Hit("closed", *form.cue, "info", messages.closed_with_follow_up()))
        else:
            hits.append(Hit("closed", *form.cue, "caution", messages.closed(), rewrite.open_question(analysis)))
    return hits


def _tag(analysis: Analysis, patterns: dict, segment) -> re.Match | None:
    norm = analysis.norm
    match = patterns[analysis.lang].search(norm, segment.start, segment.end)
    if not match:
        return None
    if _ALTERNATIVE_BEFORE[analysis.lang].search(norm, segment.start, match.start("tag")):
        return None  # « …, ou non ? » / "…, or no?" offers both answers
    return match


def leading(analysis: Analysis) -> list[Hit]:
    hits = []
    norm = analysis.norm
    lang = analysis.lang
    for segment, body in zip(analysis.asked, analysis.bodies):
        spans = []
        tag = _tag(analysis, _TAGS, segment)
        if tag:
            spans.append(tag.span("tag"))
        negative = _NEGATIVE_QUESTION[lang].match(norm, body, segment.end)
        if negative:
            spans.append(negative.span("cue"))
        spans += [m.span() for m in _LEADING_ANYWHERE[lang].finditer(norm, segment.start, segment.end)]
        for start, end in _merge(spans):
            hits.append(Hit("leading", start, end, "alert", messages.leading(), rewrite.without_lead(analysis)))
    for segment in analysis.preamble:
        for match in _LEADING_ANYWHERE[lang].finditer(norm, segment.start, segment.end):
            hits.append(Hit("leading", *match.span(), "alert", messages.leading(), None))
    return hits


def acquiescence(analysis: Analysis) -> list[Hit]:
    hits = []
    norm = analysis.norm
    for segment in analysis.asked:
        spans = [m.span() for m in _AGREE[analysis.lang].finditer(norm, segment.start, segment.end)]
        tag = _tag(analysis, _YES_TAG, segment)
        if tag:
            spans.append(tag.span("tag"))
        if spans:
            start, end = min(s for s, _e in spans), max(e for _s, e in spans)
            hits.append(Hit("acquiescence", start, end, "caution", messages.acquiescence(),
                            rewrite.balanced(analysis)))
    return hits


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
