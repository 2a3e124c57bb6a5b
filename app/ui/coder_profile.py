"""Who is coding: the coder profile chosen when coding starts, remembered per project.

Every coding carries its coder, and agreement between two coders depends on it, so the choice is
explicit: the first time the Coding area opens in a project, Terrain asks; afterwards it uses the
profile last chosen there and says so, with a button to change it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.coding import Coder
from app.i18n import _
from app.services import coders as coder_service
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.settings import Settings

CODER_ROLE = Qt.ItemDataRole.UserRole


class CoderProfileForm(QWidget):
    """Choose an existing coder profile or create one; ``chosen`` is emitted with the profile."""

    chosen = Signal(object)  # a Coder

    def __init__(self, project: Project, suggested: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.project = project
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(muted(_("Every coding carries its coder, so that two coders' work can be compared. "
                                 "Choose your profile for this project.")))
        existing = coder_service.coders(project)
        self.existing_button = QRadioButton(_("An existing profile"))
        self.new_button = QRadioButton(_("A new profile"))
        self.list = QListWidget()
        for coder in existing:
            label = f"{coder.name} ({coder.initials})" if coder.initials else coder.name
            item = QListWidgetItem(label)
            item.setData(CODER_ROLE, coder.id)
            self.list.addItem(item)
            if coder.name == suggested:
                self.list.setCurrentItem(item)
        if existing and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.choose())
        self.list.setMaximumHeight(160)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("First name and last name"))
        self.initials_edit = QLineEdit()
        self.initials_edit.setMaxLength(3)
        self.initials_edit.setPlaceholderText(_("Filled in from the name"))
        form = QFormLayout()
        form.addRow(_("Name"), self.name_edit)
        form.addRow(_("Initials"), self.initials_edit)
        if existing:
            layout.addWidget(self.existing_button)
            layout.addWidget(self.list)
            layout.addWidget(self.new_button)
        else:
            layout.addWidget(QLabel(_("No coder profile exists yet in this project: create yours.")))
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.name_edit.textEdited.connect(lambda _text: self.new_button.setChecked(True))
        self.list.currentRowChanged.connect(lambda _row: self.existing_button.setChecked(True))
        (self.existing_button if existing else self.new_button).setChecked(True)
        self.existing_button.setVisible(bool(existing))
        self.new_button.setVisible(bool(existing))

    def choose(self) -> Coder | None:
        """The profile chosen (created if new), emitted with ``chosen``; None and a message if refused."""
        if self.new_button.isChecked():
            try:
                coder = coder_service.add_coder(self.project, self.name_edit.text(), self.initials_edit.text())
            except coder_service.CoderError as error:
                self.error.setText(str(error))
                self.error.show()
                return None
        else:
            item = self.list.currentItem()
            if item is None:
                return None
            coder = self.project.coders.get(item.data(CODER_ROLE))
        self.error.hide()
        self.chosen.emit(coder)
        return coder


class CoderProfileDialog(QDialog):
    """The form in a dialog, to change profile; ``chosen`` holds the result once accepted."""

    def __init__(self, project: Project, suggested: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.chosen: Coder | None = None
        self.setWindowTitle(_("Who is coding?"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.form = CoderProfileForm(project, suggested)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Start coding"))
        buttons.accepted.connect(self.form.choose)
        buttons.rejected.connect(self.reject)
        self.form.chosen.connect(self._take)
        layout.addWidget(buttons)

    def _take(self, coder: Coder) -> None:
        self.chosen = coder
        self.accept()


def current_coder(project: Project, settings: Settings, parent: QWidget | None = None,
                  ask: bool = False) -> Coder | None:
    """The coder profile for ``project``: the one remembered, else (or when ``ask``) the person's choice."""
    remembered = coder_service.coder_named(project, settings.coder_for(project.path))
    if remembered is not None and not ask:
        return remembered
    dialog = CoderProfileDialog(project, remembered.name if remembered else "", parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
        return remembered
    settings.set_coder_for(project.path, dialog.chosen.name)
    return dialog.chosen


def refuse(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, _("Coding"), message)
