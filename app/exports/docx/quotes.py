"""The quote table: every coded passage under its theme and code, with where it comes from.

A report writer looks here for the passage that says it best. The pages are landscape so that
the passage, the widest column by far, stays readable beside its source. Participants appear
by code only.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from app.core.numbers import format_number
from app.core.quote_table import QuoteRow, attribute_names
from app.core.study import Study
from app.exports.docx.document import new_document
from app.exports.docx.writer import Writer
from app.i18n import _, ngettext

# Source columns in centimetres; the passage takes what is left of the text width.
SOURCE_WIDTHS_CM = (2.8, 4.2, 2.4, 1.9)
QUOTABLE_WIDTH_CM = 1.9
# A row longer than this may not fit on one page: it is allowed to break across pages.
SPLITTABLE_FROM = 1200
NO_PARTICIPANT = "—"


def write_quotes(rows: list[QuoteRow], study: Study, language: str, template: Path | str | None = None,
                 quotable_only: bool = False) -> Document:
    """The quote table as a Word document, in ``language`` (call inside ``translated(language)``)."""
    title = _("Quote table")
    # The footer repeats the short title on every page; the file's properties carry the study too.
    document = new_document(language, template, title=title, organisation=study.organisation)
    document.core_properties.title = f"{title} – {study.title}"
    text_width = _landscape(document)
    writer = Writer(document, language)
    themes = _grouped(rows)
    writer.title_page(title, study.title, [
        ngettext("{n} passage", "{n} passages", len(rows)).format(n=format_number(len(rows), 0, language)),
        ngettext("{n} theme", "{n} themes", len(themes)).format(n=len(themes)),
    ])
    for line in quotes_note(quotable_only):
        writer.note(line)
    writer.heading(_("Passages by theme"), 1)
    if not rows:
        writer.paragraph(_("No coded passage to show."))
    for theme, codes in themes.items():
        writer.heading(theme, 2)
        for code, passages in codes.items():
            writer.heading(code, 3)
            _table(writer, passages, text_width, show_quotable=not quotable_only)
    return writer.finish()


def quotes_note(quotable_only: bool) -> list[str]:
    """What the table holds, said at its top (and on a sheet of its own in Excel)."""
    included = (_("Only the passages marked quotable whose participant's consent still allows quotes are "
                  "included.") if quotable_only else
                _("Every coded passage is included; the “Quotable” column says which ones may be quoted in a "
                  "report (marked quotable and still allowed by the participant's consent)."))
    return [included, _("Participants appear by their code only; the passages are pseudonymised and the words "
                        "of participants who withdrew are left out.")]


def _landscape(document: Document) -> float:
    """Turn every section to landscape; return the text width in centimetres."""
    for section in document.sections:
        if section.page_width < section.page_height:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def _grouped(rows: list[QuoteRow]) -> dict[str, dict[str, list[QuoteRow]]]:
    """Theme -> code -> passages, in the order the rows come (codebook order, then participant)."""
    themes: dict[str, dict[str, list[QuoteRow]]] = {}
    for row in rows:
        themes.setdefault(row.theme, {}).setdefault(row.code, []).append(row)
    return themes


def _table(writer: Writer, passages: list[QuoteRow], text_width: float, show_quotable: bool) -> None:
    header = [_("Participant code"), _("Profile"), _("Territory"), _("Wave")]
    widths = list(SOURCE_WIDTHS_CM)
    if show_quotable:
        header.append(_("Quotable"))
        widths.append(QUOTABLE_WIDTH_CM)
    header.append(_("Passage"))
    widths.append(max(text_width - sum(widths), 6.0))
    rows = []
    for row in passages:
        cells = [row.participant_code or NO_PARTICIPANT, row.profile, row.territory, row.wave]
        if show_quotable:
            cells.append(_("Yes") if row.quotable else _("No"))
        cells.append(row.text.strip())
        rows.append(cells)
    table = writer.table(header, rows, widths_cm=widths)
    for table_row, passage in zip(table.rows[1:], passages):
        if len(passage.text) >= SPLITTABLE_FROM:
            _allow_split(table_row)


def _allow_split(row) -> None:
    properties = row._tr.trPr
    if properties is not None:
        for element in properties.findall(qn("w:cantSplit")):
            properties.remove(element)


def quote_rows_table(rows: list[QuoteRow]) -> tuple[list[str], list[list[str]]]:
    """The quote table for a spreadsheet: one row per passage, the participant's attributes last."""
    extra = attribute_names(rows)
    header = [_("Theme"), _("Code"), _("Participant code"), _("Profile"), _("Territory"), _("Wave"), _("Passage"),
              _("Quotable"), _("Coder"), _("Memo")] + extra
    table = [[row.theme, row.code, row.participant_code, row.profile, row.territory, row.wave, row.text,
              _("Yes") if row.quotable else _("No"), row.coder, row.memo] + [row.attribute(name) for name in extra]
             for row in rows]
    return header, table
