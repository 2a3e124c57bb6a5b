"""The two ways a participant leaves a study: withdrawal (data leaves analysis now, kept in the
file) and erasure (deleted for good, confirmed by typing the code)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from app.i18n import _
from app.ui.areas.base import heading, wrapped


def confirm_withdrawal(parent: QWidget | None, code: str) -> bool:
    answer = QMessageBox.question(
        parent, _("Withdraw a participant"),
        _("Withdraw {code} from the study? Their interviews, notes, transcripts and answers disappear from the "
          "analysis and the exports now, and their consent is marked as withdrawn. The data stays in the project "
          "file until you erase it, which is a separate step.").format(code=code),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class EraseDialog(QDialog):
    """Asks for the code, typed in full, before anything is deleted."""

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.setWindowTitle(_("Erase a participant for good"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Erase {code} for good?").format(code=code), 2))
        layout.addWidget(wrapped(_(
            "This deletes the participant, their identity, consent, interviews, notes, transcripts, codings and "
            "questionnaire answers from this project. It cannot be undone. The project's log keeps only the code "
            "and the date.")))
        layout.addWidget(wrapped(_("To confirm, type the code {code}:").format(code=code)))
        self.confirmation = QLineEdit()
        self.confirmation.setPlaceholderText(code)
        layout.addWidget(self.confirmation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.erase_button.setText(_("Erase for good"))
        self.erase_button.setEnabled(False)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.confirmation.textChanged.connect(lambda text: self.erase_button.setEnabled(self.confirmed()))
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def confirmed(self) -> bool:
        return self.confirmation.text().strip() == self.code

    def accept(self) -> None:
        if self.confirmed():
            super().accept()
