"""XML read without the tricks XML allows: no entity declarations, no external entities.

A transcript never needs its own entities. Declaring them is how the "billion laughs" bomb
multiplies a few bytes into gigabytes, and how an external entity (XXE) reads a file of the
computer or reaches the network. So a document type with an internal subset is refused outright.
A bare ``<!DOCTYPE Trans SYSTEM "trans-14.dtd">``, as Transcriber writes, is allowed: the parser
never loads external DTDs, so the named file is neither fetched nor needed.

Zip-based documents (.docx, .odt) are read within size limits so that a small archive cannot
unpack into something that fills the memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from app.core.transcript_formats.parsed import MAX_UNPACKED_BYTES, MAX_XML_BYTES, TranscriptFormatError
from app.i18n import _

# Far deeper than any office document or transcript; guards the readers' recursive walks.
MAX_DEPTH = 200


def parse_xml(text: str) -> Element:
    """The document's root element, built only from elements, attributes and text."""
    builder = TreeBuilder()
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise TranscriptFormatError(_("the XML nests elements more than {depth} deep.").format(depth=MAX_DEPTH))
        builder.start(_qualified(name), {_qualified(key): value for key, value in attributes.items()})

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_qualified(name))

    def doctype(name, system_id, public_id, has_internal_subset) -> None:
        if has_internal_subset:
            raise TranscriptFormatError(_("the XML declares its own entities (a DOCTYPE with an internal subset), "
                                          "a way to hide an entity bomb or to read other files; it was not read."))

    def refuse_entity(*_args) -> None:
        raise TranscriptFormatError(_("the XML declares or uses entities that Terrain does not expand, "
                                      "for safety; it was not read."))

    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity
    # An entity defined in an external DTD would be silently dropped from the text: refuse instead.
    parser.SkippedEntityHandler = refuse_entity
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise TranscriptFormatError(_("the XML is damaged at line {line}: {reason}.").format(
            line=error.lineno, reason=expat.ErrorString(error.code))) from None
    return builder.close()


def _qualified(name: str) -> str:
    """Expat's "uri}local" as ElementTree's "{uri}local"."""
    return "{" + name if "}" in name else name


def open_archive(data: bytes, kind: str) -> zipfile.ZipFile:
    """The zip archive behind a .docx or .odt, refused when damaged or when it would unpack too big."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TranscriptFormatError(_("the {kind} document is damaged or truncated: it is not a complete "
                                      "archive. Open it in its word processor and save it again.")
                                    .format(kind=kind)) from None
    unpacked = sum(member.file_size for member in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES or len(archive.infolist()) > 10_000:
        raise TranscriptFormatError(_("the {kind} document would unpack to more than {size} MB; "
                                      "it is not an ordinary document and was not opened.")
                                    .format(kind=kind, size=MAX_UNPACKED_BYTES // (1024 * 1024)))
    return archive


def read_member(archive: zipfile.ZipFile, name: str, kind: str, head: int | None = None) -> bytes:
    """One part of the archive (or its first ``head`` bytes), never read past the size limit."""
    try:
        with archive.open(name) as member:
            data = member.read(head if head is not None else MAX_XML_BYTES + 1)
    except KeyError:
        raise TranscriptFormatError(_("the {kind} document has no {part} part; it is damaged or of another kind.")
                                    .format(kind=kind, part=name)) from None
    # zipfile says "encrypted" or "unsupported compression" with RuntimeError, a bad stream with zlib.error.
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, zlib.error):
        raise TranscriptFormatError(_("the {kind} document is damaged or truncated (its {part} part cannot be "
                                      "read). Open it in its word processor and save it again.")
                                    .format(kind=kind, part=name)) from None
    if len(data) > MAX_XML_BYTES:
        raise TranscriptFormatError(_("the text of the {kind} document is larger than {size} MB; "
                                      "Terrain imports transcripts up to that size.")
                                    .format(kind=kind, size=MAX_XML_BYTES // (1024 * 1024)))
    return data
