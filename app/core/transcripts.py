"""Transcripts and their speaker turns."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.records import Record

SPEAKER_ROLES = ("interviewer", "participant", "third_party", "unknown")
TURN_SEPARATOR = "\n"


@dataclass(kw_only=True)
class Transcript(Record):
    study_id: str
    title: str
    imported_at: str
    interview_id: str | None = None
    language: str = "fr"
    source_name: str = ""
    source_format: str = ""
    source_encoding: str = ""
    source_sha256: str = ""
    pseudonymised: bool = False


@dataclass(kw_only=True)
class Turn(Record):
    transcript_id: str
    position: int
    text: str
    speaker_label: str = ""
    speaker_role: str = "unknown"
    start_ms: int | None = None
    end_ms: int | None = None
    char_start: int = 0
    overlaps_previous: bool = False

    @property
    def char_end(self) -> int:
        return self.char_start + len(self.text)


def assign_char_starts(turns: list[Turn]) -> None:
    """Set each turn's offset in the transcript's full text (turns joined by a newline)."""
    offset = 0
    for turn in turns:
        turn.char_start = offset
        offset += len(turn.text) + len(TURN_SEPARATOR)


def full_text(turns: list[Turn]) -> str:
    return TURN_SEPARATOR.join(turn.text for turn in turns)
