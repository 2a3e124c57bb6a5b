"""Drives the real GUI in a child process for test_runner_crash.

    python tests/ui/crash_driver.py PROJECT type     start an interview, type notes, never stop
    python tests/ui/crash_driver.py PROJECT resume   reopen the interview in progress, report, quit

Every step is reported on stdout as one JSON line with a time.monotonic() stamp, which the
parent compares with its own monotonic clock (the same system-wide clock) when it kills us.
Settings come from TERRAIN_SETTINGS; the parent gives us a throw-away HOME as well.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PARTICIPANT = "LYO-04"  # consented in the demo, no interview yet
NOTES = (
    "Graphiste depuis 2019, arrivee par une amie.",
    "Avant: salariee dans une agence, horaires lourds.",
    "Plus libre de refuser des clients; revenu irregulier.",
)


def report(event: str, **values) -> None:
    print(json.dumps({"event": event, "t": time.monotonic(), **values}), flush=True)


def main(argv: list[str]) -> int:
    project_path, mode = Path(argv[1]), argv[2]
    from PySide6.QtCore import QStandardPaths, Qt
    from PySide6.QtTest import QTest

    QStandardPaths.setTestModeEnabled(True)
    from app.services import fieldwork
    from app.store.project import Project
    from app.ui.app import make_application
    from app.ui.field.start import StartInterviewDialog
    from app.ui.guide.saving import exact_text
    from app.ui.main_window import MainWindow
    from app.ui.settings import Settings
    from app.ui.translations import apply_language

    application = make_application()
    apply_language(application, "fr")
    project = Project.open(project_path)
    window = MainWindow(project, Settings(os.environ["TERRAIN_SETTINGS"]))
    window.resize(1280, 800)
    window.show()
    window.show_area("interviews")
    area = window.area("interviews")

    if mode == "resume":
        interview = fieldwork.interviews_in_progress(project)[0]
        area.select_interview(interview.id)
        area.resume_button.click()
        runner = area.runner
        QTest.qWaitForWindowActive(runner, 5000)
        report("resumed", interview=interview.id, index=runner.index, text=exact_text(runner.notes.editor),
               focus=runner.notes.editor.hasFocus())
        runner.close()
        project.close()
        return 0

    dialog = StartInterviewDialog(project, window)
    if not dialog.select_code(PARTICIPANT):
        report("error", message=f"{PARTICIPANT} is not offered")
        return 2
    dialog.start()
    if dialog.interview is None:
        report("error", message=dialog.error_label.text())
        return 2
    area.open_runner(dialog.interview.id)
    runner = area.runner
    if not QTest.qWaitForWindowActive(runner, 5000):
        report("error", message="the runner never became the active window")
        return 2
    editor = runner.notes.editor
    report("started", interview=dialog.interview.id, index=runner.index)

    def move_next() -> None:
        QTest.keyClick(editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        report("at", index=runner.index, focus=editor.hasFocus())

    for index, text in enumerate(NOTES):
        QTest.keyClicks(editor, text)
        report("typed", index=runner.index, text=exact_text(editor))
        QTest.qWait(100)
        move_next()
    # Then type on the fourth question, with short pauses, until the parent kills us.
    chunk = 0
    while True:
        QTest.keyClicks(editor, f" mot{chunk}")
        report("typed", index=runner.index, text=exact_text(editor))
        QTest.qWait(120)
        chunk += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
