"""Finishing an interview into its reflexive field note, writing one from the list, the
questionnaire asked inside the interview, and the runner in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.services import fieldwork
from app.services.demo import build_demo
from app.store.project import Project
from app.ui.main_window import MainWindow
from app.ui.translations import apply_language
from field_helpers import open_runner, press, stored_note


def drome_interviewed(window) -> str:
    window.show_area("participants")
    quotas = window.area("participants").quota_model
    return next(quotas.index(row, 4).data() for row in range(quotas.rowCount())
                if quotas.index(row, 0).data() == "Drôme rurale")


def test_finish_opens_the_field_note_and_completes_the_interview(window, project, qtbot, messages):
    assert drome_interviewed(window) == "0"
    runner = open_runner(window, project, qtbot, code="P03")
    qtbot.keyClicks(runner.notes.editor, "tout va bien")
    press(runner, Qt.Key.Key_Return)
    assert messages[-1][0] == "question" and "P03" in messages[-1][2]
    assert not runner.isVisible()
    interview = project.interviews.get(runner.interview_id)
    assert interview.status == "completed" and interview.duration_seconds > 0
    assert stored_note(project, runner, 0).text == "tout va bien"
    dialog = runner.field_note_dialog
    qtbot.waitUntil(dialog.isVisible)
    area = window.area("interviews")
    assert area.field_note_dialog is dialog
    row = next(row for row in area.model.rows() if row.id == runner.interview_id)
    assert row.status == "completed" and not row.has_field_note
    qtbot.keyClicks(dialog.editors["setting"], "Dans son atelier")
    qtbot.waitUntil(lambda: fieldwork.field_note_of(project, runner.interview_id) is not None, timeout=1000)
    assert fieldwork.field_note_of(project, runner.interview_id).setting == "Dans son atelier"
    row = next(row for row in area.model.rows() if row.id == runner.interview_id)
    assert row.has_field_note  # the list stopped showing it as missing
    dialog.editors["steering"].setPlainText("J’ai relancé sur le revenu.")
    dialog.reject()
    note = fieldwork.field_note_of(project, runner.interview_id)
    assert note.steering == "J’ai relancé sur le revenu." and note.setting == "Dans son atelier"
    assert drome_interviewed(window) == "1"  # the achieved sample follows


def test_field_note_can_be_written_from_the_interview_list(window, project, qtbot):
    window.show_area("interviews")
    area = window.area("interviews")
    p02 = next(row for row in area.model.rows() if row.participant_code == "P02")
    area.select_interview(p02.id)
    assert area.field_note_button.isEnabled() and area.field_note_button.text() == "Rédiger la note réflexive…"
    assert not area.resume_button.isEnabled()
    area.field_note_button.click()
    dialog = area.field_note_dialog
    assert "P02" in dialog.windowTitle()
    labels = [editor.accessibleName() for editor in dialog.editors.values()]
    assert labels[:2] == ["Cadre de l’entretien", "Autres personnes présentes"]
    assert fieldwork.field_note_of(project, p02.id) is None  # opening it writes nothing
    qtbot.keyClicks(dialog.editors["rapport"], "Bon contact")
    dialog.accept()
    assert fieldwork.field_note_of(project, p02.id).rapport == "Bon contact"
    assert "note réflexive manquante" not in area.summary_label.text()
    assert area.field_note_button.text() == "Modifier la note réflexive…"


@pytest.fixture
def demo(tmp_path):
    with Project.open(build_demo(tmp_path / "demo.terrain")) as project:
        yield project


def test_questionnaire_inside_the_interview(demo, settings, qtbot):
    window = MainWindow(demo, settings)
    qtbot.addWidget(window)
    runner = open_runner(window, demo, qtbot, code="LYO-04")
    for _step in range(len(runner.questions) - 1):
        press(runner, Qt.Key.Key_Right)
    assert runner.next_button.text() == "Questionnaire →"
    press(runner, Qt.Key.Key_Right)
    assert runner.on_questionnaire and runner.pages.currentWidget() is runner.questionnaire
    panel = runner.questionnaire
    items = {item.name: item for item in runner.items}
    scale = panel.groups[items["satisfaction_autonomie"].id]
    assert [button.text() for button in scale.buttons()][-1] == "Tout à fait d’accord"
    scale.button(4).click()
    choices = panel.boxes[items["temps_collectifs"].id]
    choices[0][1].click()
    choices[2][1].click()
    qtbot.keyClicks(panel.fields[items["part_clients_locaux"].id], "35")
    panel.fields[items["commentaire_libre"].id].setText("rien")
    qtbot.keyClicks(panel.fields[items["commentaire_libre"].id], " a ajouter")
    runner.flush()
    answers = {answer.item_id: answer for answer in
               demo.survey_answers.find("interview_id = ?", [runner.interview_id])}
    assert answers[items["satisfaction_autonomie"].id].value_number == 4
    assert answers[items["temps_collectifs"].id].value_text == "Assemblée générale\nRencontres locales entre membres"
    assert answers[items["part_clients_locaux"].id].value_number == 35
    assert answers[items["commentaire_libre"].id].value_text == "rien a ajouter"
    press(runner, Qt.Key.Key_Left)
    assert runner.index == len(runner.questions) - 1


def test_the_runner_in_english(qapp, project, settings, qtbot):
    apply_language(qapp, "en")
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    runner = open_runner(window, project, qtbot)
    assert runner.title_label.text() == "Interview with P01"
    assert runner.notes.third_party.text() == "Answer given by a third party"
    assert runner.next_button.text() == "Next question →"
    assert "Ctrl" in runner.keys_label.text() and "next question" in runner.keys_label.text()
    assert runner.actions_by_name["next"].shortcuts()[0] == QKeySequence("Ctrl+Right")
