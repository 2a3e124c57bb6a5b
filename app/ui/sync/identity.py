"""This computer in the study: its name, its role, and the fingerprint people compare by phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.core.sync import Device, fingerprint
from app.i18n import _
from app.ui.areas.base import heading, muted, wrapped



def role_text(role: str) -> str:
    return _("Analyst's computer") if role == "analyst" else _("Field laptop")


def fingerprint_label(text: str = "", scale: float = 1.5) -> QLabel:
    """Large, monospaced and selectable: it is read aloud, four characters at a time."""
    label = QLabel(text)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(QFont(label.font()).pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(_("Fingerprint"))
    return label


class ThisComputerPanel(QFrame):
    """Who this copy is; on a field laptop, also which analyst it works for."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        grid.setContentsMargins(16, 10, 16, 10)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(2)

        who = QVBoxLayout()
        who.setSpacing(2)
        who.addWidget(heading(_("This computer"), 3))
        self.name_label = wrapped()
        self.role_label = muted()
        who.addWidget(self.name_label)
        who.addWidget(self.role_label)
        who.addStretch(1)
        grid.addLayout(who, 0, 0)
        grid.setColumnMinimumWidth(0, 190)

        prints = QVBoxLayout()
        prints.setSpacing(2)
        prints.addWidget(muted(_("Fingerprint")))
        self.fingerprint_label = fingerprint_label()
        prints.addWidget(self.fingerprint_label)
        self.analyst_label = muted()
        self.analyst_label.setWordWrap(False)  # a fingerprint cut in two is hard to read out
        prints.addWidget(self.analyst_label)
        prints.addStretch(1)
        grid.addLayout(prints, 0, 1)

        self.why_label = muted()
        self.why_label.setMinimumWidth(320)
        grid.addWidget(self.why_label, 0, 2)
        grid.setColumnStretch(2, 1)

    def show_device(self, role: str, device: Device | None, analyst: Device | None = None) -> None:
        self.role_label.setText(role_text(role))
        if device is None or not device.public_key:
            self.name_label.setText(_("No keys yet"))
            self.fingerprint_label.setText("—")
            self.why_label.setText(_(
                "This computer gets its keys with the first study package it prepares; field laptops then accept "
                "only what it signs."))
        else:
            self.name_label.setText(device.name)
            self.fingerprint_label.setText(fingerprint(device.public_key))
            if role == "field":
                self.why_label.setText(_(
                    "Read this fingerprint to the analyst, by phone for instance: before registering this laptop, "
                    "the analyst checks that it matches the one shown for your bundle. That is how the analyst "
                    "knows the bundle comes from you."))
            else:
                self.why_label.setText(_(
                    "Field laptops learn this fingerprint from the study package and accept only the packages "
                    "and receipts this computer signs. A laptop's own fingerprint is compared before it is "
                    "registered, in the Devices tab."))
        if role == "field" and analyst is not None and analyst.public_key:
            self.analyst_label.setText(_("Analyst: {name}, {fingerprint}").format(
                name=analyst.name, fingerprint=fingerprint(analyst.public_key)))
            self.analyst_label.show()
        else:
            self.analyst_label.hide()
