"""Every Word document Terrain exports opens in a real word processor: LibreOffice converts each
one of the demo study's to PDF, with pages.

python-docx reading back what python-docx wrote proves little; LibreOffice is a second, strict
reader (Word itself is not available on a build machine). The test needs ``soffice`` (Debian:
``libreoffice-writer-nogui``, which ``.ci/run`` installs when it can) and says so when it is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.services import documents, reports
from app.store.project import Project

CONVERT_TIMEOUT_S = 300  # seven documents, a first start that builds its profile, two shared cores
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def write_documents(project: Project, folder: Path) -> dict[str, Path]:
    """Each Word export of the study, by a name saying which."""
    first_wave = project.waves.first(order_by="position")
    return {
        "report-fr": reports.export_report(project, folder / "report-fr.docx", language="fr"),
        "report-en": reports.export_report(project, folder / "report-en.docx", language="en"),
        "report-wave": reports.export_report(project, folder / "report-wave.docx", wave_id=first_wave.id),
        "summary": reports.export_summary(project, folder / "summary.docx"),
        "guide": documents.export_guide(project, folder / "guide.docx"),
        "codebook": documents.export_codebook(project, folder / "codebook.docx"),
        "quotes": documents.export_quotes(project, folder / "quotes.docx"),
    }


def page_count(pdf: Path) -> int:
    """Pages of ``pdf``: pdfinfo's count when it is installed, else its page objects."""
    if shutil.which("pdfinfo"):
        result = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60)
        found = re.search(r"^Pages:\s+(\d+)", result.stdout, re.MULTILINE)
        if result.returncode == 0 and found:
            return int(found.group(1))
    return len(PAGE.findall(pdf.read_bytes()))


@pytest.fixture(scope="module")
def converted(demo_file, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """The demo's documents and their PDFs, converted by one LibreOffice run: {name: (docx, pdf)}."""
    soffice = office()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: install libreoffice-writer-nogui to check that "
                    "every exported document opens in a word processor")
    folder = tmp_path_factory.mktemp("libreoffice")
    copy = folder / "demo.terrain"
    shutil.copy(demo_file, copy)
    (folder / "docx").mkdir()
    with Project.open(copy) as project:
        written = write_documents(project, folder / "docx")
    pdf_folder = folder / "pdf"
    # A profile of its own: a first run builds it without asking, and a LibreOffice already open
    # (or a parallel test run) cannot take the conversion over and leave nothing behind.
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
               "--outdir", str(pdf_folder), *map(str, written.values())]
    result = subprocess.run(command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S)
    assert result.returncode == 0, f"soffice failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return {name: (docx, pdf_folder / f"{docx.stem}.pdf") for name, docx in written.items()}


@pytest.mark.parametrize("name", ["report-fr", "report-en", "report-wave", "summary", "guide", "codebook",
                                  "quotes"])
def test_libreoffice_converts_the_document_to_a_pdf_with_pages(converted, name):
    docx, pdf = converted[name]
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {docx.name}"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page_count(pdf) >= 1


def test_the_report_runs_to_several_pages_and_the_english_one_is_in_english(converted):
    assert page_count(converted["report-fr"][1]) >= 5
    assert page_count(converted["report-en"][1]) >= 5
    if shutil.which("pdftotext"):
        def text(name: str) -> str:
            pdf = converted[name][1]
            return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  timeout=60).stdout

        assert "Contents" in text("report-en") or "Table of contents" in text("report-en")
        assert "Sommaire" in text("report-fr") or "Table des matières" in text("report-fr")
