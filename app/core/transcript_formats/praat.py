"""Praat TextGrids (.TextGrid): one interval tier per speaker, merged by time into turns.

Praat writes a long text format (``xmin = 0``, ``text = "…"``) and a short one with the bare
values; both hold the same values in the same order, so reading the values and skipping the
names reads either. Point tiers mark instants, not speech, and are passed by. An interval that
starts while another speaker's interval is still running overlaps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.transcript_formats.encoding import decode_text
from app.core.transcript_formats.parsed import ParsedTranscript, SpokenTurn, TranscriptFormatError, mark_overlaps
from app.i18n import _

# A quoted string (quotes doubled inside), a flag, or a number that is not an index in brackets.
_VALUE = re.compile(r'"(?P<text>(?:[^"]|"")*)"|(?P<flag><exists>|<absent>)|(?<![\w\[.])(?P<number>-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)')


@dataclass
class _Value:
    text: str | None
    number: float | None
    position: int


class _Values:
    def __init__(self, source: str):
        self.source = source
        self.values = [
            _Value(match.group("text").replace('""', '"') if match.group("text") is not None else None,
                   float(match.group("number")) if match.group("number") else None, match.start())
            for match in _VALUE.finditer(source) if not match.group("flag")
        ]
        self.index = 0

    def _next(self) -> _Value:
        if self.index >= len(self.values):
            raise TranscriptFormatError(_("the TextGrid ends too early: it is truncated."))
        self.index += 1
        return self.values[self.index - 1]

    def text(self) -> str:
        value = self._next()
        if value.text is None:
            raise self._damaged(value)
        return value.text

    def number(self) -> float:
        value = self._next()
        if value.number is None:
            raise self._damaged(value)
        return value.number

    def _damaged(self, value: _Value) -> TranscriptFormatError:
        line = self.source.count("\n", 0, value.position) + 1
        return TranscriptFormatError(_("the TextGrid is damaged near line {line}.").format(line=line))


def parse(data: bytes) -> ParsedTranscript:
    text, encoding = decode_text(data)
    if "ooBinaryFile" in text[:200]:
        raise TranscriptFormatError(_("the TextGrid is in Praat's binary format; save it from Praat as a text file."))
    values = _Values(text)
    if values.text() != "ooTextFile" or values.text() != "TextGrid":
        raise TranscriptFormatError(_("the file is not a Praat TextGrid (its first lines should say "
                                      "File type = \"ooTextFile\" and Object class = \"TextGrid\")."))
    values.number(), values.number()  # the grid's start and end
    tier_count = int(values.number())
    intervals: list[tuple[int, int, int, str, str]] = []
    for tier in range(tier_count):
        kind, name = values.text(), " ".join(values.text().split())
        values.number(), values.number()
        count = int(values.number())
        for _item in range(count):
            if kind == "IntervalTier":
                start, end, words = values.number(), values.number(), " ".join(values.text().split())
                if words:
                    intervals.append((round(start * 1000), tier, round(end * 1000), name, words))
            else:
                values.number(), values.text()
    intervals.sort()
    turns = [SpokenTurn(name, words, start, end) for start, _tier, end, name, words in intervals]
    mark_overlaps(turns)
    return ParsedTranscript("textgrid", encoding, turns)
