"""The bias safeguards a report can vouch for, computed from what the project holds: field notes
written, how much interviewers talked, leading questions asked, the guide's checks and what was
done about them, and the agreement of two coders."""

from __future__ import annotations

from statistics import mean

from app.core.diagnostics.thresholds import TALK_SHARE
from app.core.questions import check_guide
from app.core.report import Agreement, Safeguards, ThemeAgreement
from app.services import guides
from app.services.agreement import agreement
from app.services.diagnostics import tallies
from app.services.export_files import initials
from app.store.project import Project


def safeguards(project: Project, wave_id: str | None, interviews: list[str], transcripts: list[str]) -> Safeguards:
    """``interviews`` and ``transcripts``: the ids in the report's scope (withdrawn left out)."""
    noted = _with_field_note(project, interviews)
    measured = tallies(project, transcripts)
    shares = [t.interviewer_word_share for t in measured if t.interviewer_word_share is not None]
    guide = _guide_checks(project)
    return Safeguards(
        interviews=len(interviews), with_field_note=noted,
        talk_share_mean=mean(shares) if shares else None, talk_share_min=min(shares, default=None),
        talk_share_max=max(shares, default=None), talk_share_measured=len(shares),
        talk_share_ceiling=TALK_SHARE.ok_max,
        questions_asked=sum(t.questions_open + t.questions_closed for t in measured),
        leading_asked=sum(t.questions_leading for t in measured),
        guide_version=guide[0], guide_questions=guide[1], guide_flagged=guide[2], guide_set_aside=guide[3],
        guide_fixed=guide[4],
        agreement=coder_agreement(project),
        pseudonymised_transcripts=_pseudonymised(project, transcripts),
        quote_consents=_quote_consents(project),
    )


def _with_field_note(project: Project, interviews: list[str]) -> int:
    if not interviews:
        return 0
    noted = {row[0] for row in project.db.execute(
        "SELECT DISTINCT interview_id FROM field_note WHERE interview_id IS NOT NULL AND "
        "trim(setting || rapport || steering || participant_state || deviations || free_text) != ''")}
    return sum(1 for interview_id in interviews if interview_id in noted)


def _pseudonymised(project: Project, transcripts: list[str]) -> int:
    done = {row[0] for row in project.db.execute("SELECT id FROM transcript WHERE pseudonymised")}
    return sum(1 for transcript_id in transcripts if transcript_id in done)


def _quote_consents(project: Project) -> int:
    """Participants taking part whose consent in force allows quotes."""
    return project.db.execute(
        "SELECT count(*) FROM participant p WHERE p.status != 'withdrawn' AND ("
        "SELECT c.scope_quotes FROM consent c WHERE c.participant_id = p.id AND c.withdrawn_at IS NULL "
        "ORDER BY c.given_on DESC, c.created_at DESC LIMIT 1) = 1").fetchone()[0]


# the guide -----------------------------------------------------------------------------------------
def _flagged_positions(project: Project, guide_id: str) -> tuple[int, dict[tuple[int, int], bool], int]:
    """(questions, {(section, position): still flagged}, findings set aside) for one guide version."""
    questions = guides.guide_questions_for_check(project, guide_id)
    guide = project.guides.get(guide_id)
    report = check_guide(questions, lang=guide.language or "auto", extra=guides.study_word_lists(project))
    set_aside = guides.dismissals(project, guide_id)
    flagged: dict[tuple[int, int], bool] = {}
    dismissed = 0
    positions: dict[int, int] = {}
    for question in questions:
        place = (question.section, positions.setdefault(question.section, 0))
        positions[question.section] += 1
        findings = report.question_findings.get(question.id, [])
        aside = set_aside.get(question.id, {})
        dismissed += sum(1 for finding in findings if finding.rule in aside)
        flagged[place] = any(finding.rule not in aside for finding in findings)
    return len(questions), flagged, dismissed


def _guide_checks(project: Project) -> tuple[int | None, int, int, int, int]:
    """(version, questions, still flagged, set aside, fixed since the previous version)."""
    guide = project.current_guide()
    if guide is None:
        return None, 0, 0, 0, 0
    count, flagged, set_aside = _flagged_positions(project, guide.id)
    fixed = 0
    if guide.previous_version_id:
        # A question flagged in the previous version whose place in this one is no longer flagged.
        _, before, _ = _flagged_positions(project, guide.previous_version_id)
        fixed = sum(1 for place, was in before.items() if was and place in flagged and not flagged[place])
    return guide.version, count, sum(flagged.values()), set_aside, fixed


# coders -------------------------------------------------------------------------------------------
def _coder_pair(project: Project) -> tuple[str, str] | None:
    """The two coders who coded the most transcripts in common (names), or None."""
    row = project.db.execute(
        "SELECT a.coder_id, b.coder_id, count(*) AS shared FROM "
        "(SELECT DISTINCT coder_id, transcript_id FROM coding) a JOIN "
        "(SELECT DISTINCT coder_id, transcript_id FROM coding) b "
        "ON a.transcript_id = b.transcript_id AND a.coder_id < b.coder_id "
        "GROUP BY a.coder_id, b.coder_id ORDER BY shared DESC, a.coder_id, b.coder_id LIMIT 1").fetchone()
    if row is None:
        return None
    return row[0], row[1]


def coder_agreement(project: Project) -> Agreement | None:
    """Agreement per theme of the two coders who double-coded the most; coders by their initials."""
    pair = _coder_pair(project)
    if pair is None:
        return None
    coder_a, coder_b = (project.coders.get(coder_id) for coder_id in pair)
    result = agreement(project, coder_a.name, coder_b.name)
    if not result.transcripts:
        return None
    themes = tuple(ThemeAgreement(code.code, code.table.kappa, code.table.percent_agreement, code.units)
                   for code in result.codes)
    return Agreement(initials(coder_a.name, coder_a.initials), initials(coder_b.name, coder_b.initials),
                     result.transcripts, themes, result.overall.kappa)
