"""Writing the impact report and the stakeholders' summary as Word documents.

The document is built in its own language (on this thread only), written beside its destination,
read back and checked for identity strings, and only then put in place: a refused or failed
export leaves no file and any previous one untouched.
"""

from __future__ import annotations

from pathlib import Path

from app.exports.charts import build_charts
from app.exports.docx.document import TemplateError
from app.exports.docx.report import write_report
from app.exports.files import write_atomically
from app.i18n import LANGUAGES, _, translated
from app.services.leaks import ExportError, LeakError, check_no_identity
from app.services.report_data import report_data
from app.store.project import Project

__all__ = ["ExportError", "LeakError", "check_destination", "export_report", "export_summary"]


def check_destination(out: Path | str, suffixes: tuple[str, ...]) -> Path:
    """The file to write, refused with a message naming it when it cannot be one."""
    out = Path(out)
    if out.suffix.lower() not in suffixes:
        raise ExportError(_("{file}: unknown file type; write a {types} file.").format(
            file=out, types=" / ".join(suffixes)))
    if out.is_dir():
        raise ExportError(_("{file}: this is a folder; give a file name.").format(file=out))
    if not out.parent.is_dir():
        raise ExportError(_("{file}: the folder {folder} does not exist.").format(file=out, folder=out.parent))
    return out


def _language(language: str | None, project: Project) -> str:
    language = language or (project.study().languages or ["fr"])[0]
    if language not in LANGUAGES:
        raise ExportError(_("Unknown language “{language}”: choose one of {choices}.").format(
            language=language, choices=", ".join(LANGUAGES)))
    return language


def _write(project: Project, out: Path, build) -> Path:
    try:
        document = build()
    except TemplateError as error:
        raise ExportError(str(error)) from None
    try:
        return write_atomically(out, document.save, check=lambda temporary: check_no_identity(project, temporary, out))
    except OSError as error:
        raise ExportError(_("{file}: cannot write the document ({reason}).").format(
            file=out, reason=error.strerror or error)) from None


def export_report(project: Project, out: Path | str, language: str | None = "fr", template: Path | str | None = None,
                  wave_id: str | None = None) -> Path:
    """Write the impact report (for all waves, or the wave ``wave_id``) to ``out`` (.docx)."""
    out = check_destination(out, (".docx",))
    language = _language(language, project)
    if wave_id:
        project.waves.get(wave_id)
    with translated(language):
        def build():
            data = report_data(project, language, wave_id)
            return write_report(data, build_charts(data.dashboard), template)

        return _write(project, out, build)


def export_summary(project: Project, out: Path | str, language: str | None = "fr", template: Path | str | None = None,
                   wave_id: str | None = None) -> Path:
    """Write the participant-free summary for stakeholders to ``out`` (.docx)."""
    from app.exports.docx.summary import write_summary

    out = check_destination(out, (".docx",))
    language = _language(language, project)
    if wave_id:
        project.waves.get(wave_id)
    with translated(language):
        def build():
            data = report_data(project, language, wave_id)
            return write_summary(data, build_charts(data.dashboard), template)

        return _write(project, out, build)
