"""Start-up choices, and the main window on the real demo study (with a screenshot)."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.services.demo import build_demo
from app.store.project import Project
from app.ui import app as gui
from app.ui.demo_project import demo_path, ensure_demo
from app.ui.main_window import MainWindow
from app.ui.screenshot import grab_main_window
from fixtures.small_study import TITLE, build_small_study


def test_explicit_project_is_opened_and_remembered(tmp_path, settings):
    path = tmp_path / "small.terrain"
    build_small_study(path).close()
    project = gui.choose_project(path, demo=False, settings=settings)
    try:
        assert project.study().title == TITLE
        assert settings.recent_projects == [path.resolve()]
    finally:
        project.close()


def test_a_bad_project_is_reported_then_the_demo_opens(tmp_path, settings, messages, isolated_home):
    bad = tmp_path / "bad.terrain"
    bad.write_bytes(b"\x00" * 10)
    project = gui.choose_project(bad, demo=False, settings=settings)
    try:
        assert messages[0][0] == "critical" and "bad.terrain" in messages[0][2]
        assert project.path == demo_path()
        assert str(demo_path()).startswith(str(isolated_home))  # never the person's real data folder
    finally:
        project.close()


def test_demo_is_built_once(isolated_home):
    path = ensure_demo()
    built = path.stat().st_mtime_ns
    assert ensure_demo() == path and path.stat().st_mtime_ns == built


def test_last_project_is_reopened(tmp_path, settings):
    path = tmp_path / "small.terrain"
    build_small_study(path).close()
    settings.add_recent_project(path)
    project = gui.choose_project(None, demo=False, settings=settings)
    try:
        assert project.path == path.resolve()
    finally:
        project.close()


def test_run_gui_shows_the_window_and_returns_the_exit_code(tmp_path, monkeypatch):
    path = tmp_path / "small.terrain"
    build_small_study(path).close()
    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.extend(QApplication.topLevelWidgets()) or 0)
    assert gui.run_gui(path, settings_path=tmp_path / "settings.ini") == 0
    windows = [widget for widget in shown if isinstance(widget, MainWindow)]
    assert windows and windows[-1].windowTitle() == f"Terrain — {TITLE}"
    assert QApplication.instance().applicationName() == "Terrain"
    for window in windows:
        window.close()


def test_main_window_on_the_demo_study(tmp_path, qtbot, settings):
    path = tmp_path / "demo.terrain"
    build_demo(path)
    with Project.open(path) as project:
        settings.set_coder_for(path, "Inès Moreau")
        window = MainWindow(project, settings)
        qtbot.addWidget(window)
        counts = {}
        for key, model in (("participants", "model"), ("interviews", "model"), ("transcripts", "model")):
            window.show_area(key)
            counts[key] = getattr(window.area(key), model).rowCount()
        window.show_area("coding")
        coding = window.area("coding")
        tree = coding.codebook.tree
        themes = tree.topLevelItemCount() + sum(tree.topLevelItem(i).childCount()
                                                for i in range(tree.topLevelItemCount()))
        assert counts["participants"] >= 14
        assert counts["interviews"] == 11  # 7 in the 2025 wave, 4 in 2026 (not yet transcribed)
        assert counts["transcripts"] == 6
        assert themes == 19 and coding.coder.name == "Inès Moreau"
        assert coding.workbench.shown_codings()
        window.close()


def test_screenshot_of_the_demo_is_not_blank(tmp_path):
    out = grab_main_window(tmp_path / "shot.png", area="interviews", language="fr")
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert out.stat().st_size > 20_000
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 20


def test_file_menu_opens_the_demo(window, isolated_home, settings):
    window.open_demo()
    try:
        assert window.project.path == demo_path()
        assert window.windowTitle() == f"Terrain — {window.project.study().title}" != f"Terrain — {TITLE}"
        assert settings.recent_projects[0] == demo_path().resolve()
    finally:
        window.project.close()
