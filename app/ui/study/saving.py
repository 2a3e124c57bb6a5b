"""A dialog whose OK button stores what was typed through a design service, and stays open with
the service's reason, shown in the dialog itself, when it is refused."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from app.i18n import _
from app.services.study_design import DesignError
from app.ui.areas.base import SPACING

ERROR_STYLE = "color: #b3261e;"


def error_label() -> QLabel:
    """A red line for a refusal, hidden while there is nothing to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setObjectName("designError")
    label.hide()
    return label


class DesignDialog(QDialog):
    """Subclasses fill ``body`` and implement ``save()``, which calls a service. A ``DesignError``
    (or a ``ValueError`` from reading a field) is shown above the buttons; nothing typed is lost."""

    def __init__(self, title: str, ok_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 16)
        outer.setSpacing(SPACING)
        self.body = QVBoxLayout()
        self.body.setSpacing(SPACING)
        outer.addLayout(self.body, 1)
        self.error_label = error_label()
        outer.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.result_record = None

    def save(self):
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def accept(self) -> None:
        try:
            self.result_record = self.save()
        except (DesignError, ValueError) as error:
            self.show_error(str(error))
            return
        super().accept()
