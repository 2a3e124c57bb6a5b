"""A dialog whose OK button stores what was chosen, and stays open with the reason when refused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

from app.i18n import _
from app.services.codebook import CodebookError
from app.ui.areas.base import SPACING


class SavingDialog(QDialog):
    """Subclasses fill ``body`` and give ``values()``; ``save(values)`` stores them. A refusal
    (one of ``refusals``) is shown above the buttons, so that nothing typed or ticked is lost.
    A subclass may instead override ``store()`` and pass no ``save``."""

    refusals: tuple[type[Exception], ...] = (CodebookError,)

    def __init__(self, save: Callable[[object], object] | None, title: str, ok_text: str, parent=None):
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 18, 20, 16)
        outer.setSpacing(SPACING)
        self.body = QVBoxLayout()
        self.body.setSpacing(SPACING)
        outer.addLayout(self.body, 1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def values(self) -> object:
        raise NotImplementedError

    def store(self) -> None:
        self._save(self.values())

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def accept(self) -> None:
        try:
            self.store()
        except self.refusals as error:
            self.show_error(str(error))
            return
        super().accept()
