"""The Export area: every document of the study can be written from it, in the background, with
its dialog's choices, and the person is told where the file is or why it was not written."""

from __future__ import annotations

import csv
import threading
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from openpyxl import load_workbook
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services.documents import DocumentError
from app.ui.export.names import default_file_name, safe_file_stem
from app.ui.export.report_dialog import ReportDialog
from app.ui.main_window import MainWindow

from fixtures.small_study import TITLE

EXPORT_TIMEOUT_MS = 120_000  # a report with its charts, on a busy two-core machine


# Every test records message boxes (``messages``): a real modal box would wait for a click forever.
@pytest.fixture
def area(window, tmp_path, messages):
    window.show_area("export")
    export = window.area("export")
    export.set_output_folder(tmp_path / "Documents" / "Terrain")
    return export


@pytest.fixture
def demo_area(qtbot, demo, settings, tmp_path, messages):
    window = MainWindow(demo, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_area("export")
    export = window.area("export")
    export.set_output_folder(tmp_path / "sorties")
    return export


def save_dialog_answers(monkeypatch, path: Path | str, chosen_filter: str) -> list[tuple]:
    """The save dialog answers ``path``; returns what it was asked."""
    asked: list[tuple] = []

    def answer(parent, title, start, filters, *args, **kwargs):
        asked.append((title, start, filters))
        return str(path), chosen_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return asked


def wait_for_export(qtbot, area) -> None:
    qtbot.waitUntil(lambda: area.job is None, timeout=EXPORT_TIMEOUT_MS)


def enabled(area) -> dict[str, bool]:
    return {key: button.isEnabled() for key, button in area.buttons.items()}


ALL_READY = {"report": True, "summary": True, "guide": True, "codebook": True, "quotes": True, "charts": True,
             "tables": False, "qdpx": False}


# the area --------------------------------------------------------------------------------------------------
def test_every_document_of_the_study_can_be_exported(area):
    assert enabled(area) == ALL_READY
    assert "prochaine version" in area.buttons["qdpx"].toolTip()
    assert area.buttons["report"].toolTip() == ""
    assert area.busy_row.isHidden()
    assert area.figure_labels["quotable_codings"].text() == "3"  # the report's figures stay


# file names ------------------------------------------------------------------------------------------------
def test_proposed_names_carry_the_document_and_the_study_title():
    assert default_file_name("report", TITLE, ".docx", "fr") == f"Rapport d’impact – {TITLE}.docx"
    assert default_file_name("report", TITLE, ".docx", "en") == f"Impact report – {TITLE}.docx"
    assert default_file_name("quotes", TITLE, ".xlsx", "fr") == f"Tableau des citations – {TITLE}.xlsx"
    assert default_file_name("codebook", "", ".csv", "fr") == "Livre de codes – étude sans titre.csv"


def test_characters_a_file_system_refuses_are_taken_out():
    assert safe_file_stem('Étude : « A/B » ? <2024> *v2* | "pilote"\\fin\t') == "Étude « A B » 2024 v2 pilote fin"
    assert safe_file_stem("Bilan...  ") == "Bilan"
    assert safe_file_stem("CON") == "_CON"
    assert safe_file_stem("/ : ?") == ""
    long = safe_file_stem("Très long titre " * 20)
    assert len(long) <= 120 and not long.endswith(" ")
    name = default_file_name("summary", "Coopératives / territoires : quel effet ?", ".docx", "fr")
    assert name == "Synthèse pour les parties prenantes – Coopératives territoires quel effet.docx"


# the report's dialog -------------------------------------------------------------------------------------
def test_the_report_dialog_proposes_french_all_waves_no_template_and_a_file_in_the_output_folder(area, tmp_path):
    area.export_report()
    dialog = area.dialog
    assert isinstance(dialog, ReportDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Exporter le rapport d’impact"
    assert dialog.language() == "fr"
    assert [dialog.language_box.itemText(i) for i in range(dialog.language_box.count())] == ["Français", "English"]
    assert dialog.wave_box.currentText() == "Toutes les vagues" and dialog.wave_box.currentData() is None
    assert [dialog.wave_box.itemText(i) for i in range(1, dialog.wave_box.count())] == ["Vague 2024", "Vague 2025"]
    assert dialog.template is None and dialog.template_field.text() == ""
    assert not dialog.clear_template_button.isEnabled()
    expected = tmp_path / "Documents" / "Terrain" / f"Rapport d’impact – {TITLE}.docx"
    assert dialog.out_field.text() == str(expected)
    dialog.reject()


def test_the_proposed_name_follows_the_language_until_the_person_types_one(area, tmp_path):
    area.export_summary()
    dialog = area.dialog
    folder = tmp_path / "Documents" / "Terrain"
    assert dialog.out_field.text() == str(folder / f"Synthèse pour les parties prenantes – {TITLE}.docx")
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    assert dialog.out_field.text() == str(folder / f"Summary for stakeholders – {TITLE}.docx")
    dialog.out_field.setText(str(folder / "ma synthèse.docx"))
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
    assert dialog.out_field.text() == str(folder / "ma synthèse.docx")
    dialog.reject()


def test_a_template_is_chosen_with_the_file_picker_and_cleared(area, tmp_path, monkeypatch):
    template = tmp_path / "charte.docx"
    template.write_bytes(b"placeholder")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(template), ""))
    area.export_report()
    dialog = area.dialog
    dialog.template_button.click()
    assert dialog.template == template and dialog.template_field.text() == str(template)
    assert dialog.clear_template_button.isEnabled()
    dialog.clear_template_button.click()
    assert dialog.template is None and dialog.template_field.text() == ""
    assert not dialog.clear_template_button.isEnabled()
    dialog.reject()


def test_the_dialog_stays_open_with_the_reason_when_the_file_cannot_be_used(area, tmp_path, messages):
    area.export_report()
    dialog = area.dialog
    dialog.out_field.setText("  ")
    dialog.export_button.click()
    assert dialog.isVisible() and dialog.error_label.text() == "Choisissez où enregistrer le document."
    dialog.out_field.setText(str(tmp_path))
    dialog.export_button.click()
    assert dialog.isVisible() and str(tmp_path) in dialog.error_label.text()
    assert "est un dossier" in dialog.error_label.text()
    dialog.set_template(tmp_path / "disparu.docx")
    dialog.out_field.setText(str(tmp_path / "rapport.docx"))
    dialog.export_button.click()
    assert dialog.isVisible() and "disparu.docx" in dialog.error_label.text()
    assert area.job is None and not (tmp_path / "rapport.docx").exists()
    dialog.reject()


def test_an_existing_file_is_replaced_only_when_the_person_agrees(area, tmp_path, monkeypatch):
    existing = tmp_path / "rapport.docx"
    existing.write_bytes(b"previous")
    asked = []

    def refuse(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    area.export_report()
    dialog = area.dialog
    dialog.out_field.setText(str(existing))
    dialog.export_button.click()
    assert asked and "rapport.docx existe déjà" in asked[0]
    assert dialog.isVisible() and area.job is None and existing.read_bytes() == b"previous"
    dialog.reject()


def test_a_file_chosen_in_the_save_dialog_is_not_asked_about_a_second_time(area, tmp_path, monkeypatch, messages):
    existing = tmp_path / "citations.docx"
    existing.write_bytes(b"previous")
    save_dialog_answers(monkeypatch, existing, "Document Word (*.docx)")  # the save dialog asked already
    chosen = []
    monkeypatch.setattr(area, "write_quotes", chosen.append)
    area.export_quotes()
    dialog = area.dialog
    dialog.browse_button.click()
    dialog.export_button.click()
    assert messages == [] and not dialog.isVisible()
    assert chosen[0].out == existing and chosen[0].wave_id is None and chosen[0].quotable_only is False

    area.export_quotes()  # typed rather than chosen: asked (and the recorded answer is yes)
    area.dialog.out_field.setText(str(existing))
    area.dialog.export_button.click()
    assert [kind for kind, _title, _text in messages] == ["question"] and len(chosen) == 2


def test_browse_adds_the_extension_of_the_file_type_chosen(area, tmp_path, monkeypatch):
    asked = save_dialog_answers(monkeypatch, tmp_path / "citations", "Fichier CSV, UTF-8 (*.csv)")
    area.export_quotes()
    dialog = area.dialog
    assert dialog.out_field.text().endswith(f"Tableau des citations – {TITLE}.docx")
    dialog.browse_button.click()
    assert dialog.out_field.text() == str(tmp_path / "citations.csv")
    assert asked[0][2].split(";;") == ["Document Word (*.docx)", "Classeur Excel (*.xlsx)",
                                       "Fichier CSV, UTF-8 (*.csv)"]
    dialog.reject()


# real exports, in the background ----------------------------------------------------------------------------
def test_the_report_is_written_through_the_dialog_in_the_background(demo_area, qtbot, tmp_path, monkeypatch):
    area = demo_area
    save_dialog_answers(monkeypatch, tmp_path / "sorties" / "rapport", "Document Word (*.docx)")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    area.export_report()
    dialog = area.dialog
    dialog.browse_button.click()
    dialog.export_button.click()
    assert not dialog.isVisible()
    # The job ends only once its ``finished`` signal is handled by the event loop, not yet run here.
    assert area.job is not None
    assert not area.busy_row.isHidden() and "rapport.docx" in area.busy_label.text()
    assert not any(button.isEnabled() for button in area.buttons.values())
    wait_for_export(qtbot, area)
    out = tmp_path / "sorties" / "rapport.docx"
    assert out.is_file() and zipfile.is_zipfile(out)
    document = open_docx(str(out))
    assert document.paragraphs and any(p.style.name.startswith("Heading") for p in document.paragraphs)
    assert enabled(area) == ALL_READY and area.busy_row.isHidden()
    assert area.notice is not None and area.notice.isVisible()
    assert area.notice.text() == f"rapport.docx est enregistré dans {out.parent}."
    area.open_button.click()
    assert opened == [str(out)]


def test_the_quote_table_is_written_as_the_extension_says(demo_area, qtbot, tmp_path, monkeypatch):
    area = demo_area
    area.export_quotes()
    dialog = area.dialog
    dialog.out_field.setText(str(tmp_path / "citations.xlsx"))
    dialog.wave_box.setCurrentIndex(1)
    dialog.quotable_box.setChecked(True)
    dialog.export_button.click()
    wait_for_export(qtbot, area)
    workbook = load_workbook(tmp_path / "citations.xlsx")
    assert workbook.sheetnames
    assert area.notice.text().startswith("citations.xlsx est enregistré")


def test_the_codebook_takes_the_format_of_the_file_type_chosen(area, qtbot, tmp_path, monkeypatch):
    asked = save_dialog_answers(monkeypatch, tmp_path / "livre", "Classeur Excel (*.xlsx)")
    area.export_codebook()
    assert asked[0][0] == "Enregistrer le livre de codes"
    assert asked[0][1] == str(tmp_path / "Documents" / "Terrain" / f"Livre de codes – {TITLE}.docx")
    wait_for_export(qtbot, area)
    rows = [row for sheet in load_workbook(tmp_path / "livre.xlsx") for row in sheet.iter_rows(values_only=True)]
    assert any("Appartenance" in [str(cell) for cell in row] for row in rows)

    save_dialog_answers(monkeypatch, tmp_path / "livre.csv", "Document Word (*.docx)")  # the extension typed wins
    area.export_codebook()
    wait_for_export(qtbot, area)
    with open(tmp_path / "livre.csv", encoding="utf-8-sig", newline="") as handle:
        assert "Appartenance" in handle.read()


def test_the_guide_is_written_into_the_output_folder_even_when_it_does_not_exist_yet(area, qtbot, tmp_path,
                                                                                         monkeypatch):
    out = tmp_path / "Documents" / "Terrain" / "guide.docx"
    save_dialog_answers(monkeypatch, out, "Document Word (*.docx)")
    area.export_guide()
    wait_for_export(qtbot, area)
    text = "\n".join(paragraph.text for paragraph in open_docx(str(out)).paragraphs)
    assert "Racontez-moi votre parcours." in text


def test_the_export_runs_on_its_own_thread_and_connection(area, qtbot, project, tmp_path):
    seen = {}

    def task(background):
        seen["thread"] = threading.get_ident()
        seen["same_connection"] = background is project or background.db is project.db
        seen["participants"] = background.participants.count()
        out = tmp_path / "essai.csv"
        out.write_text("ok", encoding="utf-8")
        return out

    assert area.run_export(tmp_path / "essai.csv", task)
    assert not area.run_export(tmp_path / "autre.csv", task)  # one at a time
    wait_for_export(qtbot, area)
    assert seen == {"thread": seen["thread"], "same_connection": False, "participants": 5}
    assert seen["thread"] != threading.get_ident()


# failures ----------------------------------------------------------------------------------------------------
def test_a_refusal_is_shown_with_its_message_and_the_buttons_come_back(area, qtbot, tmp_path, monkeypatch,
                                                                        messages):
    def refuse(project, out, **kwargs):
        raise DocumentError(f"{out}: the study has no interview guide to export yet.")

    monkeypatch.setattr("app.services.documents.export_guide", refuse)
    save_dialog_answers(monkeypatch, tmp_path / "guide.docx", "Document Word (*.docx)")
    area.export_guide()
    wait_for_export(qtbot, area)
    assert messages == [("critical", "Le document n’a pas été enregistré",
                         f"{tmp_path / 'guide.docx'}: the study has no interview guide to export yet.")]
    assert enabled(area) == ALL_READY and area.busy_row.isHidden() and area.notice is None
    assert not (tmp_path / "guide.docx").exists()


def test_a_place_that_cannot_be_written_is_named(area, qtbot, tmp_path, monkeypatch, messages):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    save_dialog_answers(monkeypatch, blocker / "sous-dossier" / "livre.docx", "Document Word (*.docx)")
    area.export_codebook()
    wait_for_export(qtbot, area)
    kind, title, text = messages[-1]
    assert kind == "critical" and str(blocker / "sous-dossier") in text and "Impossible d’écrire" in text
    assert enabled(area) == ALL_READY


def test_an_unexpected_error_becomes_a_message_not_a_crash(area, qtbot, tmp_path, messages):
    def broken(project):
        raise RuntimeError("disque plein simulé")

    area.run_export(tmp_path / "x.docx", broken)
    wait_for_export(qtbot, area)
    assert messages[-1][0] == "critical" and "disque plein simulé" in messages[-1][2]
    assert str(tmp_path / "x.docx") in messages[-1][2]
    assert enabled(area) == ALL_READY


def test_the_quote_table_keeps_only_authorised_quotes_when_asked(demo_area, demo, qtbot, tmp_path, messages):
    area = demo_area

    def export(name: str, authorised_only: bool) -> list[list[str]]:
        area.export_quotes()
        dialog = area.dialog
        dialog.out_field.setText(str(tmp_path / name))
        dialog.quotable_box.setChecked(authorised_only)
        dialog.export_button.click()
        wait_for_export(qtbot, area)
        assert messages == []
        with open(tmp_path / name, encoding="utf-8-sig", newline="") as handle:
            return list(csv.reader(handle))

    everything = export("tous.csv", False)
    authorised = export("autorisées.csv", True)
    code, quotable = everything[0].index("Code participant"), everything[0].index("Citable")
    refused = {row[0] for row in demo.db.execute(
        "SELECT p.code FROM participant p JOIN consent c ON c.participant_id = p.id WHERE NOT c.scope_quotes")}
    assert refused and 1 < len(authorised) < len(everything)
    assert {row[quotable] for row in everything[1:]} == {"Oui", "Non"}
    assert {row[quotable] for row in authorised[1:]} == {"Oui"}
    assert not {row[code] for row in authorised[1:]} & refused


def test_a_quote_table_without_extension_gets_the_proposed_type(demo_area, qtbot, tmp_path):
    area = demo_area
    area.export_quotes()
    dialog = area.dialog
    dialog.out_field.setText(str(tmp_path / "citations"))
    dialog.export_button.click()
    wait_for_export(qtbot, area)
    assert zipfile.is_zipfile(tmp_path / "citations.docx")
