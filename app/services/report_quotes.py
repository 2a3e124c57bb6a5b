"""Choosing the quotes a report prints for a theme.

Only passages the analyst marked quotable, from participants taking part whose consent in force
still allows quotes (a consent withdrawn after the passage was marked counts), in the report's
wave. Two coders often mark the same words: overlapping passages of one transcript count once
(the longer kept). The choice favours different participants before a second quote from anyone,
then the order of the transcripts. A long passage is cut at a sentence end, the cut marked « […] ».
Every name the identity store knows is masked before the text leaves this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.core.report import Quote
from app.services.coding import Segment

MAX_QUOTES = 5
MAX_CHARACTERS = 600
_SENTENCE_END = re.compile(r"[.!?…](?=\s)")


def allowed_participants(project) -> set[str]:
    """Codes of participants taking part whose consent in force allows quotes."""
    return {row[0] for row in project.db.execute(
        "SELECT p.code FROM participant p WHERE p.status != 'withdrawn' AND ("
        "SELECT c.scope_quotes FROM consent c WHERE c.participant_id = p.id AND c.withdrawn_at IS NULL "
        "ORDER BY c.given_on DESC, c.created_at DESC LIMIT 1) = 1")}


def quotable_segments(segments: list[Segment], allowed: set[str]) -> list[Segment]:
    """Quotable passages still allowed, overlapping ones merged into the longest."""
    kept: list[Segment] = []
    for segment in sorted((s for s in segments if s.quotable and s.participant_code in allowed),
                          key=lambda s: (s.transcript_id, s.start, -(s.end - s.start))):
        previous = kept[-1] if kept else None
        if previous and previous.transcript_id == segment.transcript_id and segment.start < previous.end:
            if segment.end - segment.start > previous.end - previous.start:
                kept[-1] = segment
            continue
        kept.append(segment)
    return kept


def choose(candidates: list[Segment], limit: int = MAX_QUOTES) -> list[Segment]:
    """Up to ``limit`` passages, one per participant first, in the candidates' order."""
    chosen: list[Segment] = []
    seen: set[str] = set()
    for segment in candidates:
        if segment.participant_code not in seen:
            chosen.append(segment)
            seen.add(segment.participant_code)
        if len(chosen) == limit:
            return chosen
    for segment in candidates:
        if segment not in chosen:
            chosen.append(segment)
        if len(chosen) == limit:
            break
    return chosen


def shorten(text: str, limit: int = MAX_CHARACTERS) -> str:
    """The passage, cut after the last sentence that fits when it is too long to quote whole."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, limit)]
    cut = ends[-1] if ends and ends[-1] > limit // 3 else text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip() + " […]"


def to_quote(segment: Segment, mask: Callable[[str], str], profiles: dict[str, str],
             territories: dict[str, str]) -> Quote:
    return Quote(text=mask(shorten(segment.text)), participant_code=segment.participant_code,
                 profile=profiles.get(segment.profile, segment.profile),
                 territory=territories.get(segment.territory, segment.territory), wave=segment.wave,
                 theme=segment.code)
