"""The retrieval panel: every segment coded with a theme, filtered by coder and by participant
attributes, with its context and source. Double-click opens the transcript at the segment.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from app.i18n import _
from app.services import matrices
from app.services.participants import profiles
from app.store.project import Project
from app.ui.areas.base import SPACING, muted
from app.ui.swatch import swatch
from app.ui.retrieval.passages import SegmentList

INDENT = "    "


class RetrievalPanel(QWidget):
    open_requested = Signal(str, int, int)  # transcript id, start, end

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._colours: dict[str, str] = {}
        self._names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)

        first = QHBoxLayout()
        first.setSpacing(SPACING)
        self.code_combo = QComboBox()
        self.code_combo.setAccessibleName(_("Theme"))
        self.code_combo.setToolTip(_("The theme whose segments are listed"))
        self.code_combo.setMinimumContentsLength(28)
        self.code_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        first.addWidget(self.code_combo, 2)
        self.subthemes_box = QCheckBox(_("With its sub-themes"))
        self.subthemes_box.setChecked(True)
        self.subthemes_box.setToolTip(_("Also list the segments coded with the theme's sub-themes."))
        first.addWidget(self.subthemes_box)
        first.addStretch(1)
        layout.addLayout(first)

        second = QHBoxLayout()
        second.setSpacing(SPACING)
        self.coder_combo = self._filter(second, _("Coder"))
        self.territory_combo = self._filter(second, _("Territory"))
        self.profile_combo = self._filter(second, _("Profile"))
        self.wave_combo = self._filter(second, _("Wave"))
        second.addStretch(1)
        layout.addLayout(second)
        self.hint_label = muted(_("Participants who withdrew and themes in the bin are left out. "
                                  "Double-click a segment to open the transcript there."))
        layout.addWidget(self.hint_label)

        self.segments = SegmentList()
        self.segments.open_requested.connect(self.open_requested)
        layout.addWidget(self.segments, 1)
        self.code_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.subthemes_box.toggled.connect(lambda _on: self.refresh())
        self.setEnabled(False)

    def _filter(self, layout: QHBoxLayout, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _index: self.refresh())
        layout.addWidget(combo)
        return combo

    # the project -------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Read the codebook and the attributes again; the choices made stay when still there."""
        self._project = project
        self.setEnabled(project is not None)
        combos = (self.code_combo, self.coder_combo, self.territory_combo, self.profile_combo, self.wave_combo)
        chosen = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        for combo, everything in zip(combos[1:], (_("All coders"), _("All territories"), _("All profiles"),
                                                  _("All waves"))):
            combo.addItem(everything, None)
        keys = matrices.code_keys(project) if project is not None else []
        self._colours = {key.id: key.colour for key in keys}
        self._names = {key.id: key.name for key in keys}
        for key in keys:
            self.code_combo.addItem(swatch(key.colour), INDENT * key.depth + key.name, key.id)
        if project is not None:
            for coder in project.coders.find(order_by="name"):
                self.coder_combo.addItem(coder.name, coder.id)
            for territory in project.territories.find(order_by="name"):
                self.territory_combo.addItem(territory.name or territory.code, territory.id)
            for item in profiles(project):
                self.profile_combo.addItem(item.label or item.key, item.key)
            for wave in project.waves.find(order_by="position"):
                self.wave_combo.addItem(wave.label, wave.id)
        for combo, data in zip(combos, chosen):
            combo.setCurrentIndex(max(0, combo.findData(data)))
            if combo is not self.code_combo:
                combo.setVisible(combo.count() > 2)  # a single value leaves nothing to filter
            combo.blockSignals(False)
        self.refresh()

    def show_code(self, code_id: str, with_subthemes: bool | None = None) -> None:
        """List this theme's segments (the filters chosen stay)."""
        index = self.code_combo.findData(code_id)
        if index < 0:
            return
        self.code_combo.blockSignals(True)
        self.subthemes_box.blockSignals(True)
        self.code_combo.setCurrentIndex(index)
        if with_subthemes is not None:
            self.subthemes_box.setChecked(with_subthemes)
        self.code_combo.blockSignals(False)
        self.subthemes_box.blockSignals(False)
        self.refresh()

    def show_cell(self, row_code_id: str, column, coder_id: str | None = None, *, with_subthemes: bool = False,
                  scope: str = "overlap", heading: str = "") -> list[matrices.Passage]:
        """List the segments behind a matrix cell (see ``matrices.cell_segments``) instead of the
        filters' choice, until a filter changes."""
        if self._project is None:
            return []
        passages = matrices.cell_segments(self._project, row_code_id, column, coder_id,
                                          with_subthemes=with_subthemes, scope=scope)
        self.segments.set_passages(passages, self._colours, heading)
        return passages

    def refresh(self) -> None:
        """List the segments the filters choose."""
        code_id = self.code_combo.currentData()
        if self._project is None or code_id is None:
            self.segments.clear(_("Choose a theme to see its coded segments."))
            return
        passages = matrices.retrieve(
            self._project, code_id, coder_id=self.coder_combo.currentData(),
            territory_id=self.territory_combo.currentData(), profile=self.profile_combo.currentData(),
            wave_id=self.wave_combo.currentData(), with_subthemes=self.subthemes_box.isChecked())
        self.segments.set_passages(passages, self._colours)

    def passages(self) -> list[matrices.Passage]:
        return self.segments.passages()
