"""One field laptop's database: its interviewer, participants, consents, interviews and transcripts.

Each laptop works in one territory and numbers its participants itself; the code carries the
territory, the device number and a sequence (``LYO-03-017``) so codes never collide when the
analyst merges the laptops. Each interview is written in one transaction, as the field app
would save it.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.core.interviews import FieldNote, Interview, Interviewer, Note
from app.core.participants import Consent, Participant
from app.core.sync import Device
from app.core.transcripts import Transcript, Turn, full_text
from app.store.project import Project
from bench import field_texts as texts
from bench.french import SpokenTurn, french_transcript, sentence, word_count
from bench.seeded import Seeded, iso, iso_date
from bench.study import StudyDefinition, create_study_project


@dataclass(frozen=True)
class DevicePlan:
    number: int
    name: str
    path: Path
    territory_index: int
    seed: int


@dataclass(frozen=True)
class DeviceSummary:
    name: str
    path: Path
    participants: int
    interviews: int
    transcripts: int
    turns: int
    words: int


def device_name(number: int) -> str:
    return f"terrain-{number:02d}"


def participant_code(territory_code: str, device_number: int, sequence: int) -> str:
    return f"{territory_code}-{device_number:02d}-{sequence:03d}"


def turns_for(ids: Seeded, transcript_id: str, spoken: list[SpokenTurn], moment: datetime) -> list[Turn]:
    """Turn records for a generated transcript (positions and offsets are set on import)."""
    return [
        Turn(**ids.record(moment), transcript_id=transcript_id, position=position, text=turn.text,
             speaker_label=turn.label, speaker_role=turn.role, start_ms=turn.start_ms, end_ms=turn.end_ms)
        for position, turn in enumerate(spoken)
    ]


def build_field_database(
    plan: DevicePlan, definition: StudyDefinition, interviews: int, words: int
) -> DeviceSummary:
    rng = random.Random(plan.seed)
    with create_study_project(plan.path, definition) as project:
        laptop = _Laptop(project, rng, definition, plan, words)
        territory = definition.territories[plan.territory_index]
        for sequence in range(1, interviews + 1):
            with project.transaction():
                laptop.write_interview(participant_code(territory.code, plan.number, sequence), territory.id)
    return DeviceSummary(plan.name, plan.path, interviews, interviews, laptop.transcripts, laptop.turns,
                         laptop.words_written)


class _Laptop:
    """What one field laptop records, interview after interview, with everything drawn from its seed."""

    def __init__(self, project: Project, rng: random.Random, definition: StudyDefinition, plan: DevicePlan, words: int):
        self.project, self.rng, self.definition, self.words = project, rng, definition, words
        self.ids = Seeded(rng)
        self.study_id = definition.study.id
        self.transcripts = self.turns = self.words_written = 0
        registered = definition.origin + timedelta(days=8)
        device = Device(**self.ids.record(registered), name=plan.name, role="field", registered_at=iso(registered),
                        is_self=True)
        female = rng.random() < 0.6
        first = rng.choice(texts.FIRST_NAMES_FEMALE if female else texts.FIRST_NAMES_MALE)
        last = rng.choice(texts.LAST_NAMES)
        self.interviewer = Interviewer(**self.ids.record(registered), study_id=self.study_id, name=f"{first} {last}",
                                       initials=first[0] + last[0], device_id=device.id)
        self.interviewer_label = "Enquêtrice" if female else "Enquêteur"
        with project.transaction():
            project.devices.insert(device)
            project.interviewers.insert(self.interviewer)

    def write_interview(self, code: str, territory_id: str) -> None:
        rng, definition = self.rng, self.definition
        wave_index = 0 if rng.random() < 0.6 else 1
        day = definition.origin + timedelta(days=365 * wave_index + rng.randint(10, 170))
        start = day.replace(hour=rng.randint(8, 16), minute=rng.choice((0, 15, 30, 45)))
        recruited = start - timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 6))
        participant = self._participant(code, territory_id, recruited)
        self.project.participants.insert(participant)
        self._write_identity(participant, recruited)
        consent = self._consent(participant, start)
        self.project.consents.insert(consent)

        draw = rng.random()
        status = "completed" if draw < 0.86 else "abandoned" if draw < 0.92 else "planned"
        place, mode = rng.choice(texts.PLACES)
        interview = Interview(**self.ids.record(recruited), study_id=self.study_id, participant_id=participant.id,
                              interviewer_id=self.interviewer.id, guide_id=definition.guide.id,
                              wave_id=definition.waves[wave_index].id, place=place, mode=mode, status=status)
        if status == "planned":
            self.project.interviews.insert(interview)
            return
        if status == "completed":
            spoken = french_transcript(rng, round(self.words * rng.uniform(0.85, 1.15)), self.interviewer_label)
            duration_ms = spoken[-1].end_ms + rng.randint(5_000, 60_000)
            questions_reached = len(definition.questions)
        else:
            duration_ms = rng.randint(8, 25) * 60_000
            questions_reached = rng.randint(2, len(definition.questions) - 2)
            interview.current_question_id = definition.questions[questions_reached - 1].id
        end = start + timedelta(milliseconds=duration_ms)
        interview.started_at, interview.ended_at, interview.updated_at = iso(start), iso(end), iso(end)
        interview.duration_seconds = duration_ms / 1000
        self.project.interviews.insert(interview)
        third_party = consent.given_by == "representative"
        self.project.notes.insert_many(self._notes(interview, questions_reached, duration_ms, start, third_party))
        if status == "completed":
            self.project.field_notes.insert(self._field_note(interview, end, third_party))
            self._write_transcript(interview, code, spoken, end)

    def _participant(self, code: str, territory_id: str, recruited: datetime) -> Participant:
        rng = self.rng
        return Participant(
            **self.ids.record(recruited), study_id=self.study_id, code=code, territory_id=territory_id,
            profile=rng.choices(texts.PROFILES, texts.PROFILE_WEIGHTS)[0],
            gender=rng.choices(texts.GENDERS, texts.GENDER_WEIGHTS)[0],
            age_band=rng.choices(texts.AGE_BANDS, texts.AGE_BAND_WEIGHTS)[0],
            seniority=rng.choice(texts.SENIORITIES), sector=rng.choice(texts.SECTORS),
            attributes={"enfants_a_charge": rng.randint(0, 3), "temps_partiel": rng.random() < 0.3},
        )

    def _write_identity(self, participant: Participant, recruited: datetime) -> None:
        # Written as a plain row: IdentityStore.put stamps updated_at with the wall clock, and the
        # corpus must be identical from one run to the next.
        rng = self.rng
        first = rng.choice(texts.FIRST_NAMES_FEMALE if participant.gender == "femme" else texts.FIRST_NAMES_MALE)
        phone = " ".join(str(rng.randint(10, 99)) for _ in range(4))
        stamp = iso(recruited)
        self.project.db["identity"].insert({
            "participant_id": participant.id,
            "full_name": f"{first} {rng.choice(texts.LAST_NAMES)}",
            "contact": f"06 {phone}",
            "address": f"{rng.randint(1, 120)} {rng.choice(texts.STREETS)}",
            "created_at": stamp,
            "updated_at": stamp,
        })

    def _consent(self, participant: Participant, start: datetime) -> Consent:
        rng = self.rng
        by_representative = rng.random() < 0.04
        return Consent(
            **self.ids.record(start), participant_id=participant.id, given_on=iso_date(start),
            method=rng.choice(("written", "written", "oral", "witnessed")),
            given_by="representative" if by_representative else "participant",
            representative_relation=rng.choice(texts.REPRESENTATIVES) if by_representative else "",
            scope_interview=True, scope_recording=rng.random() < 0.92, scope_quotes=rng.random() < 0.8,
            retention_months=rng.choice((24, 36, 60)), text_version="v1.2",
        )

    def _notes(self, interview, questions_reached: int, duration_ms: int, start: datetime, third_party: bool) -> list[Note]:
        """Notes taken during the interview, timestamped against the question on screen."""
        rng, notes = self.rng, []
        slot_ms = duration_ms // questions_reached
        for index, question in enumerate(self.definition.questions[:questions_reached]):
            offsets = sorted(index * slot_ms + rng.randint(0, slot_ms - 1) for _ in range(rng.randint(0, 2)))
            for offset_ms in offsets:
                notes.append(Note(
                    **self.ids.record(start + timedelta(milliseconds=offset_ms)), interview_id=interview.id,
                    question_id=question.id, text=sentence(rng, rng.randint(4, 12)), offset_ms=offset_ms,
                    answered_by_third_party=third_party and rng.random() < 0.3,
                ))
        return notes

    def _field_note(self, interview: Interview, end: datetime, third_party: bool) -> FieldNote:
        rng = self.rng
        written = end + timedelta(hours=rng.randint(1, 5), minutes=rng.randint(0, 59))
        return FieldNote(
            **self.ids.record(written), study_id=self.study_id, interview_id=interview.id,
            interviewer_id=interview.interviewer_id, written_at=iso(written),
            setting=rng.choice(texts.SETTINGS),
            others_present="La personne qui représente le participant était présente." if third_party
            else rng.choice(texts.OTHERS_PRESENT),
            rapport=rng.choice(texts.RAPPORTS), steering=rng.choice(texts.STEERING),
            participant_state=rng.choice(texts.PARTICIPANT_STATES), deviations=rng.choice(texts.DEVIATIONS),
            free_text=" ".join(sentence(rng) for _ in range(rng.randint(1, 3))),
        )

    def _write_transcript(self, interview: Interview, code: str, spoken: list[SpokenTurn], end: datetime) -> None:
        rng = self.rng
        imported = end + timedelta(days=rng.randint(2, 10), hours=rng.randint(0, 8))
        transcript = Transcript(
            **self.ids.record(imported), study_id=self.study_id, title=f"Entretien {code}", imported_at=iso(imported),
            interview_id=interview.id, source_name=f"{code}_entretien.docx", source_format="docx",
            source_encoding="utf-8", pseudonymised=True,
        )
        turns = turns_for(self.ids, transcript.id, spoken, imported)
        transcript.source_sha256 = hashlib.sha256(full_text(turns).encode("utf-8")).hexdigest()
        self.project.add_transcript(transcript, turns)
        self.transcripts += 1
        self.turns += len(turns)
        self.words_written += sum(word_count(turn.text) for turn in spoken)
