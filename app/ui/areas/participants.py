"""Participants by code, their consent, and the achieved sample against the quotas.

Real names stay in the identity store; one is shown only when someone asks for it, after a
confirmation, and the request is written to the audit log.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QStyle, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.store import views
from app.store.project import Project
from app.ui.areas.base import Area, fit_columns, heading, make_table, muted, selected_row, split
from app.ui.models.participants import QuotaModel, ParticipantModel


SECTOR_COLUMN = 8


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
        self.summary_label = muted()
        bar.addWidget(self.summary_label, 1)
        self.reveal_button = QPushButton(_("Reveal identity…"))
        self.reveal_button.setToolTip(_("Show the real name behind the selected code, after a confirmation."))
        self.reveal_button.setEnabled(False)
        self.reveal_button.clicked.connect(self.reveal_identity)
        bar.addWidget(self.reveal_button)
        top_layout.addLayout(bar)
        self.model = ParticipantModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_args: self.reveal_button.setEnabled(selected_row(self.view) is not None)
        )
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
        self.quota_model = QuotaModel()
        self.quota_view = make_table(self.quota_model)
        bottom_layout.addWidget(self.quota_view)

        self.body.addWidget(split(Qt.Orientation.Vertical, (top, 3), (bottom, 2)), 1)

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
        self.quota_model.set_rows(views.quota_rows(project.db))
        if not self.quota_model.rowCount():
            self.quota_view.setToolTip(_("No quota set for this study."))
        fit_columns(self.view, stretch=(SECTOR_COLUMN,))
        fit_columns(self.quota_view)
        self.reveal_button.setEnabled(False)

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
