"""`terrain export report|summary|guide|codebook|quotes PROJECT OUT`.

Word documents for report writers; the codebook and the quotes also as .xlsx or .csv, chosen by
the file name. Participants appear by their code only; every document is checked for identity
strings before it is put in place.
"""

from __future__ import annotations

import sys

from app.i18n import LANGUAGES, _
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
DOCUMENTS = ("report", "summary", "guide", "codebook", "quotes")


def add_export_commands(exports) -> None:
    """Add the documents to the `export` group's subparsers."""
    report = exports.add_parser("report", help=_("write the impact report (.docx)"))
    summary = exports.add_parser("summary", help=_("write the participant-free summary for stakeholders (.docx)"))
    for parser in (report, summary):
        parser.add_argument("path", help=_("project file"))
        parser.add_argument("out", help=_("Word file to write (.docx)"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the document (default: the study's)"))
        parser.add_argument("--template", metavar=_("TEMPLATE.docx"),
                            help=_("Word template whose styles, headers and footers the document takes"))
        parser.add_argument("--wave", metavar=_("WAVE"), help=_("label of the wave, e.g. 2025 (default: all waves)"))
    guide = exports.add_parser("guide", help=_("write the interviewer's guide, ready to print (.docx)"))
    codebook = exports.add_parser("codebook", help=_("write the codebook (.docx, .xlsx or .csv)"))
    quotes = exports.add_parser("quotes", help=_("write the coded passages by theme (.docx, .xlsx or .csv)"))
    for parser in (guide, codebook, quotes):
        parser.add_argument("path", help=_("project file"))
        parser.add_argument("out", help=_("file to write; its extension chooses the format"))
    for parser in (codebook, quotes):
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the document (default: the study's)"))
    for parser in (guide, codebook, quotes):
        parser.add_argument("--template", metavar=_("TEMPLATE.docx"),
                            help=_("Word template whose styles, headers and footers the document takes"))
    quotes.add_argument("--wave", metavar=_("WAVE"), help=_("label of the wave, e.g. 2025 (default: all waves)"))
    quotes.add_argument("--quotable-only", action="store_true",
                        help=_("only the passages marked quotable, from participants who agreed to be quoted"))


def run(args) -> int:
    from app.services.documents import DocumentError
    from app.services.indicators import IndicatorError
    from app.services.reports import ExportError
    from app.store.errors import ProjectError

    try:
        with Project.open(args.path) as project:
            written = _export(project, args)
    except (ExportError, DocumentError, IndicatorError, ProjectError) as error:
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR
    print(_("Written: {path}").format(path=written))
    return EXIT_OK


def _wave(project: Project, label: str | None) -> str | None:
    from app.services.indicators import find_wave

    return find_wave(project, label).id if label else None


def _export(project: Project, args):
    from app.services import documents, reports

    what = args.export_what
    if what in ("report", "summary"):
        export = reports.export_report if what == "report" else reports.export_summary
        return export(project, args.out, args.lang, args.template, _wave(project, args.wave))
    if what == "guide":
        return documents.export_guide(project, args.out, template=args.template)
    if what == "codebook":
        return documents.export_codebook(project, args.out, language=args.lang, template=args.template)
    return documents.export_quotes(project, args.out, wave_id=_wave(project, args.wave),
                                   quotable_only=args.quotable_only, language=args.lang, template=args.template)
