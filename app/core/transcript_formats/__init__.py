"""Transcript files read into speaker turns: plain text, Markdown, Word, OpenDocument, WebVTT,
SubRip, Transcriber and Praat. Bytes in, turns out: no file access, no database, no screen."""

from app.core.transcript_formats.detect import FORMAT_NAMES, parse_transcript, supported_extensions
from app.core.transcript_formats.parsed import (
    MAX_FILE_BYTES,
    ParsedTranscript,
    SpokenTurn,
    TranscriptFormatError,
)
from app.core.transcript_formats.roles import SpeakerSummary, propose_roles, summarise_speakers

__all__ = [
    "FORMAT_NAMES", "MAX_FILE_BYTES", "ParsedTranscript", "SpeakerSummary", "SpokenTurn", "TranscriptFormatError",
    "parse_transcript", "propose_roles", "summarise_speakers", "supported_extensions",
]
