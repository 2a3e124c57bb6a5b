"""The memo panel and the analytic journal on the demo study: nothing typed is lost, entries open."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QDate, Qt

from app.services import memos
from app.store.project import Project
from app.ui.memos.journal import DATE_COLUMN, MEMO_ROLE, JournalPanel
from app.ui.memos.panel import MemoPanel

AUTHOR = "Inès Moreau"
ABOUT_CODE = "Code «\u00a0Isolement\u00a0»"  # French typography: no-break spaces


def code_named(project: Project, name: str):
    return project.codes.first("name = ?", [name])


@pytest.fixture
def panel(qtbot, demo) -> MemoPanel:
    panel = MemoPanel(author=AUTHOR)
    qtbot.addWidget(panel)
    panel.resize(700, 600)
    code = code_named(demo, "Isolement")
    panel.show_target(demo, "code", code.id, code.name)
    panel.show()
    return panel


# the memo panel ----------------------------------------------------------------------------------
def test_it_lists_the_objects_memos_and_shows_the_newest(panel, demo, qtmodeltester):
    qtmodeltester.check(panel.model)
    code = code_named(demo, "Isolement")
    stored = memos.memos_of(demo, "code", code.id)
    assert [memo.id for memo in panel.model.rows()] == [memo.id for memo in stored]
    assert panel.editor.title_edit.text() == stored[0].title
    assert panel.editor.body_edit.toPlainText() == stored[0].body
    assert panel.title_label.text() == "Mémos — Isolement"
    assert not panel.editor.save_button.isEnabled()  # nothing typed yet


def test_a_new_memo_typed_is_saved_when_moving_to_another_object(panel, demo, qtbot):
    code = code_named(demo, "Isolement")
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.editor.title_edit, "Deux sens de « seul »")
    panel.editor.body_edit.setPlainText("Seul·e par choix ou par manque : à distinguer.")
    assert panel.editor.save_button.isEnabled()
    other = code_named(demo, "Ancrage territorial")
    with qtbot.waitSignal(panel.changed):
        panel.show_target(demo, "code", other.id, other.name)
    titles = [memo.title for memo in memos.memos_of(demo, "code", code.id)]
    assert "Deux sens de « seul »" in titles
    saved = next(m for m in memos.memos_of(demo, "code", code.id) if m.title.startswith("Deux sens"))
    assert saved.author == AUTHOR and saved.written_on == QDate.currentDate().toString(Qt.DateFormat.ISODate)
    # The other code has no memo: an empty new one waits, and is not stored while empty.
    assert panel.model.rowCount() == 0 and panel.editor.memo() is None
    panel.show_target(demo, "code", code.id, code.name)
    assert demo.memos.count("target_id = ?", [other.id]) == 0


def test_an_edit_is_saved_by_the_button_and_on_hiding(panel, demo, qtbot):
    memo_id = panel.model.row_at(0).id
    panel.editor.body_edit.setPlainText("Première version.")
    qtbot.mouseClick(panel.editor.save_button, Qt.MouseButton.LeftButton)
    assert demo.memos.get(memo_id).body == "Première version."
    panel.editor.body_edit.setPlainText("Deuxième version, jamais enregistrée à la main.")
    panel.hide()
    assert demo.memos.get(memo_id).body == "Deuxième version, jamais enregistrée à la main."


def test_switching_memos_saves_the_one_being_typed(panel, demo, qtbot):
    code = code_named(demo, "Isolement")
    memos.add_memo(demo, "code", code.id, "Plus ancien", "a", AUTHOR, "2024-01-01")
    panel.show_target(demo, "code", code.id, code.name)
    first = panel.model.row_at(0)
    panel.editor.title_edit.setText("Titre revu")
    panel.view.selectRow(1)
    assert demo.memos.get(first.id).title == "Titre revu"
    assert panel.editor.title_edit.text() == "Plus ancien"


def test_deleting_asks_then_gives_a_step_that_undoes_it(panel, demo, qtbot, messages):
    memo = panel.model.row_at(0)
    with qtbot.waitSignal(panel.step_made) as made:
        qtbot.mouseClick(panel.editor.delete_button, Qt.MouseButton.LeftButton)
    assert messages and messages[0][0] == "question"
    assert demo.memos.count("id = ?", [memo.id]) == 0
    assert panel.model.rowCount() == 0
    made.args[0].undo(demo)
    assert demo.memos.get(memo.id).title == memo.title


# the journal -------------------------------------------------------------------------------------
@pytest.fixture
def journal(qtbot, demo) -> JournalPanel:
    panel = JournalPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.set_project(demo, AUTHOR)
    panel.show()
    return panel


def entry_items(panel: JournalPanel) -> list:
    items = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    return [item for item in items if item.data(DATE_COLUMN, MEMO_ROLE)]


def test_the_journal_is_a_timeline_by_month_newest_first(journal, demo):
    entries = entry_items(journal)
    assert len(entries) == demo.memos.count() == 3
    dates = [demo.memos.get(item.data(DATE_COLUMN, MEMO_ROLE)).written_on for item in entries]
    assert dates == sorted(dates, reverse=True)
    assert journal.tree.topLevelItem(0).text(0) == "Mai 2025"
    assert {item.text(2) for item in entries} == {ABOUT_CODE, "Transcription DRO-02 — 07/05/2025",
                                                  "L’étude dans son ensemble"}
    assert "3 entrées" in journal.summary_label.text()


def test_the_filters_narrow_the_journal(journal):
    journal.author_combo.setCurrentIndex(journal.author_combo.findData("Bastien Lefèvre"))
    assert [item.text(3) for item in entry_items(journal)] == ["Bastien Lefèvre"]
    journal.author_combo.setCurrentIndex(0)
    journal.kind_combo.setCurrentIndex(journal.kind_combo.findData("project"))
    assert [item.text(2) for item in entry_items(journal)] == ["L’étude dans son ensemble"]
    journal.kind_combo.setCurrentIndex(0)
    journal.since_edit.setDate(QDate(2025, 5, 21))
    assert len(entry_items(journal)) == 2
    journal.until_edit.setDate(QDate(2025, 5, 23))
    assert len(entry_items(journal)) == 1
    journal.clear_dates()
    assert len(entry_items(journal)) == 3


def test_a_new_entry_is_a_memo_on_the_study(journal, demo, qtbot):
    qtbot.mouseClick(journal.new_button, Qt.MouseButton.LeftButton)
    journal.editor.title_edit.setText("Décision : fusionner deux codes")
    journal.editor.body_edit.setPlainText("Après le double codage, « Isolement » absorbe « Solitude ».")
    journal.editor.date_edit.setDate(QDate(2025, 6, 12))
    with qtbot.waitSignal(journal.changed):
        qtbot.mouseClick(journal.editor.save_button, Qt.MouseButton.LeftButton)
    made = demo.memos.first("title = ?", ["Décision : fusionner deux codes"])
    assert (made.target_kind, made.target_id, made.author, made.written_on) == ("project", None, AUTHOR, "2025-06-12")
    assert journal.tree.topLevelItem(0).text(0) == "Juin 2025"
    assert journal.tree.currentItem().data(DATE_COLUMN, MEMO_ROLE) == made.id


def test_double_clicking_an_entry_asks_to_open_what_it_is_about(journal, demo, qtbot):
    code = code_named(demo, "Isolement")
    item = next(item for item in entry_items(journal) if item.text(2) == ABOUT_CODE)
    rect = journal.tree.visualItemRect(item)
    qtbot.mouseClick(journal.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(journal.open_requested) as opened:
        qtbot.mouseDClick(journal.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["code", code.id]
    assert journal.editor.title_edit.text() == "Isolement ou autonomie ?"
