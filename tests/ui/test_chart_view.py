"""The chart on screen: shown on a canvas with its caption and alt text, replaced without leaking
the canvas before, and saved as PNG or SVG (through the dialog or directly)."""

from __future__ import annotations

import html
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shiboken6
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtWidgets import QFileDialog

from app.exports.charts import indicator_dashboard, survey_items
from app.ui.charts import ChartView

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from test_charts import sample_data  # noqa: E402


@pytest.fixture
def view(qtbot) -> ChartView:
    widget = ChartView()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_a_chart_is_shown_with_its_caption_and_alt_text(view, qtbot):
    chart = indicator_dashboard(sample_data("fr"))
    view.show_chart(chart)
    assert isinstance(view.canvas, FigureCanvasQTAgg) and view.canvas.figure is chart.figure
    assert view.stack.currentWidget() is view.scroll
    assert view.caption_label.text() == chart.caption
    assert html.unescape(view.canvas.toolTip()) == f"<p>{chart.alt_text}</p>"
    assert view.canvas.accessibleDescription() == chart.alt_text
    assert view.png_button.text() == "Enregistrer en PNG…" and view.png_button.isEnabled()
    assert view.svg_button.text() == "Enregistrer en SVG…" and view.svg_button.isEnabled()
    # The alternative text opens below on demand.
    assert view.alt_button.text() == "Texte alternatif"
    assert not view.alt_label.isVisible()
    view.alt_button.click()
    assert view.alt_label.isVisible() and view.alt_label.text() == chart.alt_text
    view.alt_button.click()
    assert not view.alt_label.isVisible()


def test_no_chart_shows_a_message_and_nothing_to_save(view):
    view.show_chart(indicator_dashboard(sample_data("fr")))
    view.show_chart(None)
    assert view.canvas is None
    assert view.stack.currentWidget() is view.placeholder
    assert view.placeholder.text() == "Aucun graphique à afficher."
    assert view.caption_label.text() == ""
    assert not view.png_button.isEnabled() and not view.svg_button.isEnabled()


def test_a_new_chart_lets_the_previous_canvas_go(view, qtbot):
    first = indicator_dashboard(sample_data("fr"))
    view.show_chart(first)
    old_canvas = view.canvas
    second = survey_items(sample_data("fr"))
    view.show_chart(second)
    # The old figure no longer points at a widget, and the old widget is deleted.
    assert not isinstance(first.figure.canvas, FigureCanvasQTAgg)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old_canvas))
    assert view.findChildren(FigureCanvasQTAgg) == [view.canvas]
    assert view.canvas.figure is second.figure
    for _round in range(3):
        view.show_chart(indicator_dashboard(sample_data("fr")))
    qtbot.wait(10)
    assert len(view.findChildren(FigureCanvasQTAgg)) == 1


def test_save_to_writes_the_report_size_whatever_the_screen(view, tmp_path, qtbot):
    chart = indicator_dashboard(sample_data("fr"))
    view.show_chart(chart)
    qtbot.wait(10)
    png = view.save_to(tmp_path / "indicateurs.png", "png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == int(16 / 2.54 * 200)
    svg = view.save_to(tmp_path / "indicateurs.svg", "svg")
    title = ET.parse(svg).getroot().find("{http://www.w3.org/2000/svg}title").text
    assert title == "Indicateurs par niveau, au regard de leurs cibles"
    # The canvas keeps showing the chart at its own size.
    assert view.canvas is not None and view.canvas.figure is chart.figure


def test_the_dialog_proposes_the_chart_key_and_adds_the_suffix(view, tmp_path, monkeypatch, qtbot):
    view.show_chart(survey_items(sample_data("fr")))
    view.folder = tmp_path
    asked = {}

    def choose(parent, caption, start, filters):
        asked.update(caption=caption, start=start, filters=filters)
        return str(tmp_path / "réponses"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    with qtbot.waitSignal(view.saved) as signal:
        view.svg_button.click()
    assert asked["start"] == str(tmp_path / "survey-items.svg")
    assert asked["filters"] == "Image SVG (*.svg)"
    assert signal.args == [tmp_path / "réponses.svg"]
    ET.parse(tmp_path / "réponses.svg")


def test_a_cancelled_dialog_saves_nothing(view, tmp_path, monkeypatch):
    view.show_chart(survey_items(sample_data("fr")))
    view.folder = tmp_path
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    assert view.ask_and_save("png") is None
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_written_is_named_in_the_message(view, tmp_path, messages):
    view.show_chart(survey_items(sample_data("fr")))
    target = tmp_path / "absent" / "réponses.png"
    assert view.save_as(target, "png") is None
    [(kind, title, text)] = messages
    assert kind == "critical" and title == "Le graphique n’a pas été enregistré"
    assert str(target) in text and text.startswith("Impossible d’écrire")
