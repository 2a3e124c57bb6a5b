"""The Indicators tab of the Analysis area, on the demo study, in French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.indicators import compute_indicators, find_territory, find_wave
from app.ui.main_window import MainWindow
from app.ui.models.base import WARNING_BACKGROUND


@pytest.fixture
def area(qtbot, demo, settings):
    window = MainWindow(demo, settings)
    qtbot.addWidget(window)
    window.show_area("analysis")
    analysis = window.area("analysis")
    analysis.show_indicators()
    return analysis


def rows(area) -> dict[str, dict[str, str]]:
    model = area.indicators.view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    table = {}
    for row in range(model.rowCount()):
        cells = {headers[c]: model.index(row, c).data() for c in range(model.columnCount())}
        table[cells["Code"]] = cells
    return table


def choose(area, wave: str | None = None, territory: str | None = None):
    scope = area.scope
    if wave:
        scope.wave_box.setCurrentIndex(scope.wave_box.findText(wave))
    if territory:
        scope.territory_box.setCurrentIndex(next(i for i in range(scope.territory_box.count())
                                                 if territory in scope.territory_box.itemText(i)))


def test_every_indicator_is_listed_with_french_numbers(area, demo):
    table = rows(area)
    assert set(table) == {indicator.code for indicator in demo.indicators.find()}
    choose(area, "2025")
    table = rows(area)
    expected = {r.code: r for r in compute_indicators(demo, find_wave(demo, "2025").id)}
    oc1 = expected["OC1"]
    assert table["OC1"]["Valeur"] == f"{oc1.value:.1f}".replace(".", ",") + "\u00a0score /5"
    assert table["OC1"]["n"] == str(oc1.n)
    assert table["OUT1"]["Statut"] == "En deçà de la cible"
    assert table["IMP1"]["Statut"] == "Cible atteinte"


def test_a_small_territory_is_flagged_and_missing_values_say_why(area, demo):
    choose(area, "2026", "BXL")
    table = rows(area)
    assert table["OC1"]["Statut"] == "Effectif faible"
    model = area.indicators.model
    row = next(r for r in range(model.rowCount()) if model.row_at(r).code == "OC1")
    assert model.index(row, 3).data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND
    assert table["OC2"]["Valeur"] == "—" and table["OC2"]["Statut"] == "Non calculable"
    # The detail pane explains the missing value.
    view = area.indicators.view
    for r in range(view.model().rowCount()):
        if view.model().index(r, 1).data() == "OC2":
            view.selectRow(r)
    assert "Aucune transcription n’a encore été codée ici" in area.indicators.detail.toPlainText()
    bxl = find_territory(demo, "BXL")
    assert "effectif faible" in area.indicators.summary_label.text()
    assert bxl.name in area.scope.describe()


def test_the_scope_bar_shows_only_with_indicators(area):
    area.tabs.setCurrentIndex(0)
    assert area.scope.isHidden()
    area.show_indicators()
    assert not area.scope.isHidden()
