"""A Word document ready to write into: Terrain's styles, or an organisation's template.

Everything a document shows is set through named styles (Title, Heading 1–3, Quote, Caption,
the « Terrain Table » table style, and a few of ours: Note, Quote Source), never by direct
formatting, so that a writer restyles the whole report by changing a style. A template brings its
own styles, fonts, page size, headers and footers; its body is emptied, and the styles it lacks
are added with our look.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from app.i18n import _

ACCENT = RGBColor(0x1F, 0x4E, 0x5A)   # deep teal: titles and table headers
MUTED = RGBColor(0x59, 0x59, 0x59)
TABLE_STYLE = "Terrain Table"
NOTE_STYLE = "Note"
SOURCE_STYLE = "Quote Source"
LANGUAGE_TAGS = {"fr": "fr-FR", "en": "en-GB"}
FOOTER_TITLE = 70  # characters of the title shown beside the page number

# A template is a small file; these bounds refuse a zip bomb before anything is inflated.
MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
MAX_TEMPLATE_PARTS = 2000
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# .docm and .dotm main parts: "...ms-word.document.macroEnabled.main+xml", "...template.macroEnabledTemplate...".
_MACROS = b"macroEnabled"


class TemplateError(ValueError):
    """A template that cannot be used; the message names the file and the problem."""


def new_document(language: str, template: Path | str | None = None, title: str = "",
                 organisation: str = "") -> Document:
    """An empty document in ``language`` with every style the exports use."""
    if template is None:
        document = docx.Document()
        _page_setup(document)
        _our_styles(document)
        _page_number_footer(document, title)
    else:
        document = _open_template(Path(template))
        _empty_body(document)
        _missing_styles(document)
    _set_language(document, language)
    _update_fields_on_open(document)
    _properties(document, title, organisation, language)
    return document


# templates ---------------------------------------------------------------------------------------
def _open_template(path: Path) -> Document:
    if not path.is_file():
        raise TemplateError(_("{file}: no such Word template.").format(file=path))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_TEMPLATE_PARTS or sum(m.file_size for m in members) > MAX_TEMPLATE_BYTES:
                raise TemplateError(_("{file}: this Word template is too large to be a template.").format(file=path))
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise TemplateError(_("{file}: this is not a Word document (.docx or .dotx).").format(file=path))
            parts = {member.filename: archive.read(member) for member in members}
    except (zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError):
        raise TemplateError(_("{file}: this is not a Word document (.docx or .dotx).").format(file=path)) from None
    except OSError as error:
        raise TemplateError(_("{file}: this Word template cannot be read ({reason}).").format(
            file=path, reason=error.strerror or error)) from None
    types = parts["[Content_Types].xml"]
    if _MACROS in types:
        raise TemplateError(_("{file}: templates with macros (.dotm) are not used; save it as .dotx.").format(
            file=path))
    # A .dotx is a .docx whose main part says "template": read it as a document.
    parts["[Content_Types].xml"] = types.replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    buffer.seek(0)
    try:
        return docx.Document(buffer)
    except Exception as error:  # python-docx raises many kinds on a damaged package
        raise TemplateError(_("{file}: this Word template cannot be read ({reason}).").format(
            file=path, reason=str(error) or type(error).__name__)) from None


def _empty_body(document: Document) -> None:
    """Remove the template's sample text, keeping its last section (page setup, headers, footers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _missing_styles(document: Document) -> None:
    names = {style.name for style in document.styles}
    _paragraph_styles(document, only_missing=names)
    if TABLE_STYLE not in names:
        _add_table_style(document)


# our look ----------------------------------------------------------------------------------------
def _page_setup(document: Document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.3)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.2)


def _our_styles(document: Document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _paragraph_styles(document, only_missing=None)
    _add_table_style(document)


def _style(document: Document, name: str, only_missing: set[str] | None, base: str = "Normal"):
    """The paragraph style ``name`` to shape, or None when a template already has it."""
    if only_missing is not None and name in only_missing:
        return None
    try:
        style = document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[base]
    style.hidden = False
    style.quick_style = True
    return style


def _paragraph_styles(document: Document, only_missing: set[str] | None) -> None:
    title = _style(document, "Title", only_missing)
    if title is not None:
        title.font.size, title.font.bold, title.font.color.rgb = Pt(28), True, ACCENT
        title.paragraph_format.space_before, title.paragraph_format.space_after = Cm(6), Pt(12)
        for rule in title.element.iter(qn("w:bottom")):
            rule.set(qn("w:color"), str(ACCENT))
    subtitle = _style(document, "Subtitle", only_missing)
    if subtitle is not None:
        subtitle.font.size, subtitle.font.italic, subtitle.font.color.rgb = Pt(15), False, MUTED
        subtitle.paragraph_format.space_after = Pt(30)
    for level, size in ((1, 17), (2, 13.5), (3, 11.5)):
        heading = _style(document, f"Heading {level}", only_missing)
        if heading is None:
            continue
        heading.font.size, heading.font.bold, heading.font.color.rgb = Pt(size), True, ACCENT
        heading.paragraph_format.space_before = Pt(0 if level == 1 else 14)
        heading.paragraph_format.space_after = Pt(8 if level == 1 else 4)
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.page_break_before = level == 1
    contents = _style(document, "TOC Heading", only_missing)
    if contents is not None:
        contents.font.size, contents.font.bold, contents.font.color.rgb = Pt(17), True, ACCENT
        contents.paragraph_format.page_break_before = True
        contents.paragraph_format.space_after = Pt(12)
    quote = _style(document, "Quote", only_missing)
    if quote is not None:
        quote.font.italic, quote.font.color.rgb = True, RGBColor(0x26, 0x26, 0x26)
        quote.paragraph_format.left_indent = Cm(1)
        quote.paragraph_format.right_indent = Cm(0.5)
        quote.paragraph_format.space_before, quote.paragraph_format.space_after = Pt(6), Pt(0)
        quote.paragraph_format.keep_with_next = True
        _left_border(quote)
    source = _style(document, SOURCE_STYLE, only_missing)
    if source is not None:
        source.font.size, source.font.color.rgb = Pt(9), MUTED
        source.paragraph_format.left_indent = Cm(1)
        source.paragraph_format.space_after = Pt(8)
        source.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    caption = _style(document, "Caption", only_missing)
    if caption is not None:
        caption.font.size, caption.font.italic, caption.font.bold = Pt(9), True, False
        caption.font.color.rgb = MUTED
        caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(3), Pt(10)
    note = _style(document, NOTE_STYLE, only_missing)
    if note is not None:
        note.font.size, note.font.color.rgb = Pt(9.5), MUTED
        note.paragraph_format.space_after = Pt(6)
    for level in (1, 2, 3):
        toc = _style(document, f"toc {level}", only_missing)
        if toc is not None:
            toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            toc.paragraph_format.space_after = Pt(2 if level > 1 else 4)
            toc.font.bold = level == 1


def _left_border(style) -> None:
    properties = style.element.get_or_add_pPr()
    properties.append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="12" w:space="8" w:color="1F4E5A"/></w:pBdr>'))


def _add_table_style(document: Document) -> None:
    """« Terrain Table »: light rules, a shaded header row; restyled once for every table."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.element.append(parse_xml(
        f'<w:pPr {nsdecls("w")}><w:spacing w:before="30" w:after="30" w:line="240" w:lineRule="auto"/></w:pPr>'))
    style.element.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>'))
    style.element.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:tblBorders>'
        '<w:top w:val="single" w:sz="8" w:space="0" w:color="1F4E5A"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F4E5A"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr>'))
    style.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F4E5A"/></w:tcPr></w:tblStylePr>'))


def _page_number_footer(document: Document, title: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if title:
        # A long title would push the page number onto a second line.
        shown = title if len(title) <= FOOTER_TITLE else title[:FOOTER_TITLE - 1].rstrip() + "…"
        paragraph.add_run(f"{shown} · ")
    from app.exports.docx.fields import add_field

    add_field(paragraph, "PAGE", "1")


# document-wide settings --------------------------------------------------------------------------
def _set_language(document: Document, language: str) -> None:
    """Spell-check and hyphenation in the document's language."""
    tag = LANGUAGE_TAGS.get(language, language)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    properties.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{tag}" w:eastAsia="{tag}" w:bidi="ar-SA"/>'))


def _update_fields_on_open(document: Document) -> None:
    """Word refreshes the table of contents and the figure numbers when the file is opened."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))


def _properties(document: Document, title: str, organisation: str, language: str) -> None:
    """File properties a reader sees: the title and organisation, nothing about whoever ran the export."""
    properties = document.core_properties
    properties.title = title
    properties.author = organisation
    properties.last_modified_by = organisation
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.language = LANGUAGE_TAGS.get(language, language)
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    properties.created = properties.modified = now
    properties.revision = 1
