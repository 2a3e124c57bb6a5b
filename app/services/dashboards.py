"""What the dashboards draw, for one wave (or all) and one territory (or all), read in one go.

The data comes from the indicator evidence (``services.indicators``) so that a chart and the
indicator table can never disagree: the same answers, the same coded transcripts, the same
participants left out.
"""

from __future__ import annotations

from app.core import indicators as rules
from app.core.dashboards import DashboardData, LikertItem, QuotaBar, ThemeShares, WavePoint, WaveSeries
from app.i18n import _, current_language
from app.services.indicators import Evidence, compute_indicators, read_evidence, results_by_wave
from app.store.project import Project


def dashboard_data(project: Project, wave_id: str | None = None, territory_id: str | None = None) -> DashboardData:
    evidence = read_evidence(project)
    wave = project.waves.get(wave_id) if wave_id else None
    territory = project.territories.get(territory_id) if territory_id else None
    interviews = [row for row in evidence.interviews if _in(row[1], row[2], wave_id, territory_id)]
    return DashboardData(
        study_title=project.study().title,
        wave_label=wave.label if wave else _("all waves"),
        territory_label=territory.name if territory else _("all territories"),
        results=compute_indicators(project, wave_id, territory_id, evidence),
        quotas=quota_bars(project, evidence, wave_id, territory_id),
        themes_by_profile=theme_shares(project, evidence, "profile", wave_id, territory_id),
        themes_by_territory=theme_shares(project, evidence, "territory", wave_id, territory_id),
        likert=likert_items(evidence, wave_id, territory_id),
        waves=wave_series(project, evidence, territory_id),
        small_n_threshold=evidence.small_n,
        language=current_language(),
        participants=len({row[0] for row in interviews}),
        interviews=len(interviews),
    )


def _in(wave: str | None, territory: str | None, wave_id: str | None, territory_id: str | None) -> bool:
    return (wave_id is None or wave == wave_id) and (territory_id is None or territory == territory_id)


def quota_bars(project: Project, evidence: Evidence, wave_id: str | None, territory_id: str | None) -> list[QuotaBar]:
    """Each quota with the participants met (a completed interview) in the wave(s) read.

    A quota without a territory or a profile matches every territory or profile, as in the
    participants' screen.
    """
    territories = {t.id: t.name for t in project.territories.find()}
    profiles = _labels(project, "profile")
    order = {key: index for index, key in enumerate(profiles)}
    met: dict[str, tuple[str | None, str]] = {}
    for participant, wave, territory, profile, *_rest in evidence.interviews:
        if _in(wave, territory, wave_id, None):
            met[participant] = (territory, profile)
    bars = []
    for quota in project.quotas.find():
        if territory_id is not None and quota.territory_id not in (None, territory_id):
            continue
        achieved = sum(1 for territory, profile in met.values()
                       if (quota.territory_id is None or territory == quota.territory_id)
                       and (not quota.profile or profile == quota.profile))
        territory = territories.get(quota.territory_id, _("all territories"))
        bar = QuotaBar(territory, profiles.get(quota.profile, quota.profile) or _("all profiles"), quota.target, achieved)
        bars.append(((territory, order.get(quota.profile, len(order))), bar))
    return [bar for _key, bar in sorted(bars, key=lambda entry: entry[0])]


def theme_shares(project: Project, evidence: Evidence, attribute: str, wave_id: str | None,
                 territory_id: str | None) -> ThemeShares:
    """Top-level themes (with their sub-themes) × profiles or territories, over coded transcripts."""
    transcripts = [t for t in evidence.transcripts if _in(t.wave_id, t.territory_id, wave_id, territory_id)]
    if attribute == "profile":
        names = _labels(project, "profile")
        group_of = {pid: evidence.profiles.get(pid, "") for pid in evidence.profiles}
    else:
        names = {t.id: t.name for t in project.territories.find(order_by="name")}
        group_of = {t.participant_id: t.territory_id or "" for t in transcripts}
    members: dict[str, set[str]] = {}
    for transcript in transcripts:
        members.setdefault(group_of.get(transcript.participant_id, ""), set()).add(transcript.participant_id)
    groups = [key for key in names if key in members] + sorted(key for key in members if key not in names)
    themes = [code for code in project.codes.find("deleted_at IS NULL AND parent_id IS NULL", order_by="position, name")]
    # Who carries each code, gathered in one pass over the transcripts rather than once per theme.
    carrying_code: dict[str, set[str]] = {}
    for transcript in transcripts:
        for code, count in transcript.segments.items():
            if count:
                carrying_code.setdefault(code, set()).add(transcript.participant_id)
    carriers = []
    for theme in themes:
        carrying = set().union(*(carrying_code.get(code, ()) for code in evidence.themes.get(theme.id, {theme.id})))
        carriers.append(tuple(len(carrying & members[group]) for group in groups))
    return ThemeShares(
        attribute=attribute,
        groups=tuple(names.get(group) or _("not stated") for group in groups),
        group_sizes=tuple(len(members[group]) for group in groups),
        themes=tuple(theme.name for theme in themes),
        carriers=tuple(carriers),
    )


def likert_items(evidence: Evidence, wave_id: str | None, territory_id: str | None) -> list[LikertItem]:
    """The five-point items of the questionnaire, with the latest answer of each respondent."""
    items = []
    for name, (item_type, choices, label) in evidence.items.items():
        if item_type != "scale5":
            continue
        answers = rules.latest_per_participant(
            [a for a in evidence.answers.get(name, []) if _in(a.wave_id, a.territory_id, wave_id, territory_id)])
        counts = [0] * 5
        for answer in answers:
            if answer.number is not None and 1 <= answer.number <= 5:
                counts[int(answer.number) - 1] += 1
        labels = tuple(choices) if len(choices) == 5 else tuple(str(i) for i in range(1, 6))
        items.append(LikertItem(name, label, labels, tuple(counts)))
    return items


def wave_series(project: Project, evidence: Evidence, territory_id: str | None) -> list[WaveSeries]:
    by_wave = results_by_wave(project, territory_id, evidence)
    if not by_wave:
        return []
    series = []
    for index, first in enumerate(by_wave[0][1]):
        points = tuple(WavePoint(wave.label, results[index].value, results[index].n, results[index].small_n)
                       for wave, results in by_wave)
        series.append(WaveSeries(first.code, first.label, first.level, first.unit, first.target, first.direction,
                                 points))
    return series


def _labels(project: Project, kind: str) -> dict[str, str]:
    return {item.key: item.label for item in project.vocabulary.find("kind = ?", [kind], order_by="position, label")}
