"""Which reader a file needs: its extension says, its first bytes confirm or refuse.

Files that are not transcripts at all (a PDF, an old .doc, a recording) are named for what they
are, with what to do, rather than read as garbled text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from app.core.transcript_formats import opendocument, plain_text, praat, subrip, transcriber, webvtt, word
from app.core.transcript_formats.captions import TIMING
from app.core.transcript_formats.parsed import MAX_FILE_BYTES, ParsedTranscript, TranscriptFormatError
from app.i18n import N_, _

FORMAT_NAMES = {
    "txt": N_("plain text"), "md": N_("Markdown"), "docx": N_("Word document"), "odt": N_("OpenDocument text"),
    "vtt": N_("WebVTT captions"), "srt": N_("SubRip subtitles"), "trs": N_("Transcriber"), "textgrid": N_("Praat TextGrid"),
}
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".docx": "docx", ".odt": "odt",
    ".vtt": "vtt", ".srt": "srt", ".trs": "trs", ".textgrid": "textgrid",
}
READERS: dict[str, Callable[[bytes], ParsedTranscript]] = {
    "txt": plain_text.parse, "md": lambda data: plain_text.parse(data, markdown=True), "docx": word.parse,
    "odt": opendocument.parse, "vtt": webvtt.parse, "srt": subrip.parse, "trs": transcriber.parse,
    "textgrid": praat.parse,
}
ZIP_MAGIC = b"PK\x03\x04"
_NOT_TRANSCRIPTS = (
    (b"%PDF", N_("it is a PDF. Copy its text into a .txt or .docx file, or export it as text, then import that.")),
    (b"\xd0\xcf\x11\xe0", N_("it is an old Word (.doc) file or another Office binary. Save it as .docx and import that.")),
    (b"{\\rtf", N_("it is an RTF document. Save it as .docx or .odt and import that.")),
    (b"\x89PNG", N_("it is a picture, not a transcript.")),
    (b"\xff\xd8\xff", N_("it is a picture, not a transcript.")),
    (b"GIF8", N_("it is a picture, not a transcript.")),
    (b"ID3", N_("it is an audio recording. Transcribe it first, then import the transcript.")),
    (b"OggS", N_("it is an audio recording. Transcribe it first, then import the transcript.")),
    (b"fLaC", N_("it is an audio recording. Transcribe it first, then import the transcript.")),
    (b"RIFF", N_("it is an audio or video recording. Transcribe it first, then import the transcript.")),
)


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)


def parse_transcript(name: str, data: bytes) -> ParsedTranscript:
    """The turns of a file's content; ``name`` is the file's name, for its extension."""
    if not data:
        raise TranscriptFormatError(_("the file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise TranscriptFormatError(_("the file is larger than {size} MB; Terrain imports transcripts up to that "
                                      "size. Split it into one file per interview.")
                                    .format(size=MAX_FILE_BYTES // (1024 * 1024)))
    kind = detect_format(name, data)
    parsed = READERS[kind](data)
    if not any(turn.text.strip() for turn in parsed.turns):
        raise TranscriptFormatError(_("no speech was found in it: the {format} file holds no text.")
                                    .format(format=_(FORMAT_NAMES[kind])))
    return parsed


def detect_format(name: str, data: bytes) -> str:
    for magic, reason in _NOT_TRANSCRIPTS:
        if data.startswith(magic):
            raise TranscriptFormatError(_(reason))
    if data[4:8] == b"ftyp":
        raise TranscriptFormatError(_("it is an audio or video recording. Transcribe it first, then import the transcript."))
    extension = PurePath(name).suffix.lower()
    kind = EXTENSIONS.get(extension) or _sniff(data)
    if kind is None and extension:
        raise TranscriptFormatError(_("Terrain does not know the {extension} format. It imports {extensions}.")
                                    .format(extension=extension, extensions=", ".join(supported_extensions())))
    if kind is None:
        raise TranscriptFormatError(_("the file has no extension and its content is not a format Terrain knows. "
                                      "It imports {extensions}.").format(extensions=", ".join(supported_extensions())))
    if kind in ("docx", "odt") and not data.startswith(ZIP_MAGIC):
        raise TranscriptFormatError(_("the {format} is damaged or not really one: it does not start as a "
                                      "document archive does.").format(format=_(FORMAT_NAMES[kind])))
    if kind == "txt":
        kind = _sniff(data, text_only=True) or kind  # a .txt saved from captions keeps its times
    return kind


def _sniff(data: bytes, text_only: bool = False) -> str | None:
    head = data[:4096]
    if not text_only and head.startswith(ZIP_MAGIC):
        if b"word/" in data[:65536] or b"[Content_Types].xml" in head:
            return "docx"
        if b"application/vnd.oasis.opendocument.text" in head:
            return "odt"
        return None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WEBVTT"):
        return "vtt"
    lines = start.decode("latin-1").splitlines()
    if len(lines) > 1 and lines[0].strip().isdigit() and TIMING.match(lines[1]):
        return "srt"
    if text_only:
        return None
    if b"ooTextFile" in head and b"TextGrid" in head:
        return "textgrid"
    if b"<Trans" in head:
        return "trs"
    return None
