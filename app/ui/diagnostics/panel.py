"""The diagnostics of one transcript: figure cards and the moments to reread.

Embed it anywhere (the Transcripts area shows it beside the reader) and call
``show_transcript(project, transcript_id)``; a click on a moment emits
``turn_requested(transcript_id, position)`` so that the host can scroll to that turn.
Working out one interview takes well under 100 ms, so it runs on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from app.core.diagnostics import TranscriptDiagnostics, intro_note
from app.i18n import _, ngettext
from app.services import diagnostics as service
from app.store.project import Project
from app.ui.areas.base import fit_columns, heading, make_table, muted, row_of, split
from app.ui.diagnostics.cards import FigureGrid
from app.ui.diagnostics.models import MomentModel, moments_of


# The share of the panel's height the figure cards get at first (the splitter then is the reader's).
FIGURES_SHARE = 0.6
# Passages and advice wrap within this width, so that a row reads in two or three lines.
MOMENT_COLUMN_WIDTH = 380


class DiagnosticsPanel(QWidget):
    turn_requested = Signal(str, int)  # transcript id, turn position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._transcript_id: str | None = None
        self.diagnostics: TranscriptDiagnostics | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.title_label = heading(_("How the interview went"), 2)
        layout.addWidget(self.title_label)
        self.note_label = muted()
        layout.addWidget(self.note_label)
        options = QHBoxLayout()
        self.intro_box = QCheckBox(_("Count the introduction"))
        self.intro_box.setToolTip(_("The opening (recording, study and consent) is the interviewer's by nature, so "
                                    "it is left out unless you tick this."))
        self.intro_box.toggled.connect(lambda _checked: self._refresh())
        options.addWidget(self.intro_box)
        self.explain_box = QCheckBox(_("Explanations and tips"))
        self.explain_box.setToolTip(_("Under each figure: what it means and, when it is not fine, what to try "
                                      "next time. Hovering over a figure shows the same."))
        self.explain_box.toggled.connect(lambda checked: self.grid.show_explanations(checked))
        options.addWidget(self.explain_box)
        options.addStretch(1)
        layout.addLayout(options)

        self.grid = FigureGrid()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 4, 0)
        holder_layout.addWidget(self.grid)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)

        moments = QWidget()
        moments_layout = QVBoxLayout(moments)
        moments_layout.setContentsMargins(0, 6, 0, 0)
        moments_layout.setSpacing(6)
        self.moments_heading = heading(_("Moments to reread"), 3)
        moments_layout.addWidget(self.moments_heading)
        self.moments_hint = muted(_("Click a row to open the transcript at that turn."))
        moments_layout.addWidget(self.moments_hint)
        self.moment_model = MomentModel()
        self.moment_view = make_table(self.moment_model, wrap=True)
        self.moment_view.clicked.connect(self._moment_clicked)
        self.moment_view.activated.connect(self._moment_clicked)
        moments_layout.addWidget(self.moment_view, 1)
        # The reader decides how much room the figures and the moments get; the figures start
        # with the larger part (see showEvent).
        self.splitter = split(Qt.Orientation.Vertical, (scroll, 3), (moments, 2))
        layout.addWidget(self.splitter, 1)
        self._split_done = False
        self.clear()

    # public ------------------------------------------------------------------------------------
    def show_transcript(self, project: Project, transcript_id: str | None) -> None:
        """Show the figures of ``transcript_id`` (None clears the panel)."""
        self._project = project
        self._transcript_id = transcript_id
        self._refresh()

    def clear(self, message: str = "") -> None:
        self.diagnostics = None
        self.title_label.setText(_("How the interview went"))
        self.note_label.setText(message or _("Choose a transcript to see how the interview went."))
        self.grid.set_figures((), False)
        self.moment_model.set_rows([])
        self.moments_heading.setVisible(False)
        self.moments_hint.setVisible(False)
        self.moment_view.setVisible(False)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._split_done:
            QTimer.singleShot(0, self._first_split)

    def _first_split(self) -> None:
        total = sum(self.splitter.sizes())
        if total > 0 and not self._split_done:
            self._split_done = True
            figures = round(total * FIGURES_SHARE)
            self.splitter.setSizes([figures, total - figures])

    # internals ---------------------------------------------------------------------------------
    def _refresh(self) -> None:
        if self._project is None or not self._transcript_id:
            self.clear()
            return
        try:
            diagnostics = service.transcript_diagnostics(self._project, self._transcript_id,
                                                         include_intro=self.intro_box.isChecked())
        except (LookupError, ValueError) as error:
            self.clear(str(error))
            return
        self.diagnostics = diagnostics
        self.title_label.setText(_("How the interview went: {title}").format(title=diagnostics.title))
        self.note_label.setText(intro_note(diagnostics) + " " + self._summary(diagnostics))
        self.grid.set_figures(diagnostics.figures, self.explain_box.isChecked())
        texts = {turn.position: turn.text for turn in self._project.turns_of(self._transcript_id)}
        moments = moments_of(diagnostics, texts)
        self.moment_model.set_rows(moments)
        for widget in (self.moments_heading, self.moments_hint, self.moment_view):
            widget.setVisible(bool(moments))
        fit_columns(self.moment_view, max_width=MOMENT_COLUMN_WIDTH, stretch=(3,))

    @staticmethod
    def _summary(d: TranscriptDiagnostics) -> str:
        levels = [figure.level for figure in d.figures]
        alerts, cautions = levels.count("alert"), levels.count("caution")
        if not alerts and not cautions:
            return _("Every measured figure is fine.")
        if not cautions:
            return ngettext("{n} figure to work on.", "{n} figures to work on.", alerts).format(n=alerts)
        if not alerts:
            return ngettext("{n} figure worth a look.", "{n} figures worth a look.", cautions).format(n=cautions)
        return _("{alerts} to work on, {cautions} worth a look.").format(
            alerts=ngettext("{n} figure", "{n} figures", alerts).format(n=alerts), cautions=cautions)

    def _moment_clicked(self, index) -> None:
        moment = row_of(index)
        if moment is not None and self._transcript_id:
            self.turn_requested.emit(self._transcript_id, moment.position)
