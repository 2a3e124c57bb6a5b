"""The import dialog: the speakers of the chosen file with the roles proposed, confirmed, then stored."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.ui.transcripts.import_dialog import EXISTING_INTERVIEW, NEW_INTERVIEW, NO_INTERVIEW, ImportDialog

TEXT = ("Enquêtrice : Bonjour, est-ce que vous pouvez vous présenter ?\n"
        "Karim : Oui, je suis couvreur, depuis douze ans, dans la coopérative.\n"
        "Enquêtrice : Qu'est-ce qui a changé ?\n"
        "Karim : Je me sens moins seul.\n")


def dialog_for(qtbot, project, path=None) -> ImportDialog:
    dialog = ImportDialog(project, path=path)
    qtbot.addWidget(dialog)
    return dialog


def test_the_speakers_and_proposed_roles_are_shown_before_anything_is_written(qtbot, project, tmp_path):
    path = tmp_path / "entretien.txt"
    path.write_text(TEXT, encoding="utf-8")
    before = project.transcripts.count()
    dialog = dialog_for(qtbot, project, path)
    assert dialog.windowTitle() == "Importer une transcription"
    assert dialog.chosen_roles() == {"Enquêtrice": "interviewer", "Karim": "participant"}
    assert dialog.role_boxes["Karim"].currentText() == "participant·e"
    assert dialog.file_summary.text().startswith("Texte brut, UTF-8\u00a0:") and "4 tours de parole" in dialog.file_summary.text()
    assert "\u00a0%" in dialog.share_label.text()
    assert dialog.import_button.isEnabled() and dialog.attach_group.checkedId() == NO_INTERVIEW
    assert project.transcripts.count() == before


def test_changing_a_role_changes_the_share_shown_and_what_is_stored(qtbot, project, tmp_path):
    path = tmp_path / "entretien.txt"
    path.write_text(TEXT, encoding="utf-8")
    dialog = dialog_for(qtbot, project, path)
    shown = dialog.share_label.text()
    box = dialog.role_boxes["Karim"]
    box.setCurrentIndex(box.findData("interviewer"))
    assert dialog.share_label.text() != shown
    box = dialog.role_boxes["Enquêtrice"]
    box.setCurrentIndex(box.findData("third_party"))
    dialog.import_file()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert project.speakers_of(dialog.transcript_id) == {"Enquêtrice": "third_party", "Karim": "interviewer"}


def test_a_file_named_after_a_participant_goes_to_a_new_interview_of_theirs(qtbot, project, tmp_path):
    path = tmp_path / "P03 - entretien.txt"
    path.write_text(TEXT, encoding="utf-8")
    dialog = dialog_for(qtbot, project, path)
    assert dialog.attach_group.checkedId() == NEW_INTERVIEW
    assert dialog.participant_choice.currentData() == "P03"
    dialog.import_file()
    interview = project.interviews.get(project.transcripts.get(dialog.transcript_id).interview_id)
    assert project.participants.get(interview.participant_id).code == "P03"
    assert interview.status == "completed"


def test_attaching_to_an_existing_interview(qtbot, project, tmp_path):
    path = tmp_path / "entretien.txt"
    path.write_text(TEXT, encoding="utf-8")
    planned = project.interviews.first("status = 'planned'")
    dialog = dialog_for(qtbot, project, path)
    dialog.attach_to_interview(planned.id)
    assert dialog.attach_group.checkedId() == EXISTING_INTERVIEW
    assert dialog.interview_choice.isEnabled() and not dialog.participant_choice.isEnabled()
    dialog.import_file()
    assert project.transcripts.get(dialog.transcript_id).interview_id == planned.id


def test_withdrawn_participants_are_not_offered(qtbot, project):
    dialog = dialog_for(qtbot, project)
    codes = [dialog.participant_choice.itemData(index) for index in range(dialog.participant_choice.count())]
    assert "P05" not in codes and "P01" in codes
    assert not dialog.import_button.isEnabled()


def test_a_refused_file_is_explained_in_french_and_nothing_is_stored(qtbot, project, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    before = project.transcripts.count()
    dialog = dialog_for(qtbot, project, path)
    assert not dialog.error_label.isHidden()
    assert dialog.error_label.text().startswith("Impossible d’importer scan.pdf\u00a0: c’est un PDF")
    assert not dialog.import_button.isEnabled() and not dialog.speakers_box.isEnabled()
    dialog.import_file()
    assert dialog.result() != QDialog.DialogCode.Accepted and project.transcripts.count() == before


def test_a_second_import_of_the_same_file_is_refused_and_the_dialog_stays_open(qtbot, project, tmp_path):
    path = tmp_path / "entretien.txt"
    path.write_text(TEXT, encoding="utf-8")
    dialog_for(qtbot, project, path).import_file()
    again = dialog_for(qtbot, project, path)
    again.import_file()
    assert again.result() != QDialog.DialogCode.Accepted and again.transcript_id is None
    assert "déjà importé" in again.error_label.text()


def test_the_real_transcriber_file_in_the_dialog(qtbot, project, shared_data):
    dialog = dialog_for(qtbot, project, shared_data / "transcripts" / "fr" / "eslo1_ESLO1_INTPERS_419_C.trs")
    assert dialog.chosen_roles() == {"PB": "interviewer", "419PERS": "participant"}
    assert "ISO-8859-1" in dialog.file_summary.text()
    assert "19\u00a0%" in dialog.share_label.text() or "19\u202f%" in dialog.share_label.text()
