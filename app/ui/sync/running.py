"""Calling a sync service from a widget: a wait cursor while it runs, a message box if it refuses.

Sync services are quick enough to run on the GUI thread (a bundle of twenty interviews imports in
well under a second), so there is no worker: the wait cursor says the click was taken.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _
from app.services.sync.container import SyncFileError
from app.services.sync.errors import SyncError
from app.store.errors import ProjectError

# What a sync call may refuse with, each carrying a message written for the person.
REFUSALS = (SyncError, SyncFileError, ProjectError, OSError)


@dataclass(frozen=True)
class Attempt:
    """The result of a service call, or the message it was refused with."""

    ok: bool
    value: Any = None
    message: str = ""


@contextmanager
def wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def message_of(error: BaseException) -> str:
    if isinstance(error, OSError) and not isinstance(error, (SyncError, SyncFileError)):
        where = f" ({error.filename})" if error.filename else ""
        return _("The file could not be read or written{where}: {reason}").format(
            where=where, reason=error.strerror or error)
    return getattr(error, "message", "") or str(error)


def attempt(call: Callable[..., Any], *args, **kwargs) -> Attempt:
    """Run ``call`` under a wait cursor; a refusal becomes a message instead of an exception."""
    try:
        with wait_cursor():
            return Attempt(True, call(*args, **kwargs))
    except REFUSALS as error:
        return Attempt(False, message=message_of(error))


def run(parent: QWidget, title: str, call: Callable[..., Any], *args, **kwargs) -> Attempt:
    """``attempt``, and a message box naming what could not be done when it is refused."""
    result = attempt(call, *args, **kwargs)
    if not result.ok:
        QMessageBox.critical(parent, title, result.message)
    return result
