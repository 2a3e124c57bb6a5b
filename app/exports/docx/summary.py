"""A summary for stakeholders: the question, who took part, what was found, what to keep in mind.

Meant to be sent beyond the evaluation team (funders, a board, the people interviewed), so it
holds no participant at all: counts and shares only, no quotes, no participant codes. Two to
four pages: a reader who wants more reads the impact report.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document

from app.core.indicators import IndicatorResult, small_n_warning
from app.core.numbers import format_number
from app.core.report import ReportData, ThemeSection
from app.core.study import LEVELS
from app.exports.charts.chart import Chart
from app.exports.charts.wording import level_name, participants_text
from app.exports.docx.document import new_document
from app.exports.docx.report_words import counted, long_date, percent, target, value
from app.exports.docx.writer import Writer
from app.i18n import _, ngettext

DPI = 200
CM_PER_INCH = 2.54
DASH = "—"
# The one chart a short summary keeps: the indicators against their targets. The sample, the
# themes (a table below says them), the questionnaire and the waves are the report's to show.
SUMMARY_CHARTS = ("indicators",)


def write_summary(data: ReportData, charts: Sequence[Chart], template: Path | str | None = None) -> Document:
    """The participant-free summary, in ``data.language`` (call inside ``translated(data.language)``)."""
    language = data.language
    study = data.study
    title = _("Summary for stakeholders")
    # The footer repeats the short title on every page; the file's properties carry the study too.
    document = new_document(language, template, title=title, organisation=study.organisation)
    document.core_properties.title = f"{title} – {study.title}"
    writer = Writer(document, language)
    cover = [line for line in (study.organisation, _("Scope: {scope}").format(scope=data.scope),
                               long_date(data.generated_on, language)) if line]
    writer.title_page(study.title, title, cover)
    writer.heading(_("The evaluative question"), 2)
    writer.paragraph(study.evaluative_question.strip() or _("No evaluative question has been written yet."))
    _scope(writer, data)
    writer.heading(_("Key results"), 1)
    _indicators(writer, data)
    for chart in charts:
        if chart.key in SUMMARY_CHARTS:
            _chart(writer, document, chart)
    _themes(writer, data)
    writer.heading(_("Limits of the study"), 2)
    if data.limits:
        writer.bullets(data.limits)
    else:
        writer.paragraph(_("No limit has been recorded."))
    return writer.finish()


def _scope(writer: Writer, data: ReportData) -> None:
    language, sample = data.language, data.sample
    writer.heading(_("Scope"), 2)
    writer.label_value(_("Waves"), ", ".join(wave.label for wave in data.waves) or DASH)
    writer.label_value(_("Territories"), ", ".join(territory.name for territory in data.territories) or DASH)
    writer.label_value(_("Who took part"), _("{participants}, {interviews} completed").format(
        participants=participants_text(sample.participants, language),
        interviews=counted(ngettext("{n} interview", "{n} interviews", sample.interviews), sample.interviews,
                           language)))
    if sample.questionnaire_respondents:
        writer.label_value(_("Questionnaire"), counted(ngettext(
            "{n} person answered the short questionnaire", "{n} people answered the short questionnaire",
            sample.questionnaire_respondents), sample.questionnaire_respondents, language))
    if sample.withdrawn:
        writer.note(counted(ngettext("{n} person withdrew from the study; nothing they said is used.",
                                     "{n} people withdrew from the study; nothing they said is used.",
                                     sample.withdrawn), sample.withdrawn, language))


def _indicators(writer: Writer, data: ReportData) -> None:
    writer.heading(_("Indicators"), 2)
    if not data.indicators:
        writer.paragraph(_("No indicator has been defined for this study."))
        return
    for level in LEVELS:
        results = [result for result in data.indicators if result.level == level]
        if not results:
            continue
        writer.heading(level_name(level), 3)
        writer.table([_("Indicator"), _("Value"), _("Target"), _("Target reached"), "n"],
                     [_indicator_row(result, data.language) for result in results],
                     widths_cm=[5.8, 3.3, 3.5, 2.2, 1.2], numeric=(1, 2, 4))
        remarks = [remark for result in results for remark in _remarks(result, data.small_n_threshold)]
        for remark in remarks:
            writer.note(remark)


def _indicator_row(result: IndicatorResult, language: str) -> list[str]:
    reached = {True: _("Yes"), False: _("No"), None: DASH}[result.target_met]
    n = format_number(result.n, 0, language) if result.n is not None else DASH
    return [result.label, value(result, language), target(result, language), reached, n]


def _remarks(result: IndicatorResult, threshold: int) -> list[str]:
    """What a reader must know to read the row: too few people behind it, or why there is no value."""
    remarks = []
    if result.small_n and result.n is not None:
        remarks.append(_("{indicator}: {warning}").format(indicator=result.label,
                                                          warning=small_n_warning(result.n, threshold)))
    if result.value is None and result.reason:
        remarks.append(_("{indicator}: {warning}").format(indicator=result.label, warning=result.reason))
    return remarks


def _chart(writer: Writer, document: Document, chart: Chart) -> None:
    section = document.sections[-1]
    text_width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    figure = chart.figure
    shown = tuple(figure.get_size_inches())
    if chart.size_inches:
        figure.set_size_inches(*chart.size_inches, forward=False)
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    finally:
        if chart.size_inches:
            figure.set_size_inches(*shown, forward=False)
    width_cm = min((chart.size_inches or shown)[0] * CM_PER_INCH, text_width_cm)
    writer.picture(buffer.getvalue(), width_cm, chart.alt_text, chart.caption, title=chart.title)


def _themes(writer: Writer, data: ReportData) -> None:
    writer.heading(_("Main themes"), 2)
    if not data.themes:
        writer.paragraph(_("Nothing has been coded yet."))
        return
    language = data.language
    total = max((theme.carriers.total for theme in data.themes), default=0)
    writer.paragraph(_("How many of the {participants} whose interview has been coded raised each theme.").format(
        participants=participants_text(total, language)))
    ordered = sorted(data.themes, key=lambda theme: -theme.carriers.count)
    writer.table([_("Theme"), _("What it covers"), _("People"), _("Share")],
                 [_theme_row(theme, language) for theme in ordered],
                 widths_cm=[4.2, 7.4, 2.9, 1.9], numeric=(2, 3))
    if 0 < total < data.small_n_threshold:
        writer.note(_("Fewer than {threshold} people: these shares say what was heard, not how widespread it is.")
                    .format(threshold=data.small_n_threshold))


def _theme_row(theme: ThemeSection, language: str) -> list[str]:
    carriers = theme.carriers
    count = _("{count} of {total}").format(count=format_number(carriers.count, 0, language),
                                           total=format_number(carriers.total, 0, language))
    return [theme.name, _first_sentence(theme.definition), count, percent(carriers.share, language)]


def _first_sentence(text: str) -> str:
    """A definition's first sentence: enough for a stakeholder, and keeps the table short."""
    text = " ".join(text.split())
    for end in (". ", "? ", "! "):
        if end in text:
            return text[:text.index(end) + 1]
    return text or DASH
