"""What WebVTT and SubRip captions share: timed cues cut into speaker turns.

Captions are cut for reading on screen, a line or two at a time, not by speaker; so consecutive
cues of one speaker make one turn, running from the first cue's start to the last one's end. A
cue without a name continues the speaker before it when the file names speakers at all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from app.core.transcript_formats.labels import TIME, Piece, assemble, parse_time, split_line
from app.core.transcript_formats.parsed import SpokenTurn

TIMING = re.compile(rf"^\s*(?P<start>{TIME})\s*-->\s*(?P<end>{TIME})")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:\s+(?P<name>[^>]*))?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")


@dataclass
class Cue:
    start_ms: int
    end_ms: int
    lines: list[str]


def cues_from_blocks(text: str) -> list[Cue]:
    """Every block of lines holding a timing line, with the lines below it."""
    cues = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = block.split("\n")
        for position, line in enumerate(lines):
            timing = TIMING.match(line)
            if timing:
                cues.append(Cue(parse_time(timing.group("start")), parse_time(timing.group("end")),
                                [line for line in lines[position + 1:] if line.strip()]))
                break
    return cues


def turns_from_cues(cues: list[Cue]) -> list[SpokenTurn]:
    pieces = []
    for block, cue in enumerate(cues):
        for voice, text in _voices(" ".join(line.strip() for line in cue.lines)):
            text = " ".join(html.unescape(_TAG.sub("", text)).split())
            if not text:
                continue
            piece = split_line(text, new_paragraph=False) if voice is None else Piece(
                raw=text, text=text, label=voice, certain=True)
            piece.start_ms, piece.end_ms, piece.block = cue.start_ms, cue.end_ms, block
            pieces.append(piece)
    return assemble(pieces, merge_same_speaker=True)


def _voices(text: str) -> list[tuple[str | None, str]]:
    """A cue's text cut at each « <v Name> »: the name (None before any) and the words it says."""
    parts: list[tuple[str | None, str]] = []
    voice, position = None, 0
    for match in _VOICE.finditer(text):
        parts.append((voice, text[position:match.start()]))
        voice, position = " ".join(html.unescape(match.group("name") or "").split()) or None, match.end()
    parts.append((voice, text[position:]))
    return [(voice, words) for voice, words in parts if words.strip()]
