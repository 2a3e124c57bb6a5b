"""Gathering what the impact report says, for all waves or one.

Everything is read here, once, and handed to the Word writer as plain records
(``app.core.report``). Withdrawn participants are left out of every count, theme and quote;
participants appear by their code only, quotes are masked for names.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from app.core.dashboards import ThemeShares
from app.core.report import ReportData, Sample, SampleRow, Share, ThemeSection
from app.i18n import _
from app.services import report_quotes
from app.services.coding import live_codes, segments
from app.services.dashboards import dashboard_data
from app.services.documents import codebook_entries
from app.services.guides import load_outline
from app.services.indicators import compute_indicators
from app.services.leaks import IdentityMask
from app.services.report_limits import limits
from app.services.report_safeguards import safeguards
from app.store.project import Project


def report_data(project: Project, language: str = "fr", wave_id: str | None = None) -> ReportData:
    """The report's content; translated strings follow the language active on this thread."""
    study = project.study()
    wave = project.waves.get(wave_id) if wave_id else None
    territories = project.territories.find(order_by="code")
    territory_names = {territory.code: territory.name for territory in territories}
    profiles = {item.key: item.label for item in project.vocabulary.find(
        "kind = 'profile'", order_by="position, label")}
    interviews, transcripts = _in_scope(project, wave_id)
    dashboard = dashboard_data(project, wave_id, None)
    indicators = compute_indicators(project, wave_id, None)
    coded = segments(project, wave_id=wave_id)
    guide = project.current_guide()
    data = ReportData(
        study=study, language=language,
        scope=wave.label if wave else _("all waves"),
        generated_on=date.today().isoformat(),
        waves=project.waves.find(order_by="position, starts_on, label"),
        territories=territories,
        stakeholders=project.stakeholder_groups.find(order_by="name"),
        profiles=profiles,
        guide=load_outline(project, guide.id) if guide else None,
        sample=_sample(project, dashboard, interviews, transcripts, coded, territory_names, profiles, wave_id),
        safeguards=safeguards(project, wave_id, interviews, transcripts),
        indicators=indicators,
        themes=_themes(project, dashboard.themes_by_profile, dashboard.themes_by_territory, coded,
                       IdentityMask(project, language), profiles, territory_names),
        codebook=codebook_entries(project, language, coded),
        limits=[],
        dashboard=dashboard,
        small_n_threshold=study.small_n_threshold,
    )
    data.limits = limits(data)
    return data


def _in_scope(project: Project, wave_id: str | None) -> tuple[list[str], list[str]]:
    """Completed interviews and their transcripts in the scope, withdrawn participants left out."""
    sql = ("SELECT iv.id FROM interview iv JOIN participant p ON p.id = iv.participant_id "
           "WHERE iv.status = 'completed' AND p.status != 'withdrawn'")
    params: list = []
    if wave_id:
        sql += " AND iv.wave_id = ?"
        params.append(wave_id)
    interviews = [row[0] for row in project.db.execute(sql + " ORDER BY iv.started_at, iv.id", params)]
    sql = ("SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
           "JOIN participant p ON p.id = iv.participant_id WHERE p.status != 'withdrawn'")
    if wave_id:
        sql += " AND iv.wave_id = ?"
    transcripts = [row[0] for row in project.db.execute(sql + " ORDER BY tr.id", params)]
    return interviews, transcripts


def _sample(project: Project, dashboard, interviews: list[str], transcripts: list[str], coded,
            territory_names: dict[str, str], profiles: dict[str, str], wave_id: str | None) -> Sample:
    sql = ("SELECT DISTINCT p.id, coalesce(t.code, ''), p.profile FROM participant p "
           "LEFT JOIN territory t ON t.id = p.territory_id")
    params: list = []
    if wave_id:
        sql += " JOIN interview iv ON iv.participant_id = p.id AND iv.wave_id = ? AND iv.status = 'completed'"
        params.append(wave_id)
    rows = [row for row in project.db.execute(sql + " WHERE p.status != 'withdrawn'", params)]
    total = len(rows)
    by_territory = Counter(row[1] for row in rows)
    by_profile = Counter(row[2] for row in rows)
    return Sample(
        participants=total,
        withdrawn=project.db.execute("SELECT count(*) FROM participant WHERE status = 'withdrawn'").fetchone()[0],
        interviews=len(interviews), transcripts=len(transcripts),
        coded_transcripts=len({segment.transcript_id for segment in coded}),
        by_territory=tuple(Share(territory_names.get(code, code) or _("no territory"), by_territory[code], total)
                           for code in sorted(by_territory, key=lambda c: territory_names.get(c, c))),
        by_profile=tuple(Share(profiles.get(key, key) or _("no profile"), by_profile[key], total)
                         for key in sorted(by_profile, key=lambda k: list(profiles).index(k) if k in profiles else 99)),
        quotas=tuple(SampleRow(bar.territory, bar.profile, bar.target, bar.achieved) for bar in dashboard.quotas),
        questionnaire_respondents=max((item.n for item in dashboard.likert), default=0),
    )


def _shares(table: ThemeShares, index: int) -> tuple[Share, ...]:
    return tuple(Share(group, table.carriers[index][position], table.group_sizes[position])
                 for position, group in enumerate(table.groups))


def _themes(project: Project, by_profile: ThemeShares, by_territory: ThemeShares, coded, mask,
            profiles: dict[str, str], territory_names: dict[str, str]) -> list[ThemeSection]:
    codes = live_codes(project)
    children: dict[str | None, list] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    allowed = report_quotes.allowed_participants(project)
    by_code: dict[str, list[tuple[int, object]]] = {}
    for position, segment in enumerate(coded):
        by_code.setdefault(segment.code_id, []).append((position, segment))
    sections = []
    for index, theme in enumerate(children.get(None, [])):
        family = _family(theme, children)
        # In the order of ``coded``, whichever code of the family they carry: quotes are chosen in it.
        in_theme = [segment for _position, segment in sorted(
            (entry for code in family for entry in by_code.get(code.id, ())), key=lambda entry: entry[0])]
        quotable = report_quotes.quotable_segments(in_theme, allowed)
        chosen = report_quotes.choose(quotable)
        shares = _shares(by_profile, index) if index < len(by_profile.themes) else ()
        carriers = sum(share.count for share in shares)
        sections.append(ThemeSection(
            name=theme.name, definition=theme.definition,
            sub_themes=tuple(code.name for code in family[1:]),
            carriers=Share(theme.name, carriers, sum(by_profile.group_sizes)),
            segments=len(in_theme),
            by_profile=shares,
            by_territory=_shares(by_territory, index) if index < len(by_territory.themes) else (),
            quotes=tuple(report_quotes.to_quote(segment, mask, profiles, territory_names) for segment in chosen),
            quotable=len(quotable),
        ))
    return sections


def _family(code, children: dict) -> list:
    """A code and all its descendants, depth first."""
    family = [code]
    for child in children.get(code.id, []):
        family.extend(_family(child, children))
    return family
