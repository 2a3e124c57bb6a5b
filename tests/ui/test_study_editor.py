"""The study editor and the indicator dialog, driven as a person would: fields filled, buttons clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.services import indicator_design as design
from app.services import study_design
from app.services.projects import init_project
from app.store.project import Project
from app.ui.study.entries import GroupDialog, TerritoryDialog, WaveDialog
from app.ui.study.figures_editor import NOTE, VALUE
from app.ui.study.indicator_dialog import IndicatorDialog
from app.ui.study.study_dialog import StudyDialog


def when_dialog_opens(act) -> None:
    """Run ``act(dialog)`` on the modal dialog about to open (``exec`` blocks the test until it closes)."""
    def run():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog opened"
        act(dialog)
    QTimer.singleShot(0, run)


def select(combo, data) -> None:
    position = combo.findData(data)
    assert position >= 0, data
    combo.setCurrentIndex(position)


def dump(project) -> str:
    return "\n".join(project.db.conn.iterdump())


# the study dialog -----------------------------------------------------------------------------------
def test_study_dialog_saves_the_fields(qtbot, project):
    dialog = StudyDialog(project)
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("Évaluation 2025")
    dialog.question_edit.setPlainText("Qu’est-ce qui change ?")
    dialog.language_boxes["en"].setChecked(True)
    dialog.threshold_spin.setValue(7)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.changed_anything
    study = project.study()
    assert (study.title, study.evaluative_question, study.languages, study.small_n_threshold) == (
        "Évaluation 2025", "Qu’est-ce qui change ?", ["fr", "en"], 7)


def test_study_dialog_shows_a_refusal_inline_and_keeps_what_was_typed(qtbot, project):
    before = dump(project)
    dialog = StudyDialog(project)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(dialog.WAVES_TAB)
    dialog.title_edit.setText("  ")
    dialog.question_edit.setPlainText("Ma question")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible() and dialog.error_label.text() == "L’étude doit avoir un titre."
    assert dialog.tabs.currentIndex() == dialog.STUDY_TAB
    assert dialog.question_edit.toPlainText() == "Ma question"
    for box in dialog.language_boxes.values():
        box.setChecked(False)
    dialog.title_edit.setText("Titre")
    dialog.ok_button.click()
    assert "au moins une langue" in dialog.error_label.text()
    assert dump(project) == before


def test_waves_tab_adds_edits_moves_and_refuses_deleting_a_wave_in_use(qtbot, project, messages):
    dialog = StudyDialog(project)
    qtbot.addWidget(dialog)
    editor = dialog.waves_editor

    def fill(wave_dialog):
        wave_dialog.label_edit.setText("Vague 2026")
        wave_dialog.start_edit.setText("01/03/2026")
        wave_dialog.end_edit.setText("2026-06-30")
        wave_dialog.ok_button.click()

    when_dialog_opens(fill)
    editor.add_button.click()
    added = project.waves.first("label = 'Vague 2026'")
    assert (added.starts_on, added.ends_on, added.position) == ("2026-03-01", "2026-06-30", 2)
    assert editor.model.rowCount() == 3 and dialog.changed_anything
    # The new wave is selected: move it up once.
    editor.up_button.click()
    assert [w.label for w in study_design.waves(project)] == ["Vague 2024", "Vague 2026", "Vague 2025"]
    # The first wave has interviews: deleting it is refused, and said under the table.
    editor.view.selectRow(0)
    editor.remove_button.click()
    assert not editor.error_label.isHidden() and "ne peut pas être supprimée" in editor.error_label.text()
    assert project.waves.first("label = 'Vague 2024'") is not None
    editor.view.selectRow(1)
    editor.remove_button.click()
    assert project.waves.first("label = 'Vague 2026'") is None
    assert messages[-1][0] == "question"


def test_wave_dialog_refuses_a_wrong_date_and_stays_open(qtbot, project):
    dialog = WaveDialog(project)
    qtbot.addWidget(dialog)
    dialog.label_edit.setText("2030")
    dialog.start_edit.setText("le 3 mars")
    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "«\u00a0le 3 mars\u00a0» n’est pas une date" in dialog.error_label.text()
    assert dialog.label_edit.text() == "2030"
    dialog.start_edit.setText("2030-06-30")
    dialog.end_edit.setText("2030-03-01")
    dialog.ok_button.click()
    assert "ne peut pas se terminer" in dialog.error_label.text()
    assert project.waves.first("label = '2030'") is None


def test_territory_and_group_dialogs(qtbot, project):
    territory = TerritoryDialog(project)
    qtbot.addWidget(territory)
    territory.code_edit.setText("nord")
    territory.name_edit.setText("Autre Nord")
    territory.ok_button.click()
    assert "a déjà le code NORD" in territory.error_label.text()
    territory.code_edit.setText("gre")
    territory.ok_button.click()
    assert project.territories.first("code = 'GRE'").name == "Autre Nord"

    group = GroupDialog(project)
    qtbot.addWidget(group)
    group.name_edit.setText("Conseil d’administration")
    group.role_boxes["results"].setChecked(True)
    group.role_boxes["codebook"].setChecked(True)
    group.ok_button.click()
    stored = project.stakeholder_groups.first("name = 'Conseil d’administration'")
    assert stored.participation == ["codebook", "results"]


def test_dimensions_tab_offers_the_usual_five_when_empty(qtbot, tmp_path):
    init_project(tmp_path / "new.terrain", "Nouvelle étude")
    with Project.open(tmp_path / "new.terrain") as fresh:
        dialog = StudyDialog(fresh)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.tabs.setCurrentIndex(dialog.DIMENSIONS_TAB)
        editor = dialog.dimensions_editor
        assert editor.defaults_button.isVisible() and editor.empty_label.isVisible()
        editor.defaults_button.click()
        assert [d.label for d in study_design.dimensions(fresh)] == [
            "Social", "Économique", "Sociétal", "Qualité de vie au travail", "Territorial"]
        assert not editor.defaults_button.isVisible() and editor.model.rowCount() == 5
        dialog.close()


def test_dimension_in_use_cannot_be_deleted(qtbot, project, messages):
    dialog = StudyDialog(project)
    qtbot.addWidget(dialog)
    editor = dialog.dimensions_editor
    row = next(i for i, r in enumerate(editor.model.rows()) if r.key == "social")
    assert editor.model.rows()[row].users == ("E1",)
    editor.view.selectRow(row)
    editor.remove_button.click()
    assert "E1" in editor.error_label.text()
    assert project.vocabulary.first("kind = 'dimension' AND key = 'social'") is not None


# the indicator dialog -------------------------------------------------------------------------------
def fill_identity(dialog, code="OC9", label="Équilibre de vie", level="outcome"):
    dialog.code_edit.setText(code)
    dialog.label_edit.setText(label)
    dialog.level_buttons[level].setChecked(True)


def test_new_survey_indicator(qtbot, demo):
    dialog = IndicatorDialog(demo)
    qtbot.addWidget(dialog)
    fill_identity(dialog)
    select(dialog.dimension_combo, "qualite_vie_travail")
    dialog.unit_edit.setText("%")
    dialog.target_edit.setText("62,5")
    source = dialog.source_editor
    select(source.kind_combo, "survey_item")
    select(source.item_combo, "equilibre_vie")
    assert [source.survey_aggregate_combo.itemData(i) for i in range(source.survey_aggregate_combo.count())] == [
        "mean", "share_at_least", "distribution"]
    select(source.survey_aggregate_combo, "share_at_least")
    assert not source.threshold_spin.isHidden()
    source.threshold_spin.setValue(4)
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = demo.indicators.first("code = 'OC9'")
    assert (stored.level, stored.dimension, stored.target, stored.source_ref) == (
        "outcome", "qualite_vie_travail", 62.5, "equilibre_vie")
    assert stored.source_params == {"aggregate": "share_at_least", "threshold": 4}


def test_the_summary_offered_follows_the_item(qtbot, demo):
    dialog = IndicatorDialog(demo)
    qtbot.addWidget(dialog)
    source = dialog.source_editor
    select(source.kind_combo, "survey_item")
    select(source.item_combo, "temps_collectifs")
    assert source.survey_aggregate_combo.count() == 1
    assert source.survey_aggregate_combo.currentData() == "distribution"
    assert source.choices_list.count() == 5
    for row in (1, 2):
        source.choices_list.item(row).setCheckState(Qt.CheckState.Checked)
    fill_identity(dialog, code="OUT9", label="Participation aux temps collectifs", level="output")
    dialog.ok_button.click()
    stored = demo.indicators.first("code = 'OUT9'")
    assert stored.source_params == {"aggregate": "distribution",
                                    "choices": ["Ateliers ou formations", "Rencontres locales entre membres"]}
    select(source.item_combo, "part_clients_locaux")
    assert [source.survey_aggregate_combo.itemData(i) for i in range(source.survey_aggregate_combo.count())] == [
        "mean", "share_at_least"]


def test_an_invalid_indicator_shows_the_service_message_and_keeps_the_dialog(qtbot, demo):
    before = dump(demo)
    dialog = IndicatorDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_identity(dialog, code="oc1")
    dialog.definition_edit.setPlainText("Ce qui est mesuré.")
    dialog.ok_button.click()
    assert dialog.isVisible() and "a déjà le code OC1" in dialog.error_label.text()
    assert dialog.definition_edit.toPlainText() == "Ce qui est mesuré."
    dialog.code_edit.setText("OC9")
    dialog.target_edit.setText("beaucoup")
    dialog.ok_button.click()
    assert dialog.error_label.text().startswith("Cible")
    assert dump(demo) == before
    dialog.close()


def test_theme_and_count_sources(qtbot, demo):
    dialog = IndicatorDialog(demo)
    qtbot.addWidget(dialog)
    fill_identity(dialog, code="IMP9", label="Liberté", level="impact")
    source = dialog.source_editor
    select(source.kind_combo, "theme")
    sub_theme = demo.codes.first("name = 'Liberté d’organisation'")
    position = source.theme_combo.findData(sub_theme.id)
    assert source.theme_combo.itemText(position).startswith("\u2003Liberté")  # indented under its theme
    source.theme_combo.setCurrentIndex(position)
    select(source.theme_aggregate_combo, "segments")
    dialog.ok_button.click()
    stored = demo.indicators.first("code = 'IMP9'")
    assert (stored.source_ref, stored.source_params) == (sub_theme.id, {"aggregate": "segments"})

    count = IndicatorDialog(demo)
    qtbot.addWidget(count)
    fill_identity(count, code="OUT8", label="Salarié·es rencontré·es", level="output")
    select(count.source_editor.kind_combo, "count")
    select(count.source_editor.count_combo, "participants_met")
    select(count.source_editor.profile_combo, "salarie_permanent")
    count.ok_button.click()
    stored = demo.indicators.first("code = 'OUT8'")
    assert (stored.source_ref, stored.source_params) == ("participants_met", {"profile": "salarie_permanent"})


def test_manual_indicator_with_figures_typed_in(qtbot, demo):
    dialog = IndicatorDialog(demo)
    qtbot.addWidget(dialog)
    fill_identity(dialog, code="IMP8", label="Emplois créés", level="impact")
    source = dialog.source_editor
    select(source.kind_combo, "manual")
    select(source.combine_combo, "sum")
    figures = source.figures_editor
    figures.add_button.click()
    table = figures.table
    table.item(0, VALUE).setText("abc")
    dialog.ok_button.click()
    assert "ligne 1" in dialog.error_label.text() and demo.indicators.first("code = 'IMP8'") is None
    table.item(0, VALUE).setText("12,5")
    dialog.ok_button.click()
    assert "d’où vient le chiffre" in dialog.error_label.text()
    table.item(0, NOTE).setText("Registre des embauches")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = demo.indicators.first("code = 'IMP8'")
    assert stored.source_params == {"combine": "sum"}
    (figure,) = design.figures(demo, stored.id)
    assert (figure.value, figure.source_note, figure.territory_id) == (12.5, "Registre des embauches", None)
    assert figure.wave_id == demo.waves.first("label = '2026'").id  # the latest wave, offered first


def test_editing_an_indicator_shows_what_is_stored(qtbot, demo):
    oc3 = demo.indicators.first("code = 'OC3'")
    dialog = IndicatorDialog(demo, oc3)
    qtbot.addWidget(dialog)
    source = dialog.source_editor
    assert (dialog.code_edit.text(), dialog.target_edit.text()) == ("OC3", "70")
    assert source.item_combo.currentData() == "securite_statut"
    assert source.survey_aggregate_combo.currentData() == "share_at_least" and source.threshold_spin.value() == 4
    dialog.target_edit.setText("72,5")
    dialog.ok_button.click()
    assert demo.indicators.get(oc3.id).target == 72.5


def test_leaving_manual_asks_before_deleting_the_figures(qtbot, demo, messages):
    imp1 = demo.indicators.first("code = 'IMP1'")
    dialog = IndicatorDialog(demo, imp1)
    qtbot.addWidget(dialog)
    assert dialog.source_editor.figures_editor.table.rowCount() == 5
    select(dialog.source_editor.kind_combo, "count")
    dialog.ok_button.click()
    assert messages and messages[-1][0] == "question" and "5" in messages[-1][2]
    assert demo.indicators.get(imp1.id).source_kind == "count"
    assert design.figures(demo, imp1.id) == []


# the study area --------------------------------------------------------------------------------------
def test_area_adds_an_indicator_and_tells_the_window(qtbot, window, project):
    window.show_area("study")
    area = window.area("study")
    rows = area.indicator_view.model().rowCount()

    def fill(dialog):
        fill_identity(dialog, code="R2", label="Transcriptions", level="output")
        select(dialog.source_editor.kind_combo, "count")
        select(dialog.source_editor.count_combo, "transcripts")
        dialog.ok_button.click()

    when_dialog_opens(fill)
    with qtbot.waitSignal(area.changed):
        area.new_indicator_button.click()
    assert area.indicator_view.model().rowCount() == rows + 1
    assert project.indicators.first("code = 'R2'").source_ref == "transcripts"
    assert "R2" in area.indicator_status.text()


def test_area_edits_on_double_click_and_deletes_with_confirmation(qtbot, window, project, messages):
    window.show_area("study")
    area = window.area("study")
    view = area.indicator_view
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 1).data() == "E1")

    def rename(dialog):
        dialog.label_edit.setText("Appartenance au collectif")
        dialog.ok_button.click()

    when_dialog_opens(rename)
    view.doubleClicked.emit(view.model().index(row, 2))
    assert project.indicators.first("code = 'E1'").label == "Appartenance au collectif"

    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 1).data() == "E1")
    view.selectRow(row)
    assert area.delete_indicator_button.isEnabled()
    with qtbot.waitSignal(area.changed):
        area.delete_indicator_button.click()
    question = messages[-1][2]
    assert "E1" in question and "lien" in question
    assert project.indicators.first("code = 'E1'") is None
    assert "supprimé" in area.indicator_status.text()


def test_area_study_button_reloads_after_the_dialog(qtbot, window, project):
    window.show_area("study")
    area = window.area("study")

    def retitle(dialog):
        dialog.title_edit.setText("Nouvelle évaluation")
        dialog.ok_button.click()

    when_dialog_opens(retitle)
    with qtbot.waitSignal(area.changed):
        area.edit_study_button.click()
    assert area.title_label.text() == "Nouvelle évaluation"


def test_list_models_keep_qt_contracts(qtbot, project, qtmodeltester):
    dialog = StudyDialog(project)
    qtbot.addWidget(dialog)
    for editor in (dialog.waves_editor, dialog.territories_editor, dialog.groups_editor, dialog.dimensions_editor):
        assert editor.model.rowCount() > 0
        qtmodeltester.check(editor.model)


def test_a_stored_source_that_no_longer_exists_is_said(qtbot, project):
    # A file from an older or a foreign tool can hold a count Terrain does not know.
    r1 = project.indicators.first("code = 'R1'")
    r1.source_ref = "interviews_completed"
    project.indicators.update(r1)
    dialog = IndicatorDialog(project, r1)
    qtbot.addWidget(dialog)
    missing = dialog.source_editor.missing_label
    assert not missing.isHidden() and "interviews_completed" in missing.text()
    e1 = IndicatorDialog(project, project.indicators.first("code = 'E1'"))
    qtbot.addWidget(e1)
    assert e1.source_editor.missing_label.isHidden()
