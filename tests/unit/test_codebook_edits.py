"""Codebook edits on the demo study: split, indicator links, keywords, and the undo of every edit.

Each undo test makes an edit as the codebook editor does, then checks that undo brings the code,
coding and code_indicator rows back to what they were (``updated_at`` aside) and that redo brings
them to what the edit made.
"""

from __future__ import annotations


import pytest

from app.services import codebook, codebook_steps, history
from app.services.codebook import CodebookError
from app.services.coding import codebook_changelog, live_codes, segments
from app.services.history import History
from app.store.project import Project


def rows(project: Project) -> dict[str, list[tuple]]:
    """The codebook's state: code, coding and code_indicator rows, without ``updated_at``. A code's
    ``deleted_at`` counts as set or not: binning again on redo happens at the time of the redo."""
    state = {}
    for table in ("code", "coding", "code_indicator"):
        columns = [row[1] for row in project.db.execute(f"PRAGMA table_info({table})") if row[1] != "updated_at"]
        columns = ["deleted_at IS NOT NULL" if column == "deleted_at" else column for column in columns]
        state[table] = project.db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1, 2").fetchall()
    return state


def code_named(project: Project, name: str):
    return project.codes.first("name = ?", [name])


def check_round_trip(project: Project, edit) -> History:
    """Run ``edit`` (which edits and returns its step), then undo and redo it through a History."""
    before = rows(project)
    history = History()
    history.record(edit(project))
    after = rows(project)
    assert after != before, "the edit changed nothing"
    history.undo(project)
    assert rows(project) == before
    history.redo(project)
    assert rows(project) == after
    history.undo(project)
    assert rows(project) == before
    return history


# split -------------------------------------------------------------------------------------------
def test_split_gives_the_chosen_codings_to_a_new_sibling(demo):
    source = code_named(demo, "Protection du statut salarié")
    coded = segments(demo, code_id=source.id)
    chosen = [segment.coding_id for segment in coded[:4]]
    new = codebook.split_code(demo, source.id, "Retraite", chosen, actor="Inès")
    assert new.parent_id == source.parent_id and new.deleted_at is None
    assert sorted(s.coding_id for s in segments(demo, code_id=new.id)) == sorted(chosen)
    assert len(segments(demo, code_id=source.id)) == len(coded) - 4
    # A colour of the same family, not the same colour.
    assert new.colour != source.colour and codebook.related_colour(source.colour) == new.colour
    # The new code informs the same indicators as the one it came from.
    assert set(codebook.indicator_ids_of(demo, new.id)) == set(codebook.indicator_ids_of(demo, source.id))
    event = codebook_changelog(demo)[-1]
    assert event.action == "codebook_code_split" and event.actor == "Inès"
    assert event.detail["new_name"] == "Retraite" and sorted(event.detail["coding_ids"]) == sorted(chosen)


def test_split_with_a_chosen_colour(demo):
    source = code_named(demo, "Isolement")
    chosen = [segments(demo, code_id=source.id)[0].coding_id]
    new = codebook.split_code(demo, source.id, "Solitude choisie", chosen, colour="#a0c4ff")
    assert new.colour == "#A0C4FF"


def test_split_refusals_change_nothing(demo):
    source, other = code_named(demo, "Isolement"), code_named(demo, "Entraide entre membres")
    foreign = segments(demo, code_id=other.id)[0].coding_id
    own = segments(demo, code_id=source.id)[0].coding_id
    before = rows(demo)
    with pytest.raises(CodebookError, match="at least one"):
        codebook.split_code(demo, source.id, "Vide", [])
    with pytest.raises(CodebookError, match="not coded"):
        codebook.split_code(demo, source.id, "Ailleurs", [own, foreign])
    with pytest.raises(CodebookError, match="already has a code"):
        codebook.split_code(demo, source.id, "Entraide entre membres", [own])
    assert rows(demo) == before


# indicators and keywords -------------------------------------------------------------------------
def test_set_code_indicators_replaces_the_links_and_logs_them(demo):
    code = code_named(demo, "Isolement")
    indicators = demo.indicators.find(order_by="position")
    current = set(codebook.indicator_ids_of(demo, code.id))
    wanted = {indicators[0].id, indicators[2].id}
    assert current != wanted
    codebook.set_code_indicators(demo, code.id, wanted, actor="Bastien")
    assert set(codebook.indicator_ids_of(demo, code.id)) == wanted
    event = codebook_changelog(demo)[-1]
    assert event.action == "codebook_code_indicators_set" and event.actor == "Bastien"
    assert set(event.detail["added_ids"]) == wanted - current
    assert set(event.detail["removed_ids"]) == current - wanted
    labels = {i.id: f"{i.code} {i.label}" for i in indicators}
    assert sorted(event.detail["added"]) == sorted(labels[i] for i in wanted - current)
    logged = len(codebook_changelog(demo))
    codebook.set_code_indicators(demo, code.id, [indicators[2].id, indicators[0].id])
    assert len(codebook_changelog(demo)) == logged  # no change, nothing logged
    codebook.set_code_indicators(demo, code.id, [])
    assert codebook.indicator_ids_of(demo, code.id) == []


def test_keywords_and_example_phrases_are_edited_and_logged(demo):
    code = code_named(demo, "Isolement")
    updated = codebook.update_code(demo, code.id, keywords="  seul\n\nsolitude \n", example_phrases="je suis seule",
                                   actor="Inès")
    assert updated.keywords == "seul\nsolitude" and demo.codes.get(code.id).example_phrases == "je suis seule"
    event = codebook_changelog(demo)[-1]
    assert event.detail["changes"]["keywords"] == [code.keywords, "seul\nsolitude"]
    added = codebook.add_code(demo, "Mobilité", keywords="voiture\ntrajet", example_phrases="loin du bureau")
    assert demo.codes.get(added.id).keywords == "voiture\ntrajet"


def test_csv_carries_keywords_and_example_phrases(demo, tmp_path):
    fresh_path = tmp_path / "fresh.terrain"
    out = tmp_path / "codebook.csv"
    codebook.export_csv(demo, out)
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith(",keywords,example_phrases")
    with Project.create(fresh_path, "Étude vide") as fresh:
        codebook.import_csv(fresh, out)
        expected = {c.name: (c.keywords, c.example_phrases) for c in live_codes(demo)}
        assert {c.name: (c.keywords, c.example_phrases) for c in live_codes(fresh)} == expected
        assert any(keywords for keywords, _phrases in expected.values())


def test_an_older_file_without_keyword_columns_keeps_the_keywords(demo, tmp_path):
    code = code_named(demo, "Isolement")
    assert code.keywords
    path = tmp_path / "old.csv"
    path.write_text(",".join(codebook.REQUIRED_COLUMNS) + "\nIsolement,,Être seul au travail,,,,#F4A3A3\n"
                    "Réseau,Isolement,,,,,\n", encoding="utf-8")
    result = codebook.import_csv(demo, path)
    assert result.created == ["Réseau"] and result.updated == ["Isolement"]
    stored = demo.codes.get(code.id)
    assert stored.definition == "Être seul au travail" and stored.keywords == code.keywords
    assert code_named(demo, "Réseau").keywords == ""


# undo of each edit -------------------------------------------------------------------------------
def test_undo_add_with_indicators(demo):
    indicator = demo.indicators.first(order_by="position")
    parent = code_named(demo, "Isolement")

    def edit(project):
        code = codebook.add_code(project, "Mobilité", parent.id, keywords="trajet", actor="Inès")
        codebook.set_code_indicators(project, code.id, [indicator.id], actor="Inès")
        return codebook_steps.added(code, [indicator.id], actor="Inès")

    check_round_trip(demo, edit)
    assert code_named(demo, "Mobilité") is None
    actions = [event.action for event in codebook_changelog(demo)]
    assert actions[-1] == "codebook_code_add_undone" and actions.count("codebook_code_added") == 2


def test_undo_update_with_indicators(demo):
    code = code_named(demo, "Isolement")
    indicators = demo.indicators.find(order_by="position")

    def edit(project):
        before, links = project.codes.get(code.id), codebook.indicator_ids_of(project, code.id)
        new_links = [indicators[-1].id]
        after = codebook.update_code(project, code.id, name="Isolement professionnel", colour="#123456",
                                     keywords="seul", example_phrases="personne à qui parler", actor="Inès")
        codebook.set_code_indicators(project, code.id, new_links, actor="Inès")
        return codebook_steps.updated(before, after, links, new_links, actor="Inès")

    check_round_trip(demo, edit)
    assert demo.codes.get(code.id).name == "Isolement"


def test_undo_move_puts_every_sibling_back_in_place(demo):
    code = code_named(demo, "Isolement")
    target = code_named(demo, "Collectif et entraide")

    def edit(project):
        before = codebook.placements(project, {code.parent_id, target.id})
        codebook.move_code(project, code.id, target.id, position=0, actor="Inès")
        after = codebook.placements(project, {code.parent_id, target.id})
        return codebook_steps.moved(code.id, code.name, before, after, actor="Inès")

    check_round_trip(demo, edit)
    assert demo.codes.get(code.id).parent_id == code.parent_id


def test_undo_move_to_the_top_level(demo):
    code = code_named(demo, "Entraide entre membres")

    def edit(project):
        before = codebook.placements(project, {code.parent_id, None})
        codebook.move_code(project, code.id, None, position=1)
        return codebook_steps.moved(code.id, code.name, before, codebook.placements(project, {code.parent_id, None}))

    check_round_trip(demo, edit)


def test_undo_bin_restores_the_subtree(demo):
    parent = code_named(demo, "Collectif et entraide")

    def edit(project):
        codebook.delete_code(project, parent.id, actor="Inès")
        return codebook_steps.binned(parent.id, parent.name, actor="Inès")

    check_round_trip(demo, edit)
    assert codebook_changelog(demo)[-1].action == "codebook_code_restored"


def test_undo_restore(demo):
    code = code_named(demo, "Isolement")
    codebook.delete_code(demo, code.id)

    def edit(project):
        codebook.restore_code(project, code.id)
        return codebook_steps.restored(code.id, code.name)

    check_round_trip(demo, edit)
    assert demo.codes.get(code.id).deleted_at


def test_undo_merge_gives_back_the_exact_codings_children_and_links(demo):
    source = code_named(demo, "Autonomie et organisation du travail")
    target = code_named(demo, "Sécurité et revenus")
    # Give the source codings of its own and an indicator the target lacks, so that all three move.
    coded = segments(demo, code_id=code_named(demo, "Isolement").id)
    codebook.split_code(demo, code_named(demo, "Isolement").id, "Isolement ressenti", [coded[0].coding_id])
    codebook.merge_codes(demo, code_named(demo, "Isolement ressenti").id, source.id)
    target_links = set(codebook.indicator_ids_of(demo, target.id))
    extra = next(i.id for i in demo.indicators.find() if i.id not in target_links)
    codebook.set_code_indicators(demo, source.id, [*codebook.indicator_ids_of(demo, source.id), extra])

    def edit(project):
        details = codebook.merge_details(project, source.id, target.id)
        assert details.coding_ids and details.child_ids and extra in details.indicator_ids
        codebook.merge_codes(project, source.id, target.id, actor="Inès")
        return codebook_steps.merged(details, source.name, target.name, actor="Inès")

    check_round_trip(demo, edit)
    assert codebook_changelog(demo)[-1].action == "codebook_codes_unmerged"


def test_undo_split(demo):
    source = code_named(demo, "Irrégularité des revenus")
    chosen = [segment.coding_id for segment in segments(demo, code_id=source.id)[::2]]

    def edit(project):
        new = codebook.split_code(project, source.id, "Revenus saisonniers", chosen, actor="Inès")
        return codebook_steps.split(source.id, source.name, new, chosen, actor="Inès")

    check_round_trip(demo, edit)
    assert code_named(demo, "Revenus saisonniers") is None
    assert codebook_changelog(demo)[-1].action == "codebook_split_undone"


def test_undo_refuses_rather_than_lose_work(demo):
    """A new code that was used for coding since cannot be taken back silently."""
    code = codebook.add_code(demo, "Mobilité")
    step = codebook_steps.added(code)
    coding = segments(demo, code_id=code_named(demo, "Isolement").id)[0]
    demo.db.execute("UPDATE coding SET code_id = ? WHERE id = ?", [code.id, coding.coding_id])
    history = History()
    history.record(step)
    with pytest.raises(CodebookError, match="bin"):
        history.undo(demo)
    assert history.can_undo() and demo.codes.get(code.id)


def test_combined_steps_undo_in_reverse(demo):
    first = codebook.add_code(demo, "Mobilité")
    second = codebook.add_code(demo, "Trajets", first.id)
    step = history.combined("two", [codebook_steps.added(first), codebook_steps.added(second)])
    step.undo(demo)
    assert code_named(demo, "Mobilité") is None and code_named(demo, "Trajets") is None
    step.redo(demo)
    assert code_named(demo, "Trajets").parent_id == first.id


# places and the bin ------------------------------------------------------------------------------
def test_a_new_code_goes_after_its_siblings_whatever_their_numbering(demo):
    # The demo numbers its codes through the whole codebook, as an imported CSV file does.
    parent = code_named(demo, "Sécurité et revenus")
    siblings = [code.id for code in live_codes(demo) if code.parent_id == parent.id]
    added = codebook.add_code(demo, "Retraite", parent.id)
    assert [code.id for code in live_codes(demo) if code.parent_id == parent.id] == siblings + [added.id]
    split_off = codebook.split_code(demo, siblings[0], "Chômage",
                                    [segments(demo, code_id=siblings[0])[0].coding_id])
    assert [code.id for code in live_codes(demo) if code.parent_id == parent.id][-1] == split_off.id


def test_the_bin_lists_codes_with_the_codings_they_keep(demo):
    parent = code_named(demo, "Collectif et entraide")
    assert codebook.bin_contents(demo) == []
    expected = {code.id: demo.codings.count("code_id = ?", [code.id])
                for code in demo.codes.find("id = ? OR parent_id = ?", [parent.id, parent.id])}
    codebook.delete_code(demo, parent.id)
    assert {entry.code.id: entry.codings for entry in codebook.bin_contents(demo)} == expected


def test_a_split_offers_only_the_segments_blind_coding_lets_the_coder_see(demo):
    from app.services import blind

    code = code_named(demo, "Isolement")
    ines, bastien = demo.coders.first("name = 'Inès Moreau'"), demo.coders.first("name = 'Bastien Lefèvre'")
    every = segments(demo, code_id=code.id)
    assert {s.coder_id for s in every} == {ines.id, bastien.id}
    assert codebook.split_candidates(demo, code.id, "Inès Moreau") == every  # blind mode off
    blind.set_blind(demo, True)
    offered = codebook.split_candidates(demo, code.id, "Inès Moreau")
    assert offered == [s for s in every if s.coder_id == ines.id]
    shared = {s.transcript_id for s in every if s.coder_id == bastien.id}
    for transcript_id in shared:
        blind.mark_done(demo, ines.id, transcript_id)
        blind.mark_done(demo, bastien.id, transcript_id)
    assert codebook.split_candidates(demo, code.id, "Inès Moreau") == every
    assert codebook.split_candidates(demo, code.id, "") == every  # no coder profile: the lead analyst's view
