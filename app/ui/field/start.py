"""Start an interview: choose the participant (consent is checked by the service), the
interviewer, the wave, the place and the mode."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.interviews import INTERVIEW_MODES, Interview
from app.i18n import _
from app.services import fieldwork
from app.store import views
from app.store.project import Project
from app.ui.areas.base import fit_columns, make_table, muted, selected_row, wrapped
from app.ui.field.consent import ERROR_STYLE
from app.ui.field.saving import FieldWrites
from app.ui.labels import MODES, label
from app.ui.models.participants import ParticipantModel


class StartInterviewDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        self.interview: Interview | None = None
        self.setWindowTitle(_("Start an interview"))
        self.resize(980, 620)
        self.writes = FieldWrites(project, self)
        self.writes.failed.connect(self.show_error)
        layout = QVBoxLayout(self)
        layout.addWidget(muted(_("Choose the participant. An interview can start only once their consent to the "
                                 "interview is recorded.")))
        self.model = ParticipantModel()
        self.model.set_rows(row for row in views.participant_rows(project.db) if not row.withdrawn)
        self.view = make_table(self.model)
        self.view.doubleClicked.connect(lambda _index: self.start())
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self.show_error(""))
        fit_columns(self.view, stretch=(8,))
        layout.addWidget(self.view, 1)

        form = QFormLayout()
        self.interviewer = QComboBox()
        self.interviewer.addItem(_("Not stated"), None)
        for interviewer in project.interviewers.find(order_by="name"):
            self.interviewer.addItem(interviewer.name, interviewer.id)
        form.addRow(_("Interviewer"), self.interviewer)
        self.wave = QComboBox()
        for wave in project.waves.find(order_by="position"):
            self.wave.addItem(wave.label, wave.id)
        if not self.wave.count():
            self.wave.addItem(_("Not stated"), None)
        self.wave.setCurrentIndex(self.wave.count() - 1)
        form.addRow(_("Wave"), self.wave)
        self.place = QLineEdit()
        self.place.setPlaceholderText(_("for example: at the participant's workshop"))
        form.addRow(_("Place"), self.place)
        self.mode = QComboBox()
        for mode in INTERVIEW_MODES:
            self.mode.addItem(label(MODES, mode), mode)
        form.addRow(_("Mode"), self.mode)
        layout.addLayout(form)
        self.error_label = wrapped()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(_("Start the interview"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.view.setFocus()

    def select_code(self, code: str) -> bool:
        proxy = self.view.model()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data() == code:
                self.view.selectRow(row)
                return True
        return False

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def start(self) -> None:
        row = selected_row(self.view)
        if row is None:
            self.show_error(_("Choose a participant first."))
            return
        self.interview = self.writes.call(
            fieldwork.start_interview, row.id, interviewer_id=self.interviewer.currentData(),
            wave_id=self.wave.currentData(), place=self.place.text().strip(), mode=self.mode.currentData())
        if self.interview is not None:
            self.accept()
