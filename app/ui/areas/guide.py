"""The interview guide: written, reordered and checked here, version by version."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from app.i18n import N_
from app.store.project import Project
from app.ui.areas.base import Area


class GuideArea(Area):
    key = "guide"
    title = N_("Interview guide")
    nav_label = N_("Guide")
    subtitle = N_("General questions come first and sensitive ones late; probes stay neutral.")
    icon = QStyle.StandardPixmap.SP_FileDialogDetailedView

    def __init__(self, parent=None):
        super().__init__(parent)
        # Imported here: the editor's modules use this package's helpers (areas.base), and this
        # package's __init__ imports every area.
        from app.ui.guide.editor import GuideEditor

        self.editor = GuideEditor()
        self.body.addWidget(self.editor, 1)

    def load(self, project: Project) -> None:
        self.editor.load(project)
