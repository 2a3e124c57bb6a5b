"""File names proposed for the exported documents, and the save dialog's file types.

A proposed name is built from the document's name and the study's title, in the document's
language (« Rapport d’impact – Ce que la coopérative change.docx »). Study titles are written for
people, not for file systems: characters that Windows, macOS or a USB stick would refuse are
taken out, so that the proposed name can always be saved as it is.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from app.i18n import N_, _, translated

# Document kind -> its name in a file name, with the study title.
DOCUMENT_NAMES = {
    "report": N_("Impact report – {title}"),
    "summary": N_("Summary for stakeholders – {title}"),
    "guide": N_("Interview guide – {title}"),
    "codebook": N_("Codebook – {title}"),
    "quotes": N_("Quote table – {title}"),
}

# Suffix -> the save dialog's filter for it.
FILE_TYPES = {
    ".docx": N_("Word document (*.docx)"),
    ".xlsx": N_("Excel workbook (*.xlsx)"),
    ".csv": N_("CSV file, UTF-8 (*.csv)"),
}

# Refused in a file name by Windows (the strictest of the usual systems) or meaning a folder.
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
# Windows refuses these names whatever their extension.
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
# Long enough for any study title people write; short enough for Windows' 260-character paths.
MAX_STEM = 120


def safe_file_stem(text: str) -> str:
    """``text`` without the characters a file name cannot hold, spaces tidied, length capped."""
    text = unicodedata.normalize("NFC", text)
    text = UNSAFE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip()
    # Windows drops trailing dots and spaces, which would then not be the name asked for.
    text = text.rstrip(". ")
    if text.upper().split(".")[0] in RESERVED:
        text = f"_{text}"
    return text


def default_file_name(kind: str, study_title: str, suffix: str, language: str | None = None) -> str:
    """« Rapport d’impact – <titre>.docx »: the document's name in ``language`` (the screen's
    when None) and the study title, made safe for any file system."""
    def build() -> str:
        title = safe_file_stem(study_title) or _("untitled study")
        return _(DOCUMENT_NAMES[kind]).format(title=title)

    if language is None:
        stem = build()
    else:
        with translated(language):
            stem = build()
    return (safe_file_stem(stem) or "export") + suffix


def file_filter(suffixes: tuple[str, ...]) -> str:
    """The save dialog's filter string for ``suffixes``, in that order."""
    return ";;".join(_(FILE_TYPES[suffix]) for suffix in suffixes)


def suffix_of_filter(chosen_filter: str, suffixes: tuple[str, ...]) -> str:
    """The suffix of the filter the person picked in the save dialog (the first one otherwise)."""
    for suffix in suffixes:
        if f"*{suffix})" in chosen_filter:
            return suffix
    return suffixes[0]


def with_suffix(path: Path, suffixes: tuple[str, ...], preferred: str) -> Path:
    """``path`` as typed when its suffix is one of ``suffixes``; otherwise ``preferred`` is added.

    Adding rather than replacing keeps a name such as « Rapport v2.1 » whole.
    """
    if path.suffix.lower() in suffixes:
        return path
    return path.with_name(path.name + preferred)
