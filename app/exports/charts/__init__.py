"""The dashboards' charts as matplotlib figures, without Qt: built from ``DashboardData``, shown
in the application by a Qt canvas, written to PNG or SVG for the report.

Every chart carries a translated title, a caption with its n and scope, and an alternative text
that says in words what it shows. Colours come from Paul Tol's colour-blind-safe schemes and
differ in lightness (or are hatched), so that a chart printed in grey still reads; numbers follow
``DashboardData.language`` (a decimal comma in French).
"""

from __future__ import annotations

from app.core.dashboards import DashboardData
from app.exports.charts.chart import Chart
from app.exports.charts.files import FORMATS, save_chart
from app.exports.charts.indicators import indicator_dashboard
from app.exports.charts.quotas import sample_vs_quotas
from app.exports.charts.survey import survey_items
from app.exports.charts.themes import theme_frequency
from app.exports.charts.waves import wave_comparison

__all__ = ["Chart", "FORMATS", "build_charts", "indicator_dashboard", "sample_vs_quotas", "save_chart",
           "survey_items", "theme_frequency", "wave_comparison"]


def build_charts(data: DashboardData, max_themes: int | None = None) -> list[Chart]:
    """All the charts, in reading order; one with nothing to show says so rather than being left out,
    so that the same files are always written. ``max_themes``: see ``theme_frequency``."""
    return [
        indicator_dashboard(data),
        sample_vs_quotas(data),
        theme_frequency(data, "profile", max_themes),
        theme_frequency(data, "territory", max_themes),
        survey_items(data),
        wave_comparison(data),
    ]
