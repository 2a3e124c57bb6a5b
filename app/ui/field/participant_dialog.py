"""A new participant: a pseudonymous code, the attributes the quotas count, an identity kept
apart, and the consent if it is given right away."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.participants import Participant
from app.i18n import _
from app.services import participants as people
from app.store.project import Project
from app.ui.areas.base import muted, wrapped
from app.ui.field.consent import ERROR_STYLE, ConsentForm, latest_text_version
from app.ui.field.saving import FieldWrites


def choice_box(items: list[tuple[str, str]], editable: bool = True) -> QComboBox:
    """(label, stored value) pairs; an editable box also takes a value typed in."""
    box = QComboBox()
    box.setEditable(editable)
    for text, value in items:
        box.addItem(text, value)
    if editable:
        box.setCurrentIndex(-1)
        box.setEditText("")
    return box


def chosen_value(box: QComboBox) -> str:
    index = box.currentIndex()
    if index >= 0 and box.itemText(index) == box.currentText():
        return box.itemData(index) or ""
    return box.currentText().strip()


class NewParticipantDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.participant: Participant | None = None
        self.setWindowTitle(_("New participant"))
        self.writes = FieldWrites(project, self)
        self.writes.failed.connect(self.show_error)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.territory = QComboBox()
        for territory in project.territories.find(order_by="name"):
            self.territory.addItem(territory.name, territory.id)
        if not self.territory.count():
            self.territory.addItem(_("No territory"), None)
        self.territory.currentIndexChanged.connect(lambda _index: self.propose_code())
        form.addRow(_("Territory"), self.territory)
        self.code = QLineEdit()
        self.code.setToolTip(_("A pseudonymous code: never a name or initials."))
        self._code_typed = False
        self.code.textEdited.connect(lambda text: setattr(self, "_code_typed", bool(text.strip())))
        form.addRow(_("Code"), self.code)
        profiles = [(item.label, item.key) for item in people.profiles(project)]
        self.profile = choice_box(profiles, editable=not profiles)
        form.addRow(_("Profile"), self.profile)
        self.gender = choice_box(self._suggestions("gender", "gender"))
        form.addRow(_("Gender"), self.gender)
        self.age_band = choice_box(self._suggestions("age_band", "age_band"))
        form.addRow(_("Age band"), self.age_band)
        self.seniority = choice_box(self._suggestions(None, "seniority"))
        form.addRow(_("Seniority"), self.seniority)
        self.sector = QLineEdit()
        form.addRow(_("Sector"), self.sector)

        identity = QGroupBox(_("Real identity (optional)"))
        identity_layout = QVBoxLayout(identity)
        identity_layout.addWidget(muted(_(
            "Kept apart, in the identity store: never shown in lists, analysis, exports or field bundles. "
            "Screens show the code; a name is revealed only on request, and the request is logged.")))
        identity_form = QFormLayout()
        identity_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.full_name = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_("telephone or e-mail"))
        self.address = QLineEdit()
        identity_form.addRow(_("Name"), self.full_name)
        identity_form.addRow(_("Contact"), self.contact)
        identity_form.addRow(_("Address"), self.address)
        identity_layout.addLayout(identity_form)

        self.consent_box = QGroupBox(_("Record the consent now"))
        self.consent_box.setCheckable(True)
        self.consent_box.setChecked(False)
        consent_layout = QVBoxLayout(self.consent_box)
        consent_layout.addWidget(muted(_("Only if the consent text has been read out and the person agreed.")))
        self.consent_form = ConsentForm(latest_text_version(project))
        consent_layout.addWidget(self.consent_form)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addSpacing(8)
        left.addWidget(identity)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.consent_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        # Spacing set on the row would be inherited by the forms inside, spreading their rows apart.
        columns.addSpacing(24)
        columns.addLayout(right, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.addLayout(columns, 1)
        self.error_label = wrapped()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(_("Add the participant"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.propose_code()
        self.resize(960, 0)

    def _suggestions(self, kind: str | None, column: str) -> list[tuple[str, str]]:
        """The study's list for ``kind``, then the values already used by participants."""
        items = []
        if kind:
            items = [(item.label, item.key) for item in
                     self.project.vocabulary.find("kind = ?", [kind], order_by="position")]
        known = {value for _text, value in items}
        used = self.project.db.execute(
            f"SELECT DISTINCT {column} FROM participant WHERE {column} != '' ORDER BY {column}").fetchall()
        return items + [(value, value) for (value,) in used if value not in known]

    def propose_code(self) -> None:
        if self._code_typed:
            return
        code = self.writes.call(people.next_code, self.territory.currentData())
        if code:
            self.code.setText(code)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def add(self) -> None:
        if self.consent_box.isChecked():
            problem = self.consent_form.problem()
            if problem:
                self.show_error(problem)
                return
        self.participant = self.writes.call(self._add)
        if self.participant is not None:
            self.accept()

    def _add(self, project: Project) -> Participant:
        # The participant and the consent land together, or neither does.
        with project.transaction():
            participant = people.add_participant(
                project, self.code.text(), self.territory.currentData(), chosen_value(self.profile),
                gender=chosen_value(self.gender), age_band=chosen_value(self.age_band),
                seniority=chosen_value(self.seniority), sector=self.sector.text().strip(),
                full_name=self.full_name.text(), contact=self.contact.text(), address=self.address.text())
            if self.consent_box.isChecked():
                people.record_consent(project, participant.id, **self.consent_form.values())
        return participant
