"""The Transcriptions area: reading, correcting a turn in place, pseudonymising, the tabs of others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from app.core.coding import Coding
from app.core.transcripts import Transcript, Turn, full_text
from app.services.demo import build_demo
from app.store.project import Project
from app.ui.areas import transcripts as area_module
from app.ui.main_window import MainWindow
from app.ui.transcripts.list_model import TranscriptListModel, listed_transcripts
from app.ui.transcripts.turn_model import TEXT, TurnModel


@pytest.fixture
def area(window):
    window.show_area("transcripts")
    return window.area("transcripts")


@pytest.fixture
def demo(tmp_path, qtbot, settings):
    path = tmp_path / "demo.terrain"
    build_demo(path)
    project = Project.open(path)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_area("transcripts")
    yield window, project
    window.close()
    project.close()


def select(area, title_start: str) -> str:
    row = next(row for row in area.model.rows() if row.title.startswith(title_start))
    assert area.select_transcript(row.id)
    return row.id


def tab_labels(area) -> list[str]:
    return [area.tabs.tabText(index) for index in range(area.tabs.count())]


def test_the_tabs_and_the_import_button_are_in_french(area):
    labels = tab_labels(area)
    assert labels[:2] == ["Lecture", "Pseudonymisation"]
    if area.diagnostics is not None:
        assert "Diagnostic" in labels
    if area.search is not None:
        assert "Recherche" in labels
    assert area.import_button.text() == "Importer une transcription…"
    assert area.reader.table.model().headerData(TEXT, Qt.Orientation.Horizontal) == "Propos"


def test_without_the_other_panels_the_area_still_works(qtbot, project, settings, monkeypatch):
    monkeypatch.setattr(area_module, "diagnostics_panel_class", lambda: None)
    monkeypatch.setattr(area_module, "search_panel_class", lambda: None)
    monkeypatch.setattr(area_module, "import_dialog_class", lambda: None)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show_area("transcripts")
    area = window.area("transcripts")
    assert tab_labels(area) == ["Lecture", "Pseudonymisation"]
    assert area.import_button.isHidden()
    assert "Racontez-moi votre parcours." in area.reader.text()


def test_the_list_warns_about_names_in_clear(area, qtmodeltester):
    qtmodeltester.check(area.model)
    column = TranscriptListModel.IDENTITY_COLUMN
    assert area.model.headerData(column, Qt.Orientation.Horizontal) == "Identités"
    assert {area.model.index(row, column).data() for row in range(area.model.rowCount())} == {"Noms en clair"}


def test_the_turn_model_passes_the_model_tester(qtmodeltester, project):
    model = TurnModel()
    transcript = project.transcripts.first(order_by="title")
    model.set_turns(project.turns_of(transcript.id))
    model.save = lambda turn, text: True
    qtmodeltester.check(model)


def test_f2_opens_a_turn_and_ctrl_enter_saves_it_with_its_codings(area, project, qtbot):
    transcript_id = area.selected_transcript().id
    turns = project.turns_of(transcript_id)
    coding = project.codings.first("transcript_id = ?", [transcript_id])
    before = full_text(turns)[coding.start_offset:coding.end_offset]
    table = area.reader.table
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QPlainTextEdit, "turnEditor")
    assert editor is not None and editor.toPlainText() == "Racontez-moi votre parcours."
    assert "Ctrl+Entrée" in area.reader.hint.text()
    editor.setPlainText("Pour commencer, racontez-moi votre parcours.")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "codage recalé" in area.reader.report.text() or "codages recalés" in
                    area.reader.report.text())
    assert project.turns.get(turns[0].id).text == "Pour commencer, racontez-moi votre parcours."
    stored = project.codings.get(coding.id)
    assert full_text(project.turns_of(transcript_id))[stored.start_offset:stored.end_offset] == before
    assert table.model().index(0, TEXT).data() == "Pour commencer, racontez-moi votre parcours."
    assert "Double-cliquez" in area.reader.hint.text()


def test_deleting_coded_words_says_a_coding_was_flagged(area, project, qtbot):
    transcript_id = area.selected_transcript().id
    turns = project.turns_of(transcript_id)
    coding = project.codings.first("transcript_id = ?", [transcript_id])
    # The fixture's codings cover code points 30 to 60: the second turn's words from its second letter.
    start = coding.start_offset - turns[1].char_start
    kept = turns[1].text[:start] + turns[1].text[start + coding.end_offset - coding.start_offset:]
    table = area.reader.table
    table.edit_row(1)
    editor = table.findChild(QPlainTextEdit, "turnEditor")
    editor.setPlainText(kept)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "signalé" in area.reader.report.text())
    assert "Tour enregistré\u00a0:" in area.reader.report.text()
    assert project.codings.get(coding.id).anchor_status == "orphaned"
    assert project.turns.get(turns[1].id).text == kept


def test_escape_gives_up_an_edit(area, project, qtbot):
    transcript_id = area.selected_transcript().id
    turn = project.turns_of(transcript_id)[0]
    table = area.reader.table
    table.edit_row(0)
    editor = table.findChild(QPlainTextEdit, "turnEditor")
    editor.setPlainText("Autre chose.")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert project.turns.get(turn.id).text == turn.text


def test_an_empty_turn_is_refused_with_a_message(area, project, qtbot):
    transcript_id = area.selected_transcript().id
    turn = project.turns_of(transcript_id)[0]
    assert not area.reader.model.setData(area.reader.model.index(0, TEXT), "   ")
    assert "vide" in area.reader.report.text()
    assert project.turns.get(turn.id).text == turn.text


def test_pseudonymising_dro_02_removes_the_names(demo, qtbot, messages):
    window, project = demo
    area = window.area("transcripts")
    transcript_id = select(area, "DRO-02")
    area.tabs.setCurrentWidget(area.pseudonymisation)
    panel = area.pseudonymisation
    found = {candidate.text: candidate for candidate in panel.candidates}
    assert found["Dieulefit"].from_identity and "Sandrine" in found and "Manon" in found
    assert panel.confirmed() == {"Dieulefit": "town"}  # suggestions wait for a person to tick them
    assert "encore en clair" in panel.status.text()
    panel.set_checked("Sandrine")
    panel.set_checked("Manon")
    panel.set_kind("Manon", "first_name")
    assert "[Prénom" in panel.preview.toPlainText() and "Sandrine" in panel.preview.toPlainText()
    panel.apply_button.click()
    assert messages and messages[0][0] == "question"
    text = full_text(project.turns_of(transcript_id))
    assert "Sandrine" not in text and "Manon" not in text and "Dieulefit" not in text
    assert "[Prénom" in area.reader.text() and "Sandrine" not in area.reader.text()
    listed = next(row for row in area.model.rows() if row.id == transcript_id)
    assert listed.pseudonymised
    assert area.tabs.currentWidget() is area.pseudonymisation
    assert "Pseudonymisée" in panel.status.text()


def test_a_name_added_to_the_study_list_is_proposed(demo):
    window, project = demo
    area = window.area("transcripts")
    select(area, "DRO-02")
    area.tabs.setCurrentWidget(area.pseudonymisation)
    panel = area.pseudonymisation
    panel.name_edit.setText("Instagram")
    panel.add_button.click()
    found = {candidate.text: candidate.source for candidate in panel.candidates}
    assert found["Instagram"] == "study_list"


def test_opening_a_turn_from_elsewhere_shows_it_in_the_reader(demo, qtbot):
    window, project = demo
    area = window.area("transcripts")
    transcript_id = select(area, "DRO-02")
    select(area, "LYO-01")
    area.tabs.setCurrentWidget(area.pseudonymisation)
    area.open_turn(transcript_id, 20)
    assert area.selected_transcript().id == transcript_id
    assert area.tabs.currentWidget() is area.reader
    selected = area.reader.table.selectionModel().selectedRows()
    assert [index.row() for index in selected] == [20]
    if area.search is not None and hasattr(area.search, "open_requested"):
        select(area, "LYO-01")
        area.search.open_requested.emit(transcript_id, 5)
        assert area.selected_transcript().id == transcript_id


def test_an_imported_transcript_is_listed_and_selected(area, project, monkeypatch):
    class FakeImportDialog:
        def __init__(self, project, parent):
            self.project, self.transcript_id = project, None

        def exec(self):
            transcript = Transcript(study_id=self.project.study().id, title="Entretien importé",
                                    imported_at="2025-06-01T08:00:00Z")
            self.project.add_transcript(transcript, [Turn(transcript_id="", position=0, text="Bonjour.")])
            self.transcript_id = transcript.id
            return 1

    monkeypatch.setattr(area_module, "import_dialog_class", lambda: FakeImportDialog)
    changed = []
    area.changed.connect(lambda: changed.append(True))
    area.import_transcript()
    assert area.selected_transcript().title == "Entretien importé"
    assert "Bonjour." in area.reader.text() and changed


def test_codings_survive_an_edit_made_through_the_area_on_the_demo(demo, qtbot):
    window, project = demo
    area = window.area("transcripts")
    transcript_id = select(area, "DRO-02")
    text = full_text(project.turns_of(transcript_id))
    quotes = {c.id: text[c.start_offset:c.end_offset] for c in project.codings.find("transcript_id = ?",
                                                                                       [transcript_id])}
    row = 3
    new = area.reader.model.turn_at(row).text.replace("Alors, je suis", "Alors, moi, je suis")
    assert area.reader.model.setData(area.reader.model.index(row, TEXT), new)
    after = full_text(project.turns_of(transcript_id))
    for coding in project.codings.find("transcript_id = ?", [transcript_id]):
        assert isinstance(coding, Coding) and after[coding.start_offset:coding.end_offset] == quotes[coding.id]
    assert listed_transcripts(project)
