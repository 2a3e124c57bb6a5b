"""What the checker reports: rule ids, severities and findings."""

from __future__ import annotations

from dataclasses import dataclass

RULES = (
    "leading", "loaded", "double_barreled", "closed", "presupposition", "double_negative",
    "jargon", "overlong", "vague_quantifier", "social_desirability", "acquiescence",
)
SEVERITIES = ("info", "caution", "alert")


@dataclass(frozen=True)
class Finding:
    """One problem in one question.

    ``start`` and ``end`` are code points in the question text as given, ``[start, end)``.
    ``message`` is in the interface language; ``suggestion`` is a neutral rewrite of the whole
    question, in the question's language, or None when no good one can be built.
    """

    rule: str
    start: int
    end: int
    severity: str
    message: str
    suggestion: str | None = None
