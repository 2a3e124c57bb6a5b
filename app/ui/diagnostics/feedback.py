"""Interviewer feedback: one interviewer's figures over their own interviews, for training.

One interviewer at a time, chosen in a list: the view never puts two interviewers side by side.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.diagnostics import TRAINING_NOTE, InterviewerFeedback
from app.i18n import _, ngettext
from app.services import diagnostics as service
from app.store.project import Project
from app.ui.areas.base import fit_columns, fit_height, heading, make_table, muted
from app.ui.diagnostics.models import InterviewFiguresModel, SummaryModel


# Beyond this many interviews the table scrolls.
MAX_INTERVIEW_ROWS = 12


class InterviewerFeedbackView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self.feedback: InterviewerFeedback | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)

        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(_("Interviewer:")))
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(24)
        self.combo.currentIndexChanged.connect(lambda _index: self._show_current())
        chooser.addWidget(self.combo)
        chooser.addStretch(1)
        layout.addLayout(chooser)
        self.note_label = muted(_(TRAINING_NOTE))
        layout.addWidget(self.note_label)

        self.summary_heading = heading(_("Across their interviews"), 3)
        layout.addWidget(self.summary_heading)
        self.summary_model = SummaryModel()
        self.summary_view = make_table(self.summary_model, sortable=False)
        layout.addWidget(self.summary_view)
        self.interviews_heading = heading(_("Interview by interview, oldest first"), 3)
        layout.addWidget(self.interviews_heading)
        self.interviews_model = InterviewFiguresModel()
        self.interviews_view = make_table(self.interviews_model, sortable=False)
        layout.addWidget(self.interviews_view)
        self.empty_label = muted()
        layout.addWidget(self.empty_label)
        layout.addStretch(1)

    def load(self, project: Project) -> None:
        """List the interviewers again; keeps the one shown when it still exists."""
        self._project = project
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for interviewer_id, name, count in service.interviewers_with_interviews(project):
            count_text = ngettext("{n} transcribed interview", "{n} transcribed interviews", count).format(n=count)
            self.combo.addItem(_("{name} ({count})").format(name=name, count=count_text), interviewer_id)
        index = self.combo.findData(current) if current else -1
        self.combo.setCurrentIndex(index if index >= 0 else 0 if self.combo.count() else -1)
        self.combo.blockSignals(False)
        self._show_current()

    def show_interviewer(self, interviewer_id: str) -> None:
        index = self.combo.findData(interviewer_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def _show_current(self) -> None:
        interviewer_id = self.combo.currentData()
        if self._project is None or not interviewer_id:
            self.feedback = None
            self._show(None, _("No interviewer recorded in this study yet."))
            return
        self.feedback = service.interviewer_feedback(self._project, interviewer_id)
        if not self.feedback.interviews:
            self._show(None, _("No transcribed interview by {name} yet: the figures appear once a transcript "
                               "is attached to one of their interviews.").format(name=self.feedback.interviewer_name))
            return
        self._show(self.feedback, "")

    def _show(self, feedback: InterviewerFeedback | None, message: str) -> None:
        self.summary_model.set_rows(feedback.summaries if feedback else [])
        self.interviews_model.set_rows(feedback.interviews if feedback else [])
        for widget in (self.summary_heading, self.summary_view, self.interviews_heading, self.interviews_view):
            widget.setVisible(feedback is not None)
        self.empty_label.setText(message)
        self.empty_label.setVisible(bool(message))
        if feedback is not None:
            # Figures sit next to their names; the level column takes the spare width.
            fit_columns(self.summary_view)
            fit_height(self.summary_view, max_rows=len(feedback.summaries))
            fit_columns(self.interviews_view)
            fit_height(self.interviews_view, max_rows=MAX_INTERVIEW_ROWS)
