"""Who is who in a transcript: a proposed role for each speaker label, for a person to confirm.

Labels that name a role settle it (« Enquêtrice », « I », « Interviewer 2 », « Sonia (ENQ) »).
Otherwise the interviewer is the speaker who asks the most questions, counted on question marks
and on the ways French and English open a question — the French oral corpora carry no question
marks at all. Among the others the participant is the one who says the most; anyone else is a
third party (a partner, a carer, a colleague who joined in).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.transcript_formats.parsed import SpokenTurn
from app.core.words import count_words

INTERVIEWER_NAMES = frozenset({
    "i", "e", "q", "enq", "int", "interviewer", "intervieweur", "intervieweuse", "interviewer·euse",
    "enqueteur", "enquetrice", "enqueteur·rice", "enqueteur·trice", "enqueteurice", "chercheur", "chercheuse",
    "moderateur", "moderatrice", "moderator", "researcher", "facilitator", "animateur", "animatrice",
})
PARTICIPANT_NAMES = frozenset({
    "r", "p", "participant", "participante", "participant·e", "enquete", "enquetee", "enquete·e", "interviewe",
    "interviewee", "intervieweee", "interviewe·e", "repondant", "repondante", "respondent", "temoin",
})
_INTERVIEWER_MARK = re.compile(r"\((?:enq|int|interviewer|enqueteur|enquetrice)\)$")
_NUMBER_SUFFIX = re.compile(r"[\s_-]*\d+$")
_OPENER = re.compile(
    r"^(?:(?:euh|et|alors|donc|mais|bon|ben|so|and|well|ok|okay|d'accord)[\s,]+)*"
    r"(?:est-ce|qu'est-ce|comment|pourquoi|combien|quand|quel|quelle|quels|quelles|racontez|parlez-moi|"
    r"dites-moi|expliquez|pouvez-vous|pourriez-vous|avez-vous|how|what|why|when|where|who|which|"
    r"do you|did you|does|can you|could you|would you|are you|were you|have you|is it|tell me|describe)\b"
)
_INVERSION = re.compile(r"\b\w+-(?:vous|tu|t-il|t-elle|t-on|il|elle|ils|elles)\b")
_NOT_INVERSION = re.compile(r"\b(?:rendez-vous|vous-même|peut-être|c'est-à-dire)\b")


def label_key(label: str) -> str:
    """A label folded for comparison: lower case, without accents, without a trailing number."""
    folded = unicodedata.normalize("NFKD", label.strip().casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = folded.replace("(e)", "·e").replace(".", "·").rstrip(" :")
    return _NUMBER_SUFFIX.sub("", folded) if not folded.isdigit() else folded


def known_role(label: str) -> str | None:
    """The role a label names by itself, if it names one."""
    key = label_key(label)
    if key in INTERVIEWER_NAMES or _INTERVIEWER_MARK.search(key):
        return "interviewer"
    if key in PARTICIPANT_NAMES:
        return "participant"
    return None


def question_count(text: str) -> int:
    """How many questions a turn holds, at least one when it opens or inverts like a question."""
    marks = text.count("?")
    if marks:
        return marks
    lowered = text.strip().casefold().replace("’", "'")
    if _OPENER.match(lowered) or _INVERSION.search(_NOT_INVERSION.sub(" ", lowered)):
        return 1
    return 0


@dataclass
class SpeakerSummary:
    label: str
    turns: int
    words: int
    questions: int
    first_words: str
    said_more: bool = False  # more words follow the first ones


def summarise_speakers(turns: Iterable[SpokenTurn], first_words: int = 12) -> list[SpeakerSummary]:
    """Per label, in order of first speech: turns, words, questions and the first words said."""
    summaries: dict[str, SpeakerSummary] = {}
    for turn in turns:
        summary = summaries.get(turn.label)
        if summary is None:
            summary = summaries[turn.label] = SpeakerSummary(turn.label, 0, 0, 0, "")
        summary.turns += 1
        summary.words += count_words(turn.text)
        summary.questions += question_count(turn.text)
        if not summary.said_more:
            words = (summary.first_words + " " + turn.text).split()
            summary.first_words, summary.said_more = " ".join(words[:first_words]), len(words) > first_words
    return list(summaries.values())


def propose_roles(turns: Iterable[SpokenTurn], interviewers: Iterable[str] | None = None) -> dict[str, str]:
    """A role for every label. ``interviewers`` forces the interviewer set; else it is guessed."""
    summaries = summarise_speakers(turns)
    labels = [summary.label for summary in summaries]
    words = Counter({summary.label: summary.words for summary in summaries})
    if interviewers is not None:
        chosen = set(interviewers)
        participant = _most_words([label for label in labels if label not in chosen and label], words)
    else:
        chosen = _guess_interviewers(summaries)
        rest = [label for label in labels if label not in chosen and label]
        named = [label for label in rest if known_role(label) == "participant"]
        participant = _most_words(named or rest, words)
    roles = {}
    for label in labels:
        if label in chosen:
            roles[label] = "interviewer"
        elif label == participant:
            roles[label] = "participant"
        elif not label:
            # Text before any speaker label: who said it is not known.
            roles[label] = "participant" if len(labels) == 1 else "unknown"
        else:
            roles[label] = "third_party"
    return roles


def _guess_interviewers(summaries: list[SpeakerSummary]) -> set[str]:
    named = [summary for summary in summaries if summary.label]
    known = {summary.label for summary in named if known_role(summary.label) == "interviewer"}
    if known and len(known) < len(named):
        return known
    if len(named) < 2:
        return known
    # "I" and "E" can both be interviewer names (Interviewer, Enquêteur); questions decide between them.
    candidates = [summary for summary in named
                  if (summary.label in known or not known) and known_role(summary.label) != "participant"]
    asking = max(candidates, key=lambda summary: (summary.questions, -summary.words), default=None)
    return {asking.label} if asking is not None and asking.questions > 0 else set()


def _most_words(labels: list[str], words: Counter) -> str | None:
    return max(labels, key=lambda label: words[label], default=None)
