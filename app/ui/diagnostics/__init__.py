"""Interview diagnostics on screen: ``DiagnosticsPanel`` for one transcript (embedded in the
Transcripts area) and ``InterviewerFeedbackView`` for one interviewer (in the Analysis area)."""

from app.ui.diagnostics.feedback import InterviewerFeedbackView
from app.ui.diagnostics.panel import DiagnosticsPanel

__all__ = ["DiagnosticsPanel", "InterviewerFeedbackView"]
