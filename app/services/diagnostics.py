"""Interview diagnostics over a project: one transcript, every transcript, one interviewer's interviews.

The transcripts of participants who withdrew are left out of every list and aggregate (their
words may no longer be analysed), and asking for one of them by id is refused with a message.
The introduction is left out by default (see ``app.core.diagnostics.measure``).

``tallies`` gives the few figures a report adds up over the whole corpus; they are measured once
per transcript and kept in the project (table ``diagnostic_figures``) until the transcript changes,
and measured when a transcript is imported, so that a report on thousands of interviews does not
run the question checker over all of them again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from app import __version__
from app.core.diagnostics import (
    InterviewerFeedback,
    InterviewFigures,
    TranscriptDiagnostics,
    diagnose,
    interviewer_feedback_of,
)
from app.core.diagnostics.model import TranscriptSource, TranscriptTally
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


# Kept tallies stand for the checker that measured them: a new release, or a change to how the
# figures are measured (which bumps the number after the slash), measures every transcript again.
TALLY_VERSION = f"{__version__}/1"
_TALLY_CHUNK = 50  # transcripts measured per transaction: a short hold on the database


def tallies(project: Project, transcript_ids: Iterable[str] | None = None) -> list[TranscriptTally]:
    """The tallies of the transcripts that may be analysed (all of them, or those of
    ``transcript_ids``), in interview date order; those not kept yet are measured and kept."""
    wanted = None if transcript_ids is None else set(transcript_ids)
    sources = [source for source in views.diagnostics_sources(project.db)
               if not source.withdrawn and (wanted is None or source.transcript_id in wanted)]
    kept = _kept_tallies(project)
    missing = [source for source in sources if source.transcript_id not in kept]
    for start in range(0, len(missing), _TALLY_CHUNK):
        kept.update(_measure_and_keep(project, missing[start:start + _TALLY_CHUNK]))
    return [kept[source.transcript_id] for source in sources]


def _kept_tallies(project: Project) -> dict[str, TranscriptTally]:
    rows = project.db.execute(
        "SELECT transcript_id, interviewer_word_share, questions_open, questions_closed, questions_leading "
        "FROM diagnostic_figures WHERE version = ?", [TALLY_VERSION])
    return {row[0]: TranscriptTally(*row) for row in rows}


def _measure_and_keep(project: Project, sources: list[TranscriptSource]) -> dict[str, TranscriptTally]:
    """Measure the turns and keep the figures in one transaction: the turns read are those the
    figures are written for (an edit committed meanwhile by another window makes the write fail,
    and the triggers of ``diagnostic_figures`` would have dropped the row anyway)."""
    measured: dict[str, TranscriptTally] = {}
    try:
        with project.transaction():
            for source in sources:
                measured[source.transcript_id] = TranscriptTally.of(_diagnose(project, source, False))
            project.db.conn.executemany(
                "INSERT OR REPLACE INTO diagnostic_figures (transcript_id, version, interviewer_word_share, "
                "questions_open, questions_closed, questions_leading) VALUES (?, ?, ?, ?, ?, ?)",
                [(t.transcript_id, TALLY_VERSION, t.interviewer_word_share, t.questions_open, t.questions_closed,
                  t.questions_leading) for t in measured.values()])
    except sqlite3.OperationalError:
        # Busy or read-only: the figures are right, they are just not kept this time.
        if len(measured) < len(sources):
            measured.update({source.transcript_id: TranscriptTally.of(_diagnose(project, source, False))
                             for source in sources if source.transcript_id not in measured})
    return measured
