"""The demonstration study, built once in the user's data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


class DemoUnavailableError(RuntimeError):
    """This installation has no demo builder."""


def demo_path() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / "demo.terrain"


def ensure_demo(path: Path | None = None) -> Path:
    """The demo project's path, building it first if it is not there yet."""
    path = path or demo_path()
    if path.exists():
        return path
    try:
        from app.services.demo import build_demo
    except ImportError as error:
        raise DemoUnavailableError(str(error)) from error
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        build_demo(path)
    except BaseException:
        # A half-built demo would be opened next time as if it were complete.
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return path
