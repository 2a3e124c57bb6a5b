"""Word documents (.docx): paragraphs and table rows, speaker names written « Nom : » or in bold.
Headings and titles name the document or its parts; they are not speech and are left out.

python-docx reads the parts with entity resolution off; the archive is checked for size first,
and a document type declaration, which Word never writes, is refused before python-docx sees it.
"""

from __future__ import annotations

import io

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import LxmlError

from app.core.transcript_formats.labels import Piece, assemble, emphasised_pieces, row_pieces
from app.core.transcript_formats.parsed import ParsedTranscript, TranscriptFormatError
from app.core.transcript_formats.safe_xml import open_archive, read_member
from app.i18n import _

KIND = "Word"
# Character styles people make for speaker names, in the languages of the app.
_SPEAKER_STYLE_WORDS = ("speaker", "locut", "interven", "orat")
_HEADING_STYLES = ("heading", "title", "subtitle", "titre", "sous-titre")


def parse(data: bytes) -> ParsedTranscript:
    archive = open_archive(data, KIND)
    read_member(archive, "word/document.xml", KIND)  # the size limit, before python-docx reads it whole
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")) and b"<!DOCTYPE" in read_member(archive, name, KIND, head=4096).upper():
            raise TranscriptFormatError(_("the Word document carries a document type declaration, which Word never "
                                          "writes and which can hide an entity bomb; it was not read."))
    try:
        document = docx.Document(io.BytesIO(data))
        pieces = document_pieces(document)
    except (PackageNotFoundError, KeyError, ValueError, LxmlError):
        raise TranscriptFormatError(_("the Word document is damaged or truncated. Open it in Word or LibreOffice "
                                      "and save it again as .docx.")) from None
    return ParsedTranscript("docx", "utf-8", assemble(pieces))


def document_pieces(document) -> list[Piece]:
    pieces: list[Piece] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            pieces.extend(paragraph_pieces(block))
        elif isinstance(block, Table):
            for row in block.rows:
                pieces.extend(row_pieces([cell.text for cell in row.cells]))
    return pieces


def paragraph_pieces(paragraph: Paragraph) -> list[Piece]:
    style_name = (paragraph.style.name if paragraph.style is not None else "").casefold()
    if style_name.startswith(_HEADING_STYLES):
        return []
    segments = []
    for item in paragraph.iter_inner_content():
        # Hyperlinks hold runs of their own; their words are speech like any other.
        runs = [item] if isinstance(item, Run) else list(getattr(item, "runs", []))
        segments.extend((run.text, _emphasised(run)) for run in runs)
    if not "".join(text for text, _emphasis in segments).strip():
        return []
    return emphasised_pieces(segments)


def _emphasised(run: Run) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    style = run.style
    while style is not None:
        if style.font.bold:
            return True
        name = (style.name or "").casefold()
        if style.style_id != "DefaultParagraphFont" and any(word in name for word in _SPEAKER_STYLE_WORDS):
            return True
        style = style.base_style
    return False
