"""Widget tests: offscreen, in French (the application's default), with throw-away settings."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QStandardPaths  # noqa: E402

from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.settings import Settings  # noqa: E402
from app.ui.translations import apply_language  # noqa: E402

from fixtures.small_study import build_small_study


@pytest.fixture(scope="session", autouse=True)
def qt_test_mode(qapp):
    # Standard locations (the demo's folder) point at test folders, never at the person's own.
    QStandardPaths.setTestModeEnabled(True)
    qapp.setStyle("Fusion")
    yield


@pytest.fixture(autouse=True)
def french(qapp):
    apply_language(qapp, "fr")
    yield
    apply_language(qapp, "en")


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def project(tmp_path):
    project = build_small_study(tmp_path / "small.terrain")
    yield project
    project.close()


@pytest.fixture
def window(qtbot, project, settings) -> MainWindow:
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    return window


@pytest.fixture
def messages(monkeypatch):
    """Record message boxes instead of showing them (a modal box would block the test)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []

    def record(kind, answer=None):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return answer

        return box

    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    return shown
