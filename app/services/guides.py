"""Editing the interview guide, version by version, and remembering the checker's dismissals.

A guide that has served in an interview is frozen: every edit then refuses, and the author makes
a new version, so interviews keep pointing at the wording they actually used. Edits save as
they happen; each function is one transaction.
"""

from __future__ import annotations

from app.core.guide import (
    INTENTS,
    FindingDismissal,
    Guide,
    GuideOutline,
    GuideSection,
    Probe,
    Question,
    QuestionOutline,
    SectionOutline,
    StudyWord,
)
from app.core.records import new_id, utc_now
from app.i18n import _
from app.paths import resource_path
from app.store.project import Project

WORD_LISTS = ("loaded", "jargon", "vague", "sensitive", "normalising", "protected")


class GuideFrozenError(Exception):
    """The guide has served in an interview; edit a new version instead."""

    def __init__(self, guide: Guide):
        self.guide = guide
        super().__init__(
            _("Version {version} of the guide has been used in an interview and can no longer change; "
              "create a new version to edit it.").format(version=guide.version)
        )


# reading -----------------------------------------------------------------------------------------
def load_outline(project: Project, guide_id: str) -> GuideOutline:
    guide = project.guides.get(guide_id)
    sections = []
    for section in project.sections_of(guide_id):
        questions = [
            QuestionOutline(question, project.probes_of(question.id), project.indicator_ids_of_question(question.id))
            for question in project.questions_of(section.id)
        ]
        sections.append(SectionOutline(section, questions))
    return GuideOutline(guide, sections)


def probe_library(lang: str) -> list[str]:
    path = resource_path("probes", f"{lang}.txt")
    if not path.exists():
        path = resource_path("probes", "fr.txt")
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


# versions ----------------------------------------------------------------------------------------
def create_guide(project: Project, title: str | None = None, language: str | None = None) -> Guide:
    """Start the study's interview guide (version 1), in the study's first language."""
    study = project.study()
    language = language or (study.languages[0] if study.languages else "fr")
    guide = Guide(study_id=study.id, title=title or _("Interview guide"), language=language)
    return project.guides.insert(guide)


def freeze(project: Project, guide_id: str) -> Guide:
    """Mark a guide as used in an interview (done when an interview starts)."""
    guide = project.guides.get(guide_id)
    if guide.frozen_at is None:
        guide.frozen_at = utc_now()
        project.guides.update(guide)
    return guide


def new_version(project: Project, guide_id: str) -> Guide:
    """Copy a guide, with everything hanging from it, as the next version, open to edits."""
    source = load_outline(project, guide_id)
    latest = max(guide.version for guide in project.guide_versions())
    copy = Guide(study_id=source.guide.study_id, title=source.guide.title, language=source.guide.language,
                 version=latest + 1, previous_version_id=source.guide.id)
    kept = dismissals(project, guide_id)
    with project.transaction():
        project.guides.insert(copy)
        for outline in source.sections:
            section = _copy(outline.section, guide_id=copy.id)
            project.sections.insert(section)
            for item in outline.questions:
                question = _copy(item.question, section_id=section.id)
                project.questions.insert(question)
                project.probes.insert_many(_copy(probe, question_id=question.id) for probe in item.probes)
                project.set_question_indicators(question.id, item.indicator_ids)
                for rule, reason in kept.get(item.question.id, {}).items():
                    project.finding_dismissals.insert(FindingDismissal(question_id=question.id, rule=rule, reason=reason))
    project.audit("guide_version_created", "guide", copy.id, previous=source.guide.id, version=copy.version)
    return copy


def _copy(record, **changes):
    now = utc_now()
    values = {**record.__dict__, "id": new_id(), "created_at": now, "updated_at": now, **changes}
    return type(record)(**values)


def _editable(project: Project, guide_id: str) -> Guide:
    guide = project.guides.get(guide_id)
    if guide.is_frozen:
        raise GuideFrozenError(guide)
    return guide


def _guide_of_section(project: Project, section_id: str) -> Guide:
    return _editable(project, project.sections.get(section_id).guide_id)


def _guide_of_question(project: Project, question_id: str) -> Guide:
    return _guide_of_section(project, project.questions.get(question_id).section_id)


# sections ----------------------------------------------------------------------------------------
def add_section(project: Project, guide_id: str, title: str, position: int | None = None) -> GuideSection:
    _editable(project, guide_id)
    siblings = [section.id for section in project.sections_of(guide_id)]
    section = GuideSection(guide_id=guide_id, title=title, position=len(siblings))
    with project.transaction():
        project.sections.insert(section)
        if position is not None:
            siblings.insert(max(0, min(position, len(siblings))), section.id)
            project.renumber("guide_section", "guide_id", guide_id, siblings)
    return project.sections.get(section.id)


def update_section(project: Project, section_id: str, *, title: str | None = None, notes: str | None = None) -> GuideSection:
    _guide_of_section(project, section_id)
    section = project.sections.get(section_id)
    if title is not None:
        section.title = title
    if notes is not None:
        section.notes = notes
    return project.sections.update(section)


def delete_section(project: Project, section_id: str) -> None:
    guide = _guide_of_section(project, section_id)
    with project.transaction():
        project.sections.delete(section_id)
        remaining = [section.id for section in project.sections_of(guide.id)]
        project.renumber("guide_section", "guide_id", guide.id, remaining)


def move_section(project: Project, section_id: str, new_position: int) -> None:
    guide = _guide_of_section(project, section_id)
    order = [section.id for section in project.sections_of(guide.id) if section.id != section_id]
    order.insert(max(0, min(new_position, len(order))), section_id)
    project.renumber("guide_section", "guide_id", guide.id, order)


# questions ---------------------------------------------------------------------------------------
def add_question(project: Project, section_id: str, text: str = "", position: int | None = None,
                 intent: str = "main") -> Question:
    _guide_of_section(project, section_id)
    siblings = [question.id for question in project.questions_of(section_id)]
    question = Question(section_id=section_id, text=text, position=len(siblings), intent=intent)
    with project.transaction():
        project.questions.insert(question)
        if position is not None:
            siblings.insert(max(0, min(position, len(siblings))), question.id)
            project.renumber("question", "section_id", section_id, siblings)
    return project.questions.get(question.id)


def update_question(project: Project, question_id: str, *, text: str | None = None, intent: str | None = None,
                    is_sensitive: bool | None = None, reminder: str | None = None,
                    estimated_minutes: float | None | object = ...) -> Question:
    _guide_of_question(project, question_id)
    question = project.questions.get(question_id)
    if intent is not None and intent not in INTENTS:
        raise ValueError(f"intent must be one of {INTENTS}, not {intent!r}")
    for name, value in (("text", text), ("intent", intent), ("is_sensitive", is_sensitive), ("reminder", reminder)):
        if value is not None:
            setattr(question, name, value)
    if estimated_minutes is not ...:
        question.estimated_minutes = estimated_minutes
    return project.questions.update(question)


def delete_question(project: Project, question_id: str) -> None:
    _guide_of_question(project, question_id)
    section_id = project.questions.get(question_id).section_id
    with project.transaction():
        project.questions.delete(question_id)
        remaining = [question.id for question in project.questions_of(section_id)]
        project.renumber("question", "section_id", section_id, remaining)


def move_question(project: Project, question_id: str, section_id: str, new_position: int) -> None:
    """Move a question within its section or into another section of the same guide."""
    guide = _guide_of_question(project, question_id)
    target = project.sections.get(section_id)
    if target.guide_id != guide.id:
        raise ValueError("a question can only move within its own guide")
    origin = project.questions.get(question_id).section_id
    order = [question.id for question in project.questions_of(section_id) if question.id != question_id]
    order.insert(max(0, min(new_position, len(order))), question_id)
    with project.transaction():
        project.renumber("question", "section_id", section_id, order)
        if origin != section_id:
            remaining = [question.id for question in project.questions_of(origin)]
            project.renumber("question", "section_id", origin, remaining)


def set_question_indicators(project: Project, question_id: str, indicator_ids: list[str]) -> None:
    _guide_of_question(project, question_id)
    project.set_question_indicators(question_id, indicator_ids)


# probes ------------------------------------------------------------------------------------------
def add_probe(project: Project, question_id: str, text: str) -> Probe:
    _guide_of_question(project, question_id)
    probe = Probe(question_id=question_id, text=text, position=len(project.probes_of(question_id)))
    return project.probes.insert(probe)


def update_probe(project: Project, probe_id: str, text: str) -> Probe:
    probe = project.probes.get(probe_id)
    _guide_of_question(project, probe.question_id)
    probe.text = text
    return project.probes.update(probe)


def delete_probe(project: Project, probe_id: str) -> None:
    probe = project.probes.get(probe_id)
    _guide_of_question(project, probe.question_id)
    with project.transaction():
        project.probes.delete(probe_id)
        remaining = [p.id for p in project.probes_of(probe.question_id)]
        project.renumber("probe", "question_id", probe.question_id, remaining)


# checker memory ----------------------------------------------------------------------------------
def dismiss_finding(project: Project, question_id: str, rule: str, reason: str) -> FindingDismissal:
    """Remember that a finding was set aside on purpose. Allowed on frozen guides too: it changes
    no wording, only the record of a decision."""
    if not reason.strip():
        raise ValueError(_("Say why the finding is set aside."))
    existing = project.finding_dismissals.first("question_id = ? AND rule = ?", [question_id, rule])
    if existing:
        existing.reason = reason.strip()
        return project.finding_dismissals.update(existing)
    return project.finding_dismissals.insert(FindingDismissal(question_id=question_id, rule=rule, reason=reason.strip()))


def restore_finding(project: Project, question_id: str, rule: str) -> None:
    with project.transaction():
        project.db.execute("DELETE FROM finding_dismissal WHERE question_id = ? AND rule = ?", [question_id, rule])


def dismissals(project: Project, guide_id: str) -> dict[str, dict[str, str]]:
    kept: dict[str, dict[str, str]] = {}
    where = "question_id IN (SELECT q.id FROM question q JOIN guide_section s ON s.id = q.section_id WHERE s.guide_id = ?)"
    for dismissal in project.finding_dismissals.find(where, [guide_id]):
        kept.setdefault(dismissal.question_id, {})[dismissal.rule] = dismissal.reason
    return kept


# A guide-level finding that follows from a question's own finding goes when that one is set aside.
_GUIDE_RULE_FROM_QUESTION_RULE = {"opening_closed": "closed"}


def standing_guide_findings(findings: list, set_aside: dict[str, dict[str, str]]) -> list:
    """The guide-level findings still standing: a finding goes when its question has a dismissal
    for the guide rule itself or for the question rule it follows from."""
    standing = []
    for finding in findings:
        rules = set_aside.get(finding.question_id or "", {})
        if finding.rule in rules or _GUIDE_RULE_FROM_QUESTION_RULE.get(finding.rule) in rules:
            continue
        standing.append(finding)
    return standing


def study_word_lists(project: Project) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {name: [] for name in WORD_LISTS}
    for entry in project.study_words.find(order_by="list_name, word"):
        lists[entry.list_name].append(entry.word)
    return {name: words for name, words in lists.items() if words}


def set_study_words(project: Project, list_name: str, words: list[str]) -> None:
    if list_name not in WORD_LISTS:
        raise ValueError(f"unknown word list {list_name!r}; expected one of {WORD_LISTS}")
    study_id = project.study().id
    cleaned = list(dict.fromkeys(word.strip() for word in words if word.strip()))
    with project.transaction():
        project.db.execute("DELETE FROM study_word WHERE study_id = ? AND list_name = ?", [study_id, list_name])
        project.study_words.insert_many(StudyWord(study_id=study_id, list_name=list_name, word=w) for w in cleaned)


def guide_questions_for_check(project: Project, guide_id: str) -> list:
    """The guide's questions in order, in the shape the checker reads."""
    from app.core.questions import GuideQuestion

    return [
        GuideQuestion(id=item.question.id, text=item.question.text, section=index, intent=item.question.intent,
                      is_sensitive=item.question.is_sensitive, estimated_minutes=item.question.estimated_minutes)
        for index, section in enumerate(load_outline(project, guide_id).sections)
        for item in section.questions
    ]
