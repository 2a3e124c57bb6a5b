"""Read-only rows for lists and dashboards: one flat record per line shown on screen.

The store's views fill them with joins, so a screen never has to piece together codes, names and
counts from several tables. They carry pseudonymous codes only, never a real name.
"""

from __future__ import annotations

from dataclasses import dataclass


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide (no words, no target)."""
    return part / whole if whole else None


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    code: str
    label: str
    level: str
    dimension: str
    definition: str
    unit: str
    target: float | None
    direction: str
    source_kind: str
    source_label: str
    position: int


@dataclass(frozen=True)
class ParticipantRow:
    id: str
    code: str
    territory: str
    profile: str
    gender: str
    age_band: str
    seniority: str
    sector: str
    withdrawn: bool
    consent_on: str | None
    consent_scopes: tuple[str, ...]
    consent_by_representative: bool
    consent_withdrawn: bool
    completed_interviews: int


@dataclass(frozen=True)
class QuotaRow:
    territory: str
    profile: str
    target: int
    recruited: int
    interviewed: int


@dataclass(frozen=True)
class InterviewRow:
    id: str
    participant_code: str
    participant_withdrawn: bool
    interviewer: str
    wave: str
    place: str
    started_at: str | None
    mode: str
    duration_seconds: float | None
    status: str
    has_field_note: bool
    notes: int


@dataclass(frozen=True)
class NoteRow:
    offset_ms: int
    question: str
    text: str
    third_party: bool
    kind: str = "note"  # or "probe": a neutral probe the interviewer used


@dataclass(frozen=True)
class TranscriptRow:
    id: str
    title: str
    participant_code: str
    participant_withdrawn: bool
    turns: int
    words: int
    interviewer_words: int
    language: str
    source_name: str
    source_format: str
    imported_at: str

    @property
    def interviewer_share(self) -> float | None:
        return share(self.interviewer_words, self.words)


@dataclass(frozen=True)
class CodeRow:
    id: str
    parent_id: str | None
    name: str
    colour: str
    definition: str
    include_rule: str
    exclude_rule: str
    example: str
    position: int
    codings: int
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class CoderRow:
    id: str
    name: str
    initials: str
    codings: int
    transcripts: int


@dataclass(frozen=True)
class ThemeCount:
    code_id: str
    name: str
    colour: str
    codings: int
    transcripts: int
    participants: int


@dataclass(frozen=True)
class StudyCounts:
    """Totals for analysis: withdrawn participants' interviews and transcripts are left out."""

    participants: int
    withdrawn_participants: int
    interviews: int
    completed_interviews: int
    transcripts: int
    words: int
    codings: int
    themes: int
    quotable_codings: int


@dataclass(frozen=True)
class LedgerRow:
    at: str
    direction: str
    kind: str
    status: str
    device: str
    file_name: str
    seq_from: int | None
    seq_to: int | None
    reason: str
