"""Informed consent: the form (date, how, who, scopes, retention, text version) and its dialog."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.participants import Consent
from app.i18n import N_, _
from app.services import participants as people
from app.store.project import Project
from app.ui.areas.base import muted, wrapped
from app.ui.field.saving import FieldWrites
from app.ui.formatting import format_date
from app.ui.labels import CONSENT_METHODS, CONSENT_SCOPES, label

SCOPE_CHOICES = {
    "interview": N_("The interview itself"),
    "recording": N_("An audio recording"),
    "quotes": N_("Verbatim quotes, pseudonymised, in reports"),
}
ERROR_STYLE = "color: #a33a1f;"


def latest_text_version(project: Project) -> str:
    consent = project.consents.first("text_version != ''", order_by="created_at DESC")
    return consent.text_version if consent else ""


def consent_summary(consent: Consent | None) -> str:
    if consent is None:
        return _("No consent is recorded yet.")
    scopes = [label(CONSENT_SCOPES, scope) for scope in ("interview", "recording", "quotes") if consent.allows(scope)]
    return _("Current consent: given on {date} for: {scopes}.").format(
        date=format_date(consent.given_on), scopes=", ".join(scopes) or _("no scope given"))


class ConsentForm(QWidget):
    def __init__(self, text_version: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.given_on = QDateEdit(QDate.currentDate())
        self.given_on.setCalendarPopup(True)
        self.given_on.setMaximumDate(QDate.currentDate().addDays(1))
        form.addRow(_("Given on"), self.given_on)
        self.method = QComboBox()
        for key, text in CONSENT_METHODS.items():
            self.method.addItem(_(text), key)
        form.addRow(_("How"), self.method)
        self.by_participant = QRadioButton(_("The participant"))
        self.by_representative = QRadioButton(_("A legal representative or a carer"))
        self.by_participant.setChecked(True)
        givers = QButtonGroup(self)
        givers.addButton(self.by_participant)
        givers.addButton(self.by_representative)
        who = QVBoxLayout()
        who.addWidget(self.by_participant)
        who.addWidget(self.by_representative)
        self.relation = QLineEdit()
        self.relation.setPlaceholderText(_("Their relation to the participant (daughter, legal guardian…)"))
        self.relation.setEnabled(False)
        self.by_representative.toggled.connect(self.relation.setEnabled)
        who.addWidget(self.relation)
        form.addRow(_("Given by"), who)
        self.scopes: dict[str, QCheckBox] = {}
        scope_box = QVBoxLayout()
        for key, text in SCOPE_CHOICES.items():
            check = QCheckBox(_(text))
            check.setChecked(key == "interview")
            scope_box.addWidget(check)
            self.scopes[key] = check
        form.addRow(_("Agreed to"), scope_box)
        self.retention = QSpinBox()
        self.retention.setRange(0, 240)
        self.retention.setSpecialValueText(_("not stated"))
        self.retention.setSuffix(_(" months"))
        self.retention.setValue(36)
        retention_row = QHBoxLayout()
        retention_row.addWidget(self.retention)
        retention_row.addStretch(1)
        form.addRow(_("Data kept for"), retention_row)
        self.text_version = QLineEdit(text_version)
        self.text_version.setPlaceholderText(_("for example v1.2"))
        form.addRow(_("Consent text read"), self.text_version)

    def problem(self) -> str:
        """What must be fixed before the consent can be recorded, or ""."""
        if not any(check.isChecked() for check in self.scopes.values()):
            return _("Tick at least one thing the person agreed to.")
        if self.by_representative.isChecked() and not self.relation.text().strip():
            return _("Say who gave consent on the participant's behalf (for example: daughter, legal guardian).")
        return ""

    def values(self) -> dict:
        return dict(
            given_on=self.given_on.date().toString("yyyy-MM-dd"),
            method=self.method.currentData(),
            given_by="representative" if self.by_representative.isChecked() else "participant",
            representative_relation=self.relation.text().strip() if self.by_representative.isChecked() else "",
            scopes=tuple(key for key, check in self.scopes.items() if check.isChecked()),
            retention_months=self.retention.value() or None,
            text_version=self.text_version.text().strip(),
        )


class ConsentDialog(QDialog):
    def __init__(self, project: Project, participant_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.participant_id = participant_id
        code = project.participants.get(participant_id).code
        self.setWindowTitle(_("Consent of {code}").format(code=code))
        self.writes = FieldWrites(project, self)
        self.writes.failed.connect(self.show_error)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(consent_summary(people.current_consent(project, participant_id))))
        layout.addWidget(wrapped(_("Record the consent as the person gave it, after the consent text was read out. "
                                   "A new record replaces the previous one.")))
        self.form = ConsentForm(latest_text_version(project))
        layout.addWidget(self.form)
        self.error_label = wrapped()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Record the consent"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.consent: Consent | None = None

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def record(self) -> None:
        problem = self.form.problem()
        if problem:
            self.show_error(problem)
            return
        self.consent = self.writes.call(people.record_consent, self.participant_id, **self.form.values())
        if self.consent is not None:
            self.accept()
