"""Transcriber files (.trs): XML, usually ISO-8859-1, with a list of speakers and timed turns.

A turn spoken by two people at once names both (speaker="spk1 spk2") and marks who says what
with ``<Who nb="1"/>``, ``<Who nb="2"/>``; each voice becomes a turn of its own, the second
marked as overlapping the first. Sync marks cut a turn for the audio only; events (laughter,
noises) and comments are not words spoken, so they stay out of the text.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from app.core.transcript_formats.encoding import decode_xml
from app.core.transcript_formats.parsed import ParsedTranscript, SpokenTurn, TranscriptFormatError, seconds_to_ms
from app.core.transcript_formats.safe_xml import parse_xml
from app.i18n import _


def parse(data: bytes) -> ParsedTranscript:
    text, encoding = decode_xml(data)
    root = parse_xml(text)
    if root.tag != "Trans":
        raise TranscriptFormatError(_("the XML is not a Transcriber file (its root element is {tag}, not Trans).")
                                    .format(tag=root.tag))
    speakers = {speaker.get("id", ""): " ".join((speaker.get("name") or speaker.get("id", "")).split())
                for speaker in root.iter("Speaker")}
    turns: list[SpokenTurn] = []
    for turn in root.iter("Turn"):
        try:
            start, end = seconds_to_ms(turn.get("startTime")), seconds_to_ms(turn.get("endTime"))
        except (ValueError, OverflowError):
            raise TranscriptFormatError(_("a Turn of the Transcriber file has a time that is not a number "
                                          "({start}).").format(start=turn.get("startTime"))) from None
        ids = (turn.get("speaker") or "").split()
        spoken = 0
        for number, words in sorted(_voices(turn).items()):
            words = " ".join(words.split())
            if not words:
                continue
            speaker = ids[number - 1] if 0 < number <= len(ids) else ""
            turns.append(SpokenTurn(speakers.get(speaker, speaker), words, start, end, overlaps_previous=spoken > 0))
            spoken += 1
    return ParsedTranscript("trs", encoding, turns)


def _voices(turn: Element) -> dict[int, str]:
    """The words of a turn by voice number; one voice (number 1) unless ``Who`` marks say otherwise."""
    voices: dict[int, list[str]] = {1: [turn.text or ""]}
    current = 1
    for child in turn:
        if child.tag == "Who":
            number = child.get("nb", "1")
            current = int(number) if number.isdigit() else 1
        voices.setdefault(current, []).append(child.tail or "")
    return {number: " ".join(parts) for number, parts in voices.items()}
