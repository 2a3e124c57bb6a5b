"""Speaker-labelled plain text: one turn per paragraph, ``[hh:mm:ss] Label : text``.

The timestamp is optional; the label is what stands before the first colon of the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TURN = re.compile(
    r"^(?:\[(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})\]\s*)?"
    r"(?P<label>[^\s:\[][^:\n]{0,60}?)\s*:\s+(?P<text>.+)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class LabelledTurn:
    label: str
    text: str
    start_ms: int | None


def parse_labelled_text(text: str) -> list[LabelledTurn]:
    """Cut text into turns; a paragraph without a label continues the previous turn."""
    turns: list[LabelledTurn] = []
    for paragraph in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        paragraph = " ".join(line.strip() for line in paragraph.strip().splitlines())
        if not paragraph:
            continue
        match = _TURN.match(paragraph)
        if match:
            start = None
            if match.group("h") is not None:
                start = (int(match.group("h")) * 3600 + int(match.group("m")) * 60 + int(match.group("s"))) * 1000
            turns.append(LabelledTurn(match.group("label").strip(), match.group("text").strip(), start))
        elif turns:
            last = turns[-1]
            turns[-1] = LabelledTurn(last.label, f"{last.text} {paragraph}", last.start_ms)
        else:
            turns.append(LabelledTurn("", paragraph, None))
    return turns
