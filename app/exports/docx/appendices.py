"""The report's appendices: the codebook and the interview guide, as the analysts used them."""

from __future__ import annotations

from app.core.guide import GuideOutline
from app.core.numbers import format_number
from app.core.report import CodebookEntry
from app.exports.docx.writer import Writer
from app.i18n import N_, _, ngettext

INTENTS = {"main": N_("Main question"), "probe": N_("Follow-up"), "closing": N_("Closing")}


def codebook_appendix(writer: Writer, entries: list[CodebookEntry], title: str) -> None:
    writer.heading(title, 1)
    if not entries:
        writer.note(_("The codebook is empty."))
        return
    for entry in entries:
        code = entry.code
        writer.heading(code.name, 2 if entry.depth == 0 else 3)
        if code.definition.strip():
            writer.label_value(_("Definition"), code.definition.strip())
        if code.include_rule.strip():
            writer.label_value(_("Include"), code.include_rule.strip())
        if code.exclude_rule.strip():
            writer.label_value(_("Exclude"), code.exclude_rule.strip())
        if code.example.strip():
            writer.label_value(_("Example"), code.example.strip())
        writer.note(ngettext("{n} coded passage", "{n} coded passages", entry.segments).format(
            n=format_number(entry.segments, 0, writer.language)))


def guide_appendix(writer: Writer, outline: GuideOutline | None, title: str) -> None:
    writer.heading(title, 1)
    if outline is None:
        writer.note(_("The project has no interview guide."))
        return
    number = 0
    for section in outline.sections:
        writer.heading(section.section.title, 2)
        if section.section.notes.strip():
            writer.note(section.section.notes.strip())
        for item in section.questions:
            number += 1
            question = item.question
            writer.label_value(f"{number}. {_(INTENTS.get(question.intent, question.intent))}", question.text)
            if question.reminder.strip():
                writer.note(question.reminder.strip())
            if item.probes:
                writer.bullets([probe.text for probe in item.probes])
