"""Participants by code, their consent, and the achieved sample against the quotas.

Real names stay in the identity store; one is shown only when someone asks for it, after a
confirmation, and the request is written to the audit log. New participants, consent,
withdrawal and erasure go through the participants service; the quota table is read again
after each change, so the profiles still missing stay in view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QStyle, QVBoxLayout, QWidget

from app.core.summaries import ParticipantRow, QuotaRow
from app.i18n import N_, _, ngettext
from app.services import participants as people
from app.store import views
from app.store.project import Project
from app.ui.areas.base import Area, fit_columns, heading, make_table, muted, selected_row, split
from app.ui.field.consent import ConsentDialog
from app.ui.field.participant_dialog import NewParticipantDialog
from app.ui.field.withdrawal import EraseDialog, confirm_withdrawal
from app.ui.models.participants import QuotaModel, ParticipantModel

SECTOR_COLUMN = 8


def recruitment_text(rows: list[QuotaRow]) -> str:
    """Which quotas still need people, in a sentence the interviewer can act on."""
    short = [row for row in rows if row.recruited < row.target]
    if not short:
        to_interview = sum(max(row.target - row.interviewed, 0) for row in rows)
        if not to_interview:
            return _("Every quota is reached.")
        return ngettext("Recruitment is complete; {n} interview is still to be held.",
                        "Recruitment is complete; {n} interviews are still to be held.", to_interview).format(
            n=to_interview)
    parts = [_("{territory} · {profile} ({n} more)").format(
        territory=row.territory or _("All territories"), profile=row.profile or _("All profiles"),
        n=row.target - row.recruited) for row in short]
    return _("Still to recruit: {quotas}.").format(quotas=", ".join(parts))


class ParticipantsArea(Area):
    key = "participants"
    title = N_("Participants")
    subtitle = N_("Participants appear by their code only; real names are kept apart.")
    icon = QStyle.StandardPixmap.SP_DirHomeIcon

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: Project | None = None
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.add_button = self._button(_("Add a participant…"), self.add_participant,
                                       _("A new participant with a pseudonymous code, and their consent if given."))
        self.consent_button = self._button(_("Consent…"), self.record_consent,
                                           _("Record the consent of the selected participant."))
        self.withdraw_button = self._button(_("Withdraw…"), self.withdraw,
                                            _("The participant's data leaves the analysis and the exports now."))
        self.erase_button = self._button(_("Erase for good…"), self.erase,
                                         _("Delete the participant and everything recorded about them."))
        self.reveal_button = self._button(_("Reveal identity…"), self.reveal_identity,
                                          _("Show the real name behind the selected code, after a confirmation."))
        for button in (self.add_button, self.consent_button, self.withdraw_button, self.erase_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.reveal_button)
        top_layout.addLayout(bar)
        self.summary_label = muted()
        top_layout.addWidget(self.summary_label)
        self.model = ParticipantModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        top_layout.addWidget(self.view)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 8, 0, 0)
        bottom_layout.addWidget(heading(_("Achieved sample and quotas"), 2))
        bottom_layout.addWidget(
            muted(
                _(
                    "Interviewed counts active participants with a completed interview; recruited counts them "
                    "all. Withdrawn participants are not counted."
                )
            )
        )
        self.recruitment_label = muted()
        bottom_layout.addWidget(self.recruitment_label)
        self.quota_model = QuotaModel()
        self.quota_view = make_table(self.quota_model)
        bottom_layout.addWidget(self.quota_view)

        self.body.addWidget(split(Qt.Orientation.Vertical, (top, 3), (bottom, 2)), 1)
        self._update_buttons()

    def _button(self, text: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def load(self, project: Project) -> None:
        self._project = project
        rows = views.participant_rows(project.db)
        self.model.set_rows(rows)
        withdrawn = sum(row.withdrawn for row in rows)
        text = ngettext("{n} participant", "{n} participants", len(rows)).format(n=len(rows))
        if withdrawn:
            text = ngettext("{total}, {n} of whom withdrew", "{total}, {n} of whom withdrew", withdrawn).format(
                total=text, n=withdrawn
            )
        self.summary_label.setText(text + "." if rows else _("No participant yet."))
        quotas = views.quota_rows(project.db)
        self.quota_model.set_rows(quotas)
        self.recruitment_label.setText(recruitment_text(quotas) if quotas else _("No quota set for this study."))
        if not self.quota_model.rowCount():
            self.quota_view.setToolTip(_("No quota set for this study."))
        fit_columns(self.view, stretch=(SECTOR_COLUMN,))
        fit_columns(self.quota_view)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row: ParticipantRow | None = selected_row(self.view)
        for button in (self.consent_button, self.withdraw_button):
            button.setEnabled(row is not None and not row.withdrawn)
        self.erase_button.setEnabled(row is not None)
        self.reveal_button.setEnabled(row is not None)
        self.add_button.setEnabled(self._project is not None)

    def select_code(self, code: str) -> bool:
        proxy = self.view.model()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data() == code:
                self.view.selectRow(row)
                return True
        return False

    def _reload(self, code: str | None = None) -> None:
        """Read the project again after a change, keep the selection, and tell the window."""
        self.load(self._project)
        if code:
            self.select_code(code)
        self.changed.emit()

    # actions -----------------------------------------------------------------------------------
    def add_participant(self) -> None:
        if self._project is None:
            return
        dialog = NewParticipantDialog(self._project, self)
        if dialog.exec() and dialog.participant is not None:
            self._reload(dialog.participant.code)

    def record_consent(self) -> None:
        row = selected_row(self.view)
        if row is None or self._project is None:
            return
        if ConsentDialog(self._project, row.id, self).exec():
            self._reload(row.code)

    def withdraw(self) -> None:
        row = selected_row(self.view)
        if row is None or self._project is None or not confirm_withdrawal(self, row.code):
            return
        try:
            people.withdraw(self._project, row.id)
        except (LookupError, ValueError) as error:
            QMessageBox.critical(self, _("Withdraw a participant"), str(error))
            return
        self._reload(row.code)

    def erase(self) -> None:
        row = selected_row(self.view)
        if row is None or self._project is None:
            return
        if not EraseDialog(row.code, self).exec():
            return
        try:
            people.erase(self._project, row.id)
        except (LookupError, ValueError) as error:
            QMessageBox.critical(self, _("Erase a participant for good"), str(error))
            return
        self._reload()

    def reveal_identity(self) -> None:
        row = selected_row(self.view)
        if row is None or self._project is None:
            return
        answer = QMessageBox.question(
            self,
            _("Reveal identity"),
            _(
                "Show the real name of participant {code}? Do it only if you need it (for example to "
                "contact the person); the request is recorded in the project's log."
            ).format(code=row.code),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        identity = self._project.identities.reveal(row.id)
        self._project.audit("identity_revealed", entity="participant", entity_id=row.id)
        if identity is None or not identity.full_name:
            message = _("No identity is recorded for participant {code}.").format(code=row.code)
        else:
            message = _("Participant {code}: {name}").format(code=row.code, name=identity.full_name)
            if identity.contact:
                message += "\n" + _("Contact: {contact}").format(contact=identity.contact)
        QMessageBox.information(self, _("Identity"), message)
