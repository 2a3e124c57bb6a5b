"""The preferences dialog: for now, the interface language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from app.i18n import LANGUAGES, _
from app.ui.settings import Settings

# Each language is named in itself, so that anyone can find their own.
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Preferences"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language_box = QComboBox()
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(LANGUAGES.index(settings.language))
        form.addRow(_("Interface language:"), self.language_box)
        layout.addLayout(form)
        note = QLabel(_("A change of language takes effect the next time Terrain starts."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.language = self.language_box.currentData()
        super().accept()
