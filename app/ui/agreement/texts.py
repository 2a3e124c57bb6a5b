"""The sentences of the agreement screen: what is counted, what blind mode leaves out, what the
reconciling buttons will do. Kept apart from the widgets so that they read as a whole."""

from __future__ import annotations

from html import escape

from app.i18n import _, ngettext
from app.services.agreement_view import Comparison
from app.ui.agreement.models import KAPPA_BANDS, DisagreementRow, decimal
from app.ui.formatting import format_number


def what_is_counted() -> str:
    return _("Units are characters: those covered by at least one coding of either coder, whatever the code, in "
             "the transcripts both coded. Text nobody coded is not counted, so it cannot inflate agreement.")


def summary(comparison: Comparison) -> str:
    report = comparison.report
    parts = [
        ngettext("{n} transcript compared", "{n} transcripts compared", report.transcripts)
        .format(n=format_number(report.transcripts)),
        ngettext("{n} character", "{n} characters", report.units).format(n=format_number(report.units)),
    ]
    if report.mean_kappa is not None:
        parts.append(_("mean kappa of the codes {kappa}").format(kappa=decimal(report.mean_kappa)))
    return " · ".join(parts)


def blind_statement(comparison: Comparison) -> str:
    if not comparison.blind:
        return _("Blind coding is off: each coder sees the other's codings while coding.")
    text = _("Blind coding is on: a coder sees the other's codings on a transcript only once both are done with "
             "it, and only those transcripts are compared here.")
    if comparison.left_out:
        text += " " + ngettext("{n} transcript is left out until both coders are done.",
                               "{n} transcripts are left out until both coders are done.",
                               comparison.left_out).format(n=format_number(comparison.left_out))
    return text


def empty_reason(comparison: Comparison) -> str:
    """Why there is nothing to compare yet, and what to do; "" when there is something."""
    if comparison.report.units:
        return ""
    a, b = comparison.report.coder_a, comparison.report.coder_b
    if comparison.blind and comparison.shared:
        return _("Nothing to compare yet: blind coding is on and {a} and {b} are not both done with any "
                 "transcript. Agreement appears here as soon as both mark the same transcript done.").format(a=a, b=b)
    return _("Nothing to compare yet: {a} and {b} have not coded the same transcripts. Ask both to code at least "
             "one transcript in full, then come back here.").format(a=a, b=b)


def too_few_coders() -> str:
    return _("Agreement compares the work of two coders on the same transcripts. This project has fewer than two "
             "coders: add a second coder profile, and have both code the same transcripts.")


def legend() -> str:
    """Rich text: a swatch per kappa band, with its bounds in the reader's number format."""
    bounds = [decimal(bound) for bound, _name, _tint in KAPPA_BANDS[:-1]]
    ranges = [f"&lt;&nbsp;{bounds[0]}", f"{bounds[0]}–{bounds[1]}", f"{bounds[1]}–{bounds[2]}", f"&gt;&nbsp;{bounds[2]}"]
    items = [f'<span style="background-color:{tint.name()}">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;'
             f"{escape(_(name))}&nbsp;{where}" for (_bound, name, tint), where in zip(KAPPA_BANDS, ranges)]
    return escape(_("Kappa (bands after Landis and Koch):")) + "<br>" + " &nbsp; ".join(items)


def action_hint(row: DisagreementRow | None, coder_a: str, coder_b: str) -> str:
    if row is None:
        return _("Select a passage: “Keep” has the other coder apply the code there too, “Take out” removes it "
                 "from the coding that has it.")
    other = coder_b if row.disagreement.coded_by == "a" else coder_a
    return _("“Keep”: {other} applies “{code}” to this passage too. “Take out”: {coder}’s coding stops covering "
             "it (trimmed, or split in two, if it is longer).").format(other=other, code=row.disagreement.code,
                                                                        coder=row.coder)
