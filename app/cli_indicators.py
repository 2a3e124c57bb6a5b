"""`terrain indicators PROJECT [--wave W] [--territory T] [--json]` and
`terrain export charts PROJECT OUTDIR [--format png|svg]`.

Indicator values are computed for one wave and one territory, or all of them; a value that
cannot be computed is null with the reason, a value over too few participants carries a warning.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.core.numbers import format_value
from app.i18n import _, ngettext
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
# As app.exports.charts.FORMATS; repeated so that building the parser does not load matplotlib.
CHART_FORMATS = ("png", "svg")


def add_commands(commands) -> None:
    """Add `indicators` to the `terrain` subcommands."""
    indicators = commands.add_parser(
        "indicators", help=_("the indicator framework's values for a wave and a territory (default: all)"))
    indicators.add_argument("path", help=_("project file"))
    _scope_arguments(indicators)
    indicators.add_argument("--json", action="store_true", help=_("print JSON"))


def add_export_commands(exports) -> None:
    """Add `charts` to the `export` group's subparsers."""
    charts = exports.add_parser("charts", help=_("write the dashboards' charts, one file per chart"))
    charts.add_argument("path", help=_("project file"))
    charts.add_argument("outdir", help=_("folder to write the charts into (created if needed)"))
    charts.add_argument("--format", choices=CHART_FORMATS, default="png", help=_("image format (default: png)"))
    _scope_arguments(charts)


def _scope_arguments(parser) -> None:
    parser.add_argument("--wave", metavar=_("WAVE"), help=_("label of the wave, e.g. 2025 (default: all waves)"))
    parser.add_argument("--territory", metavar=_("CODE"),
                        help=_("code or name of the territory (default: all territories)"))


def run(args) -> int:
    from app.services.indicators import IndicatorError

    try:
        if args.command == "export":
            return export_charts(args)
        return show_indicators(args)
    except IndicatorError as error:
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR


def _scope(project: Project, args) -> tuple[str | None, str | None]:
    from app.services.indicators import find_territory, find_wave

    wave = find_wave(project, args.wave).id if args.wave else None
    territory = find_territory(project, args.territory).id if args.territory else None
    return wave, territory


def show_indicators(args) -> int:
    from app.services.indicators import compute_indicators

    with Project.open(args.path) as project:
        results = compute_indicators(project, *_scope(project, args))
    if args.json:
        print(json.dumps([result.to_json() for result in results], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not results:
        print(_("No indicator yet: the framework is set in the Study area or with `terrain design import`."))
        return EXIT_OK
    for result in results:
        if result.value is None:
            value = _("not computable: {reason}").format(reason=result.reason)
        else:
            value = format_value(result.value, result.unit)
            if result.n is not None and result.source_kind in ("survey_item", "theme"):
                value += "  " + _("(n = {n})").format(n=result.n)
            if result.target is not None:
                value += "  " + _("target {target}").format(target=format_value(result.target, result.unit))
            if result.small_n:
                value += "  " + _("⚠ small sample")
        print(f"{result.code:<8} {result.label[:48]:<48} {value}")
    return EXIT_OK


def export_charts(args) -> int:
    from app.services.charts import write_charts

    outdir = Path(args.outdir)
    with Project.open(args.path) as project:
        wave, territory = _scope(project, args)
        try:
            paths = write_charts(project, outdir, args.format, wave, territory)
        except OSError as error:
            print(_("terrain: {message}").format(message=_("Cannot write into {path}: {reason}").format(
                path=outdir, reason=error.strerror or error)), file=sys.stderr)
            return EXIT_ERROR
    for path in paths:
        print(path)
    print(ngettext("{n} chart written to {folder}", "{n} charts written to {folder}", len(paths))
          .format(n=len(paths), folder=outdir))
    return EXIT_OK
