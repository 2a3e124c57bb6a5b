"""What every document export shares: the destination checked before any work, the document's
language, and the write through a temporary file that must pass the identity check."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.exports.docx.document import TemplateError
from app.exports.files import write_atomically
from app.i18n import LANGUAGES, _
from app.services.leaks import ExportError, check_no_identity
from app.store.project import Project


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


def document_language(project: Project, language: str | None, out: Path) -> str:
    """The language asked for, or the study's first one."""
    if language is None:
        languages = project.study().languages
        language = languages[0] if languages and languages[0] in LANGUAGES else "fr"
    if language not in LANGUAGES:
        raise ExportError(_("{file}: unknown language “{language}”; choose one of {choices}.").format(
            file=out, language=language, choices=", ".join(LANGUAGES)))
    return language


def write_checked(project: Project, out: Path, write: Callable[[Path], None]) -> Path:
    """Write ``out`` through ``write(temporary)``; the file is read back and refused if it holds an
    identity string. Messages name ``out`` and stay in the screen's language."""
    try:
        return write_atomically(out, write, check=lambda temporary: check_no_identity(project, temporary, out))
    except TemplateError as error:
        raise ExportError(str(error)) from None
    except OSError as error:
        raise ExportError(_("{file}: cannot write the document ({reason}).").format(
            file=out, reason=error.strerror or error)) from None


def initials(name: str, given: str = "") -> str:
    """A coder's initials as they chose them, or made from their name."""
    return given.strip() or "".join(part[0].upper() for part in name.replace("-", " ").split() if part)
