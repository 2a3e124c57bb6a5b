"""Checking a stored guide: every question's wording, then the guide as a whole.

Findings the author dismissed on purpose are reported apart, with their reason, so that a
methodologist reading the check sees both what remains and what was decided.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from app.core.questions import check_guide
from app.i18n import _
from app.services import guides
from app.store.errors import RecordNotFoundError
from app.store.project import Project


def lint_guide(path: Path | str, guide_id: str | None = None, lang: str = "auto") -> dict:
    with Project.open(path) as project:
        guide = project.guides.get(guide_id) if guide_id else project.current_guide()
        if guide is None:
            raise RecordNotFoundError(_("The project holds no interview guide."))
        questions = guides.guide_questions_for_check(project, guide.id)
        report = check_guide(questions, lang=lang if lang != "auto" else guide.language or "auto",
                             extra=guides.study_word_lists(project))
        dismissed = guides.dismissals(project, guide.id)
        entries = []
        for number, question in enumerate(questions, start=1):
            findings = report.question_findings.get(question.id, [])
            set_aside = dismissed.get(question.id, {})
            entries.append({
                "number": number,
                "id": question.id,
                "section": question.section,
                "text": question.text,
                "findings": [asdict(f) for f in findings if f.rule not in set_aside],
                "dismissed": [{**asdict(f), "reason": set_aside[f.rule]} for f in findings if f.rule in set_aside],
            })
        return {
            "guide": {"id": guide.id, "title": guide.title, "version": guide.version, "frozen": guide.is_frozen},
            "questions": entries,
            "guide_findings": [asdict(f) for f in guides.standing_guide_findings(report.findings, dismissed)],
            "closed_share": report.closed_share,
            "estimated_minutes": report.estimated_minutes,
        }
