"""Indicator values per wave and per territory, from the project's data.

The rules are in ``app.core.indicators``; this module reads what they need once per call: the
answers to the questionnaire, the coded transcripts, the interviews and field notes, and the
figures typed in. Withdrawn participants are left out of everything, as everywhere in analysis;
codings of themes in the bin or whose text an edit deleted are not read.

An answer given during an interview belongs to that interview's wave; an answer given outside
an interview belongs to the wave whose dates contain the day it was given.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from app.core import indicators as rules
from app.core.indicators import Answer, CodedTranscript, Computed, IndicatorResult, ManualFigure
from app.core.study import LEVELS, Indicator, Territory, Wave
from app.i18n import _
from app.store.project import Project


class IndicatorError(ValueError):
    """A wave or a territory asked for that the study does not have."""


# scope -------------------------------------------------------------------------------------------
def find_wave(project: Project, key: str) -> Wave:
    """A wave by its label (e.g. "2025") or its id."""
    wave = project.waves.first("label = ? OR id = ?", [key, key])
    if wave is None:
        labels = ", ".join(w.label for w in project.waves.find(order_by="position, starts_on")) or "—"
        raise IndicatorError(_("The study has no wave “{wave}”. Its waves: {labels}.").format(wave=key, labels=labels))
    return wave


def find_territory(project: Project, key: str) -> Territory:
    """A territory by its code (any case), its name or its id."""
    territory = project.territories.first("upper(code) = upper(?) OR name = ? OR id = ?", [key, key, key])
    if territory is None:
        codes = ", ".join(t.code for t in project.territories.find(order_by="code")) or "—"
        raise IndicatorError(_("The study has no territory “{territory}”. Its territories: {codes}.")
                             .format(territory=key, codes=codes))
    return territory


def waves_in_order(project: Project) -> list[Wave]:
    return project.waves.find(order_by="position, starts_on, label")


# what is read once per call ----------------------------------------------------------------------
@dataclass
class Evidence:
    """The project's data that indicators are computed from, read once."""

    answers: dict[str, list[Answer]] = field(default_factory=dict)  # item name -> answers
    items: dict[str, tuple[str, list[str], str]] = field(default_factory=dict)  # name -> (type, choices, label)
    transcripts: list[CodedTranscript] = field(default_factory=list)
    themes: dict[str, set[str]] = field(default_factory=dict)  # code id -> itself and its live descendants
    theme_names: dict[str, str] = field(default_factory=dict)  # code id -> name
    interviews: list[tuple[str, str | None, str | None, str, bool, bool]] = field(default_factory=list)
    # (participant, wave, territory, profile, has a transcript, has a field note) per completed interview
    figures: dict[str, list[ManualFigure]] = field(default_factory=dict)  # indicator id -> figures
    profiles: dict[str, str] = field(default_factory=dict)  # participant id -> profile key
    dimensions: dict[str, str] = field(default_factory=dict)  # dimension key -> label
    small_n: int = rules.DEFAULT_SMALL_N


def read_evidence(project: Project) -> Evidence:
    evidence = Evidence(small_n=project.study().small_n_threshold)
    db = project.db
    waves = waves_in_order(project)
    positions = {wave.id: index for index, wave in enumerate(waves)}
    participants = {pid: (territory, profile) for pid, territory, profile in db.execute(
        "SELECT id, territory_id, profile FROM participant WHERE status != 'withdrawn'")}
    evidence.profiles = {pid: profile for pid, (_t, profile) in participants.items()}
    interview_waves = dict(db.execute("SELECT id, wave_id FROM interview").fetchall())

    for name, item_type, choices, label in db.execute(
            "SELECT name, item_type, choices, label FROM questionnaire_item ORDER BY position"):
        evidence.items.setdefault(name, (item_type, _json_list(choices), label))
    for name, pid, interview_id, number, text, answered_at in db.execute("""
            SELECT qi.name, a.participant_id, a.interview_id, a.value_number, a.value_text, a.answered_at
            FROM survey_answer a JOIN questionnaire_item qi ON qi.id = a.item_id"""):
        if pid not in participants:
            continue
        wave_id = interview_waves.get(interview_id) if interview_id else _wave_of_day(waves, answered_at)
        evidence.answers.setdefault(name, []).append(
            Answer(pid, wave_id, participants[pid][0], number, text or "", answered_at or ""))

    codes = db.execute("SELECT id, parent_id, name FROM code WHERE deleted_at IS NULL").fetchall()
    evidence.theme_names = {code_id: name for code_id, _parent, name in codes}
    parents = {code_id: parent for code_id, parent, _name in codes}
    for code_id in parents:
        evidence.themes.setdefault(code_id, set()).add(code_id)
        ancestor = parents.get(code_id)
        while ancestor in parents:
            evidence.themes.setdefault(ancestor, set()).add(code_id)
            ancestor = parents.get(ancestor)
    segments: dict[str, dict[str, int]] = defaultdict(dict)
    for transcript_id, code_id, count in db.execute(
            "SELECT transcript_id, code_id, count(*) FROM coding WHERE anchor_status = 'ok' "
            "GROUP BY transcript_id, code_id"):
        if code_id in parents:
            segments[transcript_id][code_id] = count
    for transcript_id, pid, wave_id in db.execute("""
            SELECT tr.id, iv.participant_id, iv.wave_id FROM transcript tr
            JOIN interview iv ON iv.id = tr.interview_id"""):
        if pid in participants and segments.get(transcript_id):
            evidence.transcripts.append(CodedTranscript(pid, wave_id, participants[pid][0], segments[transcript_id]))

    for pid, wave_id, has_transcript, has_note in db.execute("""
            SELECT iv.participant_id, iv.wave_id,
                   EXISTS (SELECT 1 FROM transcript tr WHERE tr.interview_id = iv.id),
                   EXISTS (SELECT 1 FROM field_note f WHERE f.interview_id = iv.id)
            FROM interview iv WHERE iv.status = 'completed'"""):
        if pid in participants:
            territory, profile = participants[pid]
            evidence.interviews.append((pid, wave_id, territory, profile, bool(has_transcript), bool(has_note)))

    for indicator_id, wave_id, territory_id, value, note, observed_on in db.execute(
            "SELECT indicator_id, wave_id, territory_id, value, source_note, observed_on FROM indicator_value "
            "ORDER BY observed_on, created_at"):
        evidence.figures.setdefault(indicator_id, []).append(
            ManualFigure(wave_id, territory_id, value, note, observed_on, positions.get(wave_id, -1)))
    evidence.dimensions = dict(db.execute("SELECT key, label FROM vocabulary WHERE kind = 'dimension'").fetchall())
    return evidence


def _wave_of_day(waves: list[Wave], stamp: str | None) -> str | None:
    day = (stamp or "")[:10]
    for wave in waves:
        if wave.starts_on and day >= wave.starts_on and (not wave.ends_on or day <= wave.ends_on):
            return wave.id
    return None


def _json_list(text: str) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _in_scope(wave_id: str | None, territory_id: str | None, scope_wave: str | None, scope_territory: str | None) -> bool:
    return (scope_wave is None or wave_id == scope_wave) and (scope_territory is None or territory_id == scope_territory)


# computing ---------------------------------------------------------------------------------------
def compute_indicators(project: Project, wave_id: str | None = None, territory_id: str | None = None,
                       evidence: Evidence | None = None) -> list[IndicatorResult]:
    """Every indicator's value for a wave and a territory (None: all of them), outputs first."""
    evidence = evidence or read_evidence(project)
    order = {level: index for index, level in enumerate(LEVELS)}
    indicators = sorted(project.indicators.find(), key=lambda i: (order.get(i.level, 9), i.position, i.code))
    return [indicator_value(indicator, evidence, wave_id, territory_id) for indicator in indicators]


def indicator_value(indicator: Indicator, evidence: Evidence, wave_id: str | None,
                    territory_id: str | None) -> IndicatorResult:
    params = indicator.source_params or {}
    kind = indicator.source_kind
    if kind == "survey_item":
        computed, source = _survey(indicator, params, evidence, wave_id, territory_id)
    elif kind == "theme":
        computed, source = _theme(indicator, params, evidence, wave_id, territory_id)
    elif kind == "count":
        computed, source = _count(indicator, params, evidence, wave_id, territory_id)
    else:
        figures = evidence.figures.get(indicator.id, [])
        computed = rules.manual_value(figures, wave_id, territory_id, params.get("combine") or "")
        source = "manual"
    small = rules.is_small(computed.n, kind, evidence.small_n) and computed.value is not None
    return IndicatorResult(
        indicator_id=indicator.id, code=indicator.code, label=indicator.label, level=indicator.level,
        dimension=indicator.dimension, dimension_label=evidence.dimensions.get(indicator.dimension, indicator.dimension),
        unit=indicator.unit, target=indicator.target, direction=indicator.direction, source_kind=kind,
        source=source, value=computed.value, n=computed.n, reason=computed.reason, small_n=small,
        warning=rules.small_n_warning(computed.n, evidence.small_n) if small else "",
        wave_id=wave_id, territory_id=territory_id, distribution=computed.distribution, note=computed.note,
        definition=indicator.definition,
    )


def _survey(indicator: Indicator, params: dict, evidence: Evidence, wave_id, territory_id) -> tuple[Computed, str]:
    name = indicator.source_ref
    aggregate = params.get("aggregate") or rules.DEFAULT_AGGREGATE["survey_item"]
    source = f"survey_item:{name}/{aggregate}"
    if name not in evidence.items:
        return Computed(None, None, _("The questionnaire has no item “{name}”.").format(name=name)), source
    item_type, choices, _label = evidence.items[name]
    answers = [a for a in evidence.answers.get(name, []) if _in_scope(a.wave_id, a.territory_id, wave_id, territory_id)]
    answers = rules.latest_per_participant(answers)
    computed = rules.survey_value(answers, aggregate, item_type, choices, params.get("threshold"),
                                  params.get("choices"))
    return computed, source


def _theme(indicator: Indicator, params: dict, evidence: Evidence, wave_id, territory_id) -> tuple[Computed, str]:
    aggregate = params.get("aggregate") or rules.DEFAULT_AGGREGATE["theme"]
    code_id = indicator.source_ref
    name = evidence.theme_names.get(code_id, code_id)
    source = f"theme:{name}/{aggregate}"
    if code_id not in evidence.themes:
        return Computed(None, None, _("The theme this indicator reads is not in the codebook (or is in the bin).")), source
    transcripts = [t for t in evidence.transcripts if _in_scope(t.wave_id, t.territory_id, wave_id, territory_id)]
    return rules.theme_value(transcripts, evidence.themes[code_id], aggregate), source


def _count(indicator: Indicator, params: dict, evidence: Evidence, wave_id, territory_id) -> tuple[Computed, str]:
    ref = indicator.source_ref
    profile = params.get("profile") or ""
    source = f"count:{ref}" + (f"/{profile}" if profile else "")
    rows = [row for row in evidence.interviews if _in_scope(row[1], row[2], wave_id, territory_id)
            and (not profile or row[3] == profile)]
    if ref == "interviews_held":
        value = len(rows)
    elif ref == "participants_met":
        value = len({row[0] for row in rows})
    elif ref == "transcripts":
        value = sum(1 for row in rows if row[4])
    elif ref == "field_notes":
        value = sum(1 for row in rows if row[5])
    else:
        return Computed(None, None, _("Unknown count: {name}.").format(name=ref)), source
    return Computed(float(value), value), source


def results_by_wave(project: Project, territory_id: str | None = None,
                    evidence: Evidence | None = None) -> list[tuple[Wave, list[IndicatorResult]]]:
    """Each wave in order with every indicator's value in it, for wave-to-wave comparison."""
    evidence = evidence or read_evidence(project)
    return [(wave, compute_indicators(project, wave.id, territory_id, evidence)) for wave in waves_in_order(project)]
