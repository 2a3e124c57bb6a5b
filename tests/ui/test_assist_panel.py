"""The suggestions panel on the demo study: A accepts, R rejects, each moves on; nothing else codes."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.services import assist
from app.services.coding import full_text_of
from app.store.project import Project
from app.ui.assist.model import PASSAGE_COLUMN, marked_html
from app.ui.assist.panel import SuggestionsPanel


@pytest.fixture
def demo(demo_file, tmp_path):
    copy = tmp_path / "demo.terrain"
    shutil.copy(demo_file, copy)
    with Project.open(copy) as project:
        code = project.codes.first("name = 'Isolement'")
        assist.set_hints(project, code.id, "seul\nisolement\nsolitude", "Je me sens seule face à mes décisions.")
        yield project


@pytest.fixture
def coder(demo):
    return demo.coders.first("name = 'Inès Moreau'")


@pytest.fixture
def code(demo):
    return demo.codes.first("name = 'Isolement'")


@pytest.fixture
def panel(qtbot, demo, coder, code) -> SuggestionsPanel:
    panel = SuggestionsPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.set_project(demo, coder.id)
    panel.show_code(code.id)
    panel.show()
    return panel


def codings_of(project: Project, code, coder) -> int:
    return project.codings.count("code_id = ? AND coder_id = ?", [code.id, coder.id])


def test_it_shows_the_codes_hints_and_its_suggestions(panel, demo, coder, code, qtmodeltester):
    qtmodeltester.check(panel.model)
    assert panel.keywords_edit.toPlainText() == "seul\nisolement\nsolitude"
    expected = assist.suggest(demo, code.id, coder.id)
    assert panel.model.rows() == expected and expected
    assert panel.summary_label.text().startswith(f"{len(expected)} phrases peuvent relever de")
    assert panel.view.currentIndex().row() == 0
    html = marked_html(expected[0], code.colour)
    assert "<b " in html  # the matched words are marked


def test_key_a_codes_the_sentence_and_moves_to_the_next(panel, demo, coder, code, qtbot):
    before = codings_of(demo, code, coder)
    first, second = panel.model.row_at(0), panel.model.row_at(1)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.changed), qtbot.waitSignal(panel.step_made) as made:
        qtbot.keyClick(panel.view, Qt.Key.Key_A)
    assert codings_of(demo, code, coder) == before + 1
    coded = demo.codings.first("code_id = ? AND coder_id = ? AND transcript_id = ? AND start_offset = ?",
                               [code.id, coder.id, first.transcript_id, first.start])
    assert coded is not None and coded.end_offset == first.end
    assert first not in panel.model.rows()
    assert panel.view.currentIndex().row() == 0 and panel.model.row_at(0) == second
    made.args[0].undo(demo)
    assert codings_of(demo, code, coder) == before


def test_key_r_rejects_without_coding(panel, demo, coder, code, qtbot):
    before = demo.codings.count()
    first = panel.model.row_at(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_R)
    assert demo.codings.count() == before
    decision = demo.suggestion_decisions.first()
    assert (decision.decision, decision.transcript_id, decision.start_offset) == ("rejected", first.transcript_id,
                                                                                   first.start)
    assert first not in panel.model.rows()
    panel.refresh()
    assert first not in panel.model.rows()  # not offered again


def test_accept_all_selected_codes_each_selected_sentence(panel, demo, coder, code, qtbot):
    before = codings_of(demo, code, coder)
    selection = panel.view.selectionModel()
    for row in (0, 2):
        selection.select(panel.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    assert panel.accept_all_button.isEnabled()
    chosen = [panel.model.row_at(0), panel.model.row_at(2)]
    qtbot.mouseClick(panel.accept_all_button, Qt.MouseButton.LeftButton)
    assert codings_of(demo, code, coder) == before + 2
    assert not any(s in panel.model.rows() for s in chosen)


def test_double_click_asks_to_open_the_sentence_in_its_transcript(panel, demo, qtbot):
    first = panel.model.row_at(0)
    rect = panel.view.visualRect(panel.model.index(0, PASSAGE_COLUMN))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    transcript_id, start, end = opened.args
    assert (transcript_id, start, end) == (first.transcript_id, first.start, first.end)
    assert full_text_of(demo, transcript_id)[start:end] == first.text


def test_editing_the_keywords_saves_them_in_the_codebook_and_suggests_again(panel, demo, code, qtbot):
    assert not panel.save_hints_button.isEnabled()
    panel.keywords_edit.setPlainText("solitude")
    panel.phrases_edit.setPlainText("")
    assert panel.save_hints_button.isEnabled()
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.save_hints_button, Qt.MouseButton.LeftButton)
    assert demo.codes.get(code.id).keywords == "solitude"
    assert all("solitude" in s.text.lower() for s in panel.model.rows())
    assert not panel.save_hints_button.isEnabled()


def test_a_code_without_hints_says_how_to_get_suggestions(panel, demo):
    empty = demo.codes.first("name = 'Ancrage territorial'")
    panel.show_code(empty.id)
    assert panel.model.rowCount() == 0
    assert "mots-clés" in panel.summary_label.text()
    assert not panel.accept_button.isEnabled()


def test_choosing_a_transcript_keeps_its_suggestions_only(panel, demo, coder, code):
    transcript_id = panel.model.row_at(0).transcript_id
    panel.transcript_combo.setCurrentIndex(panel.transcript_combo.findData(transcript_id))
    assert panel.model.rows() == assist.suggest(demo, code.id, coder.id, transcript_id)
    assert {s.transcript_id for s in panel.model.rows()} == {transcript_id}
