"""The codebook, coders, codings and memos."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.records import Record, require_one_of

MEMO_TARGETS = ("project", "code", "transcript", "participant", "interview", "coding")


@dataclass(kw_only=True)
class Code(Record):
    study_id: str
    name: str
    parent_id: str | None = None
    definition: str = ""
    include_rule: str = ""
    exclude_rule: str = ""
    example: str = ""
    colour: str = "#888888"
    position: int = 0
    deleted_at: str | None = None
    keywords: str = ""  # one per line, for assisted coding
    example_phrases: str = ""  # one per line, for assisted coding


@dataclass(kw_only=True)
class Coder(Record):
    study_id: str
    name: str
    initials: str = ""


@dataclass(kw_only=True)
class Coding(Record):
    """A span of a transcript's full text, [start_offset, end_offset) in code points, given a code."""

    transcript_id: str
    code_id: str
    coder_id: str
    start_offset: int
    end_offset: int
    memo: str = ""
    quotable: bool = False
    anchor_status: str = "ok"

    def __post_init__(self):
        if self.start_offset < 0 or self.end_offset <= self.start_offset:
            raise ValueError(f"a coding needs 0 <= start < end, got [{self.start_offset}, {self.end_offset})")


@dataclass(kw_only=True)
class Memo(Record):
    study_id: str
    target_kind: str
    written_on: str
    target_id: str | None = None
    title: str = ""
    body: str = ""
    author: str = ""

    def __post_init__(self):
        require_one_of(self.target_kind, MEMO_TARGETS, "memo target")


@dataclass(kw_only=True)
class CodingPass(Record):
    """One coder's pass over one transcript; ``done_at`` is set once the coder is done with it."""

    coder_id: str
    transcript_id: str
    done_at: str | None = None


SUGGESTION_DECISIONS = ("accepted", "rejected")


@dataclass(kw_only=True)
class SuggestionDecision(Record):
    """The analyst's decision on a suggested segment; an accepted one points to the coding it made."""

    code_id: str
    transcript_id: str
    coder_id: str
    start_offset: int
    end_offset: int
    decision: str
    coding_id: str | None = None

    def __post_init__(self):
        require_one_of(self.decision, SUGGESTION_DECISIONS, "suggestion decision")


@dataclass(kw_only=True)
class FrameworkCell(Record):
    """Framework analysis: the analyst's summary of what one participant says about one theme."""

    code_id: str
    participant_id: str
    summary: str = ""
    author: str = ""
