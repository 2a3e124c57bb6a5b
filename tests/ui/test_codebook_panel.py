"""The codebook editor on the demo study: the tree and its counts, drag and drop, the code dialog,
merge and split, the bin, undo, and the changelog."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QPoint, Qt

from app.services import codebook
from app.services.coding import codebook_changelog, live_codes, segments
from app.services.history import History
from app.store import views
from app.store.project import Project
from app.ui.codebook import CODE_MIME_TYPE, CodebookPanel
from app.ui.codebook.changelog import describe
from app.ui.codebook.tree import CODE_ROLE, CODINGS, NAME, WITH_SUBTHEMES


@pytest.fixture
def history() -> History:
    return History()


@pytest.fixture
def panel(qtbot, demo, history) -> CodebookPanel:
    panel = CodebookPanel(history)
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.set_project(demo, "Inès Moreau")
    panel.show()
    return panel


def code_named(project: Project, name: str):
    return project.codes.first("name = ?", [name])


def codebook_rows(project: Project) -> list[tuple]:
    return project.db.execute(
        "SELECT id, parent_id, position, deleted_at IS NULL, name FROM code ORDER BY id").fetchall()


# the tree ----------------------------------------------------------------------------------------
def test_the_tree_shows_every_live_code_with_its_counts(panel, demo):
    rows = {row.id: row for row in views.code_rows(demo.db)}
    assert panel.tree.code_ids() == [code.id for code in live_codes(demo)]
    for code_id, row in rows.items():
        item = panel.tree.item_for(code_id)
        assert item.text(NAME) == row.name and item.text(CODINGS) == str(row.codings)
        parent = item.parent()
        assert (parent.data(NAME, CODE_ROLE) if parent else None) == row.parent_id
    parent = code_named(demo, "Sécurité et revenus")
    children = [row.codings for row in rows.values() if row.parent_id == parent.id]
    assert panel.tree.item_for(parent.id).text(WITH_SUBTHEMES) == str(rows[parent.id].codings + sum(children))
    assert panel.summary_label.text().startswith(f"{len(rows)} thèmes")


def test_filling_the_tree_takes_the_same_queries_however_many_codes(panel, demo):
    """No query per theme: the benchmark's 200 codes open as fast as the demo's 19."""
    def queries() -> int:
        statements = []
        demo.db.conn.set_trace_callback(statements.append)
        try:
            panel.reload()
        finally:
            demo.db.conn.set_trace_callback(None)
        return len(statements)

    before = queries()
    for number in range(40):
        codebook.add_code(demo, f"Thème {number}", code_named(demo, "Isolement").id if number % 2 else None)
    assert len(panel.tree.code_ids()) == 19
    assert queries() == before
    assert len(panel.tree.code_ids()) == 59


def test_filter_ignores_accents_and_keeps_the_parents(panel, demo):
    panel.filter_edit.setText("equilibre")
    shown = [code_id for code_id in panel.tree.code_ids() if not panel.tree.item_for(code_id).isHidden()]
    names = {demo.codes.get(code_id).name for code_id in shown}
    assert names == {"Équilibre vie professionnelle et personnelle", "Autonomie et organisation du travail"}
    panel.filter_edit.setText("solitude")  # a keyword of « Isolement »
    shown = [code_id for code_id in panel.tree.code_ids() if not panel.tree.item_for(code_id).isHidden()]
    assert code_named(demo, "Isolement").id in shown
    panel.filter_edit.clear()
    assert not any(panel.tree.item_for(code_id).isHidden() for code_id in panel.tree.code_ids())


def test_selection_and_activation_signals(qtbot, panel, demo):
    isolement = code_named(demo, "Isolement")
    with qtbot.waitSignal(panel.current_code_changed, timeout=1000) as changed:
        panel.tree.select(isolement.id)
    assert changed.args == [isolement.id]
    assert "Isolement" in panel.detail.toPlainText() and "solitude" in panel.detail.toPlainText()
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.code_activated, timeout=1000) as activated:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert activated.args == [isolement.id]
    menu = panel.context_menu()
    assert [action.text() for action in menu.actions() if action.text()] == [
        "Nouveau sous-thème", "Modifier…", "Fusionner dans…", "Scinder…", "Mettre à la corbeille"]
    panel.tree.setCurrentItem(None)
    assert not panel.edit_action.isEnabled() and panel.new_action.isEnabled()


def test_a_drag_carries_the_code_id(panel, demo):
    isolement = code_named(demo, "Isolement")
    data = panel.tree.mimeData([panel.tree.item_for(isolement.id)])
    assert bytes(data.data(CODE_MIME_TYPE)).decode("utf-8") == isolement.id
    assert CODE_MIME_TYPE in panel.tree.mimeTypes()


# drag and drop -----------------------------------------------------------------------------------
def test_a_drop_onto_a_theme_reparents_and_undo_puts_it_back(qtbot, panel, demo, history):
    isolement, target = code_named(demo, "Isolement"), code_named(demo, "Collectif et entraide")
    before = codebook_rows(demo)
    tree = panel.tree
    with qtbot.waitSignal(panel.changed, timeout=2000):
        assert tree.dropMimeData(tree.item_for(target.id), 0, tree.mimeData([tree.item_for(isolement.id)]),
                                 Qt.DropAction.MoveAction)
    assert demo.codes.get(isolement.id).parent_id == target.id
    item = tree.item_for(isolement.id)
    assert item.parent() is tree.item_for(target.id) and item.parent().indexOfChild(item) == 0
    assert tree.current_code_id() == isolement.id
    assert codebook_changelog(demo)[-1].action == "codebook_code_moved"
    assert history.can_undo() and panel.undo_action.isEnabled()
    assert panel.undo()
    assert codebook_rows(demo) == before
    assert panel.redo() and demo.codes.get(isolement.id).parent_id == target.id


def test_a_drop_between_top_level_themes_reorders_them(qtbot, panel, demo):
    tree = panel.tree
    before = [tree.topLevelItem(row).data(NAME, CODE_ROLE) for row in range(tree.topLevelItemCount())]
    with qtbot.waitSignal(panel.changed, timeout=2000):  # the first theme, dropped below the third
        assert tree.dropMimeData(None, 3, tree.mimeData([tree.topLevelItem(0)]), Qt.DropAction.MoveAction)
    expected = before[1:3] + before[:1] + before[3:]
    assert [tree.topLevelItem(row).data(NAME, CODE_ROLE) for row in range(tree.topLevelItemCount())] == expected
    assert [code.id for code in live_codes(demo) if code.parent_id is None] == expected


def test_where_a_mouse_drop_lands(panel, demo):
    tree = panel.tree
    target = tree.item_for(code_named(demo, "Isolement").id)
    rect = tree.visualItemRect(target)
    parent = target.parent()
    row = parent.indexOfChild(target)
    assert tree.drop_place(rect.center()) == (target, -1)
    assert tree.drop_place(QPoint(rect.center().x(), rect.top() + 1)) == (parent, row)
    assert tree.drop_place(QPoint(rect.center().x(), rect.bottom() - 1)) == (parent, row + 1)
    tree.collapseAll()  # leaves empty room below the top-level themes
    assert tree.drop_place(QPoint(10, tree.viewport().height() - 2)) == (None, -1)


def test_a_drop_into_its_own_subtheme_is_refused_with_a_message(qtbot, panel, demo, messages):
    parent, child = code_named(demo, "Autonomie et organisation du travail"), code_named(demo, "Isolement")
    before = codebook_rows(demo)
    tree = panel.tree
    assert tree.dropMimeData(tree.item_for(child.id), -1, tree.mimeData([tree.item_for(parent.id)]),
                             Qt.DropAction.MoveAction)
    qtbot.waitUntil(lambda: bool(messages), timeout=2000)
    kind, title, text = messages[0]
    assert title == "Le livre de codes n’a pas été modifié" and "sous-codes" in text
    assert codebook_rows(demo) == before
    assert tree.item_for(parent.id).parent() is None


# the code dialog ---------------------------------------------------------------------------------
def test_editing_through_the_dialog_saves_and_logs(qtbot, panel, demo, history):
    isolement = code_named(demo, "Isolement")
    indicators = demo.indicators.find(order_by="position")
    panel.tree.select(isolement.id)
    dialog = panel.edit_current()
    assert dialog.name_edit.text() == "Isolement" and "solitude" in dialog.keywords_edit.toPlainText()
    dialog.name_edit.setText("Isolement au travail")
    dialog.definition_edit.setPlainText("Se sentir seul·e face au travail.")
    dialog.keywords_edit.setPlainText("seul\nseule\n\nsolitude")
    dialog.phrases_edit.setPlainText("personne à qui parler")
    dialog.colour_picker.set_colour("#a9d6f5")
    for row in range(dialog.indicator_list.count()):
        item = dialog.indicator_list.item(row)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) == indicators[0].id
                           else Qt.CheckState.Unchecked)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        dialog.accept()
    stored = demo.codes.get(isolement.id)
    assert (stored.name, stored.definition, stored.keywords, stored.example_phrases, stored.colour) == (
        "Isolement au travail", "Se sentir seul·e face au travail.", "seul\nseule\nsolitude",
        "personne à qui parler", "#A9D6F5")
    assert codebook.indicator_ids_of(demo, isolement.id) == [indicators[0].id]
    assert panel.tree.item_for(isolement.id).text(NAME) == "Isolement au travail"
    actions = [event.action for event in codebook_changelog(demo)]
    assert actions[-2:] == ["codebook_code_updated", "codebook_code_indicators_set"]
    assert panel.undo_action.toolTip() == "Annuler\u00a0: modification de «\u00a0Isolement au travail\u00a0»"
    panel.undo()
    assert demo.codes.get(isolement.id).name == "Isolement" and demo.codes.get(isolement.id).keywords == \
        isolement.keywords


def test_a_refused_name_keeps_the_dialog_open(panel, demo):
    panel.tree.select(code_named(demo, "Isolement").id)
    dialog = panel.edit_current()
    dialog.name_edit.setText("Entraide entre membres")
    dialog.accept()
    assert dialog.isVisible() and "a déjà un code nommé" in dialog.error_label.text()
    assert code_named(demo, "Isolement") is not None


def test_a_new_subtheme_goes_under_the_selected_theme_last(qtbot, panel, demo):
    parent = code_named(demo, "Sécurité et revenus")
    panel.tree.select(parent.id)
    dialog = panel.new_subtheme()
    assert dialog.colour_picker.colour() == codebook.related_colour(parent.colour)
    dialog.name_edit.setText("Retraite")
    dialog.accept()
    new = code_named(demo, "Retraite")
    assert new.parent_id == parent.id and panel.tree.current_code_id() == new.id
    item = panel.tree.item_for(new.id)
    assert item.parent().indexOfChild(item) == item.parent().childCount() - 1
    panel.undo()
    assert code_named(demo, "Retraite") is None and panel.tree.item_for(new.id) is None


# merge, split, bin -------------------------------------------------------------------------------
def test_merge_through_the_dialog_and_undo(panel, demo):
    source, target = code_named(demo, "Isolement"), code_named(demo, "Appartenance au collectif")
    moving = demo.codings.count("code_id = ?", [source.id])
    kept = demo.codings.count("code_id = ?", [target.id])
    panel.tree.select(source.id)
    dialog = panel.merge_current()
    listed = [dialog.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(dialog.list.count())]
    assert source.id not in listed and target.id in listed
    dialog.select(target.id)
    dialog.accept()
    assert demo.codes.get(source.id).deleted_at and demo.codings.count("code_id = ?", [target.id]) == moving + kept
    assert panel.tree.item_for(source.id) is None and source.id in panel.bin_view.code_ids()
    panel.undo()
    assert demo.codings.count("code_id = ?", [source.id]) == moving and panel.tree.item_for(source.id) is not None


def test_split_through_the_dialog(panel, demo):
    source = code_named(demo, "Entraide entre membres")
    coded = segments(demo, code_id=source.id)
    panel.tree.select(source.id)
    dialog = panel.split_current()
    assert dialog.tree.topLevelItemCount() == len(coded) and not dialog.ok_button.isEnabled()
    chosen = {coded[0].coding_id, coded[1].coding_id}
    dialog.set_checked(chosen)
    dialog.name_edit.setText("Entraide matérielle")
    assert dialog.ok_button.isEnabled() and "2 segments sur" in dialog.count_label.text()
    dialog.accept()
    new = code_named(demo, "Entraide matérielle")
    assert {s.coding_id for s in segments(demo, code_id=new.id)} == chosen
    assert panel.tree.current_code_id() == new.id and new.parent_id == source.parent_id


def test_binning_hides_and_restoring_brings_back(qtbot, panel, demo):
    parent = code_named(demo, "Collectif et entraide")
    children = [code.id for code in live_codes(demo) if code.parent_id == parent.id]
    panel.tree.select(parent.id)
    panel.tree.setFocus()
    with qtbot.waitSignal(panel.changed, timeout=1000):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    shown = panel.tree.code_ids()
    assert parent.id not in shown and not set(children) & set(shown)
    assert set(panel.bin_view.code_ids()) == {parent.id, *children}
    assert panel.tabs.tabText(1) == f"Corbeille ({len(children) + 1})"
    assert demo.codings.count("code_id = ?", [children[0]]) > 0  # codings kept
    panel.bin_view.select(parent.id)
    with qtbot.waitSignal(panel.changed, timeout=1000):
        panel.bin_view.restore_button.click()
    assert {parent.id, *children} <= set(panel.tree.code_ids()) and panel.bin_view.code_ids() == []
    assert panel.tabs.tabText(1) == "Corbeille"


# the changelog -----------------------------------------------------------------------------------
def test_the_changelog_reads_as_sentences(panel, demo):
    isolement = code_named(demo, "Isolement")
    panel.move(isolement.id, None, 0)
    panel.tree.select(isolement.id)
    panel.bin_current()
    panel.undo()
    tree = panel.changelog_view.tree
    assert tree.topLevelItemCount() == 3
    texts = [tree.topLevelItem(row).text(2) for row in range(3)]
    assert texts == ["Restauration de «\u00a0Isolement\u00a0» depuis la corbeille.",
                     "Mise à la corbeille de «\u00a0Isolement\u00a0».",
                     "Déplacement de «\u00a0Isolement\u00a0» au premier niveau."]
    assert tree.topLevelItem(0).text(1) == "Inès Moreau"
    assert "/" in tree.topLevelItem(0).text(0)  # a French date, day first


def test_describe_every_kind_of_edit(demo):
    names = {code.id: code.name for code in demo.codes.find()}
    source = code_named(demo, "Protection du statut salarié")
    chosen = [s.coding_id for s in segments(demo, code_id=source.id)[:3]]
    new = codebook.split_code(demo, source.id, "Retraite", chosen, actor="Inès")
    codebook.update_code(demo, new.id, definition="Départ à la retraite", keywords="retraite")
    codebook.merge_codes(demo, new.id, source.id)
    events = codebook_changelog(demo)
    sentences = [describe(event, names) for event in events]
    assert sentences[0] == ("Scission de «\u00a0Protection du statut salarié\u00a0»\u00a0: «\u00a0Retraite\u00a0» "
                            "en est détaché, avec 3 codages.")
    assert sentences[1] == "Modification de «\u00a0Retraite\u00a0»\u00a0: définition, mots-clés."
    assert sentences[2] == ("Fusion de «\u00a0Retraite\u00a0» dans "
                            "«\u00a0Protection du statut salarié\u00a0»\u00a0: "
                            "3 codages déplacés.")
