"""What every export dialog shares: a form, the file to write with « Parcourir… », and a check of
that file before the dialog closes.

The dialog only gathers choices; the Export area writes the document once it is accepted. A
choice that cannot work (no file name, a folder in place of a file) is said above the buttons and
the dialog stays open, so that nothing chosen is lost.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.store.project import Project
from app.ui.areas.base import SPACING, heading, wrapped
from app.ui.export.names import file_filter, suffix_of_filter, with_suffix

ERROR_STYLE = "color: #b3261e;"


def wave_box(project: Project) -> QComboBox:
    """« Toutes les vagues » then each wave in its order; the item data is the wave id or None."""
    box = QComboBox()
    box.addItem(_("All waves"), None)
    for wave in project.waves.find(order_by="position, label"):
        box.addItem(wave.label, wave.id)
    return box


class ExportDialog(QDialog):
    """A form (``form``) above the output file; ``out`` is the checked file once accepted."""

    def __init__(self, title: str, suffixes: tuple[str, ...], proposed: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.suffixes = suffixes
        self.preferred_suffix = proposed.suffix if proposed.suffix in suffixes else suffixes[0]
        self.out: Path | None = None
        self._replace_agreed: Path | None = None  # the save dialog already asked about this file

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.out_field = QLineEdit()
        self.out_field.setMinimumWidth(520)
        self.out_field.textChanged.connect(self.out_field.setToolTip)  # the whole path, when it is long
        self.out_field.textEdited.connect(lambda _text: self.show_error(""))
        self.browse_button = QPushButton(_("Browse…"))
        self.browse_button.clicked.connect(self.browse)
        out_row = QHBoxLayout()
        out_row.setSpacing(8)
        out_row.addWidget(self.out_field, 1)
        out_row.addWidget(self.browse_button)

        self.error_label = wrapped()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(SPACING)
        layout.addWidget(heading(title, 2))
        self.intro = QVBoxLayout()  # for a subclass's one-line explanation
        layout.addLayout(self.intro)
        layout.addLayout(self.form)
        self._out_row = out_row
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self.set_output(proposed)

    def add_output_row(self) -> None:
        """Put the file row last in the form; subclasses call it after their own rows."""
        self.form.addRow(_("File"), self._out_row)

    # the output file ----------------------------------------------------------------------------
    def browse(self) -> None:
        current = self.out_field.text().strip()
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), current, file_filter(self._suffixes_current_first()))
        if not chosen:
            return
        self.preferred_suffix = suffix_of_filter(chosen_filter, self.suffixes)
        path = with_suffix(Path(chosen), self.suffixes, self.preferred_suffix)
        if path == Path(chosen):
            self._replace_agreed = path
        self.set_output(path)

    def set_output(self, path: Path) -> None:
        self.out_field.setText(str(path))
        self.out_field.setCursorPosition(0)  # a long path shows its folder first; the tooltip has all of it
        self.show_error("")

    def _suffixes_current_first(self) -> tuple[str, ...]:
        """The save dialog opens on the type of the file named in the field."""
        current = Path(self.out_field.text().strip()).suffix.lower()
        first = current if current in self.suffixes else self.preferred_suffix
        return (first, *(suffix for suffix in self.suffixes if suffix != first))

    def checked_output(self) -> Path | None:
        """The file to write, or None once the problem is shown."""
        text = self.out_field.text().strip()
        if not text:
            self.show_error(_("Choose where to save the document."))
            return None
        typed = Path(text).expanduser()
        if typed.is_dir():
            self.show_error(_("{path} is a folder: type a file name after it.").format(path=typed))
            return None
        path = with_suffix(typed, self.suffixes, self.preferred_suffix)
        if path.is_dir():
            self.show_error(_("{path} is a folder: type a file name after it.").format(path=path))
            return None
        return path

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, _("Replace the file?"),
            _("{name} already exists in {folder}. Replace it?").format(name=path.name, folder=path.parent),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # closing --------------------------------------------------------------------------------------
    def check(self) -> bool:
        """A subclass's own checks, after the file's; True when everything can be used."""
        return True

    def gather(self) -> None:
        """Store the subclass's choices, once everything is checked."""

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Make room for a message that appeared: Qt does not enlarge a window for wrapped text."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def accept(self) -> None:
        self.show_error("")
        out = self.checked_output()
        if out is None or not self.check():
            return
        if out.exists() and out != self._replace_agreed and not self.confirm_replace(out):
            return
        self.out = out
        self.out_field.setText(str(out))
        self.gather()  # before accepting: the accepted signal's receivers read the choices
        super().accept()
