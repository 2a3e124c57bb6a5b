"""Plain text and Markdown transcripts: one speaker label at the start of a line or paragraph.

Lines wrapped inside a paragraph are joined with a space; a blank line between two paragraphs of
one speaker is kept as a line break inside the turn. Markdown headings, rules and emphasis marks
are layout, not speech, and are left out.
"""

from __future__ import annotations

import re

from app.core.transcript_formats.encoding import decode_text
from app.core.transcript_formats.labels import Piece, assemble, split_line
from app.core.transcript_formats.parsed import ParsedTranscript

_MARKDOWN_LAYOUT = re.compile(r"^\s*(?:#{1,6}\s|(?:[-*_]\s*){3,}$|```|<!--)")
_MARKDOWN_LEAD = re.compile(r"^\s*(?:>\s*)*(?:[-*+]\s+)?")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def parse(data: bytes, markdown: bool = False) -> ParsedTranscript:
    text, encoding = decode_text(data)
    return ParsedTranscript("md" if markdown else "txt", encoding, assemble(text_pieces(text, markdown)))


def text_pieces(text: str, markdown: bool = False) -> list[Piece]:
    pieces: list[Piece] = []
    after_blank = True
    for line in text.split("\n"):
        if markdown:
            if _MARKDOWN_LAYOUT.match(line):
                after_blank = True
                continue
            line = _EMPHASIS.sub(r"\2", _MARKDOWN_LEAD.sub("", line, count=1))
        if not line.strip():
            after_blank = True
            continue
        pieces.append(split_line(line, new_paragraph=after_blank))
        after_blank = False
    return pieces
