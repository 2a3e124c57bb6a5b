"""The analysis dashboards: the study's totals and codings (overview), the indicator values for a
wave and a territory, the charts, and interviewer feedback (one interviewer's figures over their
interviews). The wave and territory chosen in the corner of the tabs apply to indicators and charts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QStyle, QTabWidget, QVBoxLayout, QWidget

from app.core.summaries import StudyCounts
from app.i18n import N_, _, ngettext
from app.store import views
from app.store.project import Project
from app.ui.areas.base import SPACING, Area, fit_columns, fit_height, heading, make_table, muted
from app.ui.charts.panel import ChartsPanel
from app.ui.diagnostics import InterviewerFeedbackView
from app.ui.indicators import IndicatorPanel, ScopeBar
from app.ui.formatting import format_number
from app.ui.models.coding import CoderModel, ThemeCountModel

# (attribute of StudyCounts, label) in reading order.
CARDS = (
    ("participants", N_("Participants")),
    ("completed_interviews", N_("Completed interviews")),
    ("transcripts", N_("Transcripts")),
    ("words", N_("Words transcribed")),
    ("codings", N_("Codings")),
    ("themes", N_("Themes")),
)


class StatCard(QFrame):
    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName("statCard")
        self.setStyleSheet(
            "#statCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        self.number = QLabel("0")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.number.setFont(font)
        layout.addWidget(self.number)
        self.caption = muted(caption)
        layout.addWidget(self.caption)


class AnalysisArea(Area):
    key = "analysis"
    title = N_("Analysis")
    subtitle = N_("Counts, indicator values and charts over the material that may be analysed.")
    icon = QStyle.StandardPixmap.SP_FileDialogContentsView

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.body.addWidget(self.tabs, 1)
        overview = QWidget()
        page = QVBoxLayout(overview)
        page.setContentsMargins(0, SPACING, 0, 0)
        page.setSpacing(SPACING)
        self.tabs.addTab(overview, _("Overview"))

        cards = QGridLayout()
        cards.setHorizontalSpacing(12)
        self.cards: dict[str, StatCard] = {}
        for column, (attribute, caption) in enumerate(CARDS):
            card = StatCard(_(caption))
            self.cards[attribute] = card
            cards.addWidget(card, 0, column)
        page.addLayout(cards)
        self.exclusion_label = muted()
        page.addWidget(self.exclusion_label)

        # Themes get the full width (names are long); the few coders sit below in a short table.
        page.addWidget(heading(_("Codings per theme"), 2))
        self.theme_model = ThemeCountModel()
        self.theme_view = make_table(self.theme_model)
        page.addWidget(self.theme_view, 1)
        page.addWidget(heading(_("Codings per coder"), 2))
        self.coder_model = CoderModel()
        self.coder_view = make_table(self.coder_model)
        page.addWidget(self.coder_view)

        self.scope = ScopeBar()
        self.tabs.setCornerWidget(self.scope, Qt.Corner.TopRightCorner)
        self.indicators = IndicatorPanel(self.scope)
        self.tabs.addTab(self.indicators, _("Indicators"))
        self.charts = ChartsPanel(self.scope)
        self.tabs.addTab(self.charts, _("Charts"))
        # Read only when its tab is opened: it works out every interview of the interviewer shown.
        self.feedback = InterviewerFeedbackView()
        index = self.tabs.addTab(self.feedback, _("Interviewer feedback"))
        self.tabs.setTabToolTip(index, _("How each interviewer's interviews went, for training: never a ranking."))
        self.tabs.currentChanged.connect(lambda _index: self._load_current())
        self.scope.changed.connect(self._scope_changed)
        self._project: Project | None = None
        self._stale: set[QWidget] = set()

    def load(self, project: Project) -> None:
        self._project = project
        self.scope.load(project)
        self._stale = {self.indicators, self.charts, self.feedback}
        self._load_current()
        counts = views.study_counts(project.db)
        for attribute, card in self.cards.items():
            card.number.setText(format_number(getattr(counts, attribute)))
        self.exclusion_label.setText(self.exclusion_text(counts))
        self.theme_model.set_rows(views.theme_counts(project.db))
        self.coder_model.set_rows(views.coder_rows(project.db))
        fit_columns(self.theme_view, stretch=(0,))
        fit_columns(self.coder_view, stretch=(0,))
        fit_height(self.coder_view, max_rows=5)

    def show_feedback(self) -> None:
        self.tabs.setCurrentWidget(self.feedback)

    def show_indicators(self) -> None:
        self.tabs.setCurrentWidget(self.indicators)

    def show_charts(self) -> None:
        self.tabs.setCurrentWidget(self.charts)

    def _scope_changed(self) -> None:
        self._stale |= {self.indicators, self.charts}
        self._load_current()

    def _load_current(self) -> None:
        # Tabs are read when they are shown: the feedback works out every interview of an
        # interviewer, the indicators and charts read every answer and coding.
        current = self.tabs.currentWidget()
        self.scope.setVisible(current in (self.indicators, self.charts))
        if self._project is not None and current in self._stale:
            self._stale.discard(current)
            current.load(self._project)

    @staticmethod
    def exclusion_text(counts: StudyCounts) -> str:
        if not counts.quotable_codings:
            quotable = _("No coded passage is marked as quotable yet.")
        else:
            quotable = ngettext(
                "{n} coded passage is marked as quotable.", "{n} coded passages are marked as quotable.",
                counts.quotable_codings,
            ).format(n=format_number(counts.quotable_codings))
        if not counts.withdrawn_participants:
            return quotable
        return ngettext(
            "The interviews and transcripts of {n} withdrawn participant are left out of these figures.",
            "The interviews and transcripts of {n} withdrawn participants are left out of these figures.",
            counts.withdrawn_participants,
        ).format(n=counts.withdrawn_participants) + " " + quotable
