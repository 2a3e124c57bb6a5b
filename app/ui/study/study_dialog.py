"""« Modifier l’étude… »: the study's own fields, and its waves, territories, stakeholder groups and
dimensions, one tab each.

The study's fields are stored by the Save button; the lists are stored as soon as an entry is
added, changed, deleted or moved (each tab says so), which keeps every small dialog simple and a
refusal right next to what caused it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, N_, _
from app.services import study_design
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.labels import LANGUAGE_NAMES, label
from app.ui.study.lists import DimensionsEditor, GroupsEditor, TerritoriesEditor, WavesEditor
from app.ui.study.saving import DesignDialog

class UnshiftedTabs(QProxyStyle):
    """The application's style, without the shift that pushes an inactive tab's text down: it cut
    the accent off « Étude »."""

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabShiftVertical:
            return 0
        return super().pixelMetric(metric, option, widget)


SAVED_AT_ONCE = N_("Changes in this tab are saved at once.")


class StudyDialog(DesignDialog):
    STUDY_TAB, WAVES_TAB, TERRITORIES_TAB, GROUPS_TAB, DIMENSIONS_TAB = range(5)

    def __init__(self, project: Project, parent=None):
        super().__init__(_("Edit the study"), _("Save"), parent)
        self.project = project
        # Lists are stored as they change: whoever opened the dialog reloads even after Cancel.
        self.changed_anything = False
        self.tabs = QTabWidget()
        self._tab_style = UnshiftedTabs()
        self._tab_style.setParent(self.tabs)
        self.tabs.tabBar().setStyle(self._tab_style)
        self.tabs.addTab(self._study_tab(), _("Study"))
        self.waves_editor = WavesEditor(project)
        self.territories_editor = TerritoriesEditor(project)
        self.groups_editor = GroupsEditor(project)
        self.dimensions_editor = DimensionsEditor(project)
        for editor, title in ((self.waves_editor, _("Waves")), (self.territories_editor, _("Territories")),
                              (self.groups_editor, _("Stakeholder groups")),
                              (self.dimensions_editor, _("Dimensions"))):
            editor.changed.connect(self._list_changed)
            self.tabs.addTab(self._saved_at_once(editor), title)
        self.body.addWidget(self.tabs, 1)
        self.resize(860, 640)

    def _study_tab(self) -> QWidget:
        study = self.project.study()
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(4, 16, 4, 4)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        self.title_edit = QLineEdit(study.title)
        self.organisation_edit = QLineEdit(study.organisation)
        self.question_edit = QPlainTextEdit(study.evaluative_question)
        self.question_edit.setPlaceholderText(_("What does the organisation change, for whom, and under which "
                                                "conditions?"))
        self.question_edit.setFixedHeight(76)
        self.description_edit = QPlainTextEdit(study.description)
        self.description_edit.setMinimumHeight(130)
        for edit in (self.question_edit, self.description_edit):
            edit.setTabChangesFocus(True)
        languages = QHBoxLayout()
        languages.setSpacing(18)
        self.language_boxes: dict[str, QCheckBox] = {}
        for code in LANGUAGES:
            box = QCheckBox(label(LANGUAGE_NAMES, code))
            box.setChecked(code in study.languages)
            self.language_boxes[code] = box
            languages.addWidget(box)
        languages.addStretch(1)
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(1, 999)
        self.threshold_spin.setValue(study.small_n_threshold)
        self.threshold_spin.setSuffix(_(" participants"))
        self.threshold_spin.setMinimumWidth(170)
        self.threshold_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        threshold = QVBoxLayout()
        threshold.setSpacing(4)
        threshold.addWidget(self.threshold_spin)
        threshold.addWidget(muted(_("Below this many participants, a share or a mean is shown with a warning: too "
                                    "few to report on its own.")))
        form.addRow(_("Title"), self.title_edit)
        form.addRow(_("Organisation"), self.organisation_edit)
        form.addRow(_("Evaluative question"), self.question_edit)
        form.addRow(_("Description"), self.description_edit)
        form.addRow(_("Languages"), languages)
        form.addRow(_("Small-sample threshold"), threshold)
        return page

    @staticmethod
    def _saved_at_once(editor: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(editor, 1)
        note = muted(_(SAVED_AT_ONCE))
        note.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(note)
        return page

    def _list_changed(self) -> None:
        self.changed_anything = True

    def save(self):
        try:
            study = study_design.update_study(
                self.project, title=self.title_edit.text(), organisation=self.organisation_edit.text(),
                evaluative_question=self.question_edit.toPlainText(), description=self.description_edit.toPlainText(),
                languages=[code for code, box in self.language_boxes.items() if box.isChecked()],
                small_n_threshold=self.threshold_spin.value())
        except ValueError:
            self.tabs.setCurrentIndex(self.STUDY_TAB)
            raise
        self.changed_anything = True
        return study
