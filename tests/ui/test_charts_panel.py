"""The Charts tab of the Analysis area, on the demo study."""

from __future__ import annotations

import pytest

from app.ui.main_window import MainWindow


@pytest.fixture
def area(qtbot, demo, settings):
    window = MainWindow(demo, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_area("analysis")
    analysis = window.area("analysis")
    analysis.show_charts()
    return analysis


def test_every_chart_is_listed_and_shown(area):
    panel = area.charts
    keys = [chart.key for chart in panel.charts]
    assert keys == ["indicators", "sample-quotas", "themes-profile", "themes-territory", "survey-items", "waves"]
    assert panel.list.count() == len(keys)
    panel.show_chart("survey-items")
    assert panel.view.chart.key == "survey-items"
    assert panel.view.caption_label.text() == panel.view.chart.caption
    assert area.tabs.cornerWidget() is area.scope and not area.scope.isHidden()


def test_charts_follow_the_scope(area):
    panel = area.charts
    before = panel.charts[0].caption
    area.scope.wave_box.setCurrentIndex(area.scope.wave_box.findText("2025"))
    assert panel.charts[0].caption != before and "2025" in panel.charts[0].caption


def test_save_every_chart_into_a_folder(area, tmp_path, messages):
    paths = area.charts.save_all(tmp_path / "graphiques", "svg")
    assert [path.name for path in paths][:2] == ["01-indicators.svg", "02-sample-quotas.svg"]
    assert all(path.stat().st_size > 1000 for path in paths)
    assert messages and "6 graphiques" in messages[-1][2]


def test_a_folder_that_cannot_be_written_is_said(area, tmp_path, messages):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    assert area.charts.save_all(blocker / "graphiques", "png") == []
    assert str(blocker / "graphiques") in messages[-1][2]


def test_the_export_area_writes_the_charts(qtbot, demo, settings, tmp_path, messages):
    window = MainWindow(demo, settings)
    qtbot.addWidget(window)
    window.show_area("export")
    paths = window.area("export").write_charts(tmp_path / "export")
    assert len(paths) == 6 and all(path.suffix == ".png" and path.exists() for path in paths)
    assert messages[-1][0] == "information"
