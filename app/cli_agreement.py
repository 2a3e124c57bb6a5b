"""`terrain agreement PROJECT --coder-a A --coder-b B [--json]`: agreement between two coders.

Units are characters: those covered by a coding of either coder in the transcripts both coded
(see ``app.core.agreement``). The JSON holds, per code and overall, Cohen's kappa, Krippendorff's
alpha, percent agreement and the units counted; a coefficient that is undefined is null.
"""

from __future__ import annotations

import json
import sys

from app.i18n import _, current_language, ngettext
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
NAME_WIDTH = 32


def add_commands(commands) -> None:
    agreement = commands.add_parser(
        "agreement", help=_("agreement between two coders, per code and overall: kappa, alpha, percent agreement"))
    agreement.add_argument("path", help=_("project file"))
    agreement.add_argument("--coder-a", required=True, metavar=_("NAME"), help=_("name of the first coder"))
    agreement.add_argument("--coder-b", required=True, metavar=_("NAME"), help=_("name of the second coder"))
    agreement.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args) -> int:
    from app.services.agreement import agreement

    try:
        with Project.open(args.path) as project:
            report = agreement(project, args.coder_a, args.coder_b)
    except (ProjectError, RecordNotFoundError) as error:
        message = error.args[0] if isinstance(error, RecordNotFoundError) and error.args else error
        print(_("terrain: {message}").format(message=message), file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(table(report))
    return EXIT_OK


def table(report) -> str:
    """The report as a readable table, one code per line, then the overall figures."""
    lines = [ngettext("{a} and {b}: {units} characters coded in {n} transcript coded by both.",
                      "{a} and {b}: {units} characters coded in {n} transcripts coded by both.",
                      report.transcripts).format(a=report.coder_a, b=report.coder_b,
                                                 units=_thousands(report.units), n=report.transcripts)]
    if not report.codes:
        lines.append(_("No transcript was coded by both coders: there is nothing to compare."))
        return "\n".join(lines)
    header = (_("Code"), _("Agreement"), _("Kappa"), _("Alpha"))
    lines.append(f"{header[0]:<{NAME_WIDTH}} {header[1]:>10} {header[2]:>7} {header[3]:>7}")
    for code in report.codes:
        lines.append(_row(code.code, code.table))
    lines.append(_row(_("All codes (pooled)"), report.overall))
    lines.append(_("Mean kappa over the codes: {kappa}").format(kappa=_number(report.mean_kappa)))
    return "\n".join(lines)


def _row(name: str, table) -> str:
    name = name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 1] + "…"
    sign = "\u00a0%" if current_language() == "fr" else "%"
    percent = "—" if table.percent_agreement is None else _number(table.percent_agreement, 1) + sign
    return f"{name:<{NAME_WIDTH}} {percent:>10} {_number(table.kappa):>7} {_number(table.alpha):>7}"


def _number(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if current_language() == "fr" else text


def _thousands(number: int) -> str:
    grouped = f"{number:,}"
    return grouped.replace(",", "\u202f") if current_language() == "fr" else grouped
