"""The interview runner, driven as an interviewer would: keys, notes saved as typed, probes,
the third-party flag, pause and resume, closing and resuming from the list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services import fieldwork
from app.services import participants as people
from app.ui.field.clock import InterviewClock
from app.ui.field.saving import TYPING_PAUSE_MS
from app.ui.field.start import StartInterviewDialog
from app.ui.guide.saving import exact_text
from field_helpers import ALT, open_runner, press, stored_note


def test_start_is_refused_without_consent(project, qtbot):
    newcomer = people.add_participant(project, "NORD-30", None, "entrepreneur")
    dialog = StartInterviewDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.select_code("NORD-30")
    assert not dialog.select_code("P05")  # withdrawn people are not offered
    dialog.start_button.click()
    assert dialog.interview is None and dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == (
        "NORD-30 n’a pas consenti à l’entretien\u00a0: enregistrez d’abord son consentement.")
    assert project.interviews.count("participant_id = ?", [newcomer.id]) == 0
    assert dialog.select_code("P01")
    dialog.start_button.click()
    assert dialog.interview is not None and dialog.interview.status == "in_progress"


def test_notes_are_saved_as_typed_with_their_offset(window, project, qtbot):
    runner = open_runner(window, project, qtbot)
    assert runner.notes.editor.hasFocus()
    assert runner.question_view.question_label.text() == "Racontez-moi votre parcours."
    qtbot.keyClicks(runner.notes.editor, "Ancienne salariee du BTP")
    assert stored_note(project, runner, 0) is None  # not at each keystroke: after a pause
    qtbot.waitUntil(lambda: stored_note(project, runner, 0) is not None, timeout=TYPING_PAUSE_MS + 600)
    assert stored_note(project, runner, 0).text == "Ancienne salariee du BTP"
    assert runner.notes.started_label.text().startswith("Note commencée à 00:0")
    # French typography survives the round trip.
    runner.notes.editor.insertPlainText(" ; « dur »\u00a0!")
    runner.flush()
    assert stored_note(project, runner, 0).text == "Ancienne salariee du BTP ; « dur »\u00a0!"


def test_keys_move_and_save_on_the_way(window, project, qtbot, messages):
    runner = open_runner(window, project, qtbot)
    qtbot.keyClicks(runner.notes.editor, "premiere")
    press(runner, Qt.Key.Key_Right)
    assert runner.index == 1 and stored_note(project, runner, 0).text == "premiere"
    assert runner.question_view.reminder_label.text() == "Rappel\u00a0: Laisser parler."
    assert runner.probes.used.item(0).text() == "Aucune pour cette question."
    assert runner.notes.editor.toPlainText() == "" and runner.notes.editor.hasFocus()
    press(runner, Qt.Key.Key_Right, ALT)
    press(runner, Qt.Key.Key_Right)
    assert runner.index == 3
    banner = runner.question_view.reminder_label
    assert banner.isVisibleTo(runner) and banner.text().startswith("<b>Question sensible.</b> Rappelez")
    # The reminder comes before the question.
    assert banner.geometry().top() < runner.question_view.question_label.geometry().top()
    assert fieldwork.run_state(project, runner.interview_id).current_index == 3
    press(runner, Qt.Key.Key_Left)
    press(runner, Qt.Key.Key_Left, ALT)
    press(runner, Qt.Key.Key_Left)
    assert runner.index == 0 and exact_text(runner.notes.editor) == "premiere"
    press(runner, Qt.Key.Key_Left)
    assert runner.index == 0
    # Tab leaves the notes for the third-party box, then the moves (the disabled "previous" is skipped).
    press(runner, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
    assert runner.notes.third_party.hasFocus()
    qtbot.keyClick(runner.notes.third_party, Qt.Key.Key_Tab)
    assert runner.jump_button.hasFocus()
    assert exact_text(runner.notes.editor) == "premiere"  # Tab moved on, it typed nothing


def test_jump_list_goes_to_a_question(window, project, qtbot, monkeypatch):
    runner = open_runner(window, project, qtbot)
    from app.ui.field import jump

    def choose_last(dialog):
        dialog.filter.setText("revenus")
        return True

    monkeypatch.setattr(jump.JumpDialog, "exec", choose_last)
    press(runner, Qt.Key.Key_J)
    assert runner.index == 3


def test_third_party_flag_is_stored(window, project, qtbot):
    runner = open_runner(window, project, qtbot, code="P02")
    runner.notes.third_party.click()
    note = stored_note(project, runner, 0)
    assert note.answered_by_third_party and note.text == ""
    qtbot.keyClicks(runner.notes.editor, "le conjoint repond")
    press(runner, Qt.Key.Key_Right)
    press(runner, Qt.Key.Key_Left)
    assert runner.notes.third_party.isChecked()
    note = stored_note(project, runner, 0)
    assert note.answered_by_third_party and note.text == "le conjoint repond"


def test_probes_used_are_logged_with_their_time(window, project, qtbot):
    runner = open_runner(window, project, qtbot)
    press(runner, Qt.Key.Key_1, ALT)
    first = runner.probes.planned.item(1)  # item 0 is the first planned probe, numbered 1
    assert runner.probes.planned.item(0).text().endswith("Et ensuite ?")
    runner.probes.planned.itemClicked.emit(first)
    state = fieldwork.run_state(project, runner.interview_id)
    used = state.probes_used[runner.questions[0].question.id]
    assert [note.text for note in used] == ["Et ensuite ?", "Pouvez-vous donner un exemple ?"]
    assert all(note.kind == "probe" for note in used)
    assert runner.probes.used.count() == 2
    assert runner.probes.used.item(0).text().startswith("00:0")
    assert runner.notes.editor.hasFocus()
    # Neutral probes are offered too, after the planned ones and without repeating them.
    texts = runner.probes.texts
    assert texts[:2] == ["Et ensuite ?", "Pouvez-vous donner un exemple ?"] and len(texts) > 2
    assert texts.count("Et ensuite ?") == 1


def test_pause_stops_the_clock_and_resume_goes_on(window, project, qtbot):
    runner = open_runner(window, project, qtbot)
    qtbot.wait(150)
    press(runner, Qt.Key.Key_P)
    paused_at = runner.clock.elapsed_ms()
    assert paused_at >= 150 and runner.pause_banner.isVisibleTo(runner)
    assert project.interviews.get(runner.interview_id).status == "paused"
    assert fieldwork.run_state(project, runner.interview_id).elapsed_ms == paused_at
    qtbot.wait(200)
    assert runner.clock.elapsed_ms() == paused_at
    press(runner, Qt.Key.Key_P)
    assert project.interviews.get(runner.interview_id).status == "in_progress"
    assert not runner.pause_banner.isVisibleTo(runner) and runner.pause_button.text() == "Pause"
    qtbot.wait(100)
    assert paused_at + 90 <= runner.clock.elapsed_ms() < paused_at + 2000  # goes on from where it stopped


def test_clock_counts_sections_and_never_goes_backwards():
    now = [100.0]
    clock = InterviewClock(5_000, {"a": 5_000}, now=lambda: now[0])
    clock.set_section("a")
    clock.start()
    now[0] += 2.0
    clock.set_section("b")
    now[0] += 1.0
    assert clock.elapsed_ms() == 8_000 and clock.sections() == {"a": 7_000, "b": 1_000}
    clock.pause()
    now[0] += 50.0
    assert clock.elapsed_ms() == 8_000
    clock.start()
    now[0] -= 10.0  # a clock that jumps back (not monotonic) costs nothing, never negative time
    assert clock.elapsed_ms() == 8_000 and clock.section_ms() == 1_000


def test_closing_the_runner_pauses_and_the_list_resumes_it(window, project, qtbot):
    runner = open_runner(window, project, qtbot)
    press(runner, Qt.Key.Key_Right)
    qtbot.keyClicks(runner.notes.editor, "en cours")
    runner.close()
    interview = project.interviews.get(runner.interview_id)
    assert interview.status == "paused"
    area = window.area("interviews")
    area.select_interview(runner.interview_id)
    assert area.resume_button.isEnabled()
    area.resume_button.click()
    again = area.runner
    qtbot.waitUntil(again.isActiveWindow)
    assert again is not runner and again.index == 1 and exact_text(again.notes.editor) == "en cours"
    assert again.pause_banner.isVisibleTo(again)
    press(again, Qt.Key.Key_P)
    assert project.interviews.get(runner.interview_id).status == "in_progress"


def test_a_huge_note_is_refused_calmly(window, project, qtbot):
    runner = open_runner(window, project, qtbot)
    runner.notes.editor.setPlainText("x" * (fieldwork.MAX_NOTE_CHARS + 1))
    runner.flush()
    assert stored_note(project, runner, 0) is None
    assert "100" in runner.notes.status_label.text() and runner.notes.status_label.text() != ""
    runner.notes.editor.setPlainText("court")
    runner.flush()
    assert stored_note(project, runner, 0).text == "court"
