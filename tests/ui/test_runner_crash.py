"""Nothing typed is lost: the GUI is killed with SIGKILL in the middle of an interview, and
every note typed more than a second before is in the database, at the right question, and the
interview reopens where it was."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.services import fieldwork
from app.services.demo import build_demo
from app.store.project import Project

DRIVER = Path(__file__).with_name("crash_driver.py")
ROOT = Path(__file__).resolve().parents[2]
SAVE_WITHIN_S = 1.0  # the promise: a note reaches the database within a second of typing stopping
TYPE_AFTER_LAST_MOVE_S = 1.6
TIMEOUT_S = 30

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="this platform cannot send SIGKILL")


def child_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    runtime = tmp_path / "runtime"
    for folder in (home, runtime):
        folder.mkdir(exist_ok=True)
    runtime.chmod(0o700)
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"), XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime), TERRAIN_SETTINGS=str(tmp_path / "settings.ini"),
        PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1",
    )
    return env


class Child:
    """The driver process and the JSON lines it printed, read on a thread so waits can time out."""

    def __init__(self, project: Path, mode: str, env: dict[str, str]):
        self.process = subprocess.Popen([sys.executable, str(DRIVER), str(project), mode], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        self.lines: queue.Queue = queue.Queue()
        self.events: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            if line.startswith("{"):
                self.lines.put(json.loads(line))
        self.lines.put(None)

    def next_event(self, deadline: float) -> dict | None:
        try:
            event = self.lines.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            self.fail("the driver said nothing in time")
        if event is not None:
            if event["event"] == "error":
                self.fail(event["message"])
            self.events.append(event)
        return event

    def drain(self) -> None:
        while (event := self.lines.get(timeout=TIMEOUT_S)) is not None:
            self.events.append(event)

    def fail(self, why: str) -> None:
        self.process.kill()
        self.process.wait()
        pytest.fail(f"{why}\nstderr:\n{self.process.stderr.read()[-3000:]}")


def test_crash_keeps_notes_and_resumes(tmp_path):
    project_path = build_demo(tmp_path / "demo.terrain")
    env = child_env(tmp_path)
    child = Child(project_path, "type", env)
    deadline = time.monotonic() + TIMEOUT_S
    last_move = None
    while True:
        event = child.next_event(deadline)
        if event is None:
            child.fail("the driver stopped before it was killed")
        if event["event"] == "at":
            assert event["focus"], "the notes field lost the focus after a move"
            if event["index"] == 3:
                last_move = event
        if last_move and event["event"] == "typed" and event["t"] - last_move["t"] >= TYPE_AFTER_LAST_MOVE_S:
            break
    killed_at = time.monotonic()
    os.kill(child.process.pid, signal.SIGKILL)
    child.process.wait(timeout=TIMEOUT_S)
    assert child.process.returncode == -signal.SIGKILL
    child.drain()

    interview_id = child.events[0]["interview"]
    moves = [event["index"] for event in child.events if event["event"] == "at"]
    assert moves == [1, 2, 3], "Ctrl+Right did not move through the questions"
    typed = [event for event in child.events if event["event"] == "typed"]
    settled = [event for event in typed if event["t"] <= killed_at - SAVE_WITHIN_S]
    with Project.open(project_path) as project:
        state = fieldwork.run_state(project, interview_id)
        stored = {index: state.notes[item.question.id].text for index, item in enumerate(state.questions)
                  if item.question.id in state.notes}
        for index in {event["index"] for event in settled}:
            expected = [event["text"] for event in settled if event["index"] == index][-1]
            assert index in stored, f"the note of question {index + 1} is not in the database"
            # Typing may have gone on after that line: what is stored begins with it.
            assert stored[index].startswith(expected), f"question {index + 1}: {stored[index]!r} lost {expected!r}"
        for index in (0, 1, 2):
            assert stored[index] == [event["text"] for event in typed if event["index"] == index][-1]
        assert state.current_index == 3, "the interview would not reopen at the question it was on"
        assert state.interview.status == "in_progress"
        assert state.elapsed_ms > 0

    # Restart the GUI: the interview resumes at the same question with its note in the field.
    again = Child(project_path, "resume", env)
    resumed = again.next_event(time.monotonic() + TIMEOUT_S)
    assert again.process.wait(timeout=TIMEOUT_S) == 0
    assert resumed["event"] == "resumed" and resumed["interview"] == interview_id
    assert resumed["index"] == 3
    assert resumed["text"] == stored[3]
    assert resumed["focus"]
