"""Which version of the guide is shown, and why a version used in an interview cannot change.

Interviews keep pointing at the version they used; editing a frozen version means making a new
one, which the banner offers in one click.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.guide import Guide
from app.i18n import _, ngettext
from app.ui.areas.base import muted, wrapped
from app.ui.formatting import format_date


def version_label(guide: Guide, interviews: int) -> str:
    if guide.is_frozen:
        used = ngettext("{n} interview", "{n} interviews", interviews).format(n=interviews)
        return _("Version {version} — frozen on {date} ({used})").format(
            version=guide.version, date=format_date(guide.frozen_at), used=used)
    return _("Version {version} — draft, open to edits").format(version=guide.version)


class VersionBar(QWidget):
    version_chosen = Signal(str)  # guide id
    new_version_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.guides: list[Guide] = []
        self.current: Guide | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        row = QHBoxLayout()
        self.version_box = QComboBox()
        self.version_box.setMinimumContentsLength(34)
        self.version_box.activated.connect(self._chosen)
        version_label_widget = QLabel(_("&Version"))
        version_label_widget.setBuddy(self.version_box)
        row.addWidget(version_label_widget)
        row.addWidget(self.version_box)
        row.addSpacing(12)
        self.summary_label = muted()
        row.addWidget(self.summary_label, 1)
        layout.addLayout(row)

        self.banner = QFrame(objectName="frozenBanner")
        self.banner.setStyleSheet(
            "#frozenBanner { background: #fbe9c6; border: 1px solid #e8c98a; border-radius: 3px; }"
            " #frozenBanner QLabel { color: #4a3b12; }")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 8, 8, 8)
        self.banner_label = wrapped()
        banner_layout.addWidget(self.banner_label, 1)
        self.new_version_button = QPushButton()
        self.new_version_button.clicked.connect(self._button_clicked)
        banner_layout.addWidget(self.new_version_button)
        layout.addWidget(self.banner)
        self.banner.hide()

    def set_versions(self, guides: list[Guide], current: Guide, interview_counts: dict[str, int]) -> None:
        self.guides = list(guides)
        self.current = current
        self.version_box.clear()
        for guide in self.guides:
            self.version_box.addItem(version_label(guide, interview_counts.get(guide.id, 0)), guide.id)
        self.version_box.setCurrentIndex(max(0, self.version_box.findData(current.id)))
        latest = self.latest()
        if current.is_frozen:
            self.banner_label.setText(_(
                "This guide was used in an interview (version {version}, frozen on {date}): "
                "to change it, create a new version.").format(
                    version=current.version, date=format_date(current.frozen_at)))
            if latest.id == current.id:
                self.new_version_button.setText(_("Create a new version"))
            else:
                self.new_version_button.setText(_("Open version {version}").format(version=latest.version))
            self.banner.show()
        else:
            self.banner.hide()

    def latest(self) -> Guide | None:
        return max(self.guides, key=lambda guide: guide.version) if self.guides else None

    def _chosen(self, index: int) -> None:
        guide_id = self.version_box.itemData(index)
        if guide_id and (self.current is None or guide_id != self.current.id):
            self.version_chosen.emit(guide_id)

    def _button_clicked(self) -> None:
        latest = self.latest()
        if latest is not None and self.current is not None and latest.id != self.current.id:
            self.version_chosen.emit(latest.id)
        else:
            self.new_version_requested.emit()
