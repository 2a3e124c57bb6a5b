"""The dialog that writes a code: name, colour, definition and rules, example, assisted-coding hints,
and the indicators the code informs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QColorDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.coding import Code
from app.core.study import Indicator
from app.i18n import _
from app.ui.areas.base import muted
from app.ui.swatch import swatch
from app.ui.codebook.saving_dialog import SavingDialog

# Soft colours that keep transcript text readable when used as highlights.
PALETTE = ("#F9C74F", "#FFC9A3", "#F4A3A3", "#F2B5D4", "#D4C1F5", "#B79CED",
           "#A9D6F5", "#7EC8E3", "#A8D8C0", "#90BE6D", "#D7E8A2", "#D4A373")
INDICATOR_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class CodeValues:
    """What the dialog gives back; fields named as in ``Code`` and ``codebook.update_code``."""

    name: str
    colour: str
    definition: str = ""
    include_rule: str = ""
    exclude_rule: str = ""
    example: str = ""
    keywords: str = ""
    example_phrases: str = ""
    indicator_ids: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, str]:
        """The code's own fields, without the indicator links."""
        return {name: getattr(self, name) for name in ("name", "colour", "definition", "include_rule",
                                                       "exclude_rule", "example", "keywords", "example_phrases")}


class ColourPicker(QWidget):
    """A row of preset colours, and any other colour through the system's colour dialog."""

    def __init__(self, colour: str, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._buttons: dict[str, QToolButton] = {}
        for preset in PALETTE:
            self._add(preset, layout)
        self._layout = layout
        self.other_button = QPushButton(_("Other colour…"))
        self.other_button.clicked.connect(self._choose_other)
        layout.addSpacing(8)
        layout.addWidget(self.other_button)
        layout.addStretch(1)
        self.set_colour(colour)

    def _add(self, colour: str, layout: QHBoxLayout, index: int = -1) -> QToolButton:
        button = QToolButton()
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setIcon(swatch(colour, 20))
        button.setIconSize(QSize(20, 20))
        button.setToolTip(colour)
        button.setAccessibleName(colour)
        button.setProperty("colour", colour)
        self.group.addButton(button)
        if index >= 0:
            layout.insertWidget(index, button)
        else:
            layout.addWidget(button)
        self._buttons[colour] = button
        return button

    def set_colour(self, colour: str) -> None:
        colour = colour.upper()
        if colour not in self._buttons:  # a colour of its own: shown after the presets
            self._add(colour, self._layout, len(self._buttons))
        self._buttons[colour].setChecked(True)

    def colour(self) -> str:
        button = self.group.checkedButton()
        return button.property("colour") if button is not None else PALETTE[0]

    def _choose_other(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour()), self, _("Colour of the code"))
        if chosen.isValid():
            self.set_colour(chosen.name().upper())


def _text_box(text: str, lines: int, placeholder: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 16)
    return box


class CodeDialog(SavingDialog):
    """Write a new code or edit one; ``save`` receives the ``CodeValues``."""

    def __init__(self, save: Callable[[CodeValues], object], indicators: list[Indicator],
                 code: Code | None = None, linked: list[str] = (), title: str = "",
                 colour: str = PALETTE[0], parent=None):
        super().__init__(save, title or (_("Edit the code") if code else _("New theme")), _("Save"), parent)
        self.setMinimumSize(980, 700)
        columns = QHBoxLayout()
        columns.setSpacing(28)
        self.body.addLayout(columns, 1)

        self.name_edit = QLineEdit(code.name if code else "")
        self.name_edit.setPlaceholderText(_("A short name, as coders will say it"))
        self.colour_picker = ColourPicker(code.colour if code else colour)
        self.definition_edit = _text_box(code.definition if code else "", 3,
                                         _("What the theme means, in a sentence or two"))
        self.include_edit = _text_box(code.include_rule if code else "", 2, _("Code a passage when…"))
        self.exclude_edit = _text_box(code.exclude_rule if code else "", 2, _("Do not code a passage when…"))
        self.example_edit = _text_box(code.example if code else "", 2, _("A typical passage, quoted"))
        self.keywords_edit = _text_box(code.keywords if code else "", 3, _("One word per line"))
        self.phrases_edit = _text_box(code.example_phrases if code else "", 3, _("One phrase per line"))
        self.indicator_list = QListWidget()
        self.indicator_list.setMinimumHeight(150)
        self.indicator_list.setWordWrap(True)
        self.indicator_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.indicator_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for indicator in indicators:
            item = QListWidgetItem(f"{indicator.code}  {indicator.label}".strip())
            item.setData(INDICATOR_ROLE, indicator.id)
            item.setToolTip(indicator.definition or indicator.label)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if indicator.id in linked else Qt.CheckState.Unchecked)
            self.indicator_list.addItem(item)

        left = [(_("Name"), self.name_edit, ""), (_("Colour"), self.colour_picker, ""),
                (_("Definition"), self.definition_edit, ""), (_("Include when"), self.include_edit, ""),
                (_("Exclude when"), self.exclude_edit, "")]
        right = [(_("Example quote"), self.example_edit, ""),
                 (_("Keywords"), self.keywords_edit, _("Used to suggest passages to code.")),
                 (_("Example phrases"), self.phrases_edit,
                  _("Phrases typical of the theme, to find similar passages.")),
                 (_("Indicators it informs"), self.indicator_list, "" if indicators else
                  _("The study has no indicators yet."))]
        for fields in (left, right):
            column = QVBoxLayout()
            column.setSpacing(4)
            for place, (label, widget, hint) in enumerate(fields):
                if place:
                    column.addSpacing(10)
                title = QLabel(label)
                title.setBuddy(widget)
                font = title.font()
                font.setBold(True)
                title.setFont(font)
                column.addWidget(title)
                if hint:
                    column.addWidget(muted(hint))
                # The indicators get the most room: their labels are long and read best whole.
                stretch = 2 if widget is self.indicator_list else int(isinstance(widget, QPlainTextEdit))
                column.addWidget(widget, stretch)
            columns.addLayout(column, 1)

        self.name_edit.setFocus()

    def values(self) -> CodeValues:
        checked = [self.indicator_list.item(i).data(INDICATOR_ROLE) for i in range(self.indicator_list.count())
                   if self.indicator_list.item(i).checkState() == Qt.CheckState.Checked]
        return CodeValues(
            name=self.name_edit.text().strip(), colour=self.colour_picker.colour(),
            definition=self.definition_edit.toPlainText().strip(),
            include_rule=self.include_edit.toPlainText().strip(),
            exclude_rule=self.exclude_edit.toPlainText().strip(),
            example=self.example_edit.toPlainText().strip(),
            keywords=self.keywords_edit.toPlainText(), example_phrases=self.phrases_edit.toPlainText(),
            indicator_ids=checked)
