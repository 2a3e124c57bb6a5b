"""The Coding area on the demo: panels wired together, one undo history, passages opened in place."""

from __future__ import annotations

import pytest

from app.services import agreement as agreement_service
from app.ui.areas.coding import CodingArea
from app.ui.settings import Settings


@pytest.fixture
def area(qtbot, demo, tmp_path):
    settings = Settings(tmp_path / "settings.ini")
    settings.set_coder_for(demo.path, "Inès Moreau")
    widget = CodingArea()
    widget.settings = settings
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.load(demo)
    yield widget
    widget.release()


def test_a_disagreement_opens_in_the_transcript_at_its_passage(area, qtbot, demo):
    area.show_tab(area.AGREEMENT)
    passage = agreement_service.disagreements(demo, "Bastien Lefèvre", "Inès Moreau")[0]
    area.agreement.open_requested.emit(passage.transcript_id, passage.start, passage.end)
    qtbot.waitUntil(lambda: area.workbench.transcript_id() == passage.transcript_id)
    assert area.tabs.currentIndex() == area.CODE
    qtbot.waitUntil(lambda: area.workbench.view.selected_span() == (passage.start, passage.end))


def test_keeping_a_disagreement_can_be_undone_from_the_edit_actions(area, qtbot, demo):
    area.show_tab(area.AGREEMENT)
    before = demo.codings.count()
    area.agreement.keep_button.click()
    assert demo.codings.count() == before + 1
    assert area.undo_action.isEnabled() and area.undo_action.text() != "Annuler"
    area.undo_action.trigger()
    assert area.workbench.writer.wait_idle(5.0)
    qtbot.waitUntil(lambda: demo.codings.count() == before)


def test_a_summary_or_coding_elsewhere_marks_the_other_tabs_for_reading_again(area):
    area.show_tab(area.MATRICES)
    area._stale_tabs.clear()
    area.workbench.changed.emit()
    assert {area.SUGGESTIONS, area.SEGMENTS, area.MATRICES, area.AGREEMENT, area.JOURNAL} <= area._stale_tabs


def test_the_chosen_theme_shows_its_memos_and_a_new_one_is_kept(area, demo):
    isolement = demo.codes.first("name = ?", ["Isolement"])
    area.codebook.select(isolement.id)
    panel = area.code_memos
    assert "Isolement" in panel.title_label.text()
    assert panel.model.rowCount() == len(demo.memos.find("target_kind = 'code' AND target_id = ?", [isolement.id]))
    before = demo.memos.count()
    panel.new_memo()
    panel.editor.title_edit.setText("Frontière avec l’autonomie")
    area.release()  # what is typed is kept when the project closes
    assert demo.memos.count() == before + 1
    assert demo.memos.first("title = ?", ["Frontière avec l’autonomie"]).target_id == isolement.id


def test_memos_on_the_transcript_being_coded(area, demo):
    area.show_transcript_memos()
    dialog = area.transcript_memo_dialog
    panel = dialog.findChild(type(area.code_memos))
    assert demo.transcripts.get(area.workbench.transcript_id()).title in panel.title_label.text()
    panel.editor.title_edit.setText("Relire le passage sur la crèche")
    dialog.reject()
    memo = demo.memos.first("title = ?", ["Relire le passage sur la crèche"])
    assert (memo.target_kind, memo.target_id) == ("transcript", area.workbench.transcript_id())
