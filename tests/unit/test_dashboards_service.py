"""The dashboards' theme table: a participant carries a theme when one of their coded transcripts
holds a passage of the theme or of one of its sub-themes, counted once per participant."""

from __future__ import annotations

import pytest

from app.services.dashboards import theme_shares
from app.services.demo import build_demo
from app.services.indicators import read_evidence
from app.store.project import Project


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with Project.open(build_demo(tmp_path_factory.mktemp("demo") / "demo.terrain")) as project:
        yield project


def carriers_by_definition(project, evidence, attribute, wave_id=None) -> dict[str, dict[str, int]]:
    """{theme name: {group id: participants}}, one theme and one transcript at a time."""
    transcripts = [t for t in evidence.transcripts if wave_id is None or t.wave_id == wave_id]
    group_of = ({pid: evidence.profiles.get(pid, "") for pid in evidence.profiles} if attribute == "profile"
                else {t.participant_id: t.territory_id or "" for t in transcripts})
    found = {}
    for theme in project.codes.find("deleted_at IS NULL AND parent_id IS NULL"):
        codes = evidence.themes.get(theme.id, {theme.id})
        people = {t.participant_id for t in transcripts if any(t.segments.get(code) for code in codes)}
        counts: dict[str, int] = {}
        for person in people:
            counts[group_of.get(person, "")] = counts.get(group_of.get(person, ""), 0) + 1
        found[theme.name] = counts
    return found


@pytest.mark.parametrize("attribute", ["profile", "territory"])
def test_theme_carriers_follow_the_definition(demo, attribute):
    evidence = read_evidence(demo)
    expected = carriers_by_definition(demo, evidence, attribute)
    shares = theme_shares(demo, evidence, attribute, None, None)
    assert set(shares.themes) == set(expected)
    assert sum(sum(row) for row in shares.carriers) > 0
    for theme, row in zip(shares.themes, shares.carriers):
        assert sum(row) == sum(expected[theme].values()), theme
        assert sorted(n for n in row if n) == sorted(expected[theme].values()), theme


def test_a_sub_theme_counts_for_its_theme(demo):
    """The demo has participants who carry a theme only through one of its sub-themes."""
    evidence = read_evidence(demo)
    shares = theme_shares(demo, evidence, "profile", None, None)
    widened = []
    for theme_id, codes in evidence.themes.items():
        if theme_id not in {code.id for code in demo.codes.find("parent_id IS NULL")}:
            continue
        alone = {t.participant_id for t in evidence.transcripts if t.segments.get(theme_id)}
        name = demo.codes.get(theme_id).name
        if sum(shares.carriers[shares.themes.index(name)]) > len(alone):
            widened.append(name)
    assert widened
