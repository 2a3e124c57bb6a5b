"""Every Word export of the demo study converts to PDF in LibreOffice, a real client other than
python-docx. Skipped, with the reason, on a machine without LibreOffice (`.ci/run` installs it
where it can)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from app.services.documents import export_codebook, export_guide, export_quotes
from app.services.reports import export_report, export_summary

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: the Word exports were not "
                                           "converted to PDF; install libreoffice-writer-nogui to run this check.")
def test_every_word_export_converts_to_pdf(demo, tmp_path):
    words = tmp_path / "docx"
    words.mkdir()
    wave = demo.waves.first("label = '2025'")
    files = [
        export_report(demo, words / "rapport.docx"),
        export_report(demo, words / "report-en.docx", language="en"),
        export_report(demo, words / "rapport-2025.docx", wave_id=wave.id),
        export_summary(demo, words / "synthese.docx"),
        export_guide(demo, words / "guide.docx"),
        export_codebook(demo, words / "grille.docx"),
        export_quotes(demo, words / "citations.docx"),
    ]
    pdfs = tmp_path / "pdf"
    # A private profile: a first start or another LibreOffice running must not make it fail.
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(pdfs), *map(str, files)],
                   check=True, capture_output=True, timeout=600)
    for file in files:
        pdf = pdfs / f"{file.stem}.pdf"
        assert pdf.exists(), f"{file.name} was not converted"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        assert pages >= (10 if file.stem.startswith(("rapport", "report")) else 1), (file.name, pages)
