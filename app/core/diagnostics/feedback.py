"""An interviewer's figures across their own interviews: mean, lowest, highest, and each interview
in date order — to see how their practice moves over time, for training. Never a ranking: the
summary is built for one interviewer at a time and holds nobody else's figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from app.core.diagnostics.explain import EXPLANATIONS, LABELS
from app.core.diagnostics.model import FigureSummary, InterviewerFeedback, InterviewFigures
from app.core.diagnostics.thresholds import FIGURE_NAMES, THRESHOLDS
from app.i18n import _


def interviewer_feedback_of(interviewer_id: str, interviewer_name: str,
                            interviews: Sequence[InterviewFigures]) -> InterviewerFeedback:
    """Summaries of every figure over ``interviews`` (put in date order, undated ones last)."""
    ordered = tuple(sorted(interviews, key=lambda i: (i.started_at is None, i.started_at or "", i.title)))
    summaries = []
    for name in FIGURE_NAMES:
        values = [i.diagnostics.figure(name).value for i in ordered]
        measured = [float(v) for v in values if v is not None]
        mean = fmean(measured) if measured else None
        threshold = THRESHOLDS[name]
        summaries.append(FigureSummary(
            name=name, label=_(LABELS[name]), threshold=threshold, explanation=_(EXPLANATIONS[name]),
            mean=mean, minimum=min(measured) if measured else None, maximum=max(measured) if measured else None,
            level=threshold.level(mean), measured=len(measured),
        ))
    return InterviewerFeedback(interviewer_id, interviewer_name, ordered, tuple(summaries))
