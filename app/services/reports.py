"""Writing the impact report and the stakeholders' summary as Word documents.

The document is built in its own language (on this thread only), written beside its destination,
read back and checked for identity strings, and only then put in place: a refused or failed
export leaves no file and any previous one untouched.
"""

from __future__ import annotations

from pathlib import Path

from app.exports.charts import build_charts
from app.exports.docx.report import MAX_CHART_THEMES, write_report
from app.exports.docx.summary import write_summary
from app.i18n import translated
from app.services.export_files import check_destination, document_language, write_checked
from app.services.leaks import ExportError, LeakError
from app.services.report_data import report_data
from app.store.project import Project

__all__ = ["ExportError", "LeakError", "export_report", "export_summary"]


def _export(project: Project, out: Path | str, language: str | None, template: Path | str | None,
            wave_id: str | None, write) -> Path:
    out = check_destination(out, (".docx",))
    language = document_language(project, language, out)
    if wave_id:
        project.waves.get(wave_id)

    def save(temporary: Path) -> None:
        # Only the document is in its own language; messages stay in the screen's.
        with translated(language):
            data = report_data(project, language, wave_id)
            document = write(data, build_charts(data.dashboard, MAX_CHART_THEMES), template)
        document.save(temporary)

    return write_checked(project, out, save)


def export_report(project: Project, out: Path | str, language: str | None = "fr", template: Path | str | None = None,
                  wave_id: str | None = None) -> Path:
    """Write the impact report (for all waves, or the wave ``wave_id``) to ``out`` (.docx)."""
    return _export(project, out, language, template, wave_id, write_report)


def export_summary(project: Project, out: Path | str, language: str | None = "fr", template: Path | str | None = None,
                   wave_id: str | None = None) -> Path:
    """Write the participant-free summary for stakeholders to ``out`` (.docx)."""
    return _export(project, out, language, template, wave_id, write_summary)
