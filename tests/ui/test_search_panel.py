"""The search panel on the demo study: typing shows the hits, Enter asks to open the transcript."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from app.ui.models.base import ROW_ROLE
from app.ui.search import SearchPanel
from app.ui.search.model import SearchHitModel, passage


@pytest.fixture
def panel(qtbot, demo) -> SearchPanel:
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.set_project(demo)
    panel.show()
    return panel


def test_typing_a_query_shows_the_hits(qtbot, panel):
    assert panel.model.rowCount() == 0
    assert "Tapez un mot" in panel.summary_label.text()
    qtbot.keyClicks(panel.query_edit, "cooperative")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=3000)
    hits = panel.model.rows()
    assert all(hit.match.lower() == "coopérative" for hit in hits)
    assert panel.summary_label.text() == f"{len(hits)} tours de parole correspondent."
    assert panel.model.index(0, 0).data() == passage(hits[0]) and "coopérative" in passage(hits[0])


def test_enter_on_a_hit_asks_to_open_its_transcript_there(qtbot, panel, demo):
    panel.set_query("rapport au travail")
    panel.phrase_box.setChecked(True)
    panel.view.setFocus()
    panel.view.selectRow(1)
    hit = panel.view.currentIndex().data(ROW_ROLE)
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as signal:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert signal.args == [hit.transcript_id, hit.position]
    turn = demo.turns.first("transcript_id = ? AND position = ?", [hit.transcript_id, hit.position])
    assert "rapport au travail" in turn.text


def test_double_click_opens_too(qtbot, panel):
    panel.set_query("mutuelle")
    index = panel.view.model().index(0, 1)
    hit = index.data(ROW_ROLE)
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as signal:
        panel.view.doubleClicked.emit(index)
    assert signal.args == [hit.transcript_id, hit.position]


def test_down_arrow_moves_from_the_field_to_the_hits(qtbot, panel):
    panel.set_query("mutuelle")
    panel.query_edit.setFocus()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert panel.view.currentIndex().row() == 0


def test_options_and_filters(qtbot, panel, demo):
    panel.set_query("travaillait")
    assert panel.model.rowCount() == 0 and panel.summary_label.text() == "Aucun tour de parole ne correspond."
    panel.stem_box.setChecked(True)
    assert panel.model.rowCount() > 0
    panel.set_query("coopérative")
    everyone = panel.model.rowCount()
    panel.participants_box.setChecked(True)
    assert 0 < panel.model.rowCount() < everyone
    assert {hit.speaker_role for hit in panel.model.rows()} == {"participant"}
    territories = [panel.territory_combo.itemText(i) for i in range(panel.territory_combo.count())]
    assert territories[0] == "Tous les territoires" and "Lyon" in territories
    panel.territory_combo.setCurrentIndex(territories.index("Lyon"))
    assert {hit.participant_code[:3] for hit in panel.model.rows()} == {"LYO"}
    assert panel.wave_combo.itemText(0) == "Toutes les vagues"
    panel.set_project(demo)  # read again, as the embedding area does after a change
    assert panel.territory_combo.currentText() == "Lyon" and panel.participants_box.isChecked()
    assert {hit.participant_code[:3] for hit in panel.model.rows()} == {"LYO"}


def test_a_truncated_result_says_so(qtbot, panel, monkeypatch):
    import app.services.search as searching

    monkeypatch.setattr(searching, "RANKED_WINDOW", 4)
    panel.set_query("coopérative")
    assert panel.model.rowCount() == 4
    assert panel.summary_label.text().startswith("Plus de 4 tours de parole correspondent")


def test_the_results_model_is_a_sound_qt_model(qtmodeltester, panel):
    panel.set_query("coop*")
    assert panel.model.rowCount() > 0
    qtmodeltester.check(panel.model)
    qtmodeltester.check(SearchHitModel())


def test_odd_queries_leave_the_panel_calm(qtbot, panel):
    for text in ('"', "NEAR(", "(((", "😀", "text:coop*", "-", "*"):
        panel.set_query(text)
    assert panel.isEnabled()


def test_without_a_project_the_panel_is_disabled(qtbot):
    panel = SearchPanel()
    qtbot.addWidget(panel)
    assert not panel.isEnabled()
    panel.set_project(None)
    panel.set_query("coopérative")
    assert panel.model.rowCount() == 0
