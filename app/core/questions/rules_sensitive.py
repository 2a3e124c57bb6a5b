"""Social desirability: a yes-or-no question that makes one answer look better.

Two forms (Pew, « biais de désirabilité sociale »):
- a normative word in a closed question about what the person does (« Vous prenez bien vos
  médicaments ? », "You take your medication properly, right?", "every day", "always");
- a sensitive topic (the "sensitive" list: money, alcohol, medication, loneliness…) in a closed
  question with no normalising phrase (« Certaines personnes… », "Some people…").
A normalising phrase anywhere in the question lifts both.
"""

from __future__ import annotations

import re

from app.core.questions import messages, rewrite
from app.core.questions.hits import Hit
from app.core.questions.structure import Analysis

# « bien » right after a verb in the second person (« vous prenez bien », « prenez-vous bien »),
# not « bien sûr », « bien que », « bien-être ».
_WELL = {
    "fr": re.compile(r"\b(?:vous|tu)\s+(?:(?:vous|te|t'|les|le|la|l'|y|en|lui|leur)\s*)*[^\W\d_]+ez\s+(?P<word>bien)\b"
                     r"(?!\s*(?:sûr|que|qu'|-être|des\b))|\b[^\W\d_]+ez-vous\s+(?P<word2>bien)\b(?!\s*(?:sûr|que|-être))"),
    "en": re.compile(r"\byou\s+(?!are\b|were\b|'re\b)[^\W\d_]+\b[^?.!;,]{0,40}?\b(?<!as\s)(?P<word>well)\b(?!-)"),
}

# « assez », « suffisamment », "enough" judge conduct at the end of the verb phrase (« vous
# dormez assez ? », « vous aidez suffisamment vos collègues ? »), not before an adjective
# (« une vie assez pleine »).
_DEGREE_WORDS = frozenset({"assez", "suffisamment", "enough"})
_AFTER_DEGREE = re.compile(r"\s*(?:[?.!,;…]|$)|\s+(?:le|la|les|l'|vos|votre|ses|son|sa|leur|leurs|ce|cette|ces|mes|"
                           r"mon|ma|vous|pour|avec|en|à|au|aux|at|in|for|to|during|with|your|the|them|it)\b")
_AMOUNT = re.compile(r"\s*(?:de|d'|of)\b")
_OPINION = re.compile(r"\b(?:think|believe|say|agree|feel\s+that|pensez|trouvez|croyez|diriez|estimez|d'accord)\b")


def social_desirability(analysis: Analysis) -> list[Hit]:
    if analysis.normalised or not analysis.asked:
        return []
    segment, form = analysis.asked[-1], analysis.forms[-1]
    if form.kind != "closed" or form.alternatives or not analysis.addresses_person(segment):
        return []
    norm = analysis.norm
    prepared = analysis.prepared
    # « assez de temps », "enough of": an amount, not a norm.
    normative = [span for span in analysis.find("normative")
                 if segment.start <= span[0] < segment.end and not _AMOUNT.match(norm, span[1])
                 and not (norm[span[0]:span[1]] in _DEGREE_WORDS and not _AFTER_DEGREE.match(norm, span[1]))]
    for match in _WELL[analysis.lang].finditer(norm, segment.start, segment.end):
        normative.append(match.span("word") if match.group("word") is not None else match.span("word2"))
    # In « pensez-vous que… », "do you think…" the norm is about someone else's conduct.
    normative = [span for span in normative if not _OPINION.search(norm, segment.start, span[0])]
    if normative:
        start, end = min(normative)
        return [Hit("social_desirability", start, end, "alert", messages.social_desirability_norm(),
                    rewrite.normalised(analysis, normative))]
    topics = [span for span in analysis.find("sensitive") if segment.start <= span[0] < segment.end]
    if topics:
        start, end = topics[0]
        a, b = prepared.span(start, end)
        topic = " ".join(prepared.original[a:b].split())
        return [Hit("social_desirability", start, end, "caution", messages.social_desirability_topic(topic))]
    return []
