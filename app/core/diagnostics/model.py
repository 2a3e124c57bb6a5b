"""What the interview diagnostics report: figures with a level, flagged questions, aggregates."""

from __future__ import annotations

from dataclasses import dataclass, field

LEVELS = ("ok", "caution", "alert")
UNITS = ("fraction", "words", "count")


@dataclass(frozen=True)
class Threshold:
    """Where a figure stops being fine: ok up to ``ok_max``, caution up to ``caution_max``, alert above.

    Every figure reads "more is worse", so one rule serves them all.
    """

    ok_max: float
    caution_max: float
    unit: str  # one of UNITS

    def level(self, value: float | None) -> str | None:
        """"ok", "caution" or "alert"; None when the figure could not be measured."""
        if value is None:
            return None
        if value <= self.ok_max:
            return "ok"
        if value <= self.caution_max:
            return "caution"
        return "alert"


@dataclass(frozen=True)
class Figure:
    """One measured figure of one interview, with what it means, in the interface language."""

    name: str                 # stable id, e.g. "interviewer_word_share"
    label: str                # short title
    value: float | int | None  # None: not measurable here (no timestamps, no closed question…)
    level: str | None         # "ok", "caution", "alert"; None with a None value
    threshold: Threshold
    explanation: str          # what it means and why it matters
    detail: str = ""          # the counts behind the value ("7 closed of 20 questions")
    tip: str = ""             # what to try next time; empty when the level is ok


@dataclass(frozen=True)
class FlaggedQuestion:
    """An interviewer question the question checker flagged (closed questions are counted apart)."""

    position: int   # the turn's position in the transcript
    rule: str       # a rule of app.core.questions.RULES
    severity: str   # "caution" or "alert"
    text: str       # the whole turn
    excerpt: str    # the part of the turn the finding is about
    message: str
    suggestion: str | None = None


@dataclass(frozen=True)
class QuestionCounts:
    closed: int = 0
    open: int = 0
    leading: int = 0                           # questions with a leading finding
    other_flagged: int = 0                     # questions with another finding (loaded, jargon…)
    flagged: tuple[FlaggedQuestion, ...] = ()  # every finding but "closed", in turn order

    @property
    def asked(self) -> int:
        return self.closed + self.open


@dataclass(frozen=True)
class TranscriptTally:
    """What is added up over many transcripts (a report's safeguards): a transcript's interviewer
    share of the words and its questions. Plain numbers, in no language, so they can be kept."""

    transcript_id: str
    interviewer_word_share: float | None
    questions_open: int
    questions_closed: int
    questions_leading: int

    @classmethod
    def of(cls, diagnostics: "TranscriptDiagnostics") -> "TranscriptTally":
        questions = diagnostics.questions
        return cls(diagnostics.transcript_id, diagnostics.interviewer_word_share, questions.open,
                   questions.closed, questions.leading)


@dataclass(frozen=True)
class TranscriptDiagnostics:
    transcript_id: str
    title: str
    language: str
    include_intro: bool
    intro_turns: int                   # turns left out as the introduction (0 when counted)
    counted_turns: int
    participant_turns: int
    interviewer_words: int
    total_words: int
    interviewer_word_share: float | None
    interviewer_time_share: float | None
    longest_interviewer_turn_words: int
    longest_interviewer_turn_position: int | None
    questions: QuestionCounts
    overlaps: int                            # turns marked as overlapping the one before
    interviewer_overlaps: int | None         # the interviewer speaking over the participant;
                                             # None when the transcript marks no overlap at all
    interruptions: int
    interruption_positions: tuple[int, ...]
    third_party_answers: int
    third_party_positions: tuple[int, ...]   # the questions a third party answered
    closed_answered: int                     # closed questions the participant answered at once
    bare_yes_answers: int
    bare_yes_share: float | None
    figures: tuple[Figure, ...] = ()

    def figure(self, name: str) -> Figure:
        for figure in self.figures:
            if figure.name == name:
                return figure
        raise KeyError(name)


@dataclass(frozen=True)
class InterviewFigures:
    """One interview of an interviewer, for the feedback table."""

    transcript_id: str
    title: str
    participant_code: str
    started_at: str | None
    diagnostics: TranscriptDiagnostics


@dataclass(frozen=True)
class FigureSummary:
    """One figure across an interviewer's interviews: mean, lowest and highest."""

    name: str
    label: str
    threshold: Threshold
    explanation: str
    mean: float | None
    minimum: float | None
    maximum: float | None
    level: str | None   # the level of the mean
    measured: int       # interviews where the figure could be measured


@dataclass(frozen=True)
class InterviewerFeedback:
    """An interviewer's figures over their own interviews, in date order: for training, not ranking."""

    interviewer_id: str
    interviewer_name: str
    interviews: tuple[InterviewFigures, ...] = ()
    summaries: tuple[FigureSummary, ...] = field(default=())

    def summary(self, name: str) -> FigureSummary:
        for summary in self.summaries:
            if summary.name == name:
                return summary
        raise KeyError(name)


@dataclass(frozen=True)
class TranscriptSource:
    """A transcript with the interview it records, as the diagnostics service looks it up."""

    transcript_id: str
    title: str
    language: str
    participant_code: str
    withdrawn: bool
    interviewer_id: str | None
    interviewer_name: str
    started_at: str | None
