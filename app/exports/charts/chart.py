"""A chart ready to show, save or put in a report: the figure with the words that go with it."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure


@dataclass
class Chart:
    """One chart of the dashboards.

    ``key`` is a stable file-name stem ("indicators", "sample-quotas", ...); ``title``,
    ``alt_text`` (what the chart shows, with its key figures in words, for readers who cannot
    see it) and ``caption`` (one sentence for under the chart: the n and the scope) are
    translated. ``size_inches`` is the size the figure was laid out for, a report page's width:
    a screen canvas resizes the figure to its widget, and a saved file goes back to this size.
    """

    key: str
    title: str
    alt_text: str
    caption: str
    figure: Figure
    size_inches: tuple[float, float] | None = None
