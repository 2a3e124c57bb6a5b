"""Blind double coding: a coder sees another coder's codings only once both are done."""

from __future__ import annotations

import shutil

import pytest

from app.services import blind
from app.services.blind import BlindCodingError
from app.store.errors import RecordNotFoundError
from app.store.project import Project


def double_coded(project: Project) -> tuple[str, str, str]:
    """A transcript both demo coders coded, and the two coders' ids."""
    transcript_id = project.db.execute(
        "SELECT transcript_id FROM coding GROUP BY transcript_id HAVING count(DISTINCT coder_id) = 2 "
        "ORDER BY transcript_id").fetchone()[0]
    a, b = (coder.id for coder in project.coders.find(order_by="name"))
    return transcript_id, a, b


def test_everyone_is_visible_when_blind_mode_is_off(demo):
    transcript_id, a, _b = double_coded(demo)
    assert not blind.is_blind(demo)
    assert blind.visible_coder_ids(demo, transcript_id, a) is None
    assert blind.hidden_message(demo, transcript_id, a) == ""
    blind.require_not_blind_for(demo, a, _b, transcript_id)


def test_the_other_coder_stays_hidden_until_both_are_done(demo):
    transcript_id, a, b = double_coded(demo)
    blind.set_blind(demo, True, actor="Claire")
    assert blind.visible_coder_ids(demo, transcript_id, a) == {a}
    assert "both done" in blind.hidden_message(demo, transcript_id, a)
    with pytest.raises(BlindCodingError):
        blind.require_not_blind_for(demo, a, b, transcript_id)

    blind.mark_done(demo, a, transcript_id)
    assert blind.visible_coder_ids(demo, transcript_id, a) == {a}
    assert blind.visible_coder_ids(demo, transcript_id, b) == {b}
    assert "they are done" in blind.hidden_message(demo, transcript_id, a)

    blind.mark_done(demo, b, transcript_id)
    assert blind.visible_coder_ids(demo, transcript_id, a) == {a, b}
    assert blind.visible_coder_ids(demo, transcript_id, b) == {a, b}
    assert blind.hidden_message(demo, transcript_id, b) == ""
    blind.require_not_blind_for(demo, a, b, transcript_id)


def test_reopening_a_pass_hides_again_and_everything_is_audited(demo):
    transcript_id, a, b = double_coded(demo)
    blind.set_blind(demo, True)
    blind.mark_done(demo, a, transcript_id)
    first = blind.coding_pass(demo, a, transcript_id).done_at
    blind.mark_done(demo, a, transcript_id)  # done twice keeps the first date
    assert blind.coding_pass(demo, a, transcript_id).done_at == first
    blind.mark_done(demo, b, transcript_id)
    blind.mark_done(demo, b, transcript_id, done=False)
    assert not blind.is_done(demo, b, transcript_id)
    assert blind.visible_coder_ids(demo, transcript_id, a) == {a}
    assert demo.coding_passes.count() == 2
    actions = [event.action for event in demo.audit_log.find(order_by="at, rowid")]
    assert actions.count("coding_pass_done") == 3 and "coding_pass_reopened" in actions
    assert "blind_coding_on" in actions
    blind.set_blind(demo, False)
    assert blind.visible_coder_ids(demo, transcript_id, a) is None


def test_blind_mode_survives_reopening_the_project(demo_file, tmp_path):
    copy = tmp_path / "again.terrain"
    shutil.copy(demo_file, copy)
    with Project.open(copy) as project:
        blind.set_blind(project, True)
    with Project.open(copy) as project:
        assert blind.is_blind(project)


def test_marking_done_refuses_unknown_records(demo):
    transcript_id, a, _b = double_coded(demo)
    with pytest.raises(RecordNotFoundError):
        blind.mark_done(demo, "no-such-coder", transcript_id)
    with pytest.raises(RecordNotFoundError):
        blind.mark_done(demo, a, "no-such-transcript")
    assert demo.coding_passes.count() == 0
