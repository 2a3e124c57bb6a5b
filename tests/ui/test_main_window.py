"""The main window on a small study: every area shows the project's rows; errors keep the project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow
from app.ui.translations import apply_language
from fixtures.small_study import TITLE, build_small_study

AREAS = ["study", "guide", "participants", "interviews", "transcripts", "coding", "analysis", "sync", "export"]


def test_title_status_bar_and_navigation_labels(window, project):
    assert window.windowTitle() == f"Terrain — {TITLE}"
    assert window.path_label.text() == str(project.path)
    labels = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert labels == ["Étude", "Guide", "Participant·e·s", "Entretiens", "Transcriptions", "Codage", "Analyse",
                      "Synchronisation", "Export"]
    assert [area.key for area in window.areas] == AREAS


def test_clicking_the_navigation_switches_area(window, qtbot):
    window.show()
    item = window.navigation.item(3)
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area() is window.area("interviews")
    assert window.area("interviews").model.rowCount() == 3  # the withdrawn participant's is left out


def test_study_area(window):
    area = window.area("study")
    assert area.title_label.text() == TITLE
    assert "entrepreneuriat salarié" in area.question_label.text()
    assert area.indicator_view.model().rowCount() == 4
    assert "Lille Métropole" in area.territories_label.text()
    assert "discute les résultats" in area.stakeholders_label.text()


def test_guide_area_shows_the_guide_in_its_editor(window):
    window.show_area("guide")
    editor = window.area("guide").editor
    assert editor.tree.topLevelItemCount() == 2
    questions = sum(editor.tree.topLevelItem(i).childCount() for i in range(2))
    assert questions == 4
    assert "Version 2 — figée le" in editor.version_bar.version_box.currentText()
    assert editor.question_panel.text() == "Racontez-moi votre parcours."
    assert editor.question_panel.probes.attached_texts() == ["Et ensuite ?", "Pouvez-vous donner un exemple ?"]
    sensitive = editor.tree.topLevelItem(1).child(1)
    assert sensitive.toolTip(0).endswith("Sujet sensible\u00a0: à poser tard et avec précaution.")
    editor.tree.setCurrentItem(editor.tree.topLevelItem(1).child(0))
    linked = [editor.question_panel.indicator_list.item(row) for row in range(4)]
    assert [item.text() for item in linked if item.checkState() == Qt.CheckState.Checked] == [
        "E1 — Sentiment d’appartenance"]


def test_participants_area_never_shows_names(window):
    window.show_area("participants")
    area = window.area("participants")
    assert area.model.rowCount() == 5
    assert area.quota_model.rowCount() == 2
    assert "dont 1 s’est retiré·e" in area.summary_label.text()
    cells = [area.model.index(r, c).data() for r in range(5) for c in range(area.model.columnCount())]
    assert not any("Nom réel" in (cell or "") for cell in cells)


def test_reveal_identity_asks_first_and_is_logged(window, project, messages):
    window.show_area("participants")
    area = window.area("participants")
    assert not area.reveal_button.isEnabled()
    area.view.selectRow(0)
    assert area.reveal_button.isEnabled()
    area.reveal_button.click()
    kinds = [kind for kind, _title, _text in messages]
    assert kinds == ["question", "information"]
    code = area.view.model().index(0, 0).data()
    assert f"Nom réel {code}" in messages[1][2]
    assert project.audit_log.count("action = 'identity_revealed'") == 1


def test_interviews_area_shows_notes_and_field_note(window):
    window.show_area("interviews")
    area = window.area("interviews")
    assert area.model.rowCount() == 3  # the withdrawn participant's interview is left out
    assert "1 note réflexive manquante" in area.summary_label.text()
    p01 = next(row for row in range(3) if area.view.model().index(row, 0).data() == "P01")
    area.view.selectRow(p01)
    assert area.note_model.rowCount() == 3
    assert "trop relancé" in area.field_note_view.toPlainText()
    p02 = next(row for row in range(3) if area.view.model().index(row, 0).data() == "P02")
    area.view.selectRow(p02)
    assert area.note_model.rowCount() == 0
    assert "Pas encore de note réflexive" in area.field_note_view.toPlainText()


def test_transcripts_area_reads_turns(window):
    window.show_area("transcripts")
    area = window.area("transcripts")
    assert area.model.rowCount() == 2  # the withdrawn participant's transcript is left out
    assert "40 mots" in area.summary_label.text()
    text = area.reader.text()
    assert "Racontez-moi votre parcours." in text and "enquêteur·rice" in text


def test_coding_area_asks_who_codes_then_shows_the_codebook_and_transcript(window, settings, project):
    window.show_area("coding")
    area = window.area("coding")
    # No profile chosen yet in this project: the area asks in place, without a pop-up.
    assert area.profile_page.isVisibleTo(area) and not area.tabs.isVisibleTo(area)
    form = area.profile_form
    form.list.setCurrentRow([form.list.item(i).text() for i in range(form.list.count())].index("David (DV)"))
    form.choose()
    assert area.tabs.isVisibleTo(area) and not area.profile_page.isVisibleTo(area)
    assert area.coder.name == "David" and settings.coder_for(project.path) == "David"
    assert "David" in area.coder_label.text()
    tree = area.codebook.tree
    assert tree.topLevelItemCount() == 2
    parent = tree.topLevelItem(0)
    assert (parent.text(0), parent.text(1), parent.text(2)) == ("Appartenance", "2", "3")
    assert parent.child(0).text(0) == "Isolement rompu"
    tree.setCurrentItem(parent)
    detail = area.codebook.detail.toPlainText()
    assert "Mentions du collectif." in detail and "Relations familiales." in detail
    assert area.workbench.transcript_id() is not None


def test_coding_area_remembers_the_profile(window, settings, project):
    settings.set_coder_for(project.path, "Claire")
    window.show_area("coding")
    area = window.area("coding")
    area.load(project)
    assert area.tabs.isVisibleTo(area) and area.coder.name == "Claire"
    assert [action.text() for action in window.menuBar().actions()[1].menu().actions()][:1] == ["Annuler"]


def test_analysis_area_leaves_out_the_withdrawn(window):
    window.show_area("analysis")
    area = window.area("analysis")
    numbers = {key: card.number.text() for key, card in area.cards.items()}
    assert numbers == {"participants": "4", "completed_interviews": "2", "transcripts": "2", "words": "40",
                       "codings": "4", "themes": "3"}
    assert "1 personne retirée" in area.exclusion_label.text()
    assert area.theme_model.rowCount() == 3


def test_sync_area_explains_an_empty_ledger(window):
    window.show_area("sync")
    area = window.area("sync")
    assert area.device_model.rowCount() == 1
    assert area.ledger_is_empty
    assert "Aucun échange pour l’instant" in area.empty_label.text()


def test_export_area_is_honest_about_what_exists(window, settings):
    window.show_area("export")
    area = window.area("export")
    assert [button.isEnabled() for button in area.export_buttons] == [True] * 6 + [False, False]
    assert "prochaine version" in area.export_buttons[-1].toolTip()
    assert area.figure_labels["quotable_codings"].text() == "3"
    assert area.folder_label.text() == str(settings.export_folder)


def test_a_bad_file_is_refused_and_the_project_kept(window, project, tmp_path, messages):
    bad = tmp_path / "notes.terrain"
    bad.write_text("not a database", encoding="utf-8")
    assert window.open_project(bad) is False
    assert window.project is project
    assert window.windowTitle() == f"Terrain — {TITLE}"
    kind, _title, text = messages[0]
    assert kind == "critical" and "notes.terrain" in text
    assert project.participants.count() == 5  # still open and usable


def test_opening_another_project_replaces_the_current_one(window, tmp_path, settings):
    other_path = tmp_path / "other" / "autre.terrain"
    other_path.parent.mkdir()
    build_small_study(other_path).close()
    window.show_area("interviews")
    assert window.open_project(other_path)
    assert window.project.path == other_path
    assert window.area("interviews").model.rowCount() == 3  # the withdrawn participant's is left out
    assert settings.recent_projects == [other_path.resolve()]
    assert settings.last_project == other_path.resolve()
    window.project.close()


def test_recent_projects_menu(window, settings, tmp_path):
    window._fill_recent_menu()
    actions = window.recent_menu.actions()
    assert [a.text() for a in actions] == ["(aucun)"] and not actions[0].isEnabled()
    settings.add_recent_project(tmp_path / "a.terrain")
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == ["a.terrain"]


def test_menus_and_shortcuts(window):
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "&Édition", "&Aide"]
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_english_interface(qapp, qtbot, project, settings):
    apply_language(qapp, "en")
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.show_area("interviews")
    model = window.area("interviews").view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Participant", "Interviewer", "Wave"]
    assert window.navigation.item(0).text() == "Study"
    assert window.menuBar().actions()[0].text() == "&File"


def test_geometry_is_saved_on_close(window, settings):
    window.close()
    assert not settings.window_geometry.isEmpty()


def test_unknown_area_key_is_an_error(window):
    import pytest

    with pytest.raises(ValueError):
        window.show_area("nowhere")


def test_project_path_is_shown(window, project):
    assert Path(window.path_label.text()).name == "small.terrain"


def test_every_area_copes_with_an_empty_project(qtbot, tmp_path, settings):
    from app.store.project import Project

    with Project.create(tmp_path / "empty.terrain", "Étude vide") as empty:
        window = MainWindow(empty, settings)
        qtbot.addWidget(window)
        for key in AREAS:
            window.show_area(key)
            assert window.current_area().key == key
        assert "Pas encore de guide" in window.area("guide").editor.empty_label.text()
        assert window.area("sync").ledger_is_empty
        assert "Pas encore de transcription" in window.area("transcripts").reader.text()
        window.close()
