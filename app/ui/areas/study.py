"""The study: its evaluative question, waves, territories, stakeholders and indicator framework."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.services import indicator_design
from app.store import views
from app.store.project import Project
from app.ui.areas.base import Area, fit_columns, heading, make_table, muted, row_of, selected_row, wrapped
from app.ui.formatting import format_date
from app.ui.labels import PARTICIPATION, label
from app.ui.models.study import IndicatorModel
from app.ui.study.indicator_dialog import IndicatorDialog
from app.ui.study.study_dialog import StudyDialog

INDICATOR_COLUMN = 2
SOURCE_COLUMN = 6


class StudyArea(Area):
    key = "study"
    title = N_("Study")
    icon = QStyle.StandardPixmap.SP_FileDialogInfoView

    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.actor = ""
        # The study reads as one page: question, context, then the indicator table in full.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(14)
        self.organisation_label = muted()
        layout.addWidget(self.organisation_label)
        # The study's own button sits beside its title, where the eye looks for it.
        self.edit_study_button = QPushButton(_("Edit the study…"))
        self.edit_study_button.setToolTip(_("Title, evaluative question, waves, territories, stakeholder groups, "
                                            "dimensions"))
        self.edit_study_button.clicked.connect(self.edit_study)
        outer = self.layout()
        outer.removeWidget(self.title_label)
        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.edit_study_button, 0, Qt.AlignmentFlag.AlignVCenter)
        outer.insertLayout(0, title_row)

        self.question_frame = QFrame(objectName="evaluativeQuestion")
        self.question_frame.setStyleSheet(
            "#evaluativeQuestion { background: palette(base); border: 1px solid palette(midlight);"
            " border-left: 4px solid palette(highlight); border-radius: 3px; }"
        )
        question_layout = QVBoxLayout(self.question_frame)
        question_layout.setContentsMargins(16, 10, 16, 12)
        question_layout.addWidget(heading(_("Evaluative question"), 3))
        self.question_label = wrapped()
        font = QFont(self.question_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.question_label.setFont(font)
        question_layout.addWidget(self.question_label)
        layout.addWidget(self.question_frame)

        columns = QHBoxLayout()
        columns.setSpacing(28)
        self.description_label = wrapped()
        self.waves_label = wrapped()
        self.territories_label = wrapped()
        self.stakeholders_label = wrapped()
        for title, widget, stretch in (
            (_("Description"), self.description_label, 4),
            (_("Waves"), self.waves_label, 2),
            (_("Territories"), self.territories_label, 2),
            (_("Stakeholder groups"), self.stakeholders_label, 2),
        ):
            column = QVBoxLayout()
            column.setSpacing(6)
            column.addWidget(heading(title, 3))
            column.addWidget(widget)
            column.addStretch(1)
            columns.addLayout(column, stretch)
        layout.addLayout(columns)

        indicator_bar = QHBoxLayout()
        indicator_bar.setSpacing(8)
        self.indicator_heading = heading(_("Indicator framework"), 2)
        indicator_bar.addWidget(self.indicator_heading, 1)
        self.new_indicator_button = QPushButton(_("New indicator…"))
        self.new_indicator_button.clicked.connect(self.new_indicator)
        self.edit_indicator_button = QPushButton(_("Edit…"))
        self.edit_indicator_button.clicked.connect(lambda: self.edit_indicator(selected_row(self.indicator_view)))
        self.delete_indicator_button = QPushButton(_("Delete"))
        self.delete_indicator_button.clicked.connect(self.delete_indicator)
        for button in (self.new_indicator_button, self.edit_indicator_button, self.delete_indicator_button):
            indicator_bar.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(indicator_bar)
        self.indicator_status = muted()
        self.indicator_status.hide()
        layout.addWidget(self.indicator_status)
        self.indicator_model = IndicatorModel()
        self.indicator_view = make_table(self.indicator_model, wrap=True)
        self.indicator_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.indicator_view.doubleClicked.connect(lambda index: self.edit_indicator(row_of(index)))
        self.indicator_view.selectionModel().selectionChanged.connect(self._enable_indicator_buttons)
        layout.addWidget(self.indicator_view)
        self.no_indicator_label = muted(
            _("No indicator yet: add outputs, outcomes and impact with “New indicator…”.")
        )
        layout.addWidget(self.no_indicator_label)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body.addWidget(scroll, 1)

    def load(self, project: Project) -> None:
        self.project = project
        study = project.study()
        self.title_label.setText(study.title)
        self.organisation_label.setText(study.organisation)
        self.organisation_label.setVisible(bool(study.organisation))
        self.question_label.setText(study.evaluative_question or _("No evaluative question yet."))
        self.description_label.setText(study.description or "—")
        self.waves_label.setText(self._waves_html(project))
        territories = project.territories.find(order_by="name")
        self.territories_label.setText(
            "<br>".join(f"{escape(t.name)} <span style='color:gray'>({escape(t.code)})</span>" for t in territories)
            or "—"
        )
        groups = project.stakeholder_groups.find(order_by="name")
        self.stakeholders_label.setText(
            "<br><br>".join(self._group_html(g.name, g.participation) for g in groups) or "—"
        )
        rows = views.indicator_rows(project.db)
        self.indicator_model.set_rows(rows)
        self.indicator_heading.setText(
            ngettext("Indicator framework ({n} indicator)", "Indicator framework ({n} indicators)", len(rows)).format(
                n=len(rows)
            )
        )
        self.indicator_view.setVisible(bool(rows))
        self.no_indicator_label.setVisible(not rows)
        fit_columns(self.indicator_view, stretch=(INDICATOR_COLUMN, SOURCE_COLUMN))
        self._fit_indicator_height()
        self._enable_indicator_buttons()

    def _fit_indicator_height(self) -> None:
        # The table shows every indicator; the page, not the table, scrolls.
        view = self.indicator_view
        view.resizeRowsToContents()
        height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
        height += sum(view.rowHeight(row) for row in range(view.model().rowCount()))
        view.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Wrapped rows change height with the width.
        self._fit_indicator_height()

    def _waves_html(self, project: Project) -> str:
        lines = []
        for wave in project.waves.find(order_by="position, starts_on"):
            if wave.starts_on and wave.ends_on:
                dates = _("from {start} to {end}").format(
                    start=format_date(wave.starts_on), end=format_date(wave.ends_on)
                )
            elif wave.starts_on:
                dates = _("from {start}").format(start=format_date(wave.starts_on))
            else:
                dates = _("dates to be set")
            lines.append(f"{escape(wave.label)}<br><span style='color:gray'>{escape(dates)}</span>")
        return "<br><br>".join(lines) or "—"

    @staticmethod
    def _group_html(name: str, participation: list[str]) -> str:
        roles = ", ".join(label(PARTICIPATION, role) for role in participation or [])
        how = roles or _("informed of the study")
        return f"{escape(name)}<br><span style='color:gray'>{escape(how)}</span>"

    # editing -------------------------------------------------------------------------------------
    def _enable_indicator_buttons(self) -> None:
        chosen = selected_row(self.indicator_view) is not None
        self.edit_indicator_button.setEnabled(chosen)
        self.delete_indicator_button.setEnabled(chosen)

    def _reload_after_change(self, status: str = "") -> None:
        self.indicator_status.setText(status)
        self.indicator_status.setVisible(bool(status))
        self.load(self.project)
        self.changed.emit()

    def edit_study(self) -> None:
        if self.project is None:
            return
        dialog = StudyDialog(self.project, self)
        dialog.exec()
        if dialog.changed_anything:
            self._reload_after_change()

    def new_indicator(self) -> None:
        if self.project is None:
            return
        dialog = IndicatorDialog(self.project, None, self)
        if dialog.exec():
            self._reload_after_change(_("Indicator {code} added.").format(code=dialog.result_record.code))
            self._select_indicator(dialog.result_record.id)

    def edit_indicator(self, row) -> None:
        if self.project is None or row is None:
            return
        dialog = IndicatorDialog(self.project, self.project.indicators.get(row.id), self)
        if dialog.exec():
            self._reload_after_change(_("Indicator {code} saved.").format(code=dialog.result_record.code))
            self._select_indicator(row.id)

    def delete_indicator(self) -> None:
        row = selected_row(self.indicator_view)
        if self.project is None or row is None:
            return
        links = indicator_design.indicator_links(self.project, row.id)
        question = _("Delete the indicator {code} “{label}”?").format(code=row.code, label=row.label)
        if links:
            question += "\n\n" + _("Going with it: {links}.").format(links=links.describe())
        if QMessageBox.question(self, _("Delete the indicator"), question) != QMessageBox.StandardButton.Yes:
            return
        gone = indicator_design.delete_indicator(self.project, row.id, actor=self.actor)
        status = _("Indicator {code} deleted.").format(code=row.code)
        if gone:
            status = _("Indicator {code} deleted, with {links}.").format(code=row.code, links=gone.describe())
        self._reload_after_change(status)

    def _select_indicator(self, indicator_id: str) -> None:
        model = self.indicator_view.model()
        for position in range(model.rowCount()):
            if row_of(model.index(position, 0)).id == indicator_id:
                self.indicator_view.selectRow(position)
                return
