"""Participants area in field mode: adding people (identity kept apart), consent, withdrawal
and erasure, with the quotas read again after each change."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from app.i18n import _
from app.services import participants as people
from app.ui.field.consent import ConsentDialog
from app.ui.field.participant_dialog import NewParticipantDialog
from app.ui.field.withdrawal import EraseDialog
from app.ui.models.base import WARNING_BACKGROUND
from app.ui.models.participants import REMAINING_COLUMN, QuotaModel

SECRET = "Odile Vérité-Secrète"
SUMMARY_AFTER_WITHDRAWAL = "5 participant·e·s, dont 2 se sont retiré·e·s."


def when_modal(handle) -> None:
    """Run ``handle(dialog)`` on the next modal dialog, from inside its exec()."""
    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
        else:
            handle(dialog)
    QTimer.singleShot(0, poll)


def every_text_in_models(window) -> str:
    texts = []
    for area in window.areas:
        for model in [value for value in vars(area).values() if isinstance(value, QAbstractItemModel)]:
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        texts.append(str(model.index(row, column).data(role)))
    return "\n".join(texts)


def label_texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def participants_area(window):
    window.show_area("participants")
    return window.area("participants")


def test_new_participant_with_identity_kept_apart_and_consent(window, project, qtbot):
    area = participants_area(window)
    nord = project.territories.first("code = 'NORD'")

    def fill(dialog: NewParticipantDialog):
        dialog.territory.setCurrentIndex(dialog.territory.findData(nord.id))
        assert dialog.code.text() == "NORD-01"
        dialog.profile.setCurrentIndex(dialog.profile.findData("staff"))
        dialog.gender.setCurrentIndex(dialog.gender.findData("f"))
        dialog.sector.setText("Maraîchage")
        dialog.full_name.setText(SECRET)
        dialog.contact.setText("odile@example.org")
        dialog.consent_box.setChecked(True)
        dialog.consent_form.scopes["recording"].setChecked(True)
        dialog.add_button.click()

    when_modal(fill)
    area.add_participant()
    added = project.participants.first("code = 'NORD-01'")
    assert (added.profile, added.gender, added.sector, added.territory_id) == ("staff", "f", "Maraîchage", nord.id)
    assert project.identities.reveal(added.id).full_name == SECRET
    consent = people.current_consent(project, added.id)
    assert consent.allows("interview") and consent.allows("recording") and not consent.allows("quotes")
    # The list shows the new code, selected, and never the name anywhere in the window's models.
    assert area.model.rowCount() == 6 and "6 participant·e·s" in area.summary_label.text()
    assert area.view.model().index(area.view.currentIndex().row(), 0).data() == "NORD-01"
    assert SECRET not in every_text_in_models(window)
    assert "odile@" not in every_text_in_models(window)


def test_a_duplicate_code_shows_the_services_message(project, qtbot):
    dialog = NewParticipantDialog(project)
    qtbot.addWidget(dialog)
    dialog.code.setText("P01")
    dialog._code_typed = True
    dialog.add_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.participant is None
    assert dialog.error_label.text() == str(people.DuplicateCodeError("P01"))
    assert "porte déjà le code P01" in dialog.error_label.text()
    assert project.participants.count("code = 'P01'") == 1


def test_consent_by_a_representative_needs_the_relation(project, qtbot):
    participant = people.add_participant(project, "DROME-09", None, "entrepreneur")
    dialog = ConsentDialog(project, participant.id)
    qtbot.addWidget(dialog)
    assert "Aucun consentement n’est encore enregistré." in label_texts(dialog)
    form = dialog.form
    form.by_representative.setChecked(True)
    form.method.setCurrentIndex(form.method.findData("witnessed"))
    dialog.record()
    assert dialog.error_label.text() == _(
        "Say who gave consent on the participant's behalf (for example: daughter, legal guardian).")
    assert people.current_consent(project, participant.id) is None
    form.relation.setText("fille, aidante")
    form.retention.setValue(24)
    form.text_version.setText("v2")
    dialog.record()
    consent = people.current_consent(project, participant.id)
    assert (consent.given_by, consent.representative_relation, consent.method) == (
        "representative", "fille, aidante", "witnessed")
    assert (consent.retention_months, consent.text_version) == (24, "v2")


def test_withdrawal_asks_then_leaves_the_analysis(window, project, messages):
    window.show_area("analysis")
    cards = window.area("analysis").cards
    assert cards["completed_interviews"].number.text() == "2"
    area = participants_area(window)
    assert area.select_code("P01")
    area.withdraw_button.click()
    kind, _title, text = messages[-1]
    assert kind == "question" and "P01" in text and "effacement" in text
    assert project.participants.first("code = 'P01'").is_withdrawn
    assert area.summary_label.text() == SUMMARY_AFTER_WITHDRAWAL
    assert not area.withdraw_button.isEnabled() and area.erase_button.isEnabled()
    window.show_area("analysis")
    assert cards["completed_interviews"].number.text() == "1"
    assert cards["participants"].number.text() == "3"


def test_erasure_requires_the_code_typed(window, project, qtbot):
    dialog = EraseDialog("P02")
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    assert "irréversible" in label_texts(dialog) and "tapez le code P02\u00a0:" in label_texts(dialog)
    qtbot.keyClicks(dialog.confirmation, "P0")
    assert not dialog.erase_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.confirmation, "2")
    assert dialog.erase_button.isEnabled()

    area = participants_area(window)
    area.select_code("P02")
    when_modal(lambda erase: (qtbot.keyClicks(erase.confirmation, "P02"), erase.erase_button.click()))
    area.erase_button.click()
    assert project.participants.count("code = 'P02'") == 0
    assert area.model.rowCount() == 4 and not area.erase_button.isEnabled()
    logged = project.audit_log.first("action = 'participant_erased'")
    assert logged.detail == {"code": "P02"}


def test_cancelled_erasure_keeps_everything(window, project):
    area = participants_area(window)
    area.select_code("P03")
    when_modal(lambda erase: erase.reject())
    area.erase_button.click()
    assert project.participants.count("code = 'P03'") == 1


def test_quotas_show_what_is_still_missing(window, project, qtmodeltester):
    area = participants_area(window)
    model: QuotaModel = area.quota_model
    qtmodeltester.check(model)
    remaining = [model.index(row, REMAINING_COLUMN) for row in range(model.rowCount())]
    assert all(index.data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND
               for index in remaining if int(index.data()) > 0)
    assert "Reste à recruter" in area.recruitment_label.text()
    before = area.recruitment_label.text()
    people.add_participant(project, "NORD-20", project.territories.first("code = 'NORD'").id, "entrepreneur")
    area.load(project)
    assert area.recruitment_label.text() != before


def test_english_labels(qapp, project, qtbot):
    from app.ui.translations import apply_language

    apply_language(qapp, "en")
    dialog = NewParticipantDialog(project)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New participant"
    assert dialog.add_button.text() == "Add the participant"
    assert _("Erase for good…") == "Erase for good…"
