"""The question checker as the editor uses it: the study's lexicon loaded once per guide, one
question re-checked per pause in typing, and findings split into those still standing and
those the author set aside (with the reason they gave)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.core import questions as checker
from app.core.guide import Guide
from app.services import guides
from app.store.project import Project

SEVERITY_RANK = {"info": 0, "caution": 1, "alert": 2}


@dataclass
class QuestionCheck:
    """What the checker says about one question's current wording."""

    active: list = field(default_factory=list)
    dismissed: list[tuple[object, str]] = field(default_factory=list)  # (finding, reason)

    @property
    def worst(self) -> str | None:
        if not self.active:
            return None
        return max((finding.severity for finding in self.active), key=lambda s: SEVERITY_RANK.get(s, 0))


class GuideChecker:
    """Findings of every question of one guide, kept up to date one question at a time."""

    def __init__(self, project: Project, guide: Guide):
        self.project = project
        self.guide = guide
        self.lang = guide.language if guide.language in ("fr", "en") else "auto"
        self.extra = guides.study_word_lists(project)
        self.lexicon = checker.load_lexicon(self.lang, self.extra) if self.lang != "auto" else None
        self.dismissed: dict[str, dict[str, str]] = guides.dismissals(project, guide.id)
        self.findings: dict[str, list] = {}

    def check_question(self, question_id: str, text: str) -> QuestionCheck:
        self.findings[question_id] = checker.check_question(text, lang=self.lang, lexicon=self.lexicon)
        return self.result(question_id)

    def check_guide(self):
        """The guide-level report; it also refreshes every question's findings from the stored text."""
        questions = guides.guide_questions_for_check(self.project, self.guide.id)
        report = checker.check_guide(questions, lang=self.lang, extra=self.extra)
        self.findings = {question.id: list(report.question_findings.get(question.id, [])) for question in questions}
        return replace(report, findings=guides.standing_guide_findings(report.findings, self.dismissed))

    def result(self, question_id: str) -> QuestionCheck:
        set_aside = self.dismissed.get(question_id, {})
        check = QuestionCheck()
        for finding in self.findings.get(question_id, []):
            if finding.rule in set_aside:
                check.dismissed.append((finding, set_aside[finding.rule]))
            else:
                check.active.append(finding)
        return check

    def forget(self, question_id: str) -> None:
        self.findings.pop(question_id, None)
        self.dismissed.pop(question_id, None)

    def set_aside(self, question_id: str, rule: str, reason: str) -> None:
        self.dismissed.setdefault(question_id, {})[rule] = reason

    def bring_back(self, question_id: str, rule: str) -> None:
        self.dismissed.get(question_id, {}).pop(rule, None)


def with_suggestion(text: str, finding) -> str:
    """The question once the finding's suggestion is accepted: the suggestion rewrites the whole
    question, so it replaces the text."""
    return finding.suggestion if finding.suggestion is not None else text


def utf16_positions(text: str) -> list[int]:
    """For each code point offset of ``text`` (and its end), the offset Qt's text classes use:
    characters outside the Basic Multilingual Plane (emoji) count twice in UTF-16."""
    positions = [0] * (len(text) + 1)
    position = 0
    for index, character in enumerate(text):
        positions[index] = position
        position += 2 if ord(character) > 0xFFFF else 1
    positions[len(text)] = position
    return positions


def code_point_at(text: str, utf16_position: int) -> int:
    """The code point offset of a position counted in UTF-16 units."""
    position = 0
    for index, character in enumerate(text):
        if position >= utf16_position:
            return index
        position += 2 if ord(character) > 0xFFFF else 1
    return len(text)
