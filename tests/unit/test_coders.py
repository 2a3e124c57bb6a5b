"""Coder profiles: created with a name, unique in the project, initials filled in."""

from __future__ import annotations

import pytest

from app.services import coders
from app.services.coders import CoderError
from app.store.project import Project


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "p.terrain", "Étude") as made:
        yield made


def test_add_coder_fills_initials_and_audits(project):
    coder = coders.add_coder(project, "  Claire   Martin-Dubois ")
    assert coder.name == "Claire Martin-Dubois"
    assert coder.initials == "CMD"
    assert coders.coder_named(project, "Claire Martin-Dubois").id == coder.id
    assert [event.action for event in project.audit_log.find()] == ["coder_added"]


def test_given_initials_are_kept_in_capitals(project):
    assert coders.add_coder(project, "Yanis", "yb").initials == "YB"


@pytest.mark.parametrize("name", ["", "   "])
def test_a_profile_needs_a_name(project, name):
    with pytest.raises(CoderError, match="needs a name"):
        coders.add_coder(project, name)
    assert project.coders.count() == 0


def test_names_are_unique(project):
    coders.add_coder(project, "Claire")
    with pytest.raises(CoderError, match="already exists"):
        coders.add_coder(project, " Claire ")
    assert [coder.name for coder in coders.coders(project)] == ["Claire"]
