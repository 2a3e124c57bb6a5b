"""Keeping coded spans on their words when the text under them changes.

A coding is a span ``[start, end)`` of a transcript's full text, in code points. When the text is
edited, an :class:`EditScript` says which parts of the old text became which parts of the new one,
and every span is carried through it:

- text outside the changes keeps its span, shifted by what was inserted or deleted before it;
- an insertion strictly inside a span makes it longer; an insertion at either edge stays outside;
- a span partly deleted shrinks to what is left of it;
- a span that starts or ends inside replaced text stretches over the whole replacement: a coding
  never loses a word that survived, and a word replaced by a pseudonym stays coded;
- a span whose every code point was deleted is *orphaned*: it keeps a one-code-point marker at
  the place where its text was, for a person to look at; its offsets mean nothing else.

Edits of one turn are diffed with difflib on code points, after the common beginning and end are
set aside (so that a small edit in a long turn costs little and stays where it was made). When
the same text repeats, which copy was deleted cannot be told from the texts alone; the diff then
picks one, and the property tests state the guarantees in these terms.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

# Above these products of lengths, difflib would keep a person waiting (it is quadratic).
CHAR_DIFF_LIMIT = 4_000_000
TOKEN_DIFF_LIMIT = 16_000_000
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.DOTALL)


@dataclass(frozen=True)
class Change:
    """``old[old_start:old_end]`` became ``new[new_start:new_end]`` (either side may be empty)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class AnchoredSpan:
    start: int
    end: int
    orphaned: bool = False


class EditScript:
    """The changes that turn a text of ``old_length`` code points into one of ``new_length``."""

    def __init__(self, changes: list[Change], old_length: int, new_length: int):
        self.changes = _merged(sorted(changes, key=lambda change: (change.old_start, change.old_end)))
        self.old_length = old_length
        self.new_length = new_length
        self._starts = [change.old_start for change in self.changes]
        _check(self)

    # building ------------------------------------------------------------------------------
    @classmethod
    def between(cls, old: str, new: str) -> "EditScript":
        """The changes between two texts, as difflib sees them code point by code point."""
        prefix = _common_prefix(old, new)
        suffix = _common_prefix(old[prefix:][::-1], new[prefix:][::-1])
        old_middle, new_middle = old[prefix:len(old) - suffix], new[prefix:len(new) - suffix]
        changes = [Change(prefix + c.old_start, prefix + c.old_end, prefix + c.new_start, prefix + c.new_end)
                   for c in _middle_changes(old_middle, new_middle)]
        return cls(changes, len(old), len(new))

    @classmethod
    def from_replacements(cls, old_length: int, replacements: list[tuple[int, int, int]]) -> "EditScript":
        """Known replacements ``(start, end, new_length)`` of the old text, not overlapping."""
        changes, shift = [], 0
        for start, end, length in sorted(replacements):
            changes.append(Change(start, end, start + shift, start + shift + length))
            shift += length - (end - start)
        return cls(changes, old_length, old_length + shift)

    def within(self, offset: int, old_total: int) -> "EditScript":
        """This script, made for a part starting at ``offset``, as a script of the whole text."""
        shift = self.new_length - self.old_length
        changes = [
            Change(c.old_start + offset, c.old_end + offset, c.new_start + offset, c.new_end + offset)
            for c in self.changes
        ]
        return EditScript(changes, old_total, old_total + shift)

    @property
    def is_identity(self) -> bool:
        return not self.changes

    # mapping ---------------------------------------------------------------------------------
    def _last_change_at(self, position: int) -> Change | None:
        index = bisect.bisect_right(self._starts, position) - 1
        return self.changes[index] if index >= 0 else None

    def map_start(self, position: int) -> int:
        """Where a span beginning at old ``position`` begins in the new text."""
        change = self._last_change_at(position)
        if change is None:
            return position
        if position < change.old_end:
            return change.new_start
        return position + change.new_end - change.old_end

    def map_end(self, position: int) -> int:
        """Where a span ending (exclusive) at old ``position`` ends in the new text."""
        last = position - 1
        change = self._last_change_at(last)
        if change is None:
            return position
        if last < change.old_end:
            return change.new_end
        return position + change.new_end - change.old_end

    def map_span(self, start: int, end: int, orphaned: bool = False) -> AnchoredSpan:
        """Carry one span through the changes (an orphaned span's marker moves, and stays orphaned)."""
        start = min(max(start, 0), self.old_length)
        end = min(max(end, start), self.old_length)
        if not orphaned and start < end:
            new_start, new_end = self.map_start(start), self.map_end(end)
            if new_start < new_end:
                return AnchoredSpan(new_start, new_end)
            return _marker(new_start, self.new_length)
        return _marker(self.map_start(start) if start < self.old_length else self.new_length, self.new_length)


def remap_spans(old: str, new: str, spans: list[tuple[int, int]]) -> list[AnchoredSpan]:
    """Every span of ``old`` carried into ``new``."""
    script = EditScript.between(old, new)
    return [script.map_span(start, end) for start, end in spans]


def _marker(position: int, length: int) -> AnchoredSpan:
    """An orphaned span: one code point where the text was, inside the text whenever it has any."""
    start = max(0, min(position, length - 1))
    return AnchoredSpan(start, start + 1, orphaned=True)


def _middle_changes(old: str, new: str) -> list[Change]:
    """What differs between two texts that differ from their first to their last code point.

    difflib's cost grows with the product of the lengths: beyond a few thousand code points
    rewritten, the texts are compared word by word, and beyond that the whole middle counts as
    one replacement (a coding inside it then covers the new text, it is never lost).
    """
    if not old or not new:
        return [Change(0, len(old), 0, len(new))] if old or new else []
    if len(old) * len(new) <= CHAR_DIFF_LIMIT:
        # autojunk off: in French text, spaces and "e" are common enough to be taken for junk.
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        return [Change(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(old_tokens) * len(new_tokens) > TOKEN_DIFF_LIMIT:
        return [Change(0, len(old), 0, len(new))]
    old_at, new_at = _starts(old_tokens), _starts(new_tokens)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    return [Change(old_at[i1], old_at[i2], new_at[j1], new_at[j2])
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _starts(tokens: list[str]) -> list[int]:
    """Where each token starts, and where the text ends."""
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token)
    starts.append(offset)
    return starts


def _common_prefix(a: str, b: str) -> int:
    limit = min(len(a), len(b))
    low, high = 0, limit
    # Compare by halves: slices are compared in C, much faster than a Python loop on long texts.
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _merged(changes: list[Change]) -> list[Change]:
    """Touching changes become one, so that no two changes begin at the same old position."""
    merged: list[Change] = []
    for change in changes:
        last = merged[-1] if merged else None
        if last and change.old_start == last.old_end and change.new_start == last.new_end:
            merged[-1] = Change(last.old_start, change.old_end, last.new_start, change.new_end)
        else:
            merged.append(change)
    return merged


def _check(script: EditScript) -> None:
    previous_old = previous_new = 0
    for change in script.changes:
        if not (previous_old <= change.old_start <= change.old_end <= script.old_length):
            raise ValueError(f"changes overlap or leave the old text: {change}")
        if change.new_start - change.old_start != previous_new - previous_old:
            raise ValueError(f"a change is not where the earlier ones put it: {change}")
        previous_old, previous_new = change.old_end, change.new_end
    if script.new_length - script.old_length != previous_new - previous_old:
        raise ValueError("the new length does not follow from the changes")
