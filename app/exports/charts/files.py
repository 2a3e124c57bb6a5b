"""Writing a chart to a file: PNG at 200 dpi or SVG, with its title and alternative text inside."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from app.exports.charts.chart import Chart
from app.i18n import _

FORMATS = ("png", "svg")
DPI = 200


def save_chart(chart: Chart, path: Path, fmt: str = "png") -> Path:
    """Write ``chart`` to ``path`` as ``fmt`` ("png" or "svg") and return the path.

    The file is written next to its final place and then renamed over it, so that a reader (or a
    report being built) never sees half a file. The title and the alternative text travel in the
    file: PNG text chunks "Title" and "Description"; in an SVG, the Dublin Core metadata and the
    ``<title>``/``<desc>`` elements that screen readers announce.
    """
    if fmt not in FORMATS:
        raise ValueError(_("Unknown chart format “{fmt}”: choose one of {choices}.").format(
            fmt=fmt, choices=", ".join(FORMATS)))
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=f".{fmt}", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            _write(chart, stream, fmt)
        if fmt == "svg":
            _add_svg_title(Path(temporary), chart)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _write(chart: Chart, stream, fmt: str) -> None:
    figure = chart.figure
    # A screen canvas may have resized the figure to its widget: the file gets the report size.
    shown_size = tuple(figure.get_size_inches())
    if chart.size_inches:
        figure.set_size_inches(*chart.size_inches, forward=False)
    metadata = {"Title": chart.title, "Description": chart.alt_text}
    if fmt == "svg":
        # No date: the same chart gives the same file.
        metadata["Date"] = None
    try:
        figure.savefig(stream, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    finally:
        if chart.size_inches:
            figure.set_size_inches(*shown_size, forward=False)


def _add_svg_title(path: Path, chart: Chart) -> None:
    """Put ``<title>`` and ``<desc>`` first inside the root ``<svg>`` element."""
    text = path.read_text(encoding="utf-8")
    start = text.index("<svg")
    end = text.index(">", start) + 1
    accessible = f"\n <title>{escape(chart.title)}</title>\n <desc>{escape(chart.alt_text)}</desc>"
    path.write_text(text[:end] + accessible + text[end:], encoding="utf-8")
