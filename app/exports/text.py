"""All the text of an exported file, to check it for what must not be there.

Word and Excel files are zips of XML parts; a name can hide in a paragraph split across runs,
in a picture's alternative text (an attribute), in the file's properties, in a header or a
footer. So every XML part is read: the text of each paragraph joined across its runs, every
other element's text, and every attribute value.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from docx.oxml.ns import qn

_PARAGRAPH, _TEXT = qn("w:p"), qn("w:t")
_XML_SUFFIXES = (".xml", ".rels")


def text_of(path: Path | str) -> str:
    """The text of a .docx, .xlsx or .csv file, one piece per line."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return path.read_text(encoding="utf-8-sig", errors="replace")
    pieces: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(_XML_SUFFIXES):
                pieces.extend(_xml_text(archive.read(name)))
    return "\n".join(pieces)


def _xml_text(data: bytes) -> list[str]:
    root = ElementTree.fromstring(data)
    pieces = []
    for paragraph in root.iter(_PARAGRAPH):
        pieces.append("".join(node.text or "" for node in paragraph.iter(_TEXT)))
    for element in root.iter():
        if element.tag != _TEXT and element.text and element.text.strip():
            pieces.append(element.text)
        pieces.extend(value for value in element.attrib.values() if value.strip())
    return pieces
