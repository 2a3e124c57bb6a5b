"""The study's dialogs: their OK button stores what was typed through a design service, and the
dialog stays open with the service's reason, shown in the dialog itself, when it is refused."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.services.study_design import DesignError
from app.ui.codebook.saving_dialog import SavingDialog

ERROR_STYLE = "color: #b3261e;"


def error_label() -> QLabel:
    """A red line for a refusal, hidden while there is nothing to say."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setObjectName("designError")
    label.hide()
    return label


class DesignDialog(SavingDialog):
    """Subclasses fill ``body`` and implement ``save()``, which calls a service. A ``DesignError``
    (or a ``ValueError`` from reading a field) is shown above the buttons; nothing typed is lost."""

    refusals = (DesignError, ValueError)

    def __init__(self, title: str, ok_text: str, parent=None):
        super().__init__(None, title, ok_text, parent)
        self.error_label.setObjectName("designError")
        self.result_record = None

    def save(self):
        raise NotImplementedError

    def store(self) -> None:
        self.result_record = self.save()
