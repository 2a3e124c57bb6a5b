"""Shared test set-up: no real user data, no screen, a fixed language."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Before any QApplication can exist.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TERRAIN_LANG"] = "en"

from app.i18n import set_language  # noqa: E402

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read English messages unless they switch language themselves."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Point every per-user folder at a temporary one: tests never touch real settings or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared test data folder is absent ({SHARED_DATA})")
    return SHARED_DATA


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """The demo study, built once for the whole run. Never write to it: use ``demo``, a copy."""
    from app.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.terrain"
    build_demo(path)
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    """A fresh copy of the demo study, open, for one test to change as it likes."""
    from app.store.project import Project

    copy = tmp_path / "demo.terrain"
    shutil.copy(demo_file, copy)
    with Project.open(copy) as project:
        yield project
