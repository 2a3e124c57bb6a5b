"""`terrain export report|summary|guide|codebook|quotes`, and every exported document scanned for
every identity string the project stores."""

from __future__ import annotations

import re
import shutil

import docx
import openpyxl
import pytest

from app.cli import main
from app.exports.text import text_of
from app.store.project import Project

EXPORTS = [
    ("report", "rapport.docx", []),
    ("report", "report-en.docx", ["--lang", "en"]),
    ("report", "rapport-2025.docx", ["--wave", "2025"]),
    ("summary", "synthese.docx", []),
    ("summary", "summary-en.docx", ["--lang", "en"]),
    ("guide", "guide.docx", []),
    ("codebook", "grille.docx", []),
    ("codebook", "grille.xlsx", []),
    ("codebook", "grille.csv", []),
    ("quotes", "citations.docx", []),
    ("quotes", "citations.xlsx", []),
    ("quotes", "citations.csv", []),
    ("quotes", "citables.docx", ["--quotable-only"]),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, demo_file):
    """Every document of the demo study, written once through the command line."""
    folder = tmp_path_factory.mktemp("exports")
    project = folder / "demo.terrain"
    shutil.copy(demo_file, project)
    for what, name, options in EXPORTS:
        assert main(["export", what, str(project), str(folder / name), *options]) == 0, name
    return folder, project


def _identity_words(project_path) -> list[str]:
    """Every stored identity string, and each name in it on its own (read straight from the store)."""
    with Project.open(project_path) as project:
        strings = set(project.identities.all_strings())
        for identity in project.identities.all():
            strings.update(part for part in identity.full_name.split() if len(part) > 2)
    return sorted(strings)


@pytest.mark.parametrize("name", [name for _what, name, _options in EXPORTS])
def test_no_exported_document_holds_an_identity_string(exported, name):
    folder, project = exported
    text = text_of(folder / name).casefold()
    assert len(text) > 200
    for string in _identity_words(project):  # whole words: « Roche » is a name, « reproche » is not
        assert not re.search(rf"(?<![\w@.-]){re.escape(string.casefold())}(?![\w-])", text), (name, string)


def test_word_exports_open_and_carry_their_content(exported):
    folder, _ = exported
    report = docx.Document(folder / "rapport.docx")
    assert [p.text for p in report.paragraphs if p.style.name == "Heading 1"][0] == "Question évaluative et méthode"
    english = docx.Document(folder / "report-en.docx")
    assert "Bias safeguards" in [p.text for p in english.paragraphs if p.style.name == "Heading 1"]
    guide = docx.Document(folder / "guide.docx")
    assert any(p.style.name == "List Bullet" for p in guide.paragraphs)  # the probes
    summary_text = "\n".join(p.text for p in docx.Document(folder / "synthese.docx").paragraphs)
    assert not re.search(r"\b(LYO|DRO|BXL)-\d\d\b", summary_text)


def test_spreadsheets_have_a_header_and_rows(exported):
    folder, _ = exported
    sheet = openpyxl.load_workbook(folder / "citations.xlsx").active
    assert sheet.max_row > 50 and sheet.cell(1, 1).value
    assert (folder / "grille.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_errors_exit_1_with_the_file_named(demo_file, tmp_path, capsys):
    project = tmp_path / "demo.terrain"
    shutil.copy(demo_file, project)
    assert main(["export", "report", str(project), str(tmp_path / "rapport.pdf")]) == 1
    assert "rapport.pdf" in capsys.readouterr().err
    assert main(["export", "report", str(project), str(tmp_path / "r.docx"), "--wave", "1999"]) == 1
    assert "1999" in capsys.readouterr().err
    (tmp_path / "modele.docx").write_text("not a zip")
    assert main(["export", "report", str(project), str(tmp_path / "r.docx"), "--template",
                 str(tmp_path / "modele.docx")]) == 1
    assert "modele.docx" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()
