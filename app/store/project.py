"""A project: one study's SQLite file and the repositories over its tables."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from app.core.coding import Code, Coder, Coding, CodingPass, FrameworkCell, Memo, SuggestionDecision
from app.core.guide import (
    FindingDismissal,
    Guide,
    GuideSection,
    Probe,
    Question,
    Questionnaire,
    QuestionnaireItem,
    StudyWord,
)
from app.core.interviews import FieldNote, Interview, Interviewer, Note, SurveyAnswer
from app.core.participants import Consent, Participant, Quota
from app.core.records import utc_now
from app.core.study import (
    Indicator,
    IndicatorValue,
    StakeholderGroup,
    Study,
    Territory,
    VocabularyItem,
    Wave,
)
from app.core.sync import AuditEvent, Device, SyncLedgerEntry
from app.core.transcripts import Transcript, Turn, assign_char_starts
from app.i18n import _
from app.store.database import create_database, open_database
from app.store.errors import RecordNotFoundError
from app.store.identity import IdentityStore
from app.store.table import Table


class Project:
    """Repositories of one project file. Use as a context manager, or call close()."""

    def __init__(self, db: sqlite_utils.Database, path: Path | str):
        self.db = db
        self.path = Path(path) if str(path) != ":memory:" else None
        self.studies = Table(db, "study", Study)
        self.waves = Table(db, "wave", Wave)
        self.territories = Table(db, "territory", Territory)
        self.stakeholder_groups = Table(db, "stakeholder_group", StakeholderGroup)
        self.vocabulary = Table(db, "vocabulary", VocabularyItem)
        self.indicators = Table(db, "indicator", Indicator)
        self.indicator_values = Table(db, "indicator_value", IndicatorValue)
        self.guides = Table(db, "guide", Guide)
        self.sections = Table(db, "guide_section", GuideSection)
        self.questions = Table(db, "question", Question)
        self.probes = Table(db, "probe", Probe)
        self.finding_dismissals = Table(db, "finding_dismissal", FindingDismissal)
        self.study_words = Table(db, "study_word", StudyWord)
        self.questionnaires = Table(db, "questionnaire", Questionnaire)
        self.questionnaire_items = Table(db, "questionnaire_item", QuestionnaireItem)
        self.participants = Table(db, "participant", Participant)
        self.consents = Table(db, "consent", Consent)
        self.quotas = Table(db, "quota", Quota)
        self.interviewers = Table(db, "interviewer", Interviewer)
        self.interviews = Table(db, "interview", Interview)
        self.notes = Table(db, "note", Note)
        self.field_notes = Table(db, "field_note", FieldNote)
        self.survey_answers = Table(db, "survey_answer", SurveyAnswer)
        self.transcripts = Table(db, "transcript", Transcript)
        self.turns = Table(db, "turn", Turn)
        self.coders = Table(db, "coder", Coder)
        self.codes = Table(db, "code", Code)
        self.codings = Table(db, "coding", Coding)
        self.memos = Table(db, "memo", Memo)
        self.coding_passes = Table(db, "coding_pass", CodingPass)
        self.suggestion_decisions = Table(db, "suggestion_decision", SuggestionDecision)
        self.framework_cells = Table(db, "framework_cell", FrameworkCell)
        self.devices = Table(db, "device", Device)
        self.sync_ledger = Table(db, "sync_ledger", SyncLedgerEntry)
        self.audit_log = Table(db, "audit_log", AuditEvent)
        self.identities = IdentityStore(db)

    # opening ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str) -> "Project":
        return cls(open_database(path), path)

    @classmethod
    def create(cls, path: Path | str, title: str, **study_fields) -> "Project":
        project = cls(create_database(path), path)
        try:
            project.studies.insert(Study(title=title, **study_fields))
        except BaseException:
            project.close()
            raise
        return project

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self):
        """All writes inside the block land together or not at all (nests as savepoints)."""
        return self.db.atomic()

    # the study ---------------------------------------------------------------------------------
    def study(self) -> Study:
        study = self.studies.first(order_by="created_at")
        if study is None:
            raise RecordNotFoundError(_("The project holds no study."))
        return study

    # links ---------------------------------------------------------------------------------------
    def link_question_indicator(self, question_id: str, indicator_id: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO question_indicator (question_id, indicator_id) VALUES (?, ?)",
                [question_id, indicator_id],
            )

    def link_code_indicator(self, code_id: str, indicator_id: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO code_indicator (code_id, indicator_id) VALUES (?, ?)",
                [code_id, indicator_id],
            )

    def indicators_of_question(self, question_id: str) -> list[Indicator]:
        return self.indicators.find(
            "id IN (SELECT indicator_id FROM question_indicator WHERE question_id = ?)",
            [question_id],
            order_by="position",
        )

    def indicators_of_code(self, code_id: str) -> list[Indicator]:
        return self.indicators.find(
            "id IN (SELECT indicator_id FROM code_indicator WHERE code_id = ?)", [code_id], order_by="position"
        )

    # guide -------------------------------------------------------------------------------------
    def current_guide(self) -> Guide | None:
        return self.guides.first(order_by="version DESC, created_at DESC")

    def guide_versions(self) -> list[Guide]:
        return self.guides.find(order_by="version, created_at")

    def sections_of(self, guide_id: str) -> list[GuideSection]:
        return self.sections.find("guide_id = ?", [guide_id], order_by="position")

    def questions_of(self, section_id: str) -> list[Question]:
        return self.questions.find("section_id = ?", [section_id], order_by="position")

    def probes_of(self, question_id: str) -> list[Probe]:
        return self.probes.find("question_id = ?", [question_id], order_by="position")

    def indicator_ids_of_question(self, question_id: str) -> list[str]:
        rows = self.db.execute(
            "SELECT qi.indicator_id FROM question_indicator qi JOIN indicator i ON i.id = qi.indicator_id "
            "WHERE qi.question_id = ? ORDER BY i.position",
            [question_id],
        )
        return [row[0] for row in rows]

    def set_question_indicators(self, question_id: str, indicator_ids: list[str]) -> None:
        with self.db.atomic():
            self.db.execute("DELETE FROM question_indicator WHERE question_id = ?", [question_id])
            self.db.conn.executemany(
                "INSERT INTO question_indicator (question_id, indicator_id) VALUES (?, ?)",
                [(question_id, indicator_id) for indicator_id in dict.fromkeys(indicator_ids)],
            )

    def renumber(self, table: str, parent_column: str, parent_id: str, ordered_ids: list[str]) -> None:
        """Give the children of one parent the positions 0, 1, 2... in the order given."""
        if table not in ("guide_section", "question", "probe"):
            raise ValueError(f"cannot renumber {table}")
        with self.db.atomic():
            for position, child_id in enumerate(ordered_ids):
                self.db.execute(
                    f"UPDATE {table} SET position = ?, {parent_column} = ?, updated_at = ? WHERE id = ?",
                    [position, parent_id, utc_now(), child_id],
                )

    # transcripts ---------------------------------------------------------------------------------
    def add_transcript(
        self, transcript: Transcript, turns: list[Turn], speakers: dict[str, str] | None = None,
        *, guarded: bool = True,
    ) -> Transcript:
        """Store a transcript with its turns and speaker roles in one transaction.

        ``guarded=False`` is for a caller that holds a transaction of its own and rolls it back
        whole on failure: nesting would add a savepoint, whose page journal slows large inserts.
        """
        for position, turn in enumerate(turns):
            turn.transcript_id = transcript.id
            turn.position = position
        assign_char_starts(turns)
        if speakers is None:
            speakers = {turn.speaker_label: turn.speaker_role for turn in turns}
        if guarded or not self.db.conn.in_transaction:
            with self.db.atomic():
                self._insert_transcript(transcript, turns, speakers)
        else:
            self._insert_transcript(transcript, turns, speakers)
        return transcript

    def _insert_transcript(self, transcript: Transcript, turns: list[Turn], speakers: dict[str, str]) -> None:
        self.transcripts.insert(transcript, guarded=False)
        self.turns.insert_many(turns, guarded=False)
        self.db.conn.executemany(
            "INSERT INTO transcript_speaker (transcript_id, label, role) VALUES (?, ?, ?)",
            [(transcript.id, label, role) for label, role in speakers.items()],
        )

    def turns_of(self, transcript_id: str) -> list[Turn]:
        return self.turns.find("transcript_id = ?", [transcript_id], order_by="position")

    def speakers_of(self, transcript_id: str) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT label, role FROM transcript_speaker WHERE transcript_id = ? ORDER BY label", [transcript_id]
        )
        return dict(rows.fetchall())

    # audit ---------------------------------------------------------------------------------------
    def audit(self, action: str, entity: str = "", entity_id: str = "", actor: str = "", **detail) -> None:
        self.audit_log.insert(AuditEvent(action=action, entity=entity, entity_id=entity_id, actor=actor, detail=detail))

    def touch(self) -> str:
        return utc_now()
