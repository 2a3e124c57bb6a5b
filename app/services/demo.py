"""The built-in demo study: a complete French study a newcomer can explore.

Its content (study, guide, participants, interviews, transcripts, codebook, codings) is written
in ``resources/demo/fr``; this module turns it into a project file. Survey answers are drawn from
a seeded generator so that every build gives the same figures.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from app.core.coding import Code, Coder, Coding, Memo
from app.core.guide import FindingDismissal, Guide, GuideSection, Probe, Question, Questionnaire, QuestionnaireItem
from app.core.interviews import FieldNote, Interview, Interviewer, Note, SurveyAnswer
from app.core.labelled_text import parse_labelled_text
from app.core.participants import Consent, Identity, Participant, Quota
from app.core.study import Indicator, IndicatorValue, StakeholderGroup, Territory, VocabularyItem, Wave
from app.core.transcripts import Transcript, Turn, full_text
from app.paths import resource_path
from app.store.project import Project

DEMO_SEED = 2025
# How the demo's members answer the five-point items, wave after wave: the second wave leans a
# little more towards agreement, so that the comparison between waves has something to show.
SCALE_WEIGHTS = ([1, 2, 4, 6, 4], [1, 1, 3, 7, 5])
INTERVIEWER_LABELS = ("enquêtrice", "enquêteur", "enquêteur·rice", "intervieweuse", "intervieweur")
PARTICIPANT_LABELS = ("participant", "participante", "participant·e")

Progress = Callable[[str], None]


def demo_dir(language: str = "fr") -> Path:
    return resource_path("demo", language)


def build_demo(path: Path | str, language: str = "fr", on_progress: Progress | None = None) -> Path:
    """Write the demo study to a new project file at ``path``; refuses to overwrite."""
    source = demo_dir(language)
    content = json.loads((source / "study.json").read_text(encoding="utf-8"))
    codebook = json.loads((source / "codebook.json").read_text(encoding="utf-8"))
    codings = json.loads((source / "codings.json").read_text(encoding="utf-8"))
    memos = json.loads((source / "memos.json").read_text(encoding="utf-8"))
    say = on_progress or (lambda message: None)
    study_fields = content["study"]
    project = Project.create(
        path,
        study_fields["title"],
        organisation=study_fields.get("organisation", ""),
        evaluative_question=study_fields.get("evaluative_question", ""),
        description=study_fields.get("description", ""),
        languages=study_fields.get("languages", [language]),
    )
    try:
        with project.transaction():
            builder = _DemoBuilder(project, content, source)
            say("study")
            builder.add_framework()
            say("guide")
            builder.add_guide()
            say("participants")
            builder.add_participants()
            say("interviews")
            builder.add_interviews()
            say("codebook")
            builder.add_codebook(codebook)
            builder.add_codings(codings)
            builder.add_memos(memos)
            builder.add_survey_answers()
    except BaseException:
        project.close()
        for leftover in (Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    project.close()
    return Path(path)


def speaker_role(label: str) -> str:
    name = label.strip().lower()
    if name in INTERVIEWER_LABELS:
        return "interviewer"
    if name in PARTICIPANT_LABELS:
        return "participant"
    return "third_party"


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class _DemoBuilder:
    def __init__(self, project: Project, content: dict, source: Path):
        self.project = project
        self.content = content
        self.source = source
        self.study_id = project.study().id
        self.waves: dict[str, str] = {}
        self.territories: dict[str, str] = {}
        self.indicators: dict[str, str] = {}
        self.questions: dict[str, str] = {}
        self.participants: dict[str, str] = {}
        self.interviewers: dict[str, str] = {}
        self.transcripts: dict[str, str] = {}
        self.codes: dict[str, str] = {}
        self.guide_id = ""
        self.items: list[QuestionnaireItem] = []
        self.first_interview = None

    def add_framework(self) -> None:
        p, sid, c = self.project, self.study_id, self.content
        for position, wave in enumerate(c["waves"]):
            record = Wave(study_id=sid, label=wave["label"], starts_on=wave.get("starts_on"),
                          ends_on=wave.get("ends_on"), position=position)
            p.waves.insert(record)
            self.waves[wave["label"]] = record.id
        for territory in c["territories"]:
            record = Territory(study_id=sid, code=territory["code"], name=territory["name"],
                               description=territory.get("description", ""))
            p.territories.insert(record)
            self.territories[territory["code"]] = record.id
        for group in c.get("stakeholder_groups", []):
            p.stakeholder_groups.insert(
                StakeholderGroup(study_id=sid, name=group["name"], participation=group.get("participation", []))
            )
        for kind, entries in (("profile", c.get("profiles", [])), ("dimension", c.get("dimensions", []))):
            for position, entry in enumerate(entries):
                p.vocabulary.insert(
                    VocabularyItem(study_id=sid, kind=kind, key=entry["key"], label=entry["label"], position=position)
                )
        for position, spec in enumerate(c["indicators"]):
            source = spec["source"]
            params = {key: value for key, value in source.items() if key not in ("kind", "ref", "values")}
            record = Indicator(
                study_id=sid, code=spec["code"], label=spec["label"], level=spec["level"],
                dimension=spec.get("dimension", ""), definition=spec.get("definition", ""),
                unit=spec.get("unit", ""), target=spec.get("target"), direction=spec.get("direction", "higher"),
                source_kind=source["kind"], source_ref=source.get("ref", ""), source_params=params,
                position=position,
            )
            p.indicators.insert(record)
            self.indicators[spec["code"]] = record.id
            for value in source.get("values", []):
                p.indicator_values.insert(IndicatorValue(
                    indicator_id=record.id, value=value["value"], wave_id=self.waves.get(value.get("wave")),
                    territory_id=self.territories.get(value.get("territory")),
                    source_note=value.get("source_note", ""), observed_on=value.get("observed_on"),
                ))

    def add_guide(self) -> None:
        p, spec = self.project, self.content["guide"]
        guide = Guide(study_id=self.study_id, title=spec["title"], language=spec.get("language", "fr"))
        p.guides.insert(guide)
        self.guide_id = guide.id
        for s_position, section_spec in enumerate(spec["sections"]):
            section = GuideSection(guide_id=guide.id, title=section_spec["title"], position=s_position,
                                   notes=section_spec.get("notes", ""))
            p.sections.insert(section)
            for q_position, q_spec in enumerate(section_spec["questions"]):
                question = Question(
                    section_id=section.id, text=q_spec["text"], position=q_position,
                    intent=q_spec.get("intent", "main"), is_sensitive=bool(q_spec.get("sensitive")),
                    reminder=q_spec.get("reminder") or "", estimated_minutes=q_spec.get("estimated_minutes"),
                )
                p.questions.insert(question)
                self.questions[question.text] = question.id
                for pr_position, probe in enumerate(q_spec.get("probes", [])):
                    p.probes.insert(Probe(question_id=question.id, text=probe, position=pr_position))
                for code in q_spec.get("indicators", []):
                    p.link_question_indicator(question.id, self.indicators[code])
                for rule, reason in q_spec.get("dismissed", {}).items():
                    p.finding_dismissals.insert(FindingDismissal(question_id=question.id, rule=rule, reason=reason))
        questionnaire_spec = self.content.get("questionnaire")
        if questionnaire_spec:
            questionnaire = Questionnaire(study_id=self.study_id, title=questionnaire_spec["title"])
            p.questionnaires.insert(questionnaire)
            for position, item in enumerate(questionnaire_spec["items"]):
                record = QuestionnaireItem(
                    questionnaire_id=questionnaire.id, name=item["name"], label=item["label"],
                    item_type=item["type"], position=position, choices=item.get("choices", []),
                    indicator_id=self.indicators.get(item.get("indicator")),
                )
                p.questionnaire_items.insert(record)
                self.items.append(record)

    def add_participants(self) -> None:
        p, c = self.project, self.content
        for spec in c["participants"]:
            participant = Participant(
                study_id=self.study_id, code=spec["code"], territory_id=self.territories[spec["territory"]],
                profile=spec.get("profile", ""), gender=spec.get("gender", ""), age_band=spec.get("age_band", ""),
                seniority=spec.get("seniority", ""), sector=spec.get("sector", ""),
                attributes=spec.get("attributes", {}),
            )
            p.participants.insert(participant)
            self.participants[spec["code"]] = participant.id
            identity = spec.get("identity")
            if identity:
                p.identities.put(Identity(participant_id=participant.id, **identity))
            consent = spec.get("consent")
            if consent:
                p.consents.insert(Consent(
                    participant_id=participant.id, given_on=consent["given_on"], method=consent["method"],
                    given_by=consent.get("given_by", "participant"),
                    representative_relation=consent.get("representative_relation") or "",
                    scope_interview=bool(consent.get("interview")), scope_recording=bool(consent.get("recording")),
                    scope_quotes=bool(consent.get("quotes")), retention_months=consent.get("retention_months"),
                    text_version=consent.get("text_version", ""),
                ))
        for quota in c.get("quotas", []):
            p.quotas.insert(Quota(study_id=self.study_id, territory_id=self.territories[quota["territory"]],
                                  profile=quota.get("profile", ""), target=quota["target"]))
        for spec in c["interviewers"]:
            interviewer = Interviewer(study_id=self.study_id, name=spec["name"], initials=spec.get("initials", ""))
            p.interviewers.insert(interviewer)
            self.interviewers[spec["name"]] = interviewer.id
        for spec in c["coders"]:
            coder = Coder(study_id=self.study_id, name=spec["name"], initials=spec.get("initials", ""))
            p.coders.insert(coder)

    def add_interviews(self) -> None:
        p = self.project
        for spec in self.content["interviews"]:
            started = datetime.fromisoformat(spec["started_at"])
            completed = spec.get("status") == "completed"
            duration = spec.get("duration_minutes")
            ended = started + timedelta(minutes=duration) if completed and duration else None
            self.first_interview = min(filter(None, [self.first_interview, started]))
            interview = Interview(
                study_id=self.study_id, participant_id=self.participants[spec["participant"]],
                interviewer_id=self.interviewers[spec["interviewer"]], guide_id=self.guide_id,
                wave_id=self.waves.get(spec.get("wave")), place=spec.get("place", ""),
                mode=spec.get("mode", "in_person"), status=spec.get("status", "completed"),
                started_at=_stamp(started), ended_at=_stamp(ended) if ended else None,
                duration_seconds=duration * 60.0 if duration and completed else None,
            )
            p.interviews.insert(interview)
            for note in spec.get("notes", []):
                p.notes.insert(Note(
                    interview_id=interview.id, text=note["text"],
                    question_id=self.questions.get(note.get("question") or ""),
                    offset_ms=int(round(note.get("offset_minutes", 0) * 60_000)),
                    answered_by_third_party=bool(note.get("third_party")),
                ))
            field_note = spec.get("field_note")
            if field_note:
                written = (ended or started) + timedelta(hours=2)
                p.field_notes.insert(FieldNote(
                    study_id=self.study_id, interview_id=interview.id, interviewer_id=interview.interviewer_id,
                    written_at=_stamp(written), **field_note,
                ))
            if spec.get("transcript"):
                self._transcript(spec, interview, started)
        if self.first_interview:
            guide = p.guides.get(self.guide_id)
            guide.frozen_at = _stamp(self.first_interview)
            p.guides.update(guide)

    def _transcript(self, spec: dict, interview: Interview, started: datetime) -> None:
        file_name = spec["transcript"]
        raw = (self.source / "transcripts" / file_name).read_text(encoding="utf-8")
        turns = []
        for labelled in parse_labelled_text(raw):
            turns.append(Turn(transcript_id="", position=0, text=labelled.text, speaker_label=labelled.label,
                              speaker_role=speaker_role(labelled.label), start_ms=labelled.start_ms))
        for current, following in zip(turns, turns[1:]):
            if current.start_ms is not None and following.start_ms is not None:
                current.end_ms = following.start_ms
        transcript = Transcript(
            study_id=self.study_id, interview_id=interview.id,
            title=f"{spec['participant']} — {started:%d/%m/%Y}", imported_at=_stamp(started + timedelta(days=10)),
            source_name=file_name, source_format="txt", source_encoding="utf-8",
        )
        self.project.add_transcript(transcript, turns)
        self.transcripts[file_name] = transcript.id

    def add_codebook(self, codebook: list[dict]) -> None:
        p = self.project
        for position, spec in enumerate(codebook):
            code = Code(
                study_id=self.study_id, name=spec["name"], parent_id=self.codes.get(spec.get("parent") or ""),
                definition=spec.get("definition", ""), include_rule=spec.get("include", ""),
                exclude_rule=spec.get("exclude", ""), example=spec.get("example", ""),
                colour=spec.get("colour", "#888888"), position=position,
                keywords="\n".join(spec.get("keywords", [])),
                example_phrases="\n".join(spec.get("example_phrases", [])),
            )
            p.codes.insert(code)
            self.codes[spec["name"]] = code.id
            for indicator in spec.get("indicators", []):
                p.link_code_indicator(code.id, self.indicators[indicator])
        for spec in self.content["indicators"]:
            if spec["source"]["kind"] == "theme":
                indicator = p.indicators.get(self.indicators[spec["code"]])
                indicator.source_ref = self.codes[spec["source"]["ref"]]
                p.indicators.update(indicator)

    def add_codings(self, codings: list[dict]) -> None:
        p = self.project
        coders = {coder.name: coder.id for coder in p.coders.find()}
        texts = {name: self._full_text(tid) for name, tid in self.transcripts.items()}
        for spec in codings:
            text = texts[spec["transcript"]]
            start = text.find(spec["quote"])
            if start < 0:
                raise ValueError(f"demo coding quote not found in {spec['transcript']}: {spec['quote'][:40]!r}")
            p.codings.insert(Coding(
                transcript_id=self.transcripts[spec["transcript"]], code_id=self.codes[spec["code"]],
                coder_id=coders[spec["coder"]], start_offset=start, end_offset=start + len(spec["quote"]),
                memo=spec.get("memo") or "", quotable=bool(spec.get("quotable")),
            ))

    def add_memos(self, memos: list[dict]) -> None:
        targets = {"project": {}, "code": self.codes, "transcript": self.transcripts}
        for spec in memos:
            self.project.memos.insert(Memo(
                study_id=self.study_id, target_kind=spec["target"], target_id=targets[spec["target"]].get(spec.get("ref")),
                title=spec.get("title", ""), body=spec["body"], author=spec.get("author", ""),
                written_on=spec["written_on"],
            ))

    def _full_text(self, transcript_id: str) -> str:
        return full_text(self.project.turns_of(transcript_id))

    def add_survey_answers(self) -> None:
        """Every member who agreed to take part answers the short questionnaire once per wave:
        at the end of their interview when they had one in that wave, otherwise by themselves
        during the wave."""
        rng = random.Random(DEMO_SEED)
        p = self.project
        respondents = sorted(spec["code"] for spec in self.content["participants"]
                             if (spec.get("consent") or {}).get("interview"))
        for index, wave in enumerate(p.waves.find(order_by="position")):
            weights = SCALE_WEIGHTS[min(index, len(SCALE_WEIGHTS) - 1)]
            interviews = {iv.participant_id: iv for iv in p.interviews.find(
                "status = 'completed' AND wave_id = ?", [wave.id])}
            for day, code in enumerate(respondents):
                participant_id = self.participants[code]
                interview = interviews.get(participant_id)
                if interview is not None:
                    answered_at = interview.ended_at or interview.started_at
                else:
                    answered_at = _stamp(datetime.fromisoformat(wave.starts_on) + timedelta(days=7 + 3 * day, hours=18))
                for item in self.items:
                    answer = SurveyAnswer(participant_id=participant_id, item_id=item.id,
                                          interview_id=interview.id if interview else None, answered_at=answered_at)
                    if not _draw_answer(rng, item, answer, weights):
                        continue
                    p.survey_answers.insert(answer)


def _draw_answer(rng: random.Random, item: QuestionnaireItem, answer: SurveyAnswer, weights: list[int]) -> bool:
    """Fill ``answer`` with a plausible value for ``item``; False for items left blank (free text)."""
    if item.item_type == "scale5":
        answer.value_number = float(rng.choices([1, 2, 3, 4, 5], weights=weights)[0])
    elif item.item_type == "number":
        # The demo's only number item is a percentage of turnover.
        answer.value_number = float(rng.randint(4, 18) * 5)
    elif item.item_type == "multiple" and item.choices:
        *events, none = item.choices
        picked = [] if rng.random() < 0.1 else rng.sample(events, rng.randint(1, min(3, len(events))))
        answer.value_text = "\n".join(choice for choice in item.choices if choice in picked) or none
    elif item.item_type == "single" and item.choices:
        answer.value_text = rng.choice(item.choices)
    else:
        return False
    return True
