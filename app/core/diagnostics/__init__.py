"""Interview diagnostics: how an interview went, from its transcript. Qt-free, SQL-free.

``diagnose(turns)`` measures one transcript — interviewer share of words and of time, longest
interviewer turn, closed and open questions, leading and other flagged questions (with the
question checker), answers cut off and talking over, answers given by a third party, bare « oui »
after closed questions — and gives each figure a level (ok, caution, alert) against a documented
threshold (``thresholds.py``), with a plain-language explanation (``explain.py``).
``interviewer_feedback_of`` gathers one interviewer's interviews, for training, not ranking.
Background and sources: ``research/bias_nlp.md`` §1.2 items 1, 4, 11, 13–15 and §1.3.
"""

from app.core.diagnostics.explain import TRAINING_NOTE, intro_note, level_label, threshold_text, value_text
from app.core.diagnostics.feedback import interviewer_feedback_of
from app.core.diagnostics.measure import diagnose, intro_length, time_share
from app.core.diagnostics.model import (
    LEVELS,
    Figure,
    FigureSummary,
    FlaggedQuestion,
    InterviewerFeedback,
    InterviewFigures,
    QuestionCounts,
    Threshold,
    TranscriptDiagnostics,
    TranscriptTally,
)
from app.core.diagnostics.thresholds import FIGURE_NAMES, THRESHOLDS
from app.core.diagnostics.turns import is_bare_assent, is_cut_off, read_question

__all__ = [
    "diagnose", "intro_length", "time_share", "interviewer_feedback_of", "intro_note", "level_label",
    "threshold_text", "value_text", "TRAINING_NOTE", "LEVELS", "FIGURE_NAMES", "THRESHOLDS", "Figure",
    "FigureSummary", "FlaggedQuestion", "InterviewerFeedback", "InterviewFigures", "QuestionCounts",
    "Threshold", "TranscriptDiagnostics", "TranscriptTally", "is_bare_assent", "is_cut_off", "read_question",
]
