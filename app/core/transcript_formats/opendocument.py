"""OpenDocument text (.odt, LibreOffice): paragraphs, headings and table rows of content.xml.

Speaker names are written « Nom : » or in bold; LibreOffice puts bold in an automatic style that
a span names, so the bold styles are read first. Headings, notes and annotations are not speech.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from app.core.transcript_formats.encoding import decode_xml
from app.core.transcript_formats.labels import Piece, assemble, emphasised_pieces, row_pieces
from app.core.transcript_formats.parsed import ParsedTranscript, TranscriptFormatError
from app.core.transcript_formats.safe_xml import open_archive, parse_xml, read_member
from app.i18n import _

KIND = "OpenDocument"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_NOT_SPEECH = {TEXT + "h", TEXT + "note", OFFICE + "annotation", TEXT + "tracked-changes", TEXT + "sequence-decls"}
_BOLD_WEIGHTS = {"bold", "600", "700", "800", "900"}


def parse(data: bytes) -> ParsedTranscript:
    archive = open_archive(data, KIND)
    if "mimetype" in archive.namelist():
        mimetype = read_member(archive, "mimetype", KIND, head=200).decode("ascii", "replace").strip()
        if mimetype and mimetype != "application/vnd.oasis.opendocument.text":
            raise TranscriptFormatError(_("the file is an OpenDocument of another kind ({mimetype}), "
                                          "not a text document.").format(mimetype=mimetype))
    text, encoding = decode_xml(read_member(archive, "content.xml", KIND))
    root = parse_xml(text)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise TranscriptFormatError(_("the OpenDocument file holds no text body."))
    bold = _bold_styles(root)
    pieces: list[Piece] = []
    _walk(body, bold, pieces)
    return ParsedTranscript("odt", encoding, assemble(pieces))


def _bold_styles(root: Element) -> set[str]:
    bold = set()
    for style in root.iter(STYLE + "style"):
        properties = style.find(STYLE + "text-properties")
        if properties is not None and properties.get(FO + "font-weight") in _BOLD_WEIGHTS:
            bold.add(style.get(STYLE + "name", ""))
    return bold


def _walk(element: Element, bold: set[str], pieces: list[Piece]) -> None:
    for child in element:
        if child.tag == TEXT + "p":
            segments: list[tuple[str, bool]] = []
            _segments(child, child.get(TEXT + "style-name") in bold, bold, segments)
            if "".join(text for text, _emphasis in segments).strip():
                pieces.extend(emphasised_pieces(segments))
        elif child.tag == TABLE + "table-row":
            cells = []
            for cell in child.iter(TABLE + "table-cell"):
                cell_pieces: list[Piece] = []
                _walk(cell, bold, cell_pieces)
                cells.append(" ".join(piece.raw for piece in cell_pieces))
            pieces.extend(row_pieces(cells))
        elif child.tag not in _NOT_SPEECH:
            _walk(child, bold, pieces)


def _segments(element: Element, emphasised: bool, bold: set[str], out: list[tuple[str, bool]]) -> None:
    """The text of a paragraph as (text, bold) runs, in reading order."""
    if element.text:
        out.append((element.text, emphasised))
    for child in element:
        if child.tag == TEXT + "s":
            out.append((" " * _space_count(child.get(TEXT + "c", "1")), emphasised))
        elif child.tag == TEXT + "tab":
            out.append(("\t", emphasised))
        elif child.tag == TEXT + "line-break":
            out.append(("\n", emphasised))
        elif child.tag not in _NOT_SPEECH:
            _segments(child, emphasised or child.get(TEXT + "style-name") in bold, bold, out)
        if child.tail:
            out.append((child.tail, emphasised))


def _space_count(value: str) -> int:
    """« text:s c="4" » is four spaces; a hostile count must not build a huge string."""
    return min(int(value), 100) if value.isdigit() else 1
