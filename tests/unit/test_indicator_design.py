"""The indicator framework: each indicator's fields, its source, and the figures typed in by hand."""

from __future__ import annotations

import pytest

from app.services import indicator_design as design
from app.services import study_design
from app.services.codebook import delete_code
from app.services.indicator_design import DesignError, Figure

BASE = {"code": "NEW1", "label": "Nouvel indicateur", "level": "outcome", "dimension": "social",
        "unit": "%", "target": 50, "direction": "higher"}


def dump(project) -> str:
    return "\n".join(project.db.conn.iterdump())


def actions(project) -> list[str]:
    return [row[0] for row in project.db.execute("SELECT action FROM audit_log ORDER BY rowid")]


def refused(project, call, *args, match: str, **kwargs) -> DesignError:
    before = dump(project)
    with pytest.raises(DesignError, match=match) as caught:
        call(project, *args, **kwargs)
    assert dump(project) == before
    return caught.value


def add(project, **fields):
    return design.add_indicator(project, **{**BASE, **fields})


def by_code(project, code):
    return project.indicators.first("code = ?", [code])


def wave(project, label):
    return project.waves.first("label = ?", [label]).id


def territory(project, code):
    return project.territories.first("code = ?", [code]).id


# fields ----------------------------------------------------------------------------------------------
def test_add_indicator_at_the_end_with_audit(demo):
    last = max(i.position for i in demo.indicators.find())
    indicator = add(demo, source_kind="count", source_ref="transcripts", actor="Inès")
    stored = demo.indicators.get(indicator.id)
    assert (stored.code, stored.position, stored.target, stored.source_ref) == ("NEW1", last + 1, 50.0, "transcripts")
    assert demo.db.execute("SELECT actor FROM audit_log WHERE action = 'indicator_added'").fetchone()[0] == "Inès"


@pytest.mark.parametrize("changes, match", [
    ({"code": " "}, "needs a code"),
    ({"code": "oc1"}, "already has the code OC1"),
    ({"label": ""}, "NEW1 needs a label"),
    ({"level": "result"}, "level"),
    ({"direction": "up"}, "direction"),
    ({"dimension": "environment"}, "not in the study's list"),
    ({"target": "beaucoup"}, "target must be a number"),
    ({"target": float("nan")}, "target must be a number"),
    ({"colour": "red"}, "Unknown field of an indicator"),
])
def test_indicator_field_refusals(demo, changes, match):
    refused(demo, design.add_indicator, match=match,
            **{**BASE, "source_kind": "count", "source_ref": "interviews_held", **changes})


def test_empty_dimension_and_target_are_allowed(demo):
    indicator = add(demo, dimension="", target=None, source_kind="count", source_ref="field_notes")
    assert (indicator.dimension, indicator.target) == ("", None)


# sources -------------------------------------------------------------------------------------------------
def test_survey_sources_keep_only_what_their_summary_uses(demo):
    mean = add(demo, code="S1", source_kind="survey_item", source_ref="satisfaction_autonomie",
               source_params={"aggregate": "mean", "threshold": 4, "choices": ["Plutôt d’accord"]})
    assert mean.source_params == {"aggregate": "mean"}
    share = add(demo, code="S2", source_kind="survey_item", source_ref="securite_statut",
                source_params={"aggregate": "share_at_least", "threshold": 4.0})
    assert share.source_params == {"aggregate": "share_at_least", "threshold": 4}
    spread = add(demo, code="S3", source_kind="survey_item", source_ref="temps_collectifs",
                 source_params={"aggregate": "distribution", "choices": ["Groupes de travail", "Assemblée générale"]})
    assert spread.source_params == {"aggregate": "distribution",
                                    "choices": ["Assemblée générale", "Groupes de travail"]}
    default = add(demo, code="S4", source_kind="survey_item", source_ref="part_clients_locaux")
    assert default.source_params == {"aggregate": "mean"}


@pytest.mark.parametrize("ref, params, match", [
    ("", {}, "Choose the questionnaire item"),
    ("satisfaction", {}, "No questionnaire item is named “satisfaction”"),
    ("commentaire_libre", {"aggregate": "distribution"}, "free text"),
    ("temps_collectifs", {"aggregate": "mean"}, "no mean and no threshold"),
    ("temps_collectifs", {"aggregate": "share_at_least", "threshold": 2}, "no mean and no threshold"),
    ("part_clients_locaux", {"aggregate": "distribution"}, "answered with a number"),
    ("securite_statut", {"aggregate": "share_at_least"}, "Set the threshold"),
    ("securite_statut", {"aggregate": "share_at_least", "threshold": 6}, "from 1 to 5, not 6"),
    ("securite_statut", {"aggregate": "share_at_least", "threshold": "4"}, "threshold must be a number"),
    ("securite_statut", {"aggregate": "median"}, "Unknown way of summing up"),
    ("securite_statut", {"aggregate": "distribution", "choices": ["Oui"]}, "“Oui” is not one of the answers"),
    ("securite_statut", {"aggregate": "distribution", "choices": "Oui"}, "must be a list"),
    ("securite_statut", {"weight": 2}, "Unknown setting of the source: weight"),
])
def test_survey_source_refusals(demo, ref, params, match):
    refused(demo, design.add_indicator, match=match,
            **{**BASE, "source_kind": "survey_item", "source_ref": ref, "source_params": params})


def test_a_threshold_on_a_number_item_is_free(demo):
    indicator = add(demo, source_kind="survey_item", source_ref="part_clients_locaux",
                    source_params={"aggregate": "share_at_least", "threshold": 50.5})
    assert indicator.source_params["threshold"] == 50.5


def test_theme_source_must_be_a_live_code(demo):
    code = demo.codes.first("name = 'Isolement'")
    indicator = add(demo, source_kind="theme", source_ref=code.id, source_params={"aggregate": "segments"})
    assert indicator.source_params == {"aggregate": "segments"}
    default = add(demo, code="T2", source_kind="theme", source_ref=code.id)
    assert default.source_params == {"aggregate": "share_of_participants"}
    refused(demo, design.add_indicator, **{**BASE, "code": "T3", "source_kind": "theme", "source_ref": "nope"},
            match="No theme of the codebook has the id nope")
    refused(demo, design.add_indicator, **{**BASE, "code": "T3", "source_kind": "theme", "source_ref": code.id,
                                           "source_params": {"aggregate": "mean"}}, match="Unknown way")
    delete_code(demo, code.id)
    refused(demo, design.add_indicator, **{**BASE, "code": "T3", "source_kind": "theme", "source_ref": code.id},
            match="“Isolement” is in the bin")


def test_count_source(demo):
    indicator = add(demo, source_kind="count", source_ref="participants_met",
                    source_params={"profile": "entrepreneur_salarie"})
    assert indicator.source_params == {"profile": "entrepreneur_salarie"}
    refused(demo, design.add_indicator, **{**BASE, "code": "C2", "source_kind": "count",
                                           "source_ref": "interviews_completed"}, match="Choose what to count")
    refused(demo, design.add_indicator, **{**BASE, "code": "C2", "source_kind": "count",
                                           "source_ref": "participants_met", "source_params": {"profile": "chef"}},
            match="No participant profile has the key “chef”")


def test_manual_source(demo):
    summed = add(demo, source_kind="manual", source_ref="ignored", source_params={"combine": "sum"})
    assert (summed.source_ref, summed.source_params) == ("", {"combine": "sum"})
    plain = add(demo, code="M2", source_kind="manual", source_params={"combine": ""})
    assert plain.source_params == {}
    refused(demo, design.add_indicator, **{**BASE, "code": "M3", "source_kind": "manual",
                                           "source_params": {"combine": "max"}}, match="combining")
    refused(demo, design.add_indicator, **{**BASE, "code": "M3", "source_kind": "web"}, match="Unknown source")


# update, delete, order ----------------------------------------------------------------------------
def test_update_indicator_checks_the_merged_indicator(demo):
    oc1 = by_code(demo, "OC1")
    updated = design.update_indicator(demo, oc1.id, target=4.2, label="Autonomie")
    assert (demo.indicators.get(oc1.id).target, updated.label) == (4.2, "Autonomie")
    refused(demo, design.update_indicator, oc1.id, source_ref="commentaire_libre", match="free text")
    refused(demo, design.update_indicator, oc1.id, code="OC2", match="already has the code OC2")


def test_update_without_change_writes_nothing(demo):
    oc1 = by_code(demo, "OC1")
    before = dump(demo)
    # The demo stores {"threshold": null} beside a mean: the same source, said differently.
    design.update_indicator(demo, oc1.id, source_params={"aggregate": "mean"}, label=oc1.label)
    assert dump(demo) == before


def test_leaving_manual_is_refused_while_figures_remain(demo):
    imp1 = by_code(demo, "IMP1")
    count = demo.indicator_values.count("indicator_id = ?", [imp1.id])
    error = refused(demo, design.update_indicator, imp1.id, source_kind="count", source_ref="interviews_held",
                    match="figures typed in")
    assert f"has {count} figures" in str(error)


def test_delete_indicator_says_what_goes_with_it(demo):
    oc1 = by_code(demo, "OC1")
    def count(sql):
        return demo.db.execute(sql, [oc1.id]).fetchone()[0]

    questions = count("SELECT count(*) FROM question_indicator WHERE indicator_id = ?")
    codes = count("SELECT count(*) FROM code_indicator WHERE indicator_id = ?")
    items = demo.questionnaire_items.count("indicator_id = ?", [oc1.id])
    assert questions + codes + items > 0
    links = design.indicator_links(demo, oc1.id)
    assert (links.questions, links.codes, links.items, links.figures) == (questions, codes, items, 0)
    gone = design.delete_indicator(demo, oc1.id, actor="Inès")
    assert gone == links and by_code(demo, "OC1") is None
    assert demo.questionnaire_items.count("indicator_id = ?", [oc1.id]) == 0
    assert demo.questionnaire_items.first("name = 'satisfaction_autonomie'") is not None
    detail = demo.db.execute("SELECT detail FROM audit_log WHERE action = 'indicator_deleted'").fetchone()[0]
    assert '"code": "OC1"' in detail
    assert "link" in links.describe()


def test_delete_manual_indicator_takes_its_figures(demo):
    imp1 = by_code(demo, "IMP1")
    links = design.delete_indicator(demo, imp1.id)
    assert links.figures == 5 and "5 figures typed in" in links.describe()
    assert demo.indicator_values.count("indicator_id = ?", [imp1.id]) == 0


def test_reorder_indicators(demo):
    ids = [i.id for i in design.indicators(demo)]
    design.reorder_indicators(demo, ids[::-1])
    assert [i.id for i in design.indicators(demo)] == ids[::-1]
    assert "indicators_reordered" in actions(demo)
    refused(demo, design.reorder_indicators, ids[1:], match="every indicator")


# figures typed in ---------------------------------------------------------------------------------
def test_add_update_delete_figure(demo):
    manual = add(demo, source_kind="manual")
    figure = design.add_figure(demo, manual.id, wave(demo, "2025"), territory(demo, "LYO"), 12.5,
                               " Registre ", "2025-12-31", actor="Inès")
    assert (figure.value, figure.source_note, figure.observed_on) == (12.5, "Registre", "2025-12-31")
    whole = design.add_figure(demo, manual.id, wave(demo, "2025"), None, 40, "Bilan")
    assert whole.territory_id is None
    design.update_figure(demo, figure.id, value=13, observed_on="")
    stored = demo.indicator_values.get(figure.id)
    assert (stored.value, stored.observed_on) == (13, None)
    design.delete_figure(demo, whole.id)
    assert [f.id for f in design.figures(demo, manual.id)] == [figure.id]
    assert actions(demo)[-4:] == ["figure_added", "figure_added", "figure_updated", "figure_deleted"]


def test_figure_refusals(demo):
    manual = add(demo, source_kind="manual")
    w2025, lyon = wave(demo, "2025"), territory(demo, "LYO")
    design.add_figure(demo, manual.id, w2025, lyon, 10, "Registre")
    refused(demo, design.add_figure, manual.id, w2025, lyon, 11, "Autre", match="already a figure for 2025, Lyon")
    refused(demo, design.add_figure, manual.id, w2025, None, 11, "  ", match="Say where the figure comes from")
    refused(demo, design.add_figure, manual.id, w2025, None, "onze", "Note", match="must be a number")
    refused(demo, design.add_figure, manual.id, w2025, None, 11, "Note", "31/12/2025", match="not a date")
    refused(demo, design.add_figure, manual.id, None, None, 11, "Note", match="Choose the wave")
    refused(demo, design.add_figure, by_code(demo, "OC1").id, w2025, None, 1, "Note", match="not entered by hand")
    other = design.add_figure(demo, manual.id, w2025, None, 12, "Note")
    refused(demo, design.update_figure, other.id, territory_id=lyon, match="already a figure")
    error = refused(demo, design.add_figure, manual.id, w2025, territory(demo, "DRO"), 1, "", match="Figure for")
    assert "2025, Drôme" in str(error)


# the editor's one call ----------------------------------------------------------------------------------
def test_save_indicator_with_its_figures_in_one_go(demo):
    figures = [Figure(wave(demo, "2025"), None, 10, "Bilan"), Figure(wave(demo, "2026"), None, 12, "Bilan 2026")]
    indicator = design.save_indicator(demo, None, {**BASE, "source_kind": "manual"}, figures)
    assert [f.value for f in design.figures(demo, indicator.id)] == [10, 12]


def test_save_indicator_refused_by_one_figure_stores_nothing(demo):
    figures = [Figure(wave(demo, "2025"), None, 10, "Bilan"), Figure(wave(demo, "2026"), None, 12, "")]
    refused(demo, design.save_indicator, None, {**BASE, "source_kind": "manual"}, figures,
            match="Figure for 2026, whole study")
    twice = [Figure(wave(demo, "2025"), None, 10, "Bilan"), Figure(wave(demo, "2025"), None, 11, "Bis")]
    refused(demo, design.save_indicator, None, {**BASE, "source_kind": "manual"}, twice,
            match="Two figures are typed in for 2025, whole study")
    refused(demo, design.save_indicator, None, {**BASE, "source_kind": "count", "source_ref": "transcripts"},
            twice[:1], match="Only an indicator entered by hand")


def test_save_indicator_can_swap_territories_and_drop_figures(demo):
    out3 = by_code(demo, "OUT3")
    records = [r for r in design.figures(demo, out3.id) if r.wave_id == wave(demo, "2025")]
    lyon, dro = territory(demo, "LYO"), territory(demo, "DRO")
    typed = []
    for record in records:
        swapped = {lyon: dro, dro: lyon}.get(record.territory_id, record.territory_id)
        typed.append(Figure(record.wave_id, swapped, record.value, record.source_note, record.observed_on, record.id))
    fields = {name: getattr(out3, name) for name in design.INDICATOR_FIELDS}
    design.save_indicator(demo, out3.id, fields, typed)
    by_territory = {r.territory_id: r.value for r in design.figures(demo, out3.id) if r.wave_id == wave(demo, "2025")}
    old = {r.territory_id: r.value for r in records}
    assert by_territory[lyon] == old[dro] and by_territory[dro] == old[lyon]
    assert len(design.figures(demo, out3.id)) == len(typed)  # the 2026 figures, not listed, are gone


def test_save_indicator_leaving_manual_deletes_its_figures_when_told(demo):
    imp1 = by_code(demo, "IMP1")
    fields = {name: getattr(imp1, name) for name in design.INDICATOR_FIELDS}
    fields.update(source_kind="count", source_ref="interviews_held", source_params={})
    design.save_indicator(demo, imp1.id, fields, [])
    assert demo.indicators.get(imp1.id).source_kind == "count"
    assert design.figures(demo, imp1.id) == []


# what a source can point at -----------------------------------------------------------------------
def test_choices_offered_to_the_editor(demo):
    assert [item.name for item in design.survey_items(demo)][:2] == ["satisfaction_autonomie", "securite_statut"]
    assert design.aggregates_for_item("scale5") == ("mean", "share_at_least", "distribution")
    assert design.aggregates_for_item("number") == ("mean", "share_at_least")
    assert design.aggregates_for_item("multiple") == ("distribution",)
    assert design.aggregates_for_item("text") == ()
    themes = design.themes(demo)
    depths = {code.name: depth for code, depth in themes}
    assert depths["Autonomie et organisation du travail"] == 0 and depths["Liberté d’organisation"] == 1
    assert [p.key for p in design.profiles(demo)][0] == "entrepreneur_salarie"
    assert study_design.dimensions(demo)[0].key == "social"
