"""One export, written on a thread of its own so that the window keeps answering meanwhile.

A report with its charts takes seconds to write. The job opens the project again in its thread
(an sqlite3 connection belongs to the thread that opened it; the project file is in WAL mode, so
the screen's connection and this one read side by side) and hands back either the path written
or a message for the person: the area reads them once the thread's ``finished`` signal reaches the
GUI thread.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread

from app.i18n import _
from app.store.errors import ProjectError
from app.store.project import Project

log = logging.getLogger(__name__)

# Writes the document for ``project`` and returns the path written.
ExportTask = Callable[[Project], Path]


def export_failure_message(error: BaseException, out: Path) -> str:
    """What to tell the person: the export's own refusal (it names the file and the problem),
    or why the system would not write ``out``."""
    if isinstance(error, (ValueError, LookupError, ProjectError)):
        return str(error)
    if isinstance(error, OSError):
        return _("{path} could not be written: {reason}").format(
            path=error.filename or out, reason=error.strerror or error)
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return _("The project file is busy in another window or program. Try again in a moment.")
    return _("{path} could not be written: {reason}").format(path=out, reason=error)


class ExportJob(QThread):
    """Runs ``task`` on its own connection to the project at ``project_path``; afterwards
    ``written`` is the path written, or ``error`` says why nothing was."""

    def __init__(self, project_path: Path, out: Path, task: ExportTask, parent: QObject | None = None):
        super().__init__(parent)
        self.project_path = Path(project_path)
        self.out = Path(out)
        self.task = task
        self.written: Path | None = None
        self.error = ""

    def run(self) -> None:
        try:
            # The folder proposed by default (Documents/Terrain) may not exist yet.
            self.out.parent.mkdir(parents=True, exist_ok=True)
            project = Project.open(self.project_path)
            try:
                path = self.task(project)
            finally:
                project.close()
        except Exception as error:  # every failure becomes a message; the window must not fall
            if not isinstance(error, (ValueError, LookupError, OSError)):
                log.exception("an export failed")
            self.error = export_failure_message(error, self.out)
        else:
            self.written = Path(path)
