"""The interviewer's guide on paper: what to ask, in order, with probes and reminders at hand.

An interviewer reads it in the middle of a conversation, so it is laid out for a glance: one
numbered question per block, its intent, time and sensitivity on a line of its own, the reminder
set apart, the probes as a short list. No tables: a table row split over two pages is hard to
follow while listening to someone.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.shared import Pt

from app.core.guide import GuideOutline, QuestionOutline
from app.core.numbers import format_number
from app.core.study import Study
from app.exports.docx.document import new_document
from app.exports.docx.report_words import long_date
from app.exports.docx.writer import Writer
from app.i18n import N_, _, ngettext

INTENT_LABELS = {"main": N_("Main question"), "probe": N_("Follow-up question"), "closing": N_("Closing question")}


def minutes_text(minutes: float) -> str:
    return _("{minutes} min").format(minutes=format_number(round(minutes, 1), 1))


def write_guide(outline: GuideOutline, study: Study, language: str, template: Path | str | None = None) -> Document:
    """A printable interviewer's guide, in ``language`` (call inside ``translated(language)``)."""
    guide = outline.guide
    document = new_document(language, template, title=guide.title, organisation=study.organisation)
    writer = Writer(document, language)
    writer.title_page(guide.title, study.title, _cover_lines(outline, language))
    writer.heading(_("Before you start"), 2)
    writer.bullets([
        _("Record consent before anything else, including consent to the recording, then start recording."),
        _("Ask open questions, one at a time, and let the person answer in their own words."),
        _("Let silences be: a pause often comes before the most useful answer."),
        _("Do not suggest an answer or show agreement or disagreement; probe with neutral words."),
        _("Questions marked sensitive may be left unanswered: say so, and do not insist."),
    ])
    writer.heading(_("Course of the interview"), 1)
    number = 0
    for section_outline in outline.sections:
        section = section_outline.section
        writer.heading(section.title, 2)
        if section.notes.strip():
            writer.note(section.notes.strip())
        for item in section_outline.questions:
            number += 1
            _question(writer, number, item)
    if number == 0:
        writer.paragraph(_("This guide has no questions yet."))
    return writer.finish()


def _cover_lines(outline: GuideOutline, language: str) -> list[str]:
    guide = outline.guide
    lines = [_("Version {version}").format(version=guide.version)]
    if guide.frozen_at:
        lines.append(_("Frozen on {date}").format(date=long_date(guide.frozen_at, language)))
    else:
        lines.append(_("Draft: not yet frozen"))
    questions = outline.questions()
    timed = [item.question.estimated_minutes for item in questions if item.question.estimated_minutes]
    if timed:
        line = _("Estimated duration: about {duration}").format(duration=minutes_text(sum(timed)))
        untimed = len(questions) - len(timed)
        if untimed:
            line += " " + ngettext("({n} question without an estimate)", "({n} questions without an estimate)",
                                   untimed).format(n=untimed)
        lines.append(line)
    lines.append(ngettext("{n} question", "{n} questions", len(questions)).format(n=len(questions)))
    return lines


def _question(writer: Writer, number: int, item: QuestionOutline) -> None:
    question = item.question
    paragraph = writer.paragraph()
    # Room above each question, so that the eye finds the next one mid-interview.
    paragraph.paragraph_format.space_before = Pt(14)
    paragraph.paragraph_format.keep_with_next = True
    strong = paragraph.add_run(f"{number}.\u00a0")
    strong.bold = True
    text = paragraph.add_run(writer.text(question.text.strip()))
    text.bold = True
    details = [_(INTENT_LABELS.get(question.intent, INTENT_LABELS["main"]))]
    if question.estimated_minutes:
        details.append(_("about {duration}").format(duration=minutes_text(question.estimated_minutes)))
    line = writer.note(" · ".join(details))
    line.paragraph_format.keep_with_next = bool(question.is_sensitive or question.reminder or item.probes)
    if question.is_sensitive:
        mark = writer.paragraph()
        mark.paragraph_format.keep_with_next = bool(question.reminder or item.probes)
        warning = mark.add_run(writer.text(_("⚠ SENSITIVE QUESTION — the person may choose not to answer.")))
        warning.bold = True
    if question.reminder.strip():
        writer.label_value(_("Reminder"), question.reminder.strip()).paragraph_format.keep_with_next = bool(
            item.probes)
    if item.probes:
        writer.label_value(_("Probes"), "").paragraph_format.keep_with_next = True
        writer.bullets([probe.text for probe in item.probes])
