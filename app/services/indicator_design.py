"""The indicator framework: indicators, the evidence each one reads, and figures typed in by hand.

An indicator's source must exist and fit before it is stored, so that the computation never meets
a dangling reference it could only report as "not computable":

- **survey_item**: ``source_ref`` is a questionnaire item's *name* (an item keeps its name from one
  wave's questionnaire to the next); a mean or a share at or above a threshold needs an item
  answered on a five-point scale or with a number; a distribution needs an item with answers to
  count, and the answers it counts (``choices``) must be among the item's.
- **theme**: ``source_ref`` is the id of a code outside the bin.
- **count**: ``source_ref`` names what is counted; ``profile`` narrows it to one participant profile.
- **manual**: figures typed in, one per wave and territory (or the whole study); ``combine`` says
  whether the territories' figures add up or average out when no figure covers the whole study.

Every change is one transaction with a line in the audit log; a refusal is a ``DesignError``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.core.coding import Code
from app.core.guide import QuestionnaireItem
from app.core.indicators import AGGREGATES, COMBINES, COUNT_REFS, DEFAULT_AGGREGATE
from app.core.records import utc_now
from app.core.study import DIRECTIONS, LEVELS, SOURCE_KINDS, Indicator, IndicatorValue, VocabularyItem
from app.i18n import _, ngettext
from app.services.coding import live_codes
from app.services.study_design import (
    DesignError,
    describe_uses,
    dimensions,
    iso_date,
    optional_text,
    required_text,
)
from app.store.project import Project

INDICATOR_FIELDS = ("code", "label", "level", "dimension", "definition", "unit", "target", "direction",
                    "source_kind", "source_ref", "source_params")
SOURCE_PARAMS = ("aggregate", "threshold", "choices", "profile", "combine")
NUMERIC_ITEMS = ("scale5", "number")
COUNTABLE_ITEMS = ("scale5", "single", "multiple")


# what a source can point at ----------------------------------------------------------------------
def survey_items(project: Project) -> list[QuestionnaireItem]:
    """One item per name, as first written (the oldest questionnaire's), in questionnaire order."""
    by_name: dict[str, QuestionnaireItem] = {}
    for item in project.questionnaire_items.iter(
            order_by="(SELECT created_at FROM questionnaire q WHERE q.id = questionnaire_id), position"):
        by_name.setdefault(item.name, item)
    return list(by_name.values())


def item_named(project: Project, name: str) -> QuestionnaireItem | None:
    return next((item for item in survey_items(project) if item.name == name), None)


def aggregates_for_item(item_type: str) -> tuple[str, ...]:
    """The ways an item of this type can be summed up, in the order an editor offers them."""
    fitting = []
    if item_type in NUMERIC_ITEMS:
        fitting += ["mean", "share_at_least"]
    if item_type in COUNTABLE_ITEMS:
        fitting.append("distribution")
    return tuple(fitting)


def themes(project: Project) -> list[tuple[Code, int]]:
    """The live codes in codebook order, each with its depth in the tree."""
    codes = live_codes(project)
    parents = {code.id: code.parent_id for code in codes}
    result = []
    for code in codes:
        depth, parent = 0, code.parent_id
        while parent in parents and depth < len(parents):
            depth, parent = depth + 1, parents[parent]
        result.append((code, depth))
    return result


def profiles(project: Project) -> list[VocabularyItem]:
    return project.vocabulary.find("kind = 'profile'", order_by="position, label")


# checks --------------------------------------------------------------------------------------------
def _number(value, message: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DesignError(message)
    return float(value)


def check_source(project: Project, kind, ref, params) -> tuple[str, dict]:
    """The source's ``source_ref`` and ``source_params``, checked and reduced to what the kind uses."""
    if kind not in SOURCE_KINDS:
        raise DesignError(_("Unknown source “{kind}”: choose a questionnaire item, a theme, a count or a figure "
                            "typed in.").format(kind=kind))
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise DesignError(_("The settings of the source must be a mapping such as {\"aggregate\": \"mean\"}."))
    unknown = sorted(set(params) - set(SOURCE_PARAMS))
    if unknown:
        raise DesignError(_("Unknown setting of the source: {names}.").format(names=", ".join(unknown)))
    params = {key: value for key, value in params.items() if value not in (None, "", [])}
    ref = ref.strip() if isinstance(ref, str) else ref
    if kind == "survey_item":
        return _check_survey_source(project, ref, params)
    if kind == "theme":
        return _check_theme_source(project, ref, params)
    if kind == "count":
        return _check_count_source(project, ref, params)
    combine = params.get("combine", "")
    if combine not in COMBINES:
        raise DesignError(_("Unknown way of combining the territories' figures: “{combine}”; choose sum, mean, "
                            "or nothing.").format(combine=combine))
    return "", ({"combine": combine} if combine else {})


def _aggregate(params: dict, kind: str) -> str:
    aggregate = params.get("aggregate", DEFAULT_AGGREGATE[kind])
    if aggregate not in AGGREGATES[kind]:
        raise DesignError(_("Unknown way of summing up the source: “{aggregate}”; choose among {choices}.")
                          .format(aggregate=aggregate, choices=", ".join(AGGREGATES[kind])))
    return aggregate


def _check_survey_source(project: Project, ref, params: dict) -> tuple[str, dict]:
    if not isinstance(ref, str) or not ref:
        raise DesignError(_("Choose the questionnaire item the indicator reads."))
    item = item_named(project, ref)
    if item is None:
        raise DesignError(_("No questionnaire item is named “{name}”: check the name, or add the item to the "
                            "questionnaire first.").format(name=ref))
    aggregate = _aggregate(params, "survey_item")
    if item.item_type == "text":
        raise DesignError(_("The item “{name}” is answered in free text: it cannot give a figure. Choose an item "
                            "with a scale, choices or a number.").format(name=item.name))
    if aggregate not in aggregates_for_item(item.item_type):
        if aggregate == "distribution":
            raise DesignError(_("The item “{name}” is answered with a number: it has no answers to count one by "
                                "one. Take its mean, or the share at or above a threshold.").format(name=item.name))
        raise DesignError(_("The item “{name}” is answered by choosing among answers, not on a scale or with a "
                            "number: it has no mean and no threshold. Count its answers as a distribution "
                            "instead.").format(name=item.name))
    clean: dict = {"aggregate": aggregate}
    if aggregate == "share_at_least":
        if "threshold" not in params:
            raise DesignError(_("Set the threshold at or above which an answer counts (for example 4 on a "
                                "five-point scale)."))
        threshold = _number(params["threshold"], _("The threshold must be a number."))
        if item.item_type == "scale5" and not 1 <= threshold <= 5:
            raise DesignError(_("On a five-point scale the threshold goes from 1 to 5, not {value}.")
                              .format(value=f"{threshold:g}"))
        clean["threshold"] = int(threshold) if threshold.is_integer() else threshold
    if aggregate == "distribution" and params.get("choices"):
        choices = params["choices"]
        if not isinstance(choices, list) or not all(isinstance(choice, str) for choice in choices):
            raise DesignError(_("The answers counted must be a list of the item's answers."))
        for choice in choices:
            if choice not in item.choices:
                raise DesignError(_("“{choice}” is not one of the answers of the item “{name}”.")
                                  .format(choice=choice, name=item.name))
        # Kept in the item's order, whatever order they were ticked in.
        clean["choices"] = [choice for choice in item.choices if choice in choices]
    return item.name, clean


def _check_theme_source(project: Project, ref, params: dict) -> tuple[str, dict]:
    if not isinstance(ref, str) or not ref:
        raise DesignError(_("Choose the theme of the codebook the indicator reads."))
    code = project.codes.first("id = ?", [ref])
    if code is None:
        raise DesignError(_("No theme of the codebook has the id {id}.").format(id=ref))
    if code.deleted_at:
        raise DesignError(_("The theme “{name}” is in the bin: restore it, or choose another theme.")
                          .format(name=code.name))
    return code.id, {"aggregate": _aggregate(params, "theme")}


def _check_count_source(project: Project, ref, params: dict) -> tuple[str, dict]:
    if ref not in COUNT_REFS:
        raise DesignError(_("Choose what to count: interviews held, participants met, transcripts or field notes "
                            "(not “{ref}”).").format(ref=ref or ""))
    profile = params.get("profile")
    if profile is None:
        return ref, {}
    if not isinstance(profile, str) or profile not in {item.key for item in profiles(project)}:
        raise DesignError(_("No participant profile has the key “{key}”.").format(key=profile))
    return ref, {"profile": profile}


def check_indicator(project: Project, fields: dict, own_id: str = "") -> dict:
    """All the fields of an indicator, checked and cleaned (see ``INDICATOR_FIELDS``)."""
    unknown = sorted(set(fields) - set(INDICATOR_FIELDS))
    if unknown:
        raise DesignError(_("Unknown field of an indicator: {names}.").format(names=", ".join(unknown)))
    code = required_text(fields.get("code"), _("An indicator needs a code, for example OC1."))
    for other in project.indicators.find("id != ?", [own_id]):
        if other.code.casefold() == code.casefold():
            raise DesignError(_("The indicator “{label}” already has the code {code}; choose another code.")
                              .format(label=other.label, code=other.code))
    clean = {"code": code,
             "label": required_text(fields.get("label"), _("The indicator {code} needs a label.").format(code=code))}
    if fields.get("level") not in LEVELS:
        raise DesignError(_("Choose the indicator's level: output, outcome or impact."))
    clean["level"] = fields["level"]
    dimension = optional_text(fields.get("dimension"), _("dimension"))
    if dimension and dimension not in {item.key for item in dimensions(project)}:
        raise DesignError(_("The dimension “{key}” is not in the study's list: add it to the dimensions first.")
                          .format(key=dimension))
    clean["dimension"] = dimension
    clean["definition"] = optional_text(fields.get("definition"), _("definition"))
    clean["unit"] = optional_text(fields.get("unit"), _("unit"))
    target = fields.get("target")
    clean["target"] = None if target is None else _number(target, _("The target must be a number, or left empty."))
    direction = fields.get("direction", "higher")
    if direction not in DIRECTIONS:
        raise DesignError(_("The direction must be “higher” (higher is better) or “lower” (lower is better)."))
    clean["direction"] = direction
    clean["source_kind"] = fields.get("source_kind")
    clean["source_ref"], clean["source_params"] = check_source(
        project, fields.get("source_kind"), fields.get("source_ref", ""), fields.get("source_params"))
    return clean


def normalised_fields(indicator: Indicator) -> dict:
    """The indicator's fields as ``check_indicator`` would give them, to tell a real change from none.
    A stored source that no longer checks out compares as itself."""
    values = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    params = {key: value for key, value in (indicator.source_params or {}).items() if value not in (None, "", [])}
    if indicator.source_kind in DEFAULT_AGGREGATE and "aggregate" not in params:
        params["aggregate"] = DEFAULT_AGGREGATE[indicator.source_kind]
    values["source_params"] = params
    return values


# indicators ----------------------------------------------------------------------------------------
def indicators(project: Project) -> list[Indicator]:
    return project.indicators.find(order_by="position, code")


def add_indicator(project: Project, *, actor: str = "", **fields) -> Indicator:
    """A new indicator at the end of the framework."""
    clean = check_indicator(project, fields)
    with project.transaction():
        position = 1 + max((indicator.position for indicator in indicators(project)), default=-1)
        indicator = Indicator(study_id=project.study().id, position=position, **clean)
        project.indicators.insert(indicator)
        project.audit("indicator_added", "indicator", indicator.id, actor, code=indicator.code,
                      source_kind=indicator.source_kind)
    return indicator


def update_indicator(project: Project, indicator_id: str, *, actor: str = "", **changes) -> Indicator:
    """Change some of an indicator's fields; the whole indicator is checked again."""
    indicator = project.indicators.get(indicator_id)
    merged = {**{name: getattr(indicator, name) for name in INDICATOR_FIELDS}, **changes}
    clean = check_indicator(project, merged, indicator.id)
    before = normalised_fields(indicator)
    changed = [name for name in INDICATOR_FIELDS if before[name] != clean[name]]
    if not changed:
        return indicator
    if clean["source_kind"] != "manual":
        typed = project.indicator_values.count("indicator_id = ?", [indicator.id])
        if typed:
            raise DesignError(ngettext(
                "The indicator {code} has {n} figure typed in: delete it before giving the indicator another "
                "source.",
                "The indicator {code} has {n} figures typed in: delete them before giving the indicator another "
                "source.", typed).format(code=indicator.code, n=typed))
    with project.transaction():
        old_code = indicator.code
        for name in INDICATOR_FIELDS:
            setattr(indicator, name, clean[name])
        project.indicators.update(indicator)
        project.audit("indicator_updated", "indicator", indicator.id, actor, code=old_code, fields=changed)
    return indicator


@dataclass(frozen=True)
class IndicatorLinks:
    """What goes with an indicator when it is deleted."""

    questions: int
    codes: int
    items: int
    figures: int

    def __bool__(self) -> bool:
        return bool(self.questions or self.codes or self.items or self.figures)

    def describe(self) -> str:
        return describe_uses([
            ngettext("{n} link to a question of the guide", "{n} links to questions of the guide",
                     self.questions).format(n=self.questions) if self.questions else "",
            ngettext("{n} link to a code", "{n} links to codes", self.codes).format(n=self.codes)
            if self.codes else "",
            ngettext("{n} link to a questionnaire item", "{n} links to questionnaire items",
                     self.items).format(n=self.items) if self.items else "",
            ngettext("{n} figure typed in", "{n} figures typed in", self.figures).format(n=self.figures)
            if self.figures else "",
        ])


def indicator_links(project: Project, indicator_id: str) -> IndicatorLinks:
    def count(sql: str) -> int:
        return project.db.execute(sql, [indicator_id]).fetchone()[0]

    return IndicatorLinks(
        questions=count("SELECT count(*) FROM question_indicator WHERE indicator_id = ?"),
        codes=count("SELECT count(*) FROM code_indicator WHERE indicator_id = ?"),
        items=count("SELECT count(*) FROM questionnaire_item WHERE indicator_id = ?"),
        figures=count("SELECT count(*) FROM indicator_value WHERE indicator_id = ?"),
    )


def delete_indicator(project: Project, indicator_id: str, *, actor: str = "") -> IndicatorLinks:
    """Delete an indicator with its links and figures; returns what went with it."""
    indicator = project.indicators.get(indicator_id)
    links = indicator_links(project, indicator_id)
    with project.transaction():
        # The schema drops links and figures with the indicator and detaches questionnaire items.
        project.indicators.delete(indicator_id)
        project.audit("indicator_deleted", "indicator", indicator_id, actor, code=indicator.code,
                      label=indicator.label, questions=links.questions, codes=links.codes, items=links.items,
                      figures=links.figures)
    return links


def reorder_indicators(project: Project, ordered_ids: list[str], *, actor: str = "") -> None:
    """Put the indicators in this order (every indicator listed once)."""
    current = indicators(project)
    if [indicator.id for indicator in current] == list(ordered_ids):
        return
    if sorted(ordered_ids) != sorted(indicator.id for indicator in current):
        raise DesignError(_("The new order must list every indicator once."))
    codes = {indicator.id: indicator.code for indicator in current}
    with project.transaction():
        for position, indicator_id in enumerate(ordered_ids):
            project.db.execute("UPDATE indicator SET position = ?, updated_at = ? WHERE id = ?",
                               [position, utc_now(), indicator_id])
        project.audit("indicators_reordered", "indicator", "", actor, order=[codes[i] for i in ordered_ids])


# figures typed in ---------------------------------------------------------------------------------
@dataclass
class Figure:
    """A figure as an editor holds it before it is stored; ``id`` is None for a new one."""

    wave_id: str | None
    territory_id: str | None
    value: float
    source_note: str
    observed_on: str | None = None
    id: str | None = field(default=None)


def figures(project: Project, indicator_id: str) -> list[IndicatorValue]:
    """The figures of an indicator, by wave then territory (the whole study first)."""
    return project.indicator_values.find(
        "indicator_id = ?", [indicator_id],
        order_by="(SELECT position FROM wave WHERE wave.id = wave_id), "
                 "(SELECT name FROM territory WHERE territory.id = territory_id) IS NOT NULL, "
                 "(SELECT name FROM territory WHERE territory.id = territory_id)")


def _where(project: Project, wave_id: str | None, territory_id: str | None) -> str:
    wave = project.waves.first("id = ?", [wave_id or ""])
    territory = project.territories.first("id = ?", [territory_id or ""])
    return _("{wave}, {territory}").format(wave=wave.label if wave else "?",
                                           territory=territory.name if territory else _("whole study"))


def _check_figure(project: Project, figure: Figure) -> Figure:
    where = _where(project, figure.wave_id, figure.territory_id)
    try:
        if not figure.wave_id:
            raise DesignError(_("Choose the wave the figure belongs to."))
        if project.waves.first("id = ?", [figure.wave_id]) is None:
            raise DesignError(_("The wave of the figure no longer exists."))
        if figure.territory_id and project.territories.first("id = ?", [figure.territory_id]) is None:
            raise DesignError(_("The territory of the figure no longer exists."))
        value = _number(figure.value, _("The figure must be a number."))
        note = required_text(figure.source_note, _("Say where the figure comes from (a register, a report, the "
                                                   "accounts…)."))
        observed_on = iso_date(figure.observed_on, _("date of the figure"))
    except DesignError as error:
        raise DesignError(_("Figure for {where}: {problem}").format(where=where, problem=error)) from None
    return Figure(figure.wave_id, figure.territory_id or None, value, note, observed_on, figure.id)


def _refuse_duplicate(project: Project, figure: Figure) -> None:
    raise DesignError(_("There is already a figure for {where}: change that one instead of adding a second.")
                      .format(where=_where(project, figure.wave_id, figure.territory_id)))


def _manual(project: Project, indicator_id: str) -> Indicator:
    indicator = project.indicators.get(indicator_id)
    if indicator.source_kind != "manual":
        raise DesignError(_("The indicator {code} is not entered by hand: its values come from its source.")
                          .format(code=indicator.code))
    return indicator


def add_figure(project: Project, indicator_id: str, wave_id: str | None, territory_id: str | None, value: float,
               source_note: str, observed_on: str | None = None, *, actor: str = "") -> IndicatorValue:
    """Type in a figure for a wave and a territory (None: the whole study); one per pair."""
    indicator = _manual(project, indicator_id)
    figure = _check_figure(project, Figure(wave_id, territory_id, value, source_note, observed_on))
    if project.indicator_values.first("indicator_id = ? AND wave_id IS ? AND territory_id IS ?",
                                      [indicator.id, figure.wave_id, figure.territory_id]):
        _refuse_duplicate(project, figure)
    with project.transaction():
        record = IndicatorValue(indicator_id=indicator.id, wave_id=figure.wave_id, territory_id=figure.territory_id,
                                value=figure.value, source_note=figure.source_note, observed_on=figure.observed_on)
        project.indicator_values.insert(record)
        project.audit("figure_added", "indicator_value", record.id, actor, indicator=indicator.code,
                      value=record.value)
    return record


def update_figure(project: Project, figure_id: str, *, actor: str = "", **changes) -> IndicatorValue:
    """Change a figure's ``wave_id``, ``territory_id``, ``value``, ``source_note`` or ``observed_on``."""
    unknown = sorted(set(changes) - {"wave_id", "territory_id", "value", "source_note", "observed_on"})
    if unknown:
        raise DesignError(_("Unknown field of a figure: {names}.").format(names=", ".join(unknown)))
    record = project.indicator_values.get(figure_id)
    indicator = project.indicators.get(record.indicator_id)
    merged = {"wave_id": record.wave_id, "territory_id": record.territory_id, "value": record.value,
              "source_note": record.source_note, "observed_on": record.observed_on, **changes}
    figure = _check_figure(project, Figure(**merged, id=record.id))
    if project.indicator_values.first("indicator_id = ? AND wave_id IS ? AND territory_id IS ? AND id != ?",
                                      [indicator.id, figure.wave_id, figure.territory_id, record.id]):
        _refuse_duplicate(project, figure)
    changed = _apply_figure(record, figure)
    if changed:
        with project.transaction():
            project.indicator_values.update(record)
            project.audit("figure_updated", "indicator_value", record.id, actor, indicator=indicator.code,
                          fields=changed)
    return record


def _apply_figure(record: IndicatorValue, figure: Figure) -> list[str]:
    changed = []
    for name in ("wave_id", "territory_id", "value", "source_note", "observed_on"):
        if getattr(record, name) != getattr(figure, name):
            setattr(record, name, getattr(figure, name))
            changed.append(name)
    return changed


def delete_figure(project: Project, figure_id: str, *, actor: str = "") -> None:
    record = project.indicator_values.get(figure_id)
    indicator = project.indicators.get(record.indicator_id)
    with project.transaction():
        project.indicator_values.delete(figure_id)
        project.audit("figure_deleted", "indicator_value", figure_id, actor, indicator=indicator.code,
                      value=record.value)


# the editor's one call -------------------------------------------------------------------------------
def save_indicator(project: Project, indicator_id: str | None, fields: dict, figures_typed: list[Figure] | None = None,
                   *, actor: str = "") -> Indicator:
    """Add (``indicator_id`` None) or change an indicator and, when ``figures_typed`` is given, make
    its figures exactly those: all in one transaction, so a refusal leaves everything as it was."""
    kind = fields.get("source_kind")
    if figures_typed and kind != "manual":
        raise DesignError(_("Only an indicator entered by hand has figures typed in."))
    with project.transaction():
        if figures_typed is not None and indicator_id is not None:
            # Figures that are no longer listed go first: the indicator may be leaving "manual".
            kept = {figure.id for figure in figures_typed if figure.id}
            for record in figures(project, indicator_id):
                if record.id not in kept:
                    delete_figure(project, record.id, actor=actor)
        if indicator_id is None:
            indicator = add_indicator(project, actor=actor, **fields)
        else:
            indicator = update_indicator(project, indicator_id, actor=actor, **fields)
        if figures_typed:
            _store_figures(project, indicator, figures_typed, actor)
    return indicator


def _store_figures(project: Project, indicator: Indicator, typed: list[Figure], actor: str) -> None:
    checked = [_check_figure(project, figure) for figure in typed]
    seen: set[tuple[str | None, str | None]] = set()
    for figure in checked:
        key = (figure.wave_id, figure.territory_id)
        if key in seen:
            raise DesignError(_("Two figures are typed in for {where}: keep only one.")
                              .format(where=_where(project, *key)))
        seen.add(key)
    stored = {record.id: record for record in figures(project, indicator.id)}
    # Updates go before additions, and through direct writes, because figures may swap their waves or
    # territories: the list as a whole has just been checked to hold one figure per pair.
    for figure in checked:
        record = stored.get(figure.id or "")
        if record is None:
            continue
        changed = _apply_figure(record, figure)
        if changed:
            project.indicator_values.update(record)
            project.audit("figure_updated", "indicator_value", record.id, actor, indicator=indicator.code,
                          fields=changed)
    for figure in checked:
        if figure.id not in stored:
            record = IndicatorValue(indicator_id=indicator.id, wave_id=figure.wave_id,
                                    territory_id=figure.territory_id, value=figure.value,
                                    source_note=figure.source_note, observed_on=figure.observed_on)
            project.indicator_values.insert(record)
            project.audit("figure_added", "indicator_value", record.id, actor, indicator=indicator.code,
                          value=record.value)
