"""Opening the interview runner and pressing its keys, shared by the field-mode widget tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.services import fieldwork
from app.ui.field.runner import RunnerWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def participant_id(project, code: str) -> str:
    return project.participants.first("code = ?", [code]).id


def open_runner(window, project, qtbot, code: str = "P01") -> RunnerWindow:
    interview = fieldwork.start_interview(project, participant_id(project, code))
    window.show_area("interviews")
    runner = window.area("interviews").open_runner(interview.id)
    qtbot.waitUntil(runner.isActiveWindow)
    return runner


def stored_note(project, runner, index: int):
    question_id = runner.questions[index].question.id
    return fieldwork.run_state(project, runner.interview_id).notes.get(question_id)


def press(runner, key, modifier=CTRL) -> None:
    QTest.keyClick(runner.notes.editor, key, modifier)
