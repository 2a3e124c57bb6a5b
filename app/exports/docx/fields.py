"""Word fields (PAGE, SEQ, TOC): an instruction Word computes, with the result shown until it does.

The shown result is what a reader sees in a program that does not update fields (LibreOffice
printing to PDF, a viewer), so it is always filled in with the right value when we know it.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph


def _char(kind: str):
    return parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="{kind}"/></w:r>')


def _instruction(text: str):
    return parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {text} </w:instrText></w:r>')


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """Open a field whose shown result follows in this and later paragraphs, until ``end_field``."""
    paragraph._p.append(_char("begin"))
    paragraph._p.append(_instruction(instruction))
    paragraph._p.append(_char("separate"))


def end_field(paragraph: Paragraph) -> None:
    paragraph._p.append(_char("end"))


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A field inside one paragraph, showing ``shown`` until Word updates it."""
    begin_field(paragraph, instruction)
    paragraph.add_run(shown)
    end_field(paragraph)
