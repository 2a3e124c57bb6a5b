"""The study: its evaluative question, waves, territories, stakeholders and indicator framework."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QStyle, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.store import views
from app.store.project import Project
from app.ui.areas.base import Area, fit_columns, heading, make_table, muted, wrapped
from app.ui.formatting import format_date
from app.ui.labels import PARTICIPATION, label
from app.ui.models.study import IndicatorModel

INDICATOR_COLUMN = 2
SOURCE_COLUMN = 6


class StudyArea(Area):
    key = "study"
    title = N_("Study")
    icon = QStyle.StandardPixmap.SP_FileDialogInfoView

    def __init__(self, parent=None):
        super().__init__(parent)
        # The study reads as one page: question, context, then the indicator table in full.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(14)
        self.organisation_label = muted()
        layout.addWidget(self.organisation_label)

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

        self.indicator_heading = heading(_("Indicator framework"), 2)
        layout.addWidget(self.indicator_heading)
        self.indicator_model = IndicatorModel()
        self.indicator_view = make_table(self.indicator_model, wrap=True)
        self.indicator_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.indicator_view)
        self.no_indicator_label = muted(
            _("No indicator yet: outputs, outcomes and impact are set when the study is designed.")
        )
        layout.addWidget(self.no_indicator_label)
        layout.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body.addWidget(scroll, 1)

    def load(self, project: Project) -> None:
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
