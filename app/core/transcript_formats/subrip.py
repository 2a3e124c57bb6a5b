"""SubRip subtitles (.srt), as Whisper writes them: numbered cues with times, a speaker only when
the text starts with « Name: »."""

from __future__ import annotations

from app.core.transcript_formats.captions import cues_from_blocks, turns_from_cues
from app.core.transcript_formats.encoding import decode_text
from app.core.transcript_formats.parsed import ParsedTranscript, TranscriptFormatError
from app.i18n import _


def parse(data: bytes) -> ParsedTranscript:
    text, encoding = decode_text(data)
    cues = cues_from_blocks(text.lstrip("\ufeff"))
    if not cues:
        raise TranscriptFormatError(_("the SubRip file holds no subtitle (no line such as "
                                      "00:00:01,000 --> 00:00:04,000)."))
    return ParsedTranscript("srt", encoding, turns_from_cues(cues))
