"""Participants (pseudonymous), their identities (kept apart), consent and sampling quotas."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.records import Record, require_one_of

CONSENT_METHODS = ("written", "oral", "witnessed")
CONSENT_GIVERS = ("participant", "representative")
CONSENT_SCOPES = ("interview", "recording", "quotes")


@dataclass(kw_only=True)
class Participant(Record):
    study_id: str
    code: str
    territory_id: str | None = None
    profile: str = ""
    gender: str = ""
    age_band: str = ""
    seniority: str = ""
    sector: str = ""
    attributes: dict = field(default_factory=dict)
    status: str = "active"
    withdrawn_at: str | None = None

    @property
    def is_withdrawn(self) -> bool:
        return self.status == "withdrawn"


@dataclass(kw_only=True)
class Identity:
    """A participant's real identity. Lives only in the identity store."""

    participant_id: str
    full_name: str = ""
    contact: str = ""
    address: str = ""
    created_at: str = ""
    updated_at: str = ""


@dataclass(kw_only=True)
class Consent(Record):
    participant_id: str
    given_on: str
    method: str
    given_by: str = "participant"
    representative_relation: str = ""
    scope_interview: bool = False
    scope_recording: bool = False
    scope_quotes: bool = False
    retention_months: int | None = None
    text_version: str = ""
    withdrawn_at: str | None = None

    def __post_init__(self):
        require_one_of(self.method, CONSENT_METHODS, "consent method")
        require_one_of(self.given_by, CONSENT_GIVERS, "consent giver")

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def allows(self, scope: str) -> bool:
        if scope not in CONSENT_SCOPES:
            raise ValueError(f"unknown consent scope {scope!r}")
        return self.is_active and bool(getattr(self, f"scope_{scope}"))


@dataclass(kw_only=True)
class Quota(Record):
    study_id: str
    target: int
    territory_id: str | None = None
    profile: str = ""
