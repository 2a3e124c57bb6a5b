"""Writing into a Word document by named styles, one block at a time.

``Writer`` is what the exports call: headings, paragraphs, lists, quotes, tables with a caption,
pictures with a caption and an alternative text, a table of contents. Every string goes through
the document language's typography, figures and tables are numbered as Word numbers them (SEQ
fields, so that a writer who inserts a figure gets the numbers updated), and the table of contents
is a TOC field that Word refreshes on opening, shown meanwhile with the headings written.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph

from app.exports.docx.document import NOTE_STYLE, SOURCE_STYLE, TABLE_STYLE
from app.exports.docx.fields import add_field, begin_field, end_field
from app.exports.docx.typography import NBSP, typeset
from app.i18n import _

TOC_LEVELS = 2
# Caption labels are the document's conventions, like its typography, not the screen's words.
CAPTION_LABELS = {"fr": {"Figure": "Figure", "Table": "Tableau"}, "en": {"Figure": "Figure", "Table": "Table"}}


class Writer:
    def __init__(self, document: Document, language: str):
        self.document = document
        self.language = language
        self._styles = {style.name for style in document.styles}
        # Paragraph styles by name, looked up once: python-docx searches the styles part by name
        # for every paragraph given a style name, which is most of the time of a long report.
        self._paragraph_styles = {style.name: style.style_id for style in document.styles
                                  if style.type == WD_STYLE_TYPE.PARAGRAPH}
        self._numbers = {"Figure": 0, "Table": 0}
        self._toc: Paragraph | None = None
        self._headings: list[tuple[int, str]] = []

    # text ----------------------------------------------------------------------------------------
    def text(self, value: str) -> str:
        return typeset(value, self.language)

    def _add(self, text: str = "", style: str | None = None, fallback: str | None = None) -> Paragraph:
        """A new paragraph in the style named ``style`` (or ``fallback`` where the document has no
        such style, as an organisation's template may not)."""
        paragraph = self.document.add_paragraph(text)
        _set_style(paragraph, self._style_id(style, fallback))
        return paragraph

    def _style_id(self, name: str | None, fallback: str | None = None) -> str | None:
        if name is None:
            return None
        return self._paragraph_styles.get(name) or self._paragraph_styles.get(fallback or "")

    def heading(self, text: str, level: int) -> Paragraph:
        shown = self.text(text)
        self._headings.append((level, shown))
        return self._add(shown, f"Heading {level}")

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        return self._add(self.text(text), style)

    def label_value(self, label: str, value: str) -> Paragraph:
        """« Question évaluative : … », the label in the character style Strong."""
        paragraph = self.document.add_paragraph()
        strong = paragraph.add_run(self.text(self.colon(label)))
        if "Strong" in self._styles:
            strong.style = self.document.styles["Strong"]
        else:
            strong.bold = True
        paragraph.add_run(" " + self.text(value))
        return paragraph

    def colon(self, label: str) -> str:
        return f"{label}{NBSP}:" if self.language == "fr" else f"{label}:"

    def note(self, text: str) -> Paragraph:
        return self.paragraph(text, NOTE_STYLE)

    def bullets(self, items: Iterable[str]) -> list[Paragraph]:
        if "List Bullet" in self._paragraph_styles:
            return [self._add(self.text(item), "List Bullet") for item in items]
        return [self.document.add_paragraph("•\u00a0" + self.text(item)) for item in items]

    def quote(self, text: str, attribution: str) -> Paragraph:
        """A verbatim passage in the Quote style, between quotation marks, and who said it below."""
        body = " ".join(text.split())
        # A passage cut out of a longer answer says so, as quoting conventions want.
        if body[:1].islower():
            body = "[…] " + body
        if body and body[-1] not in ".!?…»)]":
            body += " […]"
        marks = ("«" + NBSP, NBSP + "»") if self.language == "fr" else ("“", "”")
        paragraph = self._add(marks[0] + self.text(body) + marks[1], "Quote")
        self._add("— " + self.text(attribution), SOURCE_STYLE)
        return paragraph

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def title_page(self, title: str, subtitle: str, lines: Sequence[str]) -> None:
        self._add(self.text(title), "Title")
        if subtitle:
            self._add(self.text(subtitle), "Subtitle")
        for line in lines:
            self.paragraph(line)
        # No page break here: what follows (the contents, a Heading 1) starts its own page.

    # numbered captions ---------------------------------------------------------------------------
    def caption(self, kind: str, text: str) -> Paragraph:
        """« Figure 3 : … » or « Tableau 2 : … », numbered by a SEQ field."""
        self._numbers[kind] += 1
        number = self._numbers[kind]
        label = CAPTION_LABELS.get(self.language, CAPTION_LABELS["en"])[kind]
        paragraph = self._add(style="Caption")
        paragraph.add_run(label + " ")
        add_field(paragraph, f"SEQ {kind} \\* ARABIC", str(number))
        paragraph.add_run((f"{NBSP}: " if self.language == "fr" else ": ") + self.text(text))
        return paragraph

    # tables and pictures -------------------------------------------------------------------------
    def table(self, header: Sequence[str], rows: Iterable[Sequence[str]], widths_cm: Sequence[float] | None = None,
              numeric: Iterable[int] = (), caption: str | None = None, repeat_header: bool = True) -> Table:
        """A table in the « Terrain Table » style, its caption above it, its header repeated on each page."""
        if caption:
            self.caption("Table", caption).paragraph_format.keep_with_next = True
        numeric = set(numeric)
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = self.document.styles[TABLE_STYLE] if TABLE_STYLE in self._styles else None
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _look_at_header(table)
        header_row = table.rows[0]
        _repeat_and_keep(header_row, repeat_header)
        for index, (cell, text) in enumerate(zip(header_row.cells, header)):
            self._fill(cell, text, index in numeric)
        for values in rows:
            row = table.add_row()
            _keep_row_together(row)
            for index, (cell, text) in enumerate(zip(row.cells, values)):
                self._fill(cell, text, index in numeric)
        if widths_cm:
            _set_widths(table, widths_cm)
        return table

    def _fill(self, cell, text: str, numeric: bool) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.add_run(self.text(str(text)))
        if numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def picture(self, png: bytes, width_cm: float, alt_text: str, caption: str, title: str = "") -> Paragraph:
        """A picture centred on the page, described for screen readers, with its caption below."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        properties = shape._inline.docPr
        properties.set("descr", alt_text)
        if title:
            properties.set("title", title)
            properties.set("name", title[:60])
        self.caption("Figure", caption)
        return paragraph

    # table of contents ---------------------------------------------------------------------------
    def toc(self) -> None:
        """Where the table of contents goes; it is written by ``finish`` once the headings are known."""
        self._add(self.text(_("Table of contents")), "TOC Heading", "Heading 1")
        self._toc = self._add(style="toc 1")

    def finish(self) -> Document:
        """Fill the table of contents with the headings written; Word replaces it with page numbers."""
        if self._toc is not None:
            entries = [(level, text) for level, text in self._headings if level <= TOC_LEVELS]
            _fill_toc(self._toc, entries, self._style_id, placeholder=_("Update the table of contents to see it."))
            self._toc = None
        return self.document


def _set_style(paragraph: Paragraph, style_id: str | None) -> None:
    if style_id:
        paragraph._p.style = style_id


def _fill_toc(first: Paragraph, entries: list[tuple[int, str]], style_of, placeholder: str) -> None:
    begin_field(first, f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
    if not entries:
        first.add_run(placeholder)
        end_field(first)
        return
    first.add_run(entries[0][1])
    last, anchor = first, first._p
    for level, text in entries[1:]:
        element = OxmlElement("w:p")
        anchor.addnext(element)
        anchor = element
        last = Paragraph(element, first._parent)
        _set_style(last, style_of(f"toc {level}"))
        last.add_run(text)
    end_field(last)


def _look_at_header(table: Table) -> None:
    """Tell Word that the first row is a header row, so the style's header look applies."""
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblLook")):
        properties.remove(old)
    properties.append(parse_xml(
        f'<w:tblLook {nsdecls("w")} w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'))


def _repeat_and_keep(row, repeat: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    if repeat:
        properties.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    properties.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def _keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def _set_widths(table: Table, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_cm):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
