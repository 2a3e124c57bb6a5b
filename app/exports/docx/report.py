"""The impact report: a Word document a report writer finishes rather than starts.

Chapters, in the order a funder reads them: the evaluative question and the method, the sample
against the quotas, the bias safeguards actually applied, the indicators by level, one section per
main theme with its quotes, the limits, then the codebook and the interview guide as appendices.
Everything is built on named styles (see ``document.py``), figures and tables are numbered and
captioned, every chart has its alternative text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document

from app.core.numbers import format_number
from app.core.report import ReportData
from app.exports.charts import Chart
from app.exports.docx import report_words as words
from app.exports.docx.appendices import codebook_appendix, guide_appendix
from app.exports.docx.document import new_document
from app.exports.docx.report_sections import indicators_chapter, safeguards_chapter, themes_chapter
from app.exports.docx.writer import Writer
from app.i18n import _, ngettext

CHART_WIDTH_CM = 16
CHART_HEIGHT_CM = 22  # what a page holds under a heading and above the caption
CHART_DPI = 200
# A chart of hundreds of themes is tall: past this many pixels its resolution goes down rather
# than its drawing time and memory going up (200 dpi on a page-wide chart is 4 million pixels).
MAX_PIXELS = 4_500_000
# The theme charts of a report show this many themes at most, the most carried: more rows than a
# page holds would be shrunk past reading (every theme's count is in the codebook appendix).
MAX_CHART_THEMES = 25


def chart_png(chart: Chart, dpi: int = CHART_DPI) -> bytes:
    """The chart drawn at the size it was laid out for, as PNG."""
    if chart.size_inches:
        chart.figure.set_size_inches(*chart.size_inches)
    width, height = chart.figure.get_size_inches()
    dpi = min(dpi, int((MAX_PIXELS / (width * height)) ** 0.5))
    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def chart_width_cm(chart: Chart) -> float:
    """The page's width, or less for a chart so tall that it would run off the page."""
    width, height = chart.figure.get_size_inches()
    return min(CHART_WIDTH_CM, CHART_HEIGHT_CM * width / height) if height else CHART_WIDTH_CM


class Charts:
    """The report's charts by key, each placed once, where its chapter talks about it."""

    def __init__(self, charts: Sequence[Chart]):
        self._charts = list(charts)
        self._placed: set[int] = set()

    def place(self, writer: Writer, key: str) -> None:
        for index, chart in enumerate(self._charts):
            if chart.key == key and index not in self._placed:
                self._placed.add(index)
                writer.picture(chart_png(chart), chart_width_cm(chart), chart.alt_text, chart.caption, chart.title)

    def place_rest(self, writer: Writer) -> None:
        rest = [index for index in range(len(self._charts)) if index not in self._placed]
        if rest:
            writer.heading(_("Other charts"), 2)
            for index in rest:
                self._placed.add(index)
                chart = self._charts[index]
                writer.picture(chart_png(chart), chart_width_cm(chart), chart.alt_text, chart.caption, chart.title)


def write_report(data: ReportData, charts: Sequence[Chart] = (), template: Path | str | None = None) -> Document:
    """The whole report, in ``data.language`` (translated strings follow the thread's language)."""
    study = data.study
    document = new_document(data.language, template, study.title, study.organisation)
    writer = Writer(document, data.language)
    placed = Charts(charts)
    _title_page(writer, data)
    writer.toc()
    _method_chapter(writer, data)
    _sample_chapter(writer, data, placed)
    safeguards_chapter(writer, data)
    indicators_chapter(writer, data, placed)
    themes_chapter(writer, data, placed)
    placed.place_rest(writer)
    writer.heading(_("Limits of the study"), 1)
    writer.bullets(data.limits)
    codebook_appendix(writer, data.codebook, _("Appendix A — Codebook"))
    guide_appendix(writer, data.guide, _("Appendix B — Interview guide"))
    return writer.finish()


def _title_page(writer: Writer, data: ReportData) -> None:
    language = data.language
    lines = [line for line in (
        data.study.organisation,
        _("Scope: {scope}").format(scope=data.scope),
        _("Written on {date}").format(date=words.long_date(data.generated_on, language)),
    ) if line]
    writer.title_page(data.study.title, _("Social impact evaluation report"), lines)
    writer.note(_("Participants are named by a code only. Quotes come from participants who agreed to be quoted "
                  "and are pseudonymised; participants who withdrew are left out."))


def _method_chapter(writer: Writer, data: ReportData) -> None:
    language, study = data.language, data.study
    writer.heading(_("Evaluative question and method"), 1)
    if study.evaluative_question.strip():
        writer.label_value(_("Evaluative question"), study.evaluative_question.strip())
    else:
        writer.note(_("The study has no evaluative question yet (Study area)."))
    if study.description.strip():
        writer.paragraph(study.description.strip())
    writer.heading(_("Approach"), 2)
    guide = data.guide
    if guide is not None:
        questions = len(guide.questions())
        writer.paragraph(_(
            "Semi-structured qualitative interviews, led with an interview guide of {questions} questions in "
            "{sections} parts (version {version}), checked beforehand for leading, double and closed questions. "
            "A short questionnaire completes them ({respondents}). Transcripts were coded into themes with a "
            "shared codebook; indicators are set at three levels: outputs, outcomes and impact.").format(
            questions=format_number(questions, 0, language), sections=format_number(len(guide.sections), 0, language),
            version=guide.guide.version, respondents=_respondents(data)))
    else:
        writer.paragraph(_("Qualitative interviews and a short questionnaire ({respondents}); transcripts coded into "
                           "themes; indicators at three levels: outputs, outcomes and impact.").format(
            respondents=_respondents(data)))
    if data.waves:
        writer.heading(_("Waves"), 2)
        writer.table([_("Wave"), _("From"), _("To")],
                      [[wave.label, words.long_date(wave.starts_on, language) or "—",
                        words.long_date(wave.ends_on, language) or "—"] for wave in data.waves],
                      widths_cm=[6, 5, 5], caption=_("Waves of the study"))
    if data.territories:
        writer.heading(_("Territories"), 2)
        writer.bullets([f"{t.name} — {t.description}" if t.description.strip() else t.name for t in data.territories])
    if data.stakeholders:
        writer.heading(_("Stakeholders"), 2)
        writer.table([_("Group"), _("Takes part")],
                      [[group.name, ", ".join(_(words.PARTICIPATION.get(role, role)) for role in group.participation)
                        or "—"] for group in data.stakeholders],
                      widths_cm=[7, 9], caption=_("Stakeholder groups and how they take part"))
    if guide is not None:
        writer.heading(_("The interview guide"), 2)
        writer.bullets([_("{title} ({n} questions)").format(title=section.section.title, n=len(section.questions))
                        for section in guide.sections])
        writer.note(_("The whole guide, with its probes, is in appendix B."))


def _respondents(data: ReportData) -> str:
    respondents = data.sample.questionnaire_respondents
    return words.counted(ngettext("{n} respondent", "{n} respondents", respondents), respondents, data.language)


def _sample_chapter(writer: Writer, data: ReportData, charts: Charts) -> None:
    language, sample = data.language, data.sample
    writer.heading(_("Sample"), 1)
    # Each number agrees with its own words.
    participants, interviews = sample.participants, sample.interviews
    transcripts, coded = sample.transcripts, sample.coded_transcripts
    writer.paragraph(_("{participants} ({scope}): {interviews}, {transcripts}, of which {coded}.").format(
        participants=words.counted(ngettext("{n} participant took part", "{n} participants took part",
                                            participants), participants, language),
        scope=data.scope,
        interviews=words.counted(ngettext("{n} completed interview", "{n} completed interviews", interviews),
                                 interviews, language),
        transcripts=words.counted(ngettext("{n} transcript", "{n} transcripts", transcripts), transcripts, language),
        coded=words.counted(ngettext("{n} coded", "{n} coded", coded), coded, language)))
    if sample.withdrawn:
        writer.note(words.counted(ngettext("{n} withdrawn participant is left out of every figure of this report.",
                                           "{n} withdrawn participants are left out of every figure of this report.",
                                           sample.withdrawn), sample.withdrawn, language))
    if sample.by_territory:
        writer.table([_("Territory"), _("Participants"), _("Share")],
                     [[share.label, format_number(share.count, 0, language), words.percent(share.share, language)]
                      for share in sample.by_territory],
                     widths_cm=[9, 4, 3], numeric=(1, 2), caption=_("Participants by territory"))
    if sample.by_profile:
        writer.table([_("Profile"), _("Participants"), _("Share")],
                     [[share.label, format_number(share.count, 0, language), words.percent(share.share, language)]
                      for share in sample.by_profile],
                     widths_cm=[9, 4, 3], numeric=(1, 2), caption=_("Participants by profile"))
    writer.heading(_("Sample against the quotas"), 2)
    if sample.quotas:
        rows = [[row.territory, row.profile, format_number(row.target, 0, language),
                 format_number(row.achieved, 0, language), _("met") if row.achieved >= row.target else
                 _("{n} missing").format(n=format_number(row.target - row.achieved, 0, language))]
                for row in sample.quotas]
        writer.table([_("Territory"), _("Profile"), _("Target"), _("Met"), _("Status")], rows,
                     widths_cm=[3.6, 5.4, 2, 2, 3.4], numeric=(2, 3), caption=_("Participants met against the quotas"))
        charts.place(writer, "sample-quotas")
    else:
        writer.note(_("No quota was set for this study."))
