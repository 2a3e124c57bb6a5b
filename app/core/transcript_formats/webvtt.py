"""WebVTT captions (.vtt): Teams and YouTube name speakers with « <v Name> », Zoom with « Name: »."""

from __future__ import annotations

from app.core.transcript_formats.captions import cues_from_blocks, turns_from_cues
from app.core.transcript_formats.encoding import decode_text
from app.core.transcript_formats.parsed import ParsedTranscript, TranscriptFormatError
from app.i18n import _


def parse(data: bytes) -> ParsedTranscript:
    text, encoding = decode_text(data)
    text = text.lstrip("\ufeff")
    if not text.startswith("WEBVTT"):
        raise TranscriptFormatError(_("the file does not begin with WEBVTT, so it is not a WebVTT caption file."))
    # NOTE, STYLE and REGION blocks hold no timing line, so reading cues passes them by.
    cues = cues_from_blocks(text)
    if not cues:
        raise TranscriptFormatError(_("the WebVTT file holds no cue (no line such as "
                                      "00:00:01.000 --> 00:00:04.000)."))
    return ParsedTranscript("vtt", encoding, turns_from_cues(cues))
