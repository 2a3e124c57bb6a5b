"""What every transcript reader hands back: speaker turns, the format and the encoding found."""

from __future__ import annotations

from dataclasses import dataclass, field

# A transcript of several hours is a few megabytes of text; anything near these sizes is not one,
# and reading it whole would hold the application for a long time.
MAX_FILE_BYTES = 50 * 1024 * 1024
# What a .docx or .odt may unpack to: its text part, and everything in the archive together.
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class TranscriptFormatError(ValueError):
    """The content cannot be read as a transcript; the message says why, for a person to act on."""


@dataclass
class SpokenTurn:
    label: str
    text: str
    start_ms: int | None = None
    end_ms: int | None = None
    overlaps_previous: bool = False


@dataclass
class ParsedTranscript:
    format: str  # a key of detect.FORMAT_NAMES
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "windows-1252", "iso-8859-1"...
    turns: list[SpokenTurn] = field(default_factory=list)

    def labels(self) -> list[str]:
        """Speaker labels in the order they first speak."""
        return list(dict.fromkeys(turn.label for turn in self.turns))


def seconds_to_ms(value: str | float | None) -> int | None:
    if value is None or value == "":
        return None
    return round(float(value) * 1000)


def mark_overlaps(turns: list[SpokenTurn]) -> None:
    """A timed turn that starts before another speaker has finished overlaps that speech."""
    latest_end: dict[str, int] = {}
    for turn in turns:
        if turn.start_ms is not None:
            others = [end for label, end in latest_end.items() if label != turn.label]
            if others and turn.start_ms < max(others):
                turn.overlaps_previous = True
        if turn.end_ms is not None:
            latest_end[turn.label] = max(turn.end_ms, latest_end.get(turn.label, turn.end_ms))
