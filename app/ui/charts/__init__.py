"""The dashboards' charts on screen: a matplotlib canvas with its caption, its alternative text
and the buttons that save it as PNG or SVG."""

from app.ui.charts.view import ChartView

__all__ = ["ChartView"]
