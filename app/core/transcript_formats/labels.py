"""Speaker labels in running text, and the assembly of labelled lines into turns.

Text, Word, LibreOffice and caption files all write who speaks the same few ways: « I : »,
« Enquêtrice : », « [00:01:02] Marie : », « [id1] », a name in bold, a name alone on its line.
Each line becomes a ``Piece`` that may carry a *candidate* label; ``assemble`` then decides which
candidates are speakers. A colon also introduces ordinary speech (« il m'a dit : viens »), so a
candidate counts only when it names a role, comes back at least twice, or when the text is
labelled throughout. A line without a label continues the turn before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from app.core.transcript_formats.parsed import SpokenTurn, mark_overlaps
from app.core.transcript_formats.roles import known_role

TIME = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LEADING_TIME = re.compile(rf"^(?P<open>[\[(])?(?P<time>{TIME})(?(open)[\])]|(?=\s|$))\s*(?:[-–]\s+)?")
_BRACKET_LABEL = re.compile(r"^\[(?P<label>[^\]\[\d\s:][^\]\[:]{0,29})\]\s*:?\s*(?P<rest>.*)$")
_COLON_LABEL = re.compile(
    rf"^(?P<label>[^\W_][^:：\[\]\n]{{0,59}}?)\s*(?:[\[(](?P<time>{TIME})[\])]\s*)?[:：]\s*(?P<rest>.*)$"
)
# « Speaker 1   00:05 » on its own line, the words below it (Otter, Zoom and Teams exports).
_LABEL_THEN_TIME = re.compile(rf"^(?P<label>[^\W_][^:\[\]\n]{{0,39}}?)\s+[\[(]?(?P<time>{TIME})[\])]?$")
_SENTENCE_END = re.compile(r"[.!?…,;]$")
MAX_LABEL_WORDS = 5
MAX_LABEL_CHARS = 40


@dataclass
class Piece:
    """One line of a document: its words, and what may be a speaker label and a time before them."""

    raw: str  # the line as written, without a leading time
    text: str = ""  # the words after the label
    label: str | None = None
    start_ms: int | None = None
    end_ms: int | None = None
    new_paragraph: bool = True
    bracketed: bool = False
    certain: bool = False  # named by the format itself (a WebVTT voice), not guessed from the text
    block: int = -1  # pieces cut from one caption cue share a block


def parse_time(value: str) -> int:
    """"01:02:03.5", "1:02" or "00:01:02,345" as milliseconds."""
    clock, _sep, fraction = value.replace(",", ".").partition(".")
    seconds = 0
    for part in clock.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + (round(float("0." + fraction) * 1000) if fraction else 0)


def plausible_label(label: str) -> bool:
    label = label.strip()
    if not label or len(label) > MAX_LABEL_CHARS or len(label.split()) > MAX_LABEL_WORDS:
        return False
    if label.isdigit() or _SENTENCE_END.search(label) or not any(char.isalpha() for char in label):
        return False
    return label.lower() not in ("http", "https", "mailto", "ftp", "www")


def split_line(line: str, new_paragraph: bool = True) -> Piece:
    """A line read for a leading time and a candidate label."""
    line = line.strip()
    start = None
    timed = _LEADING_TIME.match(line)
    if timed:
        start, line = parse_time(timed.group("time")), line[timed.end():].strip()
    piece = Piece(raw=line, text=line, start_ms=start, new_paragraph=new_paragraph)
    bracket = _BRACKET_LABEL.match(line)
    alone = _LABEL_THEN_TIME.match(line)
    colon = _COLON_LABEL.match(bracket.group("rest") if bracket else line)
    if colon and plausible_label(colon.group("label")) and not colon.group("rest").startswith("//"):
        # « [rires] E : bonjour »: the bracket is a note on what E says, E is the speaker.
        note = f"[{bracket.group('label')}] " if bracket else ""
        piece.label, piece.text = colon.group("label").strip(), note + colon.group("rest").strip()
        if colon.group("time") and start is None:
            piece.start_ms = parse_time(colon.group("time"))
    elif bracket and plausible_label(bracket.group("label")):
        piece.label, piece.text, piece.bracketed = bracket.group("label").strip(), bracket.group("rest"), True
    if alone and plausible_label(alone.group("label")) and start is None:
        piece.label, piece.text, piece.start_ms = alone.group("label").strip(), "", parse_time(alone.group("time"))
        piece.bracketed = False
    return piece


def emphasised_pieces(segments: list[tuple[str, bool]]) -> list[Piece]:
    """Pieces of one paragraph given as (text, emphasised) runs: a bold lead is a candidate label."""
    while segments and not segments[0][0].strip():
        segments = segments[1:]  # spaces before the first word carry no emphasis worth reading
    lead = ""
    for position, (text, emphasised) in enumerate(segments):
        if not emphasised:
            break
        lead += text
    else:
        position = len(segments)
    rest = "".join(text for text, _emphasised in segments[position:])
    lines = [line for line in (lead + rest).split("\n") if line.strip()]
    pieces = [split_line(line, new_paragraph=index == 0) for index, line in enumerate(lines)]
    if "\n" in lead or not rest.split("\n")[0].strip():
        return pieces
    # The bold words name the speaker even when what follows has a colon of its own.
    lead_piece = split_line(lead)
    label = lead_piece.label or lead_piece.text.rstrip(":： ").strip()
    if plausible_label(label):
        first = pieces[0]
        first.label, first.start_ms = label, lead_piece.start_ms
        first.text = rest.split("\n")[0].lstrip(" \t:：–-").strip()
        first.bracketed = False
    return pieces


def row_pieces(cells: list[str]) -> list[Piece]:
    """A table row: « name | words », or « time | name | words »."""
    cells = [" ".join(cell.split()) for cell in cells]
    cells = [cell for position, cell in enumerate(cells) if cell and cell not in cells[:position]]
    if not cells:
        return []
    start = None
    if len(cells) >= 3 and re.fullmatch(rf"[\[(]?{TIME}[\])]?", cells[0]):
        start, cells = parse_time(cells[0].strip("[]()")), cells[1:]
    if len(cells) >= 2 and plausible_label(cells[0].rstrip(":： ")):
        label, text = cells[0].rstrip(":： "), " ".join(cells[1:])
        return [Piece(raw=f"{label} : {text}", text=text, label=label, start_ms=start)]
    return [split_line(" ".join(cells))]


def accepted_labels(pieces: list[Piece]) -> set[str]:
    candidates = Counter(piece.label for piece in pieces if piece.label and not piece.bracketed)
    bracketed = Counter(piece.label for piece in pieces if piece.label and piece.bracketed)
    accepted = {label for label, count in candidates.items() if count >= 2 or known_role(label)}
    accepted |= {piece.label for piece in pieces if piece.label and piece.certain}
    if not accepted and sum(candidates.values()) * 2 >= len(pieces):
        accepted = set(candidates)  # a short exchange, every line labelled: each name may speak once
    if not accepted and sum(bracketed.values()) * 2 >= len(pieces):
        accepted = set(bracketed)  # « [id1] » only when the whole text is written that way
    return accepted


def assemble(pieces: list[Piece], merge_same_speaker: bool = False) -> list[SpokenTurn]:
    """Turns from pieces; ``merge_same_speaker`` joins consecutive captions of one speaker."""
    accepted = accepted_labels(pieces)
    turns: list[SpokenTurn] = []
    blocks: list[int] = []
    for piece in pieces:
        label = piece.label if piece.label in accepted else None
        text = piece.text if label is not None else piece.raw
        current = turns[-1] if turns else None
        if label is None and piece.start_ms is not None:
            # A new timed segment with no name: the same speaker goes on when the text names speakers.
            label = current.label if current is not None and accepted else ""
        if label is None:
            if current is None:
                turns.append(SpokenTurn("", text, piece.start_ms, piece.end_ms))
                blocks.append(piece.block)
            else:
                _append(current, text, "\n" if piece.new_paragraph else " ")
            continue
        if merge_same_speaker and current is not None and label and current.label == label:
            _append(current, text, " ")
            current.end_ms = piece.end_ms if piece.end_ms is not None else current.end_ms
            continue
        turns.append(SpokenTurn(label, text, piece.start_ms, piece.end_ms))
        blocks.append(piece.block)
    return _finish(turns, blocks)


def _finish(turns: list[SpokenTurn], blocks: list[int]) -> list[SpokenTurn]:
    """Drop empty turns, end each timed turn where the next begins if nothing says otherwise."""
    kept = [(turn, block) for turn, block in zip(turns, blocks) if turn.text.strip()]
    for (turn, _block), (following, _next_block) in zip(kept, kept[1:]):
        if turn.end_ms is None and turn.start_ms is not None and following.start_ms is not None:
            turn.end_ms = max(turn.start_ms, following.start_ms)
    result = [turn for turn, _block in kept]
    for turn in result:
        turn.text = turn.text.strip()
    mark_overlaps(result)
    # Speakers cut from one caption cue share its times without speaking at once.
    for (turn, block), (previous, previous_block) in zip(kept[1:], kept):
        if block >= 0 and block == previous_block:
            turn.overlaps_previous = False
    return result


def _append(turn: SpokenTurn, text: str, separator: str) -> None:
    text = text.strip()
    if text:
        turn.text = f"{turn.text}{separator}{text}" if turn.text.strip() else text
