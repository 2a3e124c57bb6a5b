"""Tables of the diagnostics: the moments of an interview to reread, an interviewer's figures
summed up, and their interviews one by one."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from app.core.diagnostics import FigureSummary, InterviewFigures, TranscriptDiagnostics
from app.core.questions import rule_label
from app.i18n import N_, _
from app.ui.diagnostics.style import figure_tooltip, figure_value, level_badge, level_style, tint
from app.ui.formatting import format_date
from app.ui.models.base import RIGHT, Column, RowsModel

EXCERPT_LIMIT = 140
QUOTED_WORDS_LIMIT = 40  # the words a finding is about are quoted beside the rule when this short


def shortened(text: str, limit: int = EXCERPT_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Moment:
    """A turn worth rereading: a flagged question, an answer cut off, an answer by someone else."""

    position: int
    what: str
    passage: str
    advice: str
    tooltip: str = ""


def moments_of(diagnostics: TranscriptDiagnostics, turn_texts: dict[int, str]) -> list[Moment]:
    moments = []
    for flag in diagnostics.questions.flagged:
        advice = _("Try: {suggestion}").format(suggestion=flag.suggestion) if flag.suggestion else flag.message
        what = rule_label(flag.rule)
        words = " ".join(flag.excerpt.split())
        if words and len(words) <= QUOTED_WORDS_LIMIT and words != " ".join(flag.text.split()):
            what = _("{rule}: “{words}”").format(rule=what, words=words)
        moments.append(Moment(flag.position, what, shortened(flag.text), advice, f"{flag.message}\n\n{flag.text}"))
    for position in diagnostics.interruption_positions:
        moments.append(Moment(position, _("Answer cut off"), shortened(turn_texts.get(position, "")),
                              _("Let the person finish, then echo their last words."),
                              turn_texts.get(position - 1, "")))
    for position in diagnostics.third_party_positions:
        moments.append(Moment(position, _("Answered by someone else"), shortened(turn_texts.get(position, "")),
                              _("Turn back to the person and ask them again."), turn_texts.get(position, "")))
    return sorted(moments, key=lambda m: m.position)


class MomentModel(RowsModel):
    columns = (
        Column(N_("Turn"), lambda m: str(m.position + 1), sort=lambda m: m.position, align=RIGHT),
        Column(N_("What"), lambda m: m.what, tooltip=lambda m: m.tooltip or None),
        Column(N_("Passage"), lambda m: m.passage, tooltip=lambda m: m.tooltip or None),
        Column(N_("Next time"), lambda m: m.advice, tooltip=lambda m: m.advice),
    )


def _summary_value(summary: FigureSummary, value: float | None) -> str:
    return figure_value(value, summary.threshold.unit)


class SummaryModel(RowsModel):
    """One row per figure: its mean over the interviewer's interviews, lowest and highest."""

    columns = (
        Column(N_("Figure"), lambda s: s.label, tooltip=lambda s: s.explanation),
        Column(N_("Mean"), lambda s: _summary_value(s, s.mean), sort=lambda s: s.mean or 0.0, align=RIGHT),
        Column(N_("Lowest"), lambda s: _summary_value(s, s.minimum), sort=lambda s: s.minimum or 0.0, align=RIGHT),
        Column(N_("Highest"), lambda s: _summary_value(s, s.maximum), sort=lambda s: s.maximum or 0.0, align=RIGHT),
        Column(N_("On average"), lambda s: level_badge(s.level)),
    )
    LEVEL_COLUMN = 4

    def background(self, row: FigureSummary, column: int) -> QColor | None:
        return tint(row.level) if column == self.LEVEL_COLUMN else None


# The figures shown per interview, with short headers (the summary above lists them all).
INTERVIEW_FIGURES = (
    ("interviewer_word_share", N_("Interviewer talk")),
    ("closed_question_share", N_("Closed")),
    ("leading_questions", N_("Leading")),
    ("interruption_share", N_("Cut off")),
    ("third_party_answers", N_("By someone else")),
    ("bare_yes_share", N_("Bare “yes”")),
)


def _figure_column(name: str, header: str) -> Column:
    def text(interview: InterviewFigures) -> str:
        figure = interview.diagnostics.figure(name)
        if figure.value is None:
            return "—"
        return f"{level_style(figure.level).symbol} {figure_value(figure.value, figure.threshold.unit)}"

    def sort(interview: InterviewFigures):
        value = interview.diagnostics.figure(name).value
        return -1.0 if value is None else float(value)

    return Column(header, text, sort=sort, align=RIGHT,
                  tooltip=lambda i: figure_tooltip(i.diagnostics.figure(name)))


class InterviewFiguresModel(RowsModel):
    """The interviewer's interviews, oldest first, with the main figures and their levels."""

    columns = (
        Column(N_("Date"), lambda i: format_date(i.started_at) or "—", sort=lambda i: i.started_at or ""),
        Column(N_("Participant"), lambda i: i.participant_code or "—", tooltip=lambda i: i.title),
        *(_figure_column(name, header) for name, header in INTERVIEW_FIGURES),
    )
    FIRST_FIGURE_COLUMN = 2

    def background(self, row: InterviewFigures, column: int) -> QColor | None:
        if column < self.FIRST_FIGURE_COLUMN:
            return None
        name = INTERVIEW_FIGURES[column - self.FIRST_FIGURE_COLUMN][0]
        return tint(row.diagnostics.figure(name).level)
