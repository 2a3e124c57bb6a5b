"""The report's middle chapters: bias safeguards, indicators by level, and one section per theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.numbers import format_number
from app.core.report import ReportData, Share, ThemeSection
from app.core.study import LEVELS
from app.exports.charts.wording import level_name
from app.exports.docx import report_words as words
from app.exports.docx.writer import Writer
from app.i18n import _, ngettext

if TYPE_CHECKING:
    from app.exports.docx.report import Charts


def _of(count: int, total: int, language: str) -> str:
    """« 9 / 10 (90 %) »."""
    return words.count_of(Share("", count, total), language)


def safeguards_chapter(writer: Writer, data: ReportData) -> None:
    language, guard = data.language, data.safeguards
    writer.heading(_("Bias safeguards"), 1)
    writer.paragraph(_("What was done against the usual biases of interviews, as the project's data show it."))
    rows = [[_("Reflexive field note after each interview"), _of(guard.with_field_note, guard.interviews, language)]]
    if guard.talk_share_measured:
        rows.append([_("Interviewer's share of the words (reference: at most {ceiling})").format(
            ceiling=words.percent(guard.talk_share_ceiling, language)),
            ngettext("{mean} on average, from {low} to {high} ({n} transcript)",
                     "{mean} on average, from {low} to {high} ({n} transcripts)", guard.talk_share_measured).format(
                mean=words.percent(guard.talk_share_mean, language), low=words.percent(guard.talk_share_min, language),
                high=words.percent(guard.talk_share_max, language),
                n=format_number(guard.talk_share_measured, 0, language))])
    else:
        rows.append([_("Interviewer's share of the words"), _("not measured: no transcript")])
    rows.append([_("Leading questions asked in the interviews"), _of(guard.leading_asked, guard.questions_asked, language)])
    if guard.guide_version is not None:
        rows.append([_("Interview guide checked (version {version})").format(version=guard.guide_version),
                     _guide_check(guard, language)])
    agreement = guard.agreement
    rows.append([_("Double coding"), ngettext(
        "{n} transcript coded by two coders; overall kappa {kappa}",
        "{n} transcripts coded by two coders; overall kappa {kappa}", agreement.transcripts).format(
        n=format_number(agreement.transcripts, 0, language), kappa=words.kappa(agreement.overall_kappa, language))
        if agreement else _("none")])
    rows.append([_("Pseudonymised transcripts"), _of(guard.pseudonymised_transcripts, data.sample.transcripts, language)])
    rows.append([_("Participants who agreed to be quoted"), format_number(guard.quote_consents, 0, language)])
    writer.table([_("Safeguard"), _("Applied")], rows, widths_cm=[7.5, 8.5], caption=_("Bias safeguards applied"))
    if agreement:
        writer.heading(_("Agreement between coders, theme by theme"), 2)
        writer.paragraph(_("Coders {a} and {b} coded the same {n} transcripts without seeing each other's work. "
                           "Cohen's kappa corrects their agreement for chance: from 0.61 it is usually read as "
                           "substantial.").format(a=agreement.coder_a, b=agreement.coder_b,
                                                  n=format_number(agreement.transcripts, 0, language)))
        writer.table([_("Theme"), _("Kappa"), _("Reading"), _("Agreement")],
                     [[theme.theme, words.kappa(theme.kappa, language), words.kappa_reading(theme.kappa),
                       words.percent(theme.percent_agreement / 100 if theme.percent_agreement is not None else None,
                                     language)] for theme in agreement.themes],
                     widths_cm=[8, 2.2, 3.4, 2.4], numeric=(1, 3), caption=_("Coder agreement per theme"))



def _guide_check(guard, language: str) -> str:
    """« 15 questions ; 2 encore signalées, 1 remarque écartée avec une raison, 0 corrigée… »:
    each count agrees with its own noun."""
    questions, flagged, aside, fixed = (guard.guide_questions, guard.guide_flagged, guard.guide_set_aside,
                                        guard.guide_fixed)
    return _("{questions}; {flagged}, {aside}, {fixed}").format(
        questions=words.counted(ngettext("{n} question", "{n} questions", questions), questions, language),
        flagged=words.counted(ngettext("{n} still flagged", "{n} still flagged", flagged), flagged, language),
        aside=words.counted(ngettext("{n} finding set aside with a reason", "{n} findings set aside with a reason",
                                     aside), aside, language),
        fixed=words.counted(ngettext("{n} fixed since the previous version", "{n} fixed since the previous version",
                                     fixed), fixed, language))


def indicators_chapter(writer: Writer, data: ReportData, charts: Charts) -> None:
    language = data.language
    writer.heading(_("Indicators"), 1)
    writer.paragraph(_("Each indicator with its value ({scope}), its target and the number of people behind it (n). "
                       "A value resting on fewer than {threshold} people is flagged as a small sample.").format(
        scope=data.scope, threshold=data.small_n_threshold))
    charts.place(writer, "indicators")
    for level in LEVELS:
        results = [result for result in data.indicators if result.level == level]
        if not results:
            continue
        writer.heading(level_name(level), 2)
        writer.table([_("Code"), _("Indicator"), _("Value"), _("Target"), "n", _("Status")],
                     [[result.code, result.label, words.value(result, language), words.target(result, language),
                       format_number(result.n, 0, language) if result.n is not None else "—", words.status(result)]
                      for result in results],
                     widths_cm=[1.4, 5.2, 3.2, 3.2, 1.0, 2.4], numeric=(2, 3, 4),
                     caption=_("{level}: values against targets").format(level=level_name(level)))
        remarks = [f"{result.code} — {result.warning or result.reason}" for result in results
                   if result.warning or (result.value is None and result.reason)]
        for remark in remarks:
            writer.note(remark)
    charts.place(writer, "survey-items")
    charts.place(writer, "waves")


def themes_chapter(writer: Writer, data: ReportData, charts: Charts) -> None:
    writer.heading(_("Themes"), 1)
    writer.paragraph(_("The main themes of the codebook, each with how many participants raised it and what some of "
                       "them said. Shares count the participants whose coded transcripts carry the theme or one of "
                       "its sub-themes."))
    charts.place(writer, "themes-profile")
    charts.place(writer, "themes-territory")
    for theme in data.themes:
        _theme_section(writer, theme, data.language)


def _theme_section(writer: Writer, theme: ThemeSection, language: str) -> None:
    writer.heading(theme.name, 2)
    if theme.definition.strip():
        writer.label_value(_("Definition"), theme.definition.strip())
    if theme.sub_themes:
        writer.label_value(_("Sub-themes"), ", ".join(theme.sub_themes))
    if theme.carriers.total:
        writer.paragraph(ngettext(
            "Raised by {count} of the {total} participants with a coded transcript ({share}), in {segments} coded "
            "passage.",
            "Raised by {count} of the {total} participants with a coded transcript ({share}), in {segments} coded "
            "passages.", theme.segments).format(
            count=format_number(theme.carriers.count, 0, language), total=format_number(theme.carriers.total, 0, language),
            share=words.percent(theme.carriers.share, language), segments=format_number(theme.segments, 0, language)))
        groups = [(_("Profile"), share) for share in theme.by_profile if share.total] + \
                 [(_("Territory"), share) for share in theme.by_territory if share.total]
        if groups:
            writer.table([_("Group"), "", _("Participants")],
                         [[kind, share.label, words.count_of(share, language)] for kind, share in groups],
                         widths_cm=[3, 8, 5], numeric=(2,),
                         caption=_("“{theme}” by profile and territory").format(theme=theme.name))
    else:
        writer.note(_("No transcript in this scope is coded yet."))
    writer.heading(_("In their words"), 3)
    if theme.quotes:
        for quote in theme.quotes:
            details = ", ".join(part for part in (quote.participant_code, quote.profile, quote.territory, quote.wave)
                                if part)
            writer.quote(quote.text, f"{details} · {quote.theme}")
    else:
        writer.note(_("No passage of this theme is marked quotable by a participant who agreed to be quoted."))
