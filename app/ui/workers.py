"""Background work for the screens: one thread that writes to the project, in order.

A screen that must answer within a frame (applying a code, say) shows the change at once and
hands the write to a ``DatabaseWriter``. The writer opens a connection of its own in its thread
(an sqlite3 connection belongs to the thread that opened it; the project file is in WAL mode, so
the screen's connection keeps reading while the writer writes, and waits up to ten seconds for a
lock) and runs the submitted functions one after the other, in the order they came. Each result
comes back on the GUI thread, through the ``done`` or ``failed`` signal and the callbacks given
to ``submit``.

Every write commits before the next task starts, and the screen's connection opens no long read
transaction, so a read made after ``done`` sees the write.
"""

from __future__ import annotations

import itertools
import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from app.i18n import _
from app.store.errors import ProjectError
from app.store.project import Project

log = logging.getLogger(__name__)

Task = Callable[[Project], Any]
OnDone = Callable[[Any], None]
OnFailed = Callable[[str], None]

_STOP = object()


@dataclass
class _Submitted:
    token: int
    task: Task
    on_done: OnDone | None
    on_failed: OnFailed | None


def failure_message(error: BaseException) -> str:
    """What to tell the person: the refusal's own words, or why the database said no."""
    if isinstance(error, (ValueError, LookupError, ProjectError)):
        return str(error)
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return _("The project file is busy in another window or program; the change was not saved. "
                 "Try again in a moment.")
    return _("The change could not be saved: {reason}").format(reason=error)


class DatabaseWriter(QObject):
    """Runs ``task(project)`` functions on a thread of its own, in the order submitted."""

    done = Signal(int, object)  # token, the task's result
    failed = Signal(int, str)  # token, a message for the person
    idle = Signal()  # nothing left to write
    _finished = Signal(int, bool, object)  # from the thread: token, ok, result or message

    def __init__(self, path: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._tokens = itertools.count(1)
        self._waiting: dict[int, _Submitted] = {}
        self._stopped = False
        self._opened = threading.Event()
        self._open_error: BaseException | None = None
        # Queued: results are handled on the GUI thread, whatever thread emits them.
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, name="terrain-database-writer", daemon=True)
        self._thread.start()
        self._opened.wait()
        if self._open_error is not None:
            self._thread.join()
            raise self._open_error

    # the GUI thread's side ---------------------------------------------------------------------------
    def submit(self, task: Task, on_done: OnDone | None = None, on_failed: OnFailed | None = None) -> int:
        """Queue ``task``; returns the token its ``done`` or ``failed`` signal will carry."""
        if self._stopped:
            raise RuntimeError("the database writer is stopped")
        token = next(self._tokens)
        submitted = _Submitted(token, task, on_done, on_failed)
        self._waiting[token] = submitted
        self._queue.put(submitted)
        return token

    def pending(self) -> int:
        """Tasks submitted whose result has not yet been handled on the GUI thread."""
        return len(self._waiting)

    def is_idle(self) -> bool:
        return not self._waiting

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Handle results until every submitted task is done; False if ``timeout`` ran out first."""
        deadline = time.monotonic() + timeout
        while self._waiting:
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents()
            if self._waiting:
                time.sleep(0.001)
        return True

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the queued writes, then close the connection. Safe to call twice."""
        if self._stopped:
            return
        self.wait_idle(timeout)
        self._stopped = True
        self._queue.put(_STOP)
        self._thread.join(timeout)

    def _deliver(self, token: int, ok: bool, payload: object) -> None:
        submitted = self._waiting.pop(token, None)
        if submitted is None:
            return
        try:
            if ok:
                if submitted.on_done is not None:
                    submitted.on_done(payload)
                self.done.emit(token, payload)
            else:
                if submitted.on_failed is not None:
                    submitted.on_failed(str(payload))
                self.failed.emit(token, str(payload))
        finally:
            if not self._waiting:
                self.idle.emit()

    # the writer's thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            project = Project.open(self.path)
        except BaseException as error:  # handed to the constructor, which raises it
            self._open_error = error
            self._opened.set()
            return
        self._opened.set()
        try:
            while True:
                submitted = self._queue.get()
                if submitted is _STOP:
                    break
                self._run_one(project, submitted)
        finally:
            project.close()

    def _run_one(self, project: Project, submitted: _Submitted) -> None:
        try:
            result = submitted.task(project)
        except Exception as error:
            # A task that failed half way must not leave its transaction open for the next one.
            if project.db.conn.in_transaction:
                project.db.conn.rollback()
            if not isinstance(error, (ValueError, LookupError)):
                log.exception("a background write failed")
            self._finished.emit(submitted.token, False, failure_message(error))
        else:
            if project.db.conn.in_transaction:  # a task that wrote outside a transaction block
                project.db.conn.commit()
            self._finished.emit(submitted.token, True, result)
