"""Interview diagnostics over a project: one transcript, every transcript, one interviewer's interviews.

The transcripts of participants who withdrew are left out of every list and aggregate (their
words may no longer be analysed), and asking for one of them by id is refused with a message.
The introduction is left out by default (see ``app.core.diagnostics.measure``).
"""

from __future__ import annotations

from app.core.diagnostics import (
    InterviewerFeedback,
    InterviewFigures,
    TranscriptDiagnostics,
    diagnose,
    interviewer_feedback_of,
)
from app.core.diagnostics.model import TranscriptSource
from app.i18n import _
from app.store import views
from app.store.project import Project


class UnknownTranscriptError(LookupError):
    def __init__(self, transcript_id: str):
        self.transcript_id = transcript_id
        super().__init__(_("No transcript has the id {id}.").format(id=transcript_id))


class WithdrawnTranscriptError(ValueError):
    def __init__(self, source: TranscriptSource):
        self.transcript_id = source.transcript_id
        super().__init__(_("The transcript {title} belongs to {code}, who withdrew: it is no longer analysed.")
                         .format(title=source.title, code=source.participant_code))


class UnknownInterviewerError(LookupError):
    def __init__(self, interviewer_id: str):
        self.interviewer_id = interviewer_id
        super().__init__(_("No interviewer has the id {id}.").format(id=interviewer_id))


def _source(project: Project, transcript_id: str) -> TranscriptSource:
    for source in views.diagnostics_sources(project.db):
        if source.transcript_id == transcript_id:
            if source.withdrawn:
                raise WithdrawnTranscriptError(source)
            return source
    raise UnknownTranscriptError(transcript_id)


def _diagnose(project: Project, source: TranscriptSource, include_intro: bool) -> TranscriptDiagnostics:
    return diagnose(project.turns_of(source.transcript_id), lang=source.language or "auto",
                    include_intro=include_intro, transcript_id=source.transcript_id, title=source.title)


def transcript_diagnostics(project: Project, transcript_id: str, include_intro: bool = False) -> TranscriptDiagnostics:
    """The figures of one transcript. Raises UnknownTranscriptError or WithdrawnTranscriptError."""
    return _diagnose(project, _source(project, transcript_id), include_intro)


def all_diagnostics(project: Project, include_intro: bool = False) -> list[TranscriptDiagnostics]:
    """Every transcript that may be analysed, in interview date order."""
    return [_diagnose(project, source, include_intro)
            for source in views.diagnostics_sources(project.db) if not source.withdrawn]


def interviewers_with_interviews(project: Project) -> list[tuple[str, str, int]]:
    """(id, name, transcripts that may be analysed) for every interviewer, by name."""
    counts: dict[str, int] = {}
    for source in views.diagnostics_sources(project.db):
        if source.interviewer_id and not source.withdrawn:
            counts[source.interviewer_id] = counts.get(source.interviewer_id, 0) + 1
    return [(person.id, person.name, counts.get(person.id, 0))
            for person in project.interviewers.find(order_by="name")]


def interviewer_feedback(project: Project, interviewer_id: str, include_intro: bool = False) -> InterviewerFeedback:
    """One interviewer's figures over their own transcribed interviews, in date order."""
    interviewer = project.interviewers.first("id = ?", [interviewer_id])
    if interviewer is None:
        raise UnknownInterviewerError(interviewer_id)
    interviews = [
        InterviewFigures(source.transcript_id, source.title, source.participant_code, source.started_at,
                         _diagnose(project, source, include_intro))
        for source in views.diagnostics_sources(project.db)
        if source.interviewer_id == interviewer_id and not source.withdrawn
    ]
    return interviewer_feedback_of(interviewer.id, interviewer.name, interviews)
