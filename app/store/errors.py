"""Errors the persistence layer raises; each names the file and says what to do."""

from __future__ import annotations

from pathlib import Path

from app.i18n import _


class ProjectError(Exception):
    """A project file cannot be opened or written as asked."""

    def __init__(self, path: Path | str, message: str):
        self.path = Path(path)
        super().__init__(message)


class NotAProjectError(ProjectError):
    def __init__(self, path: Path | str, detail: str = ""):
        message = _("{path} is not a Terrain project (not an SQLite database, or damaged).").format(
            path=path
        )
        if detail:
            message += " " + detail
        super().__init__(path, message)


class ProjectTooNewError(ProjectError):
    def __init__(self, path: Path | str, found: int, supported: int):
        self.found = found
        self.supported = supported
        super().__init__(
            path,
            _(
                "{path} was written by a newer version of Terrain (schema {found}; this version "
                "reads up to {supported}). Update Terrain to open it; the file was left untouched."
            ).format(path=path, found=found, supported=supported),
        )


class ProjectNotWritableError(ProjectError):
    def __init__(self, path: Path | str, detail: str = ""):
        message = _("Cannot write to {path}: check that the folder exists and that you may write there.").format(
            path=path
        )
        if detail:
            message += " (" + detail + ")"
        super().__init__(path, message)


class MigrationError(ProjectError):
    def __init__(self, path: Path | str, version: int, detail: str):
        self.version = version
        super().__init__(
            path,
            _(
                "Upgrading {path} to schema {version} failed: {detail}. The project was left as it was."
            ).format(path=path, version=version, detail=detail),
        )


class ProjectExistsError(ProjectError):
    def __init__(self, path: Path | str):
        super().__init__(path, _("{path} already exists; choose another name or remove it first.").format(path=path))


class RecordNotFoundError(LookupError):
    """A record asked for by id or code does not exist."""
