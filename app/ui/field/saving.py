"""How field mode writes: every change goes through a service; typing is saved after a short
pause, and at least every MAX_WAIT_MS while someone keeps typing, so that nothing typed waits
long outside the database. A refusal is said, never swallowed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.store.errors import RecordNotFoundError
from app.store.project import Project

# A note reaches the database at most TYPING_PAUSE_MS after typing stops, and while typing goes on,
# nothing typed waits more than MAX_WAIT_MS: both under the second the issue promises.
TYPING_PAUSE_MS = 400
MAX_WAIT_MS = 800


class FieldWrites(QObject):
    """Calls one service on the open project; says what went wrong instead of raising into Qt."""

    failed = Signal(str)

    def __init__(self, project: Project, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project

    def call(self, service: Callable, *args, **kwargs):
        """The service's result, or None when it refused (and ``failed`` said why)."""
        try:
            return service(self.project, *args, **kwargs)
        except (RecordNotFoundError, LookupError, ValueError, sqlite3.Error) as error:
            self.failed.emit(str(error))
        return None


class TypingSaver(QObject):
    """The latest value typed for one key, written after a pause in typing, or at once on flush().

    Changing key writes the previous key's pending value first, so that nothing lands on the
    wrong question. ``write`` returns what the service returned, or None when it refused.
    """

    saved = Signal(object, object)  # key, what the write returned

    def __init__(self, write: Callable[[object, object], object], delay_ms: int = TYPING_PAUSE_MS,
                 max_wait_ms: int = MAX_WAIT_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._write = write
        self._key: object = None
        self._value: object = None
        self._pending = False
        self.timer = self._single_shot(delay_ms)
        self.deadline = self._single_shot(max_wait_ms)

    def _single_shot(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self.flush)
        return timer

    @property
    def pending(self) -> bool:
        return self._pending

    def change(self, key: object, value: object) -> None:
        if self._pending and key != self._key:
            self.flush()
        self._key, self._value, self._pending = key, value, True
        self.timer.start()
        if not self.deadline.isActive():
            self.deadline.start()

    def flush(self) -> None:
        self.timer.stop()
        self.deadline.stop()
        if not self._pending:
            return
        self._pending = False
        key, value = self._key, self._value
        result = self._write(key, value)
        if result is not None:
            self.saved.emit(key, result)
