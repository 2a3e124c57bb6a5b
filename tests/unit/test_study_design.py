"""The study's design: its fields, waves, territories, stakeholder groups and dimensions."""

from __future__ import annotations

import pytest

from app.i18n import set_language
from app.services import study_design as sd
from app.services.projects import init_project
from app.services.study_design import DesignError
from app.store.project import Project


def dump(project: Project) -> str:
    """The whole database as SQL: equal dumps mean nothing at all was written."""
    return "\n".join(project.db.conn.iterdump())


def actions(project: Project) -> list[str]:
    return [row[0] for row in project.db.execute("SELECT action FROM audit_log ORDER BY rowid")]


@pytest.fixture
def fresh(tmp_path):
    init_project(tmp_path / "fresh.terrain", "Étude neuve")
    with Project.open(tmp_path / "fresh.terrain") as project:
        yield project


def refused(project: Project, call, *args, match: str, **kwargs) -> DesignError:
    """Run a call that must be refused, and check that the database did not move."""
    before = dump(project)
    with pytest.raises(DesignError, match=match) as caught:
        call(project, *args, **kwargs)
    assert dump(project) == before
    return caught.value


# the study -----------------------------------------------------------------------------------------
def test_update_study_changes_fields_and_audits(fresh):
    study = sd.update_study(fresh, title="  Évaluation 2026 ", organisation="Coop", evaluative_question="Quoi ?",
                            description="Texte", languages=["fr", "en"], small_n_threshold=8, actor="Inès")
    assert (study.title, study.languages, study.small_n_threshold) == ("Évaluation 2026", ["fr", "en"], 8)
    stored = fresh.study()
    assert (stored.organisation, stored.evaluative_question, stored.small_n_threshold) == ("Coop", "Quoi ?", 8)
    row = fresh.db.execute("SELECT actor, detail FROM audit_log WHERE action = 'study_updated'").fetchone()
    assert row[0] == "Inès" and "small_n_threshold" in row[1]


def test_update_study_without_change_writes_nothing(fresh):
    before = dump(fresh)
    sd.update_study(fresh, title="Étude neuve")
    assert dump(fresh) == before


@pytest.mark.parametrize("changes, match", [
    ({"title": "   "}, "needs a title"),
    ({"languages": []}, "at least one language"),
    ({"languages": ["fr", "de"]}, "Unknown language “de”"),
    ({"languages": "fr"}, "must be a list"),
    ({"small_n_threshold": 0}, "at least 1"),
    ({"small_n_threshold": True}, "whole number"),
    ({"small_n_threshold": 2.5}, "whole number"),
    ({"organisation": 12}, "must be text"),
    ({"colour": "red"}, "Unknown field of the study: colour"),
])
def test_update_study_refusals(fresh, changes, match):
    refused(fresh, sd.update_study, match=match, **changes)


def test_refusals_are_translated(fresh):
    set_language("fr")
    refused(fresh, sd.update_study, title="", match="^L’étude doit avoir un titre.$")


# waves -----------------------------------------------------------------------------------------------
def test_waves_are_added_in_order_and_audited(fresh):
    first = sd.add_wave(fresh, "2025", "2025-03-01", "2025-06-30")
    second = sd.add_wave(fresh, " 2026 ")
    assert [w.label for w in sd.waves(fresh)] == ["2025", "2026"]
    assert (first.position, second.position, second.starts_on) == (0, 1, None)
    assert actions(fresh).count("wave_added") == 2


@pytest.mark.parametrize("label, start, end, match", [
    ("", None, None, "needs a label"),
    ("2025", None, None, "already a wave labelled “2025”"),
    ("VAGUE", None, None, "already a wave labelled “vague”"),
    ("2027", "01/03/2027", None, "is not a date"),
    ("2027", "2027-02-30", None, "is not a date"),
    ("2027", "2027-06-30", "2027-03-01", "cannot end"),
])
def test_wave_refusals(fresh, label, start, end, match):
    sd.add_wave(fresh, "2025")
    sd.add_wave(fresh, "vague")
    refused(fresh, sd.add_wave, label, start, end, match=match)


def test_update_wave_checks_the_whole_wave(fresh):
    wave = sd.add_wave(fresh, "2025", "2025-03-01", "2025-06-30")
    sd.add_wave(fresh, "2026")
    updated = sd.update_wave(fresh, wave.id, label="Vague 2025", ends_on="2025-07-15")
    assert (updated.label, updated.starts_on, updated.ends_on) == ("Vague 2025", "2025-03-01", "2025-07-15")
    refused(fresh, sd.update_wave, wave.id, ends_on="2025-01-01", match="cannot end")
    refused(fresh, sd.update_wave, wave.id, label="2026", match="already a wave")
    refused(fresh, sd.update_wave, wave.id, colour="x", match="Unknown field of a wave")
    # Keeping its own label is no clash.
    assert sd.update_wave(fresh, wave.id, label="Vague 2025").label == "Vague 2025"


def test_delete_wave_refused_while_interviews_and_figures_refer_to_it(demo):
    wave = demo.waves.first("label = '2025'")
    interviews = demo.interviews.count("wave_id = ?", [wave.id])
    figures = demo.indicator_values.count("wave_id = ?", [wave.id])
    assert interviews and figures
    error = refused(demo, sd.delete_wave, wave.id, match="cannot be deleted")
    assert f"{interviews} interviews" in str(error) and f"{figures} figures typed in" in str(error)


def test_delete_unused_wave(demo):
    wave = sd.add_wave(demo, "2027")
    sd.delete_wave(demo, wave.id, actor="Inès")
    assert demo.waves.first("label = '2027'") is None
    assert "wave_deleted" in actions(demo)


def test_reorder_waves(fresh):
    a, b, c = (sd.add_wave(fresh, label) for label in ("A", "B", "C"))
    sd.reorder_waves(fresh, [c.id, a.id, b.id])
    assert [w.label for w in sd.waves(fresh)] == ["C", "A", "B"]
    assert "waves_reordered" in actions(fresh)
    refused(fresh, sd.reorder_waves, [c.id, a.id], match="every")


# territories -------------------------------------------------------------------------------------
def test_territory_code_is_upper_cased_and_unique(fresh):
    territory = sd.add_territory(fresh, " lyo ", "Lyon", "Siège")
    assert (territory.code, territory.name, territory.description) == ("LYO", "Lyon", "Siège")
    refused(fresh, sd.add_territory, "Lyo", "Autre Lyon", match="already has the code LYO")
    refused(fresh, sd.add_territory, "LY O", "Lyon", match="without spaces")
    refused(fresh, sd.add_territory, "", "Lyon", match="needs a code")
    refused(fresh, sd.add_territory, "DRO", "  ", match="DRO needs a name")
    assert "territory_added" in actions(fresh)


def test_update_territory(fresh):
    territory = sd.add_territory(fresh, "LYO", "Lyon")
    sd.add_territory(fresh, "DRO", "Drôme")
    updated = sd.update_territory(fresh, territory.id, code="lyn", name="Lyon Métropole")
    assert (updated.code, updated.name) == ("LYN", "Lyon Métropole")
    refused(fresh, sd.update_territory, territory.id, code="dro", match="already has the code DRO")


def test_delete_territory_refused_while_participants_quotas_or_figures_refer_to_it(demo):
    lyon = demo.territories.first("code = 'LYO'")
    uses = sd.territory_uses(demo, lyon.id)
    assert uses.participants and uses.quotas and uses.figures
    error = refused(demo, sd.delete_territory, lyon.id, match="cannot be deleted")
    assert f"{uses.participants} participants" in str(error) and f"{uses.quotas} quotas" in str(error)


def test_delete_unused_territory(demo):
    territory = sd.add_territory(demo, "GRE", "Grenoble")
    sd.delete_territory(demo, territory.id)
    assert demo.territories.first("code = 'GRE'") is None
    assert "territory_deleted" in actions(demo)


# stakeholder groups ------------------------------------------------------------------------------
def test_stakeholder_groups(fresh):
    group = sd.add_stakeholder_group(fresh, "Conseil", ["results", "guide"])
    assert group.participation == ["guide", "results"]  # the study's order, whatever the ticking order
    refused(fresh, sd.add_stakeholder_group, "conseil", [], match="already a stakeholder group")
    refused(fresh, sd.add_stakeholder_group, "Partenaires", ["lunch"], match="Unknown way of taking part")
    refused(fresh, sd.add_stakeholder_group, " ", [], match="needs a name")
    updated = sd.update_stakeholder_group(fresh, group.id, participation=["codebook"])
    assert fresh.stakeholder_groups.get(group.id).participation == ["codebook"] == updated.participation
    sd.delete_stakeholder_group(fresh, group.id)
    assert sd.stakeholder_groups(fresh) == []
    assert actions(fresh)[-3:] == ["stakeholder_group_added", "stakeholder_group_updated", "stakeholder_group_deleted"]


# dimensions --------------------------------------------------------------------------------------
def test_a_new_project_has_no_dimension_and_the_usual_five_are_one_call_away(fresh):
    assert sd.dimensions(fresh) == []
    set_language("fr")
    assert [label for _key, label in sd.default_dimensions()] == [
        "Social", "Économique", "Sociétal", "Qualité de vie au travail", "Territorial"]
    added = sd.add_default_dimensions(fresh)
    assert [d.key for d in sd.dimensions(fresh)] == ["social", "economique", "societal", "qualite_vie_travail",
                                                      "territorial"]
    assert len(added) == 5 and sd.add_default_dimensions(fresh) == []


def test_add_dimension_makes_a_key_from_the_label(fresh):
    item = sd.add_dimension(fresh, "Écologie & climat")
    assert item.key == "ecologie_climat" and item.kind == "dimension"
    twin = sd.add_dimension(fresh, "Écologie, climat")
    assert twin.key == "ecologie_climat_2"
    refused(fresh, sd.add_dimension, "écologie & CLIMAT", match="already a dimension labelled")
    refused(fresh, sd.add_dimension, "Autre", "ecologie_climat", match="already a dimension with the key")
    refused(fresh, sd.add_dimension, "Autre", "clé avec espace", match="may hold only")
    assert actions(fresh).count("dimension_added") == 2


def test_rename_dimension_keeps_its_key(demo):
    social = demo.vocabulary.first("kind = 'dimension' AND key = 'social'")
    renamed = sd.rename_dimension(demo, social.id, "Lien social")
    assert (renamed.key, demo.vocabulary.get(social.id).label) == ("social", "Lien social")
    refused(demo, sd.rename_dimension, social.id, "Territorial", match="already a dimension labelled")
    profile = demo.vocabulary.first("kind = 'profile'")
    refused(demo, sd.rename_dimension, profile.id, "X", match="not a dimension")


def test_delete_dimension_refused_while_an_indicator_uses_it(demo):
    social = demo.vocabulary.first("kind = 'dimension' AND key = 'social'")
    users = sd.dimension_users(demo, "social")
    error = refused(demo, sd.delete_dimension, social.id, match="cannot be deleted")
    assert f"{len(users)} indicators use it" in str(error) and users[0] in str(error)
    unused = sd.add_dimension(demo, "Environnemental")
    sd.delete_dimension(demo, unused.id)
    assert "dimension_deleted" in actions(demo)


def test_reorder_dimensions(fresh):
    sd.add_default_dimensions(fresh)
    ids = [d.id for d in sd.dimensions(fresh)]
    sd.reorder_dimensions(fresh, ids[::-1])
    assert [d.key for d in sd.dimensions(fresh)][0] == "territorial"
    refused(fresh, sd.reorder_dimensions, ids[:2], match="every")
