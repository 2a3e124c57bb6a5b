"""Reconciling two coders passage by passage, and agreement as the agreement screen shows it
(blind mode leaves out the transcripts the two coders are not both done with)."""

from __future__ import annotations

import json

import pytest

from app.core.coding import Code, Coder, Coding
from app.services import agreement, agreement_view, blind, reconcile
from app.services.agreement import Disagreement
from app.services.blind import BlindCodingError
from app.services.coding import full_text_of
from app.services.reconcile import ReconcileError
from app.store.project import Project


@pytest.fixture
def pair(demo) -> tuple[str, str]:
    found = agreement_view.default_pair(demo)
    assert found is not None
    return found


def coder_named(project: Project, name: str) -> str:
    return project.coders.first("name = ?", [name]).id


def codings_table(project: Project) -> list[tuple]:
    return project.db.execute("SELECT * FROM coding ORDER BY id").fetchall()


def undo_all(project: Project, steps) -> None:
    for step in reversed(steps):
        step.undo(project)


def code_table(project: Project, a: str, b: str, code_id: str):
    report = agreement.agreement(project, a, b)
    return next(code.table for code in report.codes if code.code_id == code_id)


def shared_transcripts(project: Project, a: str, b: str) -> list[str]:
    comparison = agreement_view.compare(project, a, b)
    return sorted(row.transcript_id for row in comparison.passes if row.compared)


def fresh_code(project: Project) -> Code:
    return project.codes.insert(Code(study_id=project.study().id, name="Code d’essai", colour="#4477aa",
                                      position=999))


def code_spans(project: Project, transcript_id: str, code_id: str, coder_id: str) -> list[tuple[int, int]]:
    return [(c.start_offset, c.end_offset) for c in project.codings.find(
        "transcript_id = ? AND code_id = ? AND coder_id = ?", [transcript_id, code_id, coder_id],
        order_by="start_offset")]


@pytest.fixture
def test_code(demo, pair):
    """A code of our own on the first transcript both coders coded, with codings we choose."""
    a, b = pair
    transcript_id = shared_transcripts(demo, a, b)[0]
    code = fresh_code(demo)

    def code_it(coder_name: str, start: int, end: int, memo: str = "") -> Coding:
        return demo.codings.insert(Coding(transcript_id=transcript_id, code_id=code.id,
                                          coder_id=coder_named(demo, coder_name), start_offset=start,
                                          end_offset=end, memo=memo))

    return transcript_id, code, code_it


def passages_of(project: Project, a: str, b: str, code_id: str) -> list[Disagreement]:
    return [d for d in agreement.disagreements(project, a, b) if d.code_id == code_id]


# default pair ------------------------------------------------------------------------------------
def test_default_pair_is_the_two_coders_of_the_demo(demo, pair):
    assert sorted(pair) == sorted(coder.name for coder in demo.coders.find())


def test_default_pair_prefers_the_coders_who_share_most_transcripts(demo, pair):
    study_id = demo.study().id
    third = demo.coders.insert(Coder(study_id=study_id, name="Aaron Zéro"))
    transcript_id = shared_transcripts(demo, *pair)[0]
    code = demo.codes.first("deleted_at IS NULL")
    demo.codings.insert(Coding(transcript_id=transcript_id, code_id=code.id, coder_id=third.id,
                               start_offset=0, end_offset=5))
    # Aaron sorts first by name but shares one transcript; the demo's coders share three.
    assert sorted(agreement_view.default_pair(demo)) == sorted(pair)


def test_default_pair_needs_two_coders(tmp_path):
    from fixtures.small_study import build_small_study

    project = build_small_study(tmp_path / "small.terrain")
    try:
        for coder in project.coders.find():
            project.db.execute("DELETE FROM coding WHERE coder_id = ?", [coder.id])
            project.coders.delete(coder.id)
        assert agreement_view.default_pair(project) is None
        project.coders.insert(Coder(study_id=project.study().id, name="Seule"))
        assert agreement_view.default_pair(project) is None
    finally:
        project.close()


# adopt -------------------------------------------------------------------------------------------
def test_adopt_gives_the_other_coder_the_coding_and_agreement_rises(demo, pair):
    a, b = pair
    passage = agreement.disagreements(demo, a, b)[0]
    before = code_table(demo, a, b, passage.code_id)
    other = coder_named(demo, b if passage.coded_by == "a" else a)
    reconcile.adopt(demo, passage, a, b, actor="Inès Moreau")
    after = code_table(demo, a, b, passage.code_id)
    assert after.both == before.both + (passage.end - passage.start)
    assert after.kappa > before.kappa
    assert passage not in agreement.disagreements(demo, a, b)
    made = demo.codings.first("coder_id = ? AND code_id = ? AND start_offset = ? AND end_offset = ?",
                              [other, passage.code_id, passage.start, passage.end])
    assert made is not None and made.transcript_id == passage.transcript_id
    event = demo.audit_log.find("action = 'coding_reconciled'")[-1]
    assert event.actor == "Inès Moreau" and event.entity_id == passage.transcript_id
    detail = event.detail if isinstance(event.detail, dict) else json.loads(event.detail)
    assert detail["how"] == "adopt" and detail["coder_id"] == other
    assert (detail["start"], detail["end"]) == (passage.start, passage.end)


def test_adopt_is_undone_and_redone_exactly(demo, pair):
    a, b = pair
    passage = agreement.disagreements(demo, a, b)[3]
    original = codings_table(demo)
    steps = reconcile.adopt(demo, passage, a, b)
    changed = codings_table(demo)
    assert len(changed) == len(original) + 1
    undo_all(demo, steps)
    assert codings_table(demo) == original
    for step in steps:
        step.redo(demo)
    assert codings_table(demo) == changed


def test_adopt_twice_is_refused(demo, pair):
    a, b = pair
    passage = agreement.disagreements(demo, a, b)[0]
    reconcile.adopt(demo, passage, a, b)
    kept = codings_table(demo)
    with pytest.raises(ReconcileError):
        reconcile.adopt(demo, passage, a, b)
    assert codings_table(demo) == kept


# drop --------------------------------------------------------------------------------------------
def test_drop_splits_a_coding_larger_than_the_passage(demo, pair, test_code):
    a, b = pair
    transcript_id, code, code_it = test_code
    code_it(a, 10, 50, memo="à discuter")
    code_it(b, 10, 20)
    code_it(b, 30, 50)
    [passage] = passages_of(demo, a, b, code.id)
    assert (passage.start, passage.end, passage.coded_by) == (20, 30, "a")
    assert passage.text == full_text_of(demo, transcript_id)[20:30]
    reconcile.drop(demo, passage, a, b)
    assert code_spans(demo, transcript_id, code.id, coder_named(demo, a)) == [(10, 20), (30, 50)]
    assert {c.memo for c in demo.codings.find("code_id = ? AND coder_id = ?", [code.id, coder_named(demo, a)])} \
        == {"à discuter"}
    assert passages_of(demo, a, b, code.id) == []
    assert code_table(demo, a, b, code.id).kappa == 1.0


def test_drop_trims_one_end_or_deletes_a_coding_inside_the_passage(demo, pair, test_code):
    a, b = pair
    transcript_id, code, code_it = test_code
    code_it(a, 10, 50)
    code_it(b, 10, 30)
    code_it(b, 100, 120)
    passages = passages_of(demo, a, b, code.id)
    assert [(p.start, p.end, p.coded_by) for p in passages] == [(30, 50, "a"), (100, 120, "b")]
    reconcile.drop(demo, passages[0], a, b)
    assert code_spans(demo, transcript_id, code.id, coder_named(demo, a)) == [(10, 30)]
    reconcile.drop(demo, passages[1], a, b)
    assert code_spans(demo, transcript_id, code.id, coder_named(demo, b)) == [(10, 30)]
    assert passages_of(demo, a, b, code.id) == []


def test_drop_cuts_every_coding_of_the_coder_over_the_passage(demo, pair, test_code):
    a, b = pair
    transcript_id, code, code_it = test_code
    code_it(b, 0, 40)
    code_it(b, 20, 60)  # overlapping codings of the same coder make one passage
    code_it(b, 45, 55)
    code_it(a, 0, 25)
    [passage] = passages_of(demo, a, b, code.id)
    assert (passage.start, passage.end) == (25, 60)
    reconcile.drop(demo, passage, a, b)
    assert code_spans(demo, transcript_id, code.id, coder_named(demo, b)) == [(0, 25), (20, 25)]
    assert passages_of(demo, a, b, code.id) == []


def test_drop_is_undone_and_redone_exactly(demo, pair, test_code):
    a, b = pair
    _transcript_id, code, code_it = test_code
    code_it(a, 10, 50, memo="gardé")
    code_it(a, 60, 70)
    code_it(b, 10, 20)
    code_it(b, 30, 50)
    original = codings_table(demo)
    passage = passages_of(demo, a, b, code.id)[0]
    steps = reconcile.drop(demo, passage, a, b)
    changed = codings_table(demo)
    undo_all(demo, steps)
    assert codings_table(demo) == original
    for step in steps:
        step.redo(demo)
    assert codings_table(demo) == changed
    whole = reconcile.one_step(steps)
    whole.undo(demo)
    assert codings_table(demo) == original
    whole.redo(demo)
    assert codings_table(demo) == changed


def test_drop_on_a_passage_no_longer_coded_is_refused(demo, pair, test_code):
    a, b = pair
    _transcript_id, code, code_it = test_code
    code_it(a, 10, 50)
    code_it(b, 200, 210)
    passage = passages_of(demo, a, b, code.id)[0]
    reconcile.drop(demo, passage, a, b)
    with pytest.raises(ReconcileError):
        reconcile.drop(demo, passage, a, b)


def test_drop_is_audited(demo, pair):
    a, b = pair
    passage = agreement.disagreements(demo, a, b)[0]
    count = demo.audit_log.count("action = 'coding_reconciled'")
    reconcile.drop(demo, passage, a, b, actor="Bastien Lefèvre")
    events = demo.audit_log.find("action = 'coding_reconciled'")
    assert len(events) == count + 1
    detail = events[-1].detail if isinstance(events[-1].detail, dict) else json.loads(events[-1].detail)
    assert detail["how"] == "drop" and detail["code"] == passage.code


# blind mode --------------------------------------------------------------------------------------
def test_without_blind_mode_the_screen_shows_the_service_figures(demo, pair):
    a, b = pair
    comparison = agreement_view.compare(demo, a, b)
    report = agreement.agreement(demo, a, b)
    assert not comparison.blind and comparison.left_out == 0 and comparison.shared == 3
    assert comparison.report.as_json() == report.as_json()
    assert comparison.disagreements == agreement.disagreements(demo, a, b)


def test_blind_mode_leaves_out_transcripts_until_both_coders_are_done(demo, pair):
    a, b = pair
    id_a, id_b = coder_named(demo, a), coder_named(demo, b)
    first, second, third = shared_transcripts(demo, a, b)
    blind.set_blind(demo, True)
    comparison = agreement_view.compare(demo, a, b)
    assert comparison.blind and comparison.left_out == 3
    assert comparison.report.units == 0 and comparison.report.codes == [] and comparison.disagreements == []

    blind.mark_done(demo, id_a, first)
    blind.mark_done(demo, id_b, second)
    blind.mark_done(demo, id_a, third)
    blind.mark_done(demo, id_b, third)
    comparison = agreement_view.compare(demo, a, b)
    assert comparison.left_out == 2 and comparison.report.transcripts == 1
    assert {d.transcript_id for d in comparison.disagreements} == {third}
    assert [row.transcript_id for row in comparison.passes if row.compared] == [third]
    # The units are those of the third transcript alone: the characters either coder coded there.
    covered = set()
    for coding in demo.codings.find("transcript_id = ? AND coder_id IN (?, ?)", [third, id_a, id_b]):
        covered.update(range(coding.start_offset, coding.end_offset))
    assert comparison.report.units == len(covered)


def test_a_transcript_one_coder_is_done_with_is_visible_to_neither(demo, pair):
    a, b = pair
    id_a = coder_named(demo, a)
    first = shared_transcripts(demo, a, b)[0]
    passage = next(d for d in agreement.disagreements(demo, a, b) if d.transcript_id == first)
    blind.set_blind(demo, True)
    blind.mark_done(demo, id_a, first)
    for x, y in ((a, b), (b, a)):
        comparison = agreement_view.compare(demo, x, y)
        assert all(d.transcript_id != first for d in comparison.disagreements)
        assert comparison.report.units == 0
    kept = codings_table(demo)
    with pytest.raises(BlindCodingError):
        reconcile.adopt(demo, passage, a, b)
    with pytest.raises(BlindCodingError):
        reconcile.drop(demo, passage, a, b)
    assert codings_table(demo) == kept


def test_pass_statuses(demo, pair):
    a, b = pair
    id_a = coder_named(demo, a)
    first = shared_transcripts(demo, a, b)[0]
    blind.mark_done(demo, id_a, first)
    rows = {row.transcript_id: row for row in agreement_view.compare(demo, a, b).passes}
    assert (rows[first].a, rows[first].b) == (agreement_view.DONE, agreement_view.STARTED)
    # Transcripts only one coder coded are listed, the other coder not started there.
    only_one = [row for row in rows.values() if not row.compared]
    assert only_one and all(agreement_view.NOT_STARTED in (row.a, row.b) for row in only_one)
    assert [row.title for row in rows.values()] == sorted(row.title for row in rows.values())
