"""Coding on the demo study: applying codes, quotable segments, retrieval, the codebook's edits and history."""

from __future__ import annotations

import csv

import pytest

from app.cli import main
from app.i18n import set_language
from app.services import codebook, coding, participants
from app.services.coding import CodingError, full_text_of, segments
from app.store.project import Project


def state(project: Project) -> tuple:
    """Everything a refused action must leave as it was."""
    return tuple(project.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                 for table in ("code", "coding", "audit_log", "code_indicator"))


def transcript_of(project: Project, code: str) -> str:
    return project.db.execute(
        "SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
        "JOIN participant p ON p.id = iv.participant_id WHERE p.code = ?", [code]).fetchone()[0]


def code_named(project: Project, name: str):
    return project.codes.first("name = ?", [name])


def any_coder(project: Project):
    return project.coders.first(order_by="name")


# applying codes ----------------------------------------------------------------------------------
def test_apply_code_stores_the_span_and_refuses_bad_spans(demo):
    transcript_id = transcript_of(demo, "BXL-03")
    text = full_text_of(demo, transcript_id)
    code, coder = code_named(demo, "Isolement"), any_coder(demo)
    made = coding.apply_code(demo, transcript_id, 5, 40, code.id, coder.id, memo="à revoir")
    stored = demo.codings.get(made.id)
    assert (stored.start_offset, stored.end_offset, stored.memo) == (5, 40, "à revoir")
    before = state(demo)
    for start, end in ((10, 10), (12, 3), (-1, 4), (0, len(text) + 1)):
        with pytest.raises(CodingError):
            coding.apply_code(demo, transcript_id, start, end, code.id, coder.id)
    coding.apply_code(demo, transcript_id, 0, len(text), code.id, coder.id)  # the whole text is fine
    codebook.delete_code(demo, code.id)
    binned = state(demo)
    with pytest.raises(CodingError, match="bin"):
        coding.apply_code(demo, transcript_id, 0, 3, code.id, coder.id)
    assert state(demo) == binned and before != binned


def test_withdrawn_participants_cannot_be_coded(demo):
    transcript_id = transcript_of(demo, "BXL-03")
    participants.withdraw(demo, participants.by_code(demo, "BXL-03").id)
    with pytest.raises(CodingError, match="BXL-03"):
        coding.apply_code(demo, transcript_id, 0, 5, code_named(demo, "Isolement").id, any_coder(demo).id)


def test_remove_coding_and_memo(demo):
    first = demo.codings.first(order_by="created_at")
    coding.set_memo(demo, first.id, "Passage clé")
    assert demo.codings.get(first.id).memo == "Passage clé"
    count = demo.codings.count()
    coding.remove_coding(demo, first.id)
    assert demo.codings.count() == count - 1


# quotable ----------------------------------------------------------------------------------------
def _coding_of(project: Project, participant_code: str):
    transcript_id = transcript_of(project, participant_code)
    found = project.codings.first("transcript_id = ?", [transcript_id])
    if found is None:
        found = coding.apply_code(project, transcript_id, 0, 10, code_named(project, "Isolement").id,
                                  any_coder(project).id)
    return found


def test_quotable_needs_consent_to_quotes(demo):
    allowed = _coding_of(demo, "LYO-01")
    assert coding.set_quotable(demo, allowed.id, True).quotable
    assert demo.codings.get(allowed.id).quotable
    # DRO-01 narrows their consent to the interview alone; DRO-02 has no consent on record.
    participants.record_consent(demo, participants.by_code(demo, "DRO-01").id, method="oral", scopes=("interview",))
    demo.db.execute("DELETE FROM consent WHERE participant_id = ?", [participants.by_code(demo, "DRO-02").id])
    for refused_code in ("DRO-01", "DRO-02"):
        refused = _coding_of(demo, refused_code)
        before = state(demo)
        with pytest.raises(CodingError, match=f"{refused_code} did not consent to being quoted"):
            coding.set_quotable(demo, refused.id, True)
        assert state(demo) == before
    assert not coding.set_quotable(demo, refused.id, False).quotable  # un-marking is always allowed


def test_quotable_refused_after_withdrawal(demo):
    target = _coding_of(demo, "LYO-02")
    participants.withdraw(demo, participants.by_code(demo, "LYO-02").id)
    with pytest.raises(CodingError, match="withdrew"):
        coding.set_quotable(demo, target.id, True)
    assert not demo.codings.get(target.id).quotable


def test_refusal_is_translated_into_french(demo):
    participants.record_consent(demo, participants.by_code(demo, "DRO-01").id, method="oral", scopes=("interview",))
    refused = _coding_of(demo, "DRO-01")
    set_language("fr")
    with pytest.raises(CodingError) as error:
        coding.set_quotable(demo, refused.id, True)
    assert "n’a pas consenti à être citée\u00a0:" in str(error.value)


# retrieval ---------------------------------------------------------------------------------------
def test_segments_slice_the_full_text_and_leave_out_withdrawn(demo):
    all_segments = segments(demo)
    assert len(all_segments) == demo.codings.count() > 100
    texts = {}
    for segment in all_segments:
        if segment.transcript_id not in texts:
            texts[segment.transcript_id] = full_text_of(demo, segment.transcript_id)
        assert texts[segment.transcript_id][segment.start:segment.end] == segment.text
    lyo01 = [s for s in all_segments if s.participant_code == "LYO-01"]
    assert lyo01
    participants.withdraw(demo, participants.by_code(demo, "LYO-01").id)
    kept = segments(demo)
    assert len(kept) == len(all_segments) - len(lyo01)
    assert all(s.participant_code != "LYO-01" for s in kept)


def test_segment_filters(demo):
    code = code_named(demo, "Isolement")
    by_code = segments(demo, code_id=code.id)
    assert by_code and all(s.code == "Isolement" for s in by_code)
    coder = any_coder(demo)
    assert all(s.coder == coder.name for s in segments(demo, coder_id=coder.id))
    territory = demo.territories.first("code = ?", ["BXL"])
    in_bxl = segments(demo, territory_id=territory.id)
    assert in_bxl and all(s.participant_code.startswith("BXL") for s in in_bxl)
    assert segments(demo, profile="no-such-profile") == []


def test_export_segments_cli(demo, tmp_path):
    participants.withdraw(demo, participants.by_code(demo, "BXL-01").id)
    out = tmp_path / "segments.csv"
    assert main(["export", "segments", str(demo.path), str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames[:6] == ["transcript_id", "start", "end", "code", "coder", "text"]
    withdrawn = demo.db.execute(
        "SELECT count(*) FROM coding WHERE transcript_id = ?", [transcript_of(demo, "BXL-01")]).fetchone()[0]
    assert withdrawn > 0 and len(rows) == demo.codings.count() - withdrawn
    texts = {tid: full_text_of(demo, tid) for tid in {row["transcript_id"] for row in rows}}
    assert all(texts[row["transcript_id"]][int(row["start"]):int(row["end"])] == row["text"] for row in rows)
    assert {row["participant_code"] for row in rows} and "BXL-01" not in {row["participant_code"] for row in rows}


# codebook edits ----------------------------------------------------------------------------------
def test_merge_moves_codings_and_bins_the_source(demo):
    source, target = code_named(demo, "Isolement"), code_named(demo, "Liberté d’organisation")
    moving = demo.codings.count("code_id = ?", [source.id])
    kept = demo.codings.count("code_id = ?", [target.id])
    assert moving > 0
    codebook.merge_codes(demo, source.id, target.id, actor="Inès")
    assert demo.codings.count("code_id = ?", [source.id]) == 0
    assert demo.codings.count("code_id = ?", [target.id]) == moving + kept
    assert demo.codes.get(source.id).deleted_at
    assert {i.code for i in demo.indicators_of_code(target.id)} >= {"OC1", "OC4"}


def test_merge_and_move_refuse_cycles(demo):
    parent = code_named(demo, "Autonomie et organisation du travail")
    child = code_named(demo, "Isolement")
    before = state(demo)
    with pytest.raises(codebook.CodebookError):
        codebook.merge_codes(demo, parent.id, child.id)
    with pytest.raises(codebook.CodebookError):
        codebook.merge_codes(demo, child.id, child.id)
    with pytest.raises(codebook.CodebookError, match="sub-codes"):
        codebook.move_code(demo, parent.id, child.id)
    assert state(demo) == before
    codebook.move_code(demo, child.id, None, position=0)
    assert demo.codes.get(child.id).parent_id is None
    assert codebook.live_codes(demo)[0].id == child.id


def test_delete_to_the_bin_and_restore(demo):
    parent = code_named(demo, "Autonomie et organisation du travail")
    child = code_named(demo, "Isolement")
    codings_before = demo.codings.count()
    coded = len(segments(demo, code_id=child.id))
    codebook.delete_code(demo, parent.id)
    assert demo.codes.get(child.id).deleted_at and demo.codes.get(parent.id).deleted_at
    assert demo.codings.count() == codings_before  # codings are kept
    assert segments(demo, code_id=child.id) == []
    assert {c.id for c in coding.binned_codes(demo)} >= {parent.id, child.id}
    codebook.restore_code(demo, parent.id)
    assert demo.codes.get(child.id).deleted_at is None and demo.codes.get(child.id).parent_id == parent.id
    assert len(segments(demo, code_id=child.id)) == coded


def test_restoring_a_child_whose_parent_stays_in_the_bin(demo):
    parent = code_named(demo, "Autonomie et organisation du travail")
    child = code_named(demo, "Isolement")
    codebook.delete_code(demo, parent.id)
    codebook.restore_code(demo, child.id)
    assert demo.codes.get(child.id).parent_id is None and demo.codes.get(parent.id).deleted_at


def test_add_and_update_checks(demo):
    before = state(demo)
    with pytest.raises(codebook.CodebookError, match="already has a code"):
        codebook.add_code(demo, "Isolement")
    with pytest.raises(codebook.CodebookError, match="#RRGGBB"):
        codebook.add_code(demo, "Nouveau", colour="rouge")
    with pytest.raises(codebook.CodebookError):
        codebook.add_code(demo, "   ")
    with pytest.raises(codebook.CodebookError):
        codebook.update_code(demo, code_named(demo, "Isolement").id, name="Liberté d’organisation")
    assert state(demo) == before
    added = codebook.add_code(demo, "Mobilité", parent_id=code_named(demo, "Isolement").id, colour="#a1b2c3")
    assert added.colour == "#A1B2C3"
    updated = codebook.update_code(demo, added.id, definition="Déplacements", actor="Bastien")
    assert demo.codes.get(added.id).definition == updated.definition == "Déplacements"


def test_every_codebook_edit_is_in_the_changelog(demo):
    assert coding.codebook_changelog(demo) == []
    added = codebook.add_code(demo, "Mobilité", actor="Inès")
    codebook.update_code(demo, added.id, definition="Déplacements", actor="Inès")
    codebook.move_code(demo, added.id, code_named(demo, "Isolement").id, actor="Bastien")
    codebook.merge_codes(demo, added.id, code_named(demo, "Isolement").id, actor="Bastien")
    codebook.restore_code(demo, added.id, actor="Bastien")
    codebook.delete_code(demo, added.id, actor="Inès")
    log = coding.codebook_changelog(demo)
    assert [event.action for event in log] == [
        "codebook_code_added", "codebook_code_updated", "codebook_code_moved", "codebook_codes_merged",
        "codebook_code_restored", "codebook_code_deleted"]
    assert [event.actor for event in log] == ["Inès", "Inès", "Bastien", "Bastien", "Bastien", "Inès"]
    assert all(event.entity_id == added.id and event.detail["name"] == "Mobilité" for event in log)
    assert log[1].detail["changes"] == {"definition": ["", "Déplacements"]}
    assert log[3].detail["into"] == "Isolement"
