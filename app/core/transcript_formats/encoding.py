"""Which character encoding a transcript file uses, told from its bytes alone.

The evidence is weighed in this order: a byte-order mark; for XML, the encoding its declaration
names; a strict UTF-8 decoding (legacy 8-bit text with accents is almost never valid UTF-8); and
last Windows-1252 or ISO-8859-1, the encodings Word on Windows and Transcriber leave behind. The
two differ only in bytes 0x80–0x9F, which are printable in Windows-1252 (’ œ € …) and control
codes in ISO-8859-1: a file without them reads the same either way and is reported as ISO-8859-1.
"""

from __future__ import annotations

import codecs
import re

from app.core.transcript_formats.parsed import TranscriptFormatError
from app.i18n import _

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
# Controls that have no place in a transcript; tab, line feed, carriage return and form feed do.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_REPORTED_NAMES = {"iso8859-1": "iso-8859-1", "cp1252": "windows-1252", "iso8859-15": "iso-8859-15"}


def decode_text(data: bytes) -> tuple[str, str]:
    """The text with line endings made "\\n", and the name of the encoding found."""
    text, encoding = _decode(data)
    if len(_CONTROL.findall(text, 0, 100_000)) > 8:
        raise TranscriptFormatError(_("the file holds binary data, not text."))
    return normalise_newlines(text), encoding


def decode_xml(data: bytes) -> tuple[str, str]:
    """XML text decoded as its byte-order mark or declaration says, else as plain text is.

    A file that declares one encoding and is written in another (a common slip of editors) is
    read in the one it is really in, and that is the one reported.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, len(bom)), name
    declared = _XML_DECLARATION.match(data[:200])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            raise TranscriptFormatError(_("the XML declares the encoding {encoding}, which Terrain does not know.")
                                        .format(encoding=declared.group(1).decode("ascii"))) from None
        try:
            return data.decode(codec), _REPORTED_NAMES.get(codec, codec)
        except UnicodeDecodeError:
            pass
    return _decode(data)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes) -> tuple[str, str]:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec, len(bom)), name
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16), utf16
    if b"\x00" in data:
        raise TranscriptFormatError(_("the file holds binary data, not text."))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if not _C1_BYTES.search(data):
        return data.decode("latin-1"), "iso-8859-1"
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # Bytes that Windows-1252 leaves undefined: neither encoding fits, so guessing would garble.
        raise TranscriptFormatError(_("the text is neither UTF-8 nor Windows-1252 nor ISO-8859-1; "
                                      "save it as UTF-8 and import it again.")) from None


def _strict(data: bytes, codec: str, skip: int = 0) -> str:
    """``data`` after its first ``skip`` bytes (a byte-order mark); offsets count from the file's start."""
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as error:
        raise TranscriptFormatError(_("the file announces {encoding} but byte {offset} does not fit it; "
                                      "save it as UTF-8 and import it again.")
                                    .format(encoding=codec.upper(), offset=error.start + skip)) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a mark: mostly Latin text leaves a zero in every other byte."""
    sample = data[:2000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None
