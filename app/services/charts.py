"""The dashboards' charts of a project: built for one wave (or all) and one territory (or all),
and written to a folder, one file per chart, for the report or for sharing."""

from __future__ import annotations

from pathlib import Path

from app.exports.charts import FORMATS, Chart, build_charts, save_chart
from app.i18n import _
from app.services.dashboards import dashboard_data
from app.store.project import Project


def charts(project: Project, wave_id: str | None = None, territory_id: str | None = None) -> list[Chart]:
    """Every chart, in reading order."""
    return build_charts(dashboard_data(project, wave_id, territory_id))


def chart_file_name(position: int, chart: Chart, fmt: str) -> str:
    """« 01-indicators.png »: numbered so that a folder lists the charts in reading order."""
    return f"{position:02d}-{chart.key}.{fmt}"


def write_charts(project: Project, outdir: Path, fmt: str = "png", wave_id: str | None = None,
                 territory_id: str | None = None) -> list[Path]:
    """Write one file per chart into ``outdir`` (created if needed); returns the files in order."""
    if fmt not in FORMATS:
        raise ValueError(_("Unknown chart format “{fmt}”: choose one of {choices}.").format(
            fmt=fmt, choices=", ".join(FORMATS)))
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    return [save_chart(chart, outdir / chart_file_name(position, chart, fmt), fmt)
            for position, chart in enumerate(charts(project, wave_id, territory_id), start=1)]
