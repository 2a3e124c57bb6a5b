"""Participants, their consent, withdrawal and erasure.

Codes are pseudonymous; a real name, contact or address goes to the identity store only. A
withdrawn participant's data leaves analysis at once; erasure deletes it for good and leaves
an audit entry that names the code, never the person.
"""

from __future__ import annotations

import re
from datetime import date

from app.core.participants import CONSENT_SCOPES, Consent, Identity, Participant
from app.core.records import utc_now
from app.core.study import VocabularyItem
from app.i18n import _
from app.store.project import Project

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


class DuplicateCodeError(ValueError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(_("A participant with the code {code} already exists; choose another code.").format(code=code))


class InvalidCodeError(ValueError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(_("“{code}” cannot be a participant code: use up to 32 letters, digits, dashes or dots, "
                           "without spaces (for example LYO-07).").format(code=code))


class UnknownParticipantError(LookupError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(_("No participant has the code {code}.").format(code=code))


def by_code(project: Project, code: str) -> Participant:
    participant = project.participants.first("code = ?", [code])
    if participant is None:
        raise UnknownParticipantError(code)
    return participant


def profiles(project: Project) -> list[VocabularyItem]:
    return project.vocabulary.find("kind = 'profile'", order_by="position")


def next_code(project: Project, territory_id: str | None) -> str:
    """The next free code for a territory: its prefix and the next number (LYO-07)."""
    prefix = project.territories.get(territory_id).code if territory_id else "P"
    numbers = []
    for (code,) in project.db.execute("SELECT code FROM participant WHERE code LIKE ?", [f"{prefix}-%"]):
        tail = code[len(prefix) + 1:]
        if tail.isdigit():
            numbers.append(int(tail))
    return f"{prefix}-{max(numbers, default=0) + 1:02d}"


def add_participant(project: Project, code: str, territory_id: str | None, profile: str, *, gender: str = "",
                    age_band: str = "", seniority: str = "", sector: str = "", attributes: dict | None = None,
                    full_name: str = "", contact: str = "", address: str = "") -> Participant:
    code = code.strip()
    if not _CODE.match(code):
        raise InvalidCodeError(code)
    if project.participants.count("code = ?", [code]):
        raise DuplicateCodeError(code)
    if territory_id is not None:
        project.territories.get(territory_id)
    participant = Participant(study_id=project.study().id, code=code, territory_id=territory_id, profile=profile,
                              gender=gender, age_band=age_band, seniority=seniority, sector=sector,
                              attributes=attributes or {})
    with project.transaction():
        project.participants.insert(participant)
        if any(value.strip() for value in (full_name, contact, address)):
            project.identities.put(Identity(participant_id=participant.id, full_name=full_name.strip(),
                                            contact=contact.strip(), address=address.strip()))
        project.audit("participant_added", "participant", participant.id, code=code)
    return participant


def record_consent(project: Project, participant_id: str, *, given_on: str | None = None, method: str,
                   given_by: str = "participant", representative_relation: str = "",
                   scopes: tuple[str, ...] | list[str] | set[str] = ("interview",), retention_months: int | None = None,
                   text_version: str = "") -> Consent:
    unknown = set(scopes) - set(CONSENT_SCOPES)
    if unknown:
        raise ValueError(f"unknown consent scopes {sorted(unknown)}; expected some of {CONSENT_SCOPES}")
    if given_by == "representative" and not representative_relation.strip():
        raise ValueError(_("Say who gave consent on the participant's behalf (for example: daughter, legal guardian)."))
    project.participants.get(participant_id)
    consent = Consent(participant_id=participant_id, given_on=given_on or date.today().isoformat(), method=method,
                      given_by=given_by, representative_relation=representative_relation.strip(),
                      scope_interview="interview" in scopes, scope_recording="recording" in scopes,
                      scope_quotes="quotes" in scopes, retention_months=retention_months, text_version=text_version)
    with project.transaction():
        project.consents.insert(consent)
        project.audit("consent_recorded", "participant", participant_id, scopes=sorted(scopes), method=method)
    return consent


def current_consent(project: Project, participant_id: str) -> Consent | None:
    """The latest consent still in force, if any."""
    return project.consents.first("participant_id = ? AND withdrawn_at IS NULL", [participant_id],
                                  order_by="given_on DESC, created_at DESC")


def withdraw(project: Project, participant_id: str, actor: str = "") -> Participant:
    participant = project.participants.get(participant_id)
    if participant.is_withdrawn:
        return participant
    now = utc_now()
    participant.status, participant.withdrawn_at = "withdrawn", now
    with project.transaction():
        project.participants.update(participant)
        project.db.execute("UPDATE consent SET withdrawn_at = ?, updated_at = ? "
                           "WHERE participant_id = ? AND withdrawn_at IS NULL", [now, now, participant_id])
        project.audit("participant_withdrawn", "participant", participant_id, actor=actor, code=participant.code)
    return participant


def erase(project: Project, participant_id: str, actor: str = "") -> None:
    """Delete a participant and everything recorded about them, for good."""
    participant = project.participants.get(participant_id)
    interviews = [i.id for i in project.interviews.find("participant_id = ?", [participant_id])]
    marks = ",".join("?" for _ in interviews)
    transcripts = [t.id for t in project.transcripts.find(f"interview_id IN ({marks})", interviews)] if interviews else []
    targets = [("participant", participant_id)] + [("interview", i) for i in interviews] + [("transcript", t) for t in transcripts]
    with project.transaction():
        # A transcript only loses its interview link when the interview goes, so it is deleted first;
        # memos point at their object by id alone, so they are deleted by hand.
        project.db.conn.executemany("DELETE FROM transcript WHERE id = ?", [(t,) for t in transcripts])
        project.db.conn.executemany("DELETE FROM memo WHERE target_kind = ? AND target_id = ?", targets)
        project.participants.delete(participant_id)
        project.audit("participant_erased", "participant", participant_id, actor=actor, code=participant.code)
