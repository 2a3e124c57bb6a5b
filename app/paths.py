"""Where Terrain finds the files it ships: migrations and resources.

In a source checkout (and an editable install) they sit at the top of the repository; in an
installed wheel they travel inside the package, under ``app/_data`` (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_data"
_CHECKOUT = _PACKAGE.parent


def _data_root() -> Path:
    if (_BUNDLED / "migrations").is_dir():
        return _BUNDLED
    return _CHECKOUT


def migrations_dir() -> Path:
    root = _data_root()
    return root / "migrations" if root == _BUNDLED else root / "db" / "migrations"


def resources_dir() -> Path:
    return _data_root() / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("demo", "fr", "study.json")``."""
    return resources_dir().joinpath(*parts)
