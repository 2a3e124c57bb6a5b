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
