"""Where an indicator's figure comes from: a questionnaire item, a theme of the codebook, a count
from the data, or figures typed in by hand. The part of the form changes with the kind, and each
part offers only what fits (a mean only for an item answered on a scale or with a number...)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.indicators import AGGREGATES, COMBINES, COUNT_REFS, DEFAULT_AGGREGATE
from app.core.study import SOURCE_KINDS, IndicatorValue
from app.i18n import N_, _
from app.services import indicator_design as design
from app.services.indicator_design import Figure
from app.store.project import Project
from app.ui.areas.base import muted
from app.ui.labels import AGGREGATES as AGGREGATE_LABELS
from app.ui.labels import COMBINES as COMBINE_LABELS
from app.ui.labels import COUNT_SOURCES
from app.ui.labels import SOURCE_KINDS as SOURCE_LABELS
from app.ui.labels import label
from app.ui.study.figures_editor import FiguresEditor
from app.ui.study.saving import error_label

# What each way of summing up computes, in one sentence under the choice.
AGGREGATE_HINTS = {
    "mean": N_("The average answer of those who answered."),
    "share_at_least": N_("The percentage of respondents whose answer is at or above the threshold."),
    "distribution": N_("How many gave each answer. The figure is the percentage who gave one of the answers "
                       "ticked (by default, the top two of a five-point scale)."),
    "share_of_participants": N_("The percentage of participants with a coded transcript whose transcripts carry "
                                "the theme or one of its sub-themes."),
    "segments": N_("The number of passages coded with the theme or one of its sub-themes."),
}
ITEM_TYPES = {
    "scale5": N_("five-point scale"),
    "single": N_("one answer among several"),
    "multiple": N_("several answers possible"),
    "number": N_("a number"),
    "text": N_("free text"),
}
INDENT = "\u2003"  # an em space per level of the codebook tree
COMBO_CHARACTERS = 30
# One width for the labels of every part, so that the fields line up when the kind changes.
LABEL_WIDTH = 150


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 4, 0, 0)
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(10)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def _row(form: QFormLayout, text: str, field) -> None:
    caption = QLabel(text)
    caption.setMinimumWidth(LABEL_WIDTH)
    form.addRow(caption, field)


def _page() -> tuple[QWidget, QFormLayout]:
    """A page of the source part: its fields at the top, the room left below them."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    form = _form()
    layout.addLayout(form)
    layout.addStretch(1)
    return page, form


def _with_hint(field: QWidget, hint: QLabel) -> QVBoxLayout:
    """A field with its one-line explanation right under it."""
    layout = QVBoxLayout()
    layout.setSpacing(4)
    layout.addWidget(field)
    layout.addWidget(hint)
    return layout


def _combo() -> QComboBox:
    combo = QComboBox()
    # Long item labels must not widen the dialog; the open list shows them whole.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_CHARACTERS)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


class SourceEditor(QWidget):
    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.project = project
        self.items = {item.name: item for item in design.survey_items(project)}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        # Said when the stored source is not among those offered, rather than replaced silently.
        self.missing_label = error_label()
        layout.addWidget(self.missing_label)
        kind_form = _form()
        self.kind_combo = _combo()
        for kind in SOURCE_KINDS:
            self.kind_combo.addItem(label(SOURCE_LABELS, kind), kind)
        _row(kind_form, _("Comes from"), self.kind_combo)
        layout.addLayout(kind_form)
        self.stack = QStackedWidget()
        self.pages = {"survey_item": self._survey_page(), "theme": self._theme_page(),
                      "count": self._count_page(), "manual": self._manual_page()}
        for kind in SOURCE_KINDS:
            self.stack.addWidget(self.pages[kind])
        layout.addWidget(self.stack, 1)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    # pages ------------------------------------------------------------------------------------------
    def _survey_page(self) -> QWidget:
        page, form = _page()
        self.item_combo = _combo()
        for item in self.items.values():
            self.item_combo.addItem(item.label, item.name)
            self.item_combo.setItemData(self.item_combo.count() - 1, f"{item.name}\n{item.label}",
                                        Qt.ItemDataRole.ToolTipRole)
        self.survey_aggregate_combo = _combo()
        self.item_text = muted()
        self.threshold_spin = QDoubleSpinBox()
        self.threshold_spin.setMinimumWidth(110)
        self.threshold_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.choices_list = QListWidget()
        self.choices_list.setSpacing(1)
        self.survey_hint = muted()
        _row(form, _("Question"), _with_hint(self.item_combo, self.item_text))
        _row(form, _("Summed up as"), _with_hint(self.survey_aggregate_combo, self.survey_hint))
        _row(form, _("Threshold"), self.threshold_spin)
        _row(form, _("Answers counted"), self.choices_list)
        if not self.items:
            form.addRow("", muted(_("The study has no questionnaire item yet: add the questionnaire first.")))
            self.item_combo.setEnabled(False)
            self.survey_aggregate_combo.setEnabled(False)
        self.survey_form = form
        self.item_combo.currentIndexChanged.connect(self._item_changed)
        self.survey_aggregate_combo.currentIndexChanged.connect(self._survey_aggregate_changed)
        self._item_changed()
        return page

    def _theme_page(self) -> QWidget:
        page, form = _page()
        self.theme_combo = _combo()
        for code, depth in design.themes(self.project):
            self.theme_combo.addItem(INDENT * depth + code.name, code.id)
        self.theme_aggregate_combo = _combo()
        for aggregate in AGGREGATES["theme"]:
            self.theme_aggregate_combo.addItem(label(AGGREGATE_LABELS, aggregate), aggregate)
        self.theme_hint = muted()
        _row(form, _("Theme"), self.theme_combo)
        _row(form, _("Summed up as"), _with_hint(self.theme_aggregate_combo, self.theme_hint))
        if self.theme_combo.count() == 0:
            form.addRow("", muted(_("The codebook has no theme yet.")))
            self.theme_combo.setEnabled(False)
        self.theme_aggregate_combo.currentIndexChanged.connect(
            lambda: self.theme_hint.setText(_(AGGREGATE_HINTS[self.theme_aggregate_combo.currentData()])))
        self.theme_hint.setText(_(AGGREGATE_HINTS[AGGREGATES["theme"][0]]))
        return page

    def _count_page(self) -> QWidget:
        page, form = _page()
        self.count_combo = _combo()
        for ref in COUNT_REFS:
            self.count_combo.addItem(label(COUNT_SOURCES, ref), ref)
        self.profile_combo = _combo()
        self.profile_combo.addItem(_("All profiles"), "")
        for profile in design.profiles(self.project):
            self.profile_combo.addItem(profile.label, profile.key)
        _row(form, _("What is counted"), self.count_combo)
        _row(form, _("Participants' profile"), self.profile_combo)
        form.addRow("", muted(_("Counted in the data of each wave and territory. A count has no sample: it never "
                            "carries a small-sample warning.")))
        return page

    def _manual_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        form = _form()
        self.combine_combo = _combo()
        for combine in COMBINES:
            self.combine_combo.addItem(label(COMBINE_LABELS, combine), combine)
        _row(form, _("For the whole study"), self.combine_combo)
        layout.addLayout(form)
        layout.addWidget(muted(_("Type in one figure per wave, for the whole study or for each territory, with "
                                 "where it comes from (a register, a report, the accounts…).")))
        self.figures_editor = FiguresEditor(self.project)
        layout.addWidget(self.figures_editor, 1)
        return page

    # reactions ------------------------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        self.stack.setCurrentWidget(self.pages[self.kind()])

    def _item_changed(self) -> None:
        item = self.items.get(self.item_combo.currentData())
        _say(self.item_text, _("“{label}” ({name}, {kind})").format(
            label=item.label, name=item.name, kind=label(ITEM_TYPES, item.item_type)) if item else "")
        previous = self.survey_aggregate_combo.currentData()
        self.survey_aggregate_combo.blockSignals(True)
        self.survey_aggregate_combo.clear()
        for aggregate in design.aggregates_for_item(item.item_type) if item else ():
            self.survey_aggregate_combo.addItem(label(AGGREGATE_LABELS, aggregate), aggregate)
        position = self.survey_aggregate_combo.findData(previous)
        self.survey_aggregate_combo.setCurrentIndex(max(position, 0))
        self.survey_aggregate_combo.blockSignals(False)
        if item is not None and item.item_type == "scale5":
            self.threshold_spin.setRange(1, 5)
            self.threshold_spin.setDecimals(0)
            self.threshold_spin.setValue(4)
        else:
            self.threshold_spin.setRange(-1e9, 1e9)
            self.threshold_spin.setDecimals(2)
        self.choices_list.clear()
        for choice in item.choices if item else []:
            entry = QListWidgetItem(choice)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Unchecked)
            self.choices_list.addItem(entry)
        # As tall as its answers (up to eight), so that none hides behind a scroll bar.
        rows = min(max(self.choices_list.count(), 1), 8)
        self.choices_list.setFixedHeight(rows * (self.choices_list.sizeHintForRow(0) + 2)
                                         + 2 * self.choices_list.frameWidth() + 4)
        self._survey_aggregate_changed()

    def _survey_aggregate_changed(self) -> None:
        item = self.items.get(self.item_combo.currentData())
        aggregate = self.survey_aggregate_combo.currentData()
        self.survey_form.setRowVisible(self.threshold_spin, aggregate == "share_at_least")
        self.survey_form.setRowVisible(self.choices_list, aggregate == "distribution" and self.choices_list.count() > 0)
        if item is not None and item.item_type == "text":
            _say(self.survey_hint, _("This item is answered in free text: it cannot give a figure. Choose an item "
                                     "with a scale, choices or a number."))
        else:
            _say(self.survey_hint, _(AGGREGATE_HINTS[aggregate]) if aggregate else "")

    # reading and writing ---------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_source(self, kind: str, ref: str, params: dict, figures: list[IndicatorValue]) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        params = params or {}
        found = True
        if kind == "survey_item":
            found = _select(self.item_combo, ref)
            _select(self.survey_aggregate_combo, params.get("aggregate") or DEFAULT_AGGREGATE["survey_item"])
            if params.get("threshold") is not None:
                self.threshold_spin.setValue(float(params["threshold"]))
            counted = set(params.get("choices") or [])
            for row in range(self.choices_list.count()):
                entry = self.choices_list.item(row)
                entry.setCheckState(Qt.CheckState.Checked if entry.text() in counted else Qt.CheckState.Unchecked)
        elif kind == "theme":
            found = _select(self.theme_combo, ref)
            _select(self.theme_aggregate_combo, params.get("aggregate") or DEFAULT_AGGREGATE["theme"])
        elif kind == "count":
            found = _select(self.count_combo, ref)
            _select(self.profile_combo, params.get("profile") or "")
        else:
            _select(self.combine_combo, params.get("combine") or "")
        self.figures_editor.set_figures(figures)
        message = "" if found or not ref else _("The source stored for this indicator (“{ref}”) no longer exists: "
                                                "choose another.").format(ref=ref)
        self.missing_label.setText(message)
        self.missing_label.setVisible(bool(message))

    def source(self) -> tuple[str, str, dict]:
        """(kind, source_ref, source_params) as the indicator service takes them."""
        kind = self.kind()
        if kind == "survey_item":
            aggregate = self.survey_aggregate_combo.currentData() or DEFAULT_AGGREGATE["survey_item"]
            params: dict = {"aggregate": aggregate}
            if aggregate == "share_at_least":
                params["threshold"] = self.threshold_spin.value()
            if aggregate == "distribution":
                params["choices"] = [self.choices_list.item(row).text() for row in range(self.choices_list.count())
                                     if self.choices_list.item(row).checkState() == Qt.CheckState.Checked]
            return kind, self.item_combo.currentData() or "", params
        if kind == "theme":
            return kind, self.theme_combo.currentData() or "", {"aggregate": self.theme_aggregate_combo.currentData()}
        if kind == "count":
            profile = self.profile_combo.currentData()
            return kind, self.count_combo.currentData(), ({"profile": profile} if profile else {})
        combine = self.combine_combo.currentData()
        return kind, "", ({"combine": combine} if combine else {})

    def figures(self) -> list[Figure]:
        return self.figures_editor.figures()


def _say(hint: QLabel, text: str) -> None:
    """An explanation takes room only when it has something to say."""
    hint.setText(text)
    hint.setVisible(bool(text))


def _select(combo: QComboBox, data) -> bool:
    """Choose the entry holding ``data``; False when there is none."""
    position = combo.findData(data)
    if position >= 0:
        combo.setCurrentIndex(position)
    return position >= 0
