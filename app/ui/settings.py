"""User settings: every key declared once with its default, stored in an INI file.

Tests and the screenshot tool pass a path of their own, so they never read or change the
person's real settings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from app.i18n import DEFAULT_LANGUAGE, LANGUAGES

MAX_RECENT_PROJECTS = 8


@dataclass(frozen=True)
class Option:
    key: str
    default: object


LANGUAGE = Option("interface/language", DEFAULT_LANGUAGE)
RECENT_PROJECTS = Option("projects/recent", [])
LAST_PROJECT = Option("projects/last", "")
WINDOW_GEOMETRY = Option("window/geometry", QByteArray())
# Empty means: a "Terrain" folder in the person's documents (see Settings.export_folder).
EXPORT_FOLDER = Option("export/folder", "")

# The coder profile last chosen in each project, keyed by the project's path (see coder_for).
CODER_PREFIX = "coding/coder"

OPTIONS = (LANGUAGE, RECENT_PROJECTS, LAST_PROJECT, WINDOW_GEOMETRY, EXPORT_FOLDER)


class Settings:
    def __init__(self, path: Path | str | None = None):
        if path is None:
            self._store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Terrain", "Terrain")
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    def _get(self, option: Option):
        return self._store.value(option.key, option.default)

    def _set(self, option: Option, value) -> None:
        self._store.setValue(option.key, value)
        self._store.sync()

    # language ----------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self._get(LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unsupported language: {value!r}")
        self._set(LANGUAGE, value)

    # projects ----------------------------------------------------------------------------------
    @property
    def recent_projects(self) -> list[Path]:
        value = self._get(RECENT_PROJECTS)
        # An INI list of one item comes back as a plain string.
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(item) for item in items if item][:MAX_RECENT_PROJECTS]

    def add_recent_project(self, path: Path) -> None:
        path = Path(path).resolve()
        others = [item for item in self.recent_projects if item != path]
        self._set(RECENT_PROJECTS, [str(item) for item in [path, *others][:MAX_RECENT_PROJECTS]])
        self._set(LAST_PROJECT, str(path))

    def forget_recent_project(self, path: Path) -> None:
        path = Path(path).resolve()
        self._set(RECENT_PROJECTS, [str(item) for item in self.recent_projects if item != path])

    @property
    def last_project(self) -> Path | None:
        value = str(self._get(LAST_PROJECT) or "")
        return Path(value) if value else None

    # coding ------------------------------------------------------------------------------------
    @staticmethod
    def _coder_key(path: Path) -> str:
        # A path is not a valid INI key; its digest is, and stays the same for the same file.
        digest = hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]
        return f"{CODER_PREFIX}/{digest}"

    def coder_for(self, path: Path | None) -> str:
        """The coder profile last chosen in the project at ``path``, or ""."""
        return str(self._store.value(self._coder_key(path), "") or "") if path else ""

    def set_coder_for(self, path: Path | None, name: str) -> None:
        if path:
            self._store.setValue(self._coder_key(path), name)
            self._store.sync()

    # window ------------------------------------------------------------------------------------
    @property
    def window_geometry(self) -> QByteArray:
        value = self._get(WINDOW_GEOMETRY)
        return value if isinstance(value, QByteArray) else QByteArray()

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._set(WINDOW_GEOMETRY, value)

    # exports -----------------------------------------------------------------------------------
    @property
    def export_folder(self) -> Path:
        value = str(self._get(EXPORT_FOLDER) or "")
        if value:
            return Path(value)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) / "Terrain"
