"""How the editor writes: every change goes through the guide services, typing is saved after a
short pause, and a refusal (a guide frozen meanwhile, a record gone) is said, never swallowed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from app.services import guides
from app.store.errors import RecordNotFoundError
from app.store.project import Project

TYPING_PAUSE_MS = 400


def exact_text(editor: QPlainTextEdit) -> str:
    """The text as typed. toPlainText() would turn no-break spaces into plain ones, and French
    typography (« texte », question ?) would be lost at every save."""
    return editor.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


class GuideWrites(QObject):
    """Calls one guide service; says what went wrong instead of raising into Qt's event loop."""

    frozen = Signal(str)  # the guide was used in an interview meanwhile
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project | None = None

    def call(self, service: Callable, *args, **kwargs):
        """The service's result, or None when it refused (and a signal said why)."""
        return self._run(service, args, kwargs)[1]

    def attempt(self, service: Callable, *args, **kwargs) -> bool:
        """Whether the service did its work (for services that return nothing)."""
        return self._run(service, args, kwargs)[0]

    def _run(self, service: Callable, args, kwargs) -> tuple[bool, object]:
        if self.project is None:
            return False, None
        try:
            return True, service(self.project, *args, **kwargs)
        except guides.GuideFrozenError as error:
            self.frozen.emit(str(error))
        except (RecordNotFoundError, ValueError, sqlite3.Error) as error:
            self.failed.emit(str(error))
        return False, None


class DebouncedSave(QObject):
    """Edits to one record, written together after a pause in typing, or at once on flush().

    Switching to another record writes the first one's pending edits before collecting new ones,
    so that nothing typed is lost or saved onto the wrong question.
    """

    saved = Signal(str, object)  # record id, what the service returned

    def __init__(self, write: Callable[[str, dict], object], delay_ms: int = TYPING_PAUSE_MS,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._write = write
        self._record_id: str | None = None
        self._changes: dict = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return bool(self._changes)

    def change(self, record_id: str, **values) -> None:
        if record_id != self._record_id:
            self.flush()
            self._record_id = record_id
        self._changes.update(values)
        self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        if not self._changes or self._record_id is None:
            return
        record_id, changes = self._record_id, self._changes
        self._changes = {}
        result = self._write(record_id, changes)
        if result is not None:
            self.saved.emit(record_id, result)

    def drop(self) -> None:
        """Forget pending edits (their record was deleted)."""
        self.timer.stop()
        self._changes = {}
