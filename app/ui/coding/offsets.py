"""Where each character of a transcript's full text sits in the coding view's document.

The full text is the turns joined by a newline, counted in code points; codings are stored in
those offsets. The view shows each turn's speaker above its words, and counts positions the way
Qt does, in UTF-16 units, where a character outside the Basic Multilingual Plane (an emoji, say)
takes two. ``OffsetMap`` lays the document out and converts between the two counts, both ways.

Layout, turn by turn: the speaker's label (when there is one) as a paragraph of its own, then the
turn's words. The newline joining two turns in the full text is the paragraph break that ends
the first turn's words; speaker labels belong to the document only.

No Qt here: the layout is plain text and numbers, so the mapping can be checked on its own.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

# Qt's QTextDocument ends each paragraph with this character (one UTF-16 unit).
PARAGRAPH = "\u2029"
_WORD_JOINERS = "'’-‐·"


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document: a speaker's label, or a turn's words."""

    kind: str  # "speaker" or "words"
    text: str
    turn: int  # the turn's index
    role: str  # the speaker's role, for the words' style


class OffsetMap:
    """The document's paragraphs for a list of turns, and the conversions between offsets.

    ``turns`` are ``(speaker_label, speaker_role, text)``.
    """

    def __init__(self, turns: Sequence[tuple[str, str, str]]):
        self.paragraphs: list[Paragraph] = []
        self.full_text = "\n".join(text for _label, _role, text in turns)
        # The document position (UTF-16) of each code point of the full text.
        positions: list[int] = []
        position = 0
        for index, (label, role, text) in enumerate(turns):
            if label:
                self.paragraphs.append(Paragraph("speaker", label, index, role))
                position += utf16_length(label) + 1
            self.paragraphs.append(Paragraph("words", text, index, role))
            for character in text:
                positions.append(position)
                position += 2 if ord(character) > 0xFFFF else 1
            if index < len(turns) - 1:
                positions.append(position)  # the newline between turns: this paragraph's break
                position += 1
        self._positions = positions
        self.document_length = position  # without the document's final paragraph break

    def __len__(self) -> int:
        return len(self.full_text)

    def document_text(self) -> str:
        """The document's text as Qt holds it, paragraphs separated by U+2029."""
        return PARAGRAPH.join(paragraph.text for paragraph in self.paragraphs)

    # full text -> document ----------------------------------------------------------------------
    def to_document(self, offset: int) -> int:
        """The document position where the code point at ``offset`` starts."""
        if offset >= len(self._positions):
            return self.document_length
        return self._positions[offset]

    def span_to_document(self, start: int, end: int) -> tuple[int, int]:
        """Document positions [from, to) covering the code points [start, end)."""
        start, end = max(0, start), min(end, len(self._positions))
        if end <= start:
            position = self.to_document(start)
            return position, position
        last = end - 1
        width = 2 if ord(self.full_text[last]) > 0xFFFF else 1
        return self._positions[start], self._positions[last] + width

    # document -> full text ----------------------------------------------------------------------
    def to_full_text(self, position: int) -> int:
        """The first code point at or after a document position (a label maps to its turn's start)."""
        return bisect_left(self._positions, position)

    def span_to_full_text(self, start: int, end: int) -> tuple[int, int]:
        """The code points [from, to) that a document selection [start, end) covers."""
        return self.to_full_text(start), bisect_left(self._positions, end)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and leave out the spaces around it.

    Dragging the mouse rarely lands exactly on a word's edge; a coding that starts or ends in the
    middle of a word reads badly in a report. Returns an empty span (start == end) when only
    spaces were selected.
    """
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return start, start
    while start > 0 and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while end < len(text) and _in_word(text[end]) and _in_word(text[end - 1]):
        end += 1
    return start, end


def _in_word(character: str) -> bool:
    return character.isalnum() or character in _WORD_JOINERS
