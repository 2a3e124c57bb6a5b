"""The analyst's room: the codebook beside the coded transcript, suggestions, retrieval, matrices,
agreement between coders, and the memos of the analytic journal.

The area owns one undo history shared by the codebook and the transcript, so that Ctrl+Z undoes
the last action whichever of the two it was made in. Passages found elsewhere (a segment, a matrix
cell, a disagreement, a suggestion) open in the transcript at their place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QStyle, QTabWidget, QVBoxLayout, QWidget

from app.core.coding import Coder
from app.i18n import N_, _
from app.services import coders as coder_service
from app.services.history import History
from app.store.project import Project
from app.ui.agreement.panel import AgreementPanel
from app.ui.areas.base import Area, heading, muted, split
from app.ui.assist.panel import SuggestionsPanel
from app.ui.codebook import CodebookPanel
from app.ui.coder_profile import CoderProfileDialog, CoderProfileForm
from app.ui.coding import CodingWorkbench
from app.ui.memos.journal import JournalPanel
from app.ui.memos.panel import MemoPanel
from app.ui.retrieval import MatrixPanel, RetrievalPanel
from app.ui.settings import Settings


class CodingArea(Area):
    key = "coding"
    title = N_("Coding")
    subtitle = N_("Code the transcripts with the shared codebook, find the coded passages again, and compare coders.")
    icon = QStyle.StandardPixmap.SP_FileDialogListView

    # tab keys, in order
    CODE, SUGGESTIONS, SEGMENTS, MATRICES, AGREEMENT, JOURNAL = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.settings: Settings | None = None
        self.project: Project | None = None
        self.coder: Coder | None = None
        self.history = History()

        who = QHBoxLayout()
        self.coder_label = muted("")
        self.change_coder_button = QPushButton(_("Change profile…"))
        self.change_coder_button.clicked.connect(self.change_coder)
        self.transcript_memos_button = QPushButton(_("Memos on this transcript…"))
        self.transcript_memos_button.clicked.connect(self.show_transcript_memos)
        who.addWidget(self.coder_label, 1)
        who.addWidget(self.transcript_memos_button)
        who.addWidget(self.change_coder_button)
        self.body.addLayout(who)

        self.codebook = CodebookPanel(history=self.history)
        self.workbench = CodingWorkbench(history=self.history)
        self.suggestions = SuggestionsPanel()
        self.retrieval = RetrievalPanel()
        self.matrices = MatrixPanel()
        self.agreement = AgreementPanel()
        self.journal = JournalPanel()
        # Memos on the theme chosen in the codebook, beside its definition and rules.
        self.code_memos = MemoPanel()
        self.codebook.tabs.addTab(self.code_memos, _("Memos"))

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The area says who is coding, with the button to change; the workbench need not repeat it.
        self.workbench.coder_label.hide()
        self.codebook.setMinimumWidth(260)
        coding_page = split(Qt.Orientation.Horizontal, (self.codebook, 3), (self.workbench, 7))
        coding_page.setSizes([290, 900])  # the transcript gets the room; the codebook can be widened
        self.tabs.addTab(coding_page, _("Code"))
        self.tabs.addTab(self.suggestions, _("Suggestions"))
        self.tabs.addTab(self.retrieval, _("Coded segments"))
        self.tabs.addTab(self.matrices, _("Matrices"))
        self.tabs.addTab(self.agreement, _("Agreement between coders"))
        self.tabs.addTab(self.journal, _("Memos and journal"))
        self._stale_tabs: set[int] = set()
        self.tabs.currentChanged.connect(self._tab_shown)

        self.profile_page = QWidget()
        self.profile_layout = QVBoxLayout(self.profile_page)
        self.profile_layout.setContentsMargins(0, 12, 0, 0)
        self.profile_form: CoderProfileForm | None = None
        self.body.addWidget(self.tabs, 1)
        self.body.addWidget(self.profile_page, 1)
        self.profile_page.hide()

        self.codebook.code_activated.connect(self.workbench.apply_code)
        self.codebook.current_code_changed.connect(self._code_selected)
        for panel in (self.retrieval, self.matrices, self.agreement, self.suggestions):
            panel.open_requested.connect(self.open_passage)
        self.journal.open_requested.connect(self._open_memo_target)
        for panel in (self.codebook, self.workbench, self.suggestions, self.matrices, self.agreement, self.journal,
                      self.code_memos):
            panel.changed.connect(lambda panel=panel: self._project_changed(panel))
        # Steps made elsewhere join the one history, so that Ctrl+Z undoes them too.
        self.agreement.step_done.connect(self.history.record)
        self.suggestions.step_made.connect(self.history.record)
        self.journal.step_made.connect(self.history.record)
        self.code_memos.step_made.connect(self.history.record)
        self.history.subscribe(self.workbench.refresh_history_actions)
        # Ctrl+Z anywhere in the area, not only in the transcript; text fields keep their own undo.
        for action in (self.workbench.undo_action, self.workbench.redo_action):
            self.addAction(action)

    # the Edit menu's actions, which the window adds
    @property
    def undo_action(self):
        return self.workbench.undo_action

    @property
    def redo_action(self):
        return self.workbench.redo_action

    def load(self, project: Project) -> None:
        if project is not self.project:
            self.release()
            self.history.clear()
        self.project = project
        remembered = coder_service.coder_named(project, self.settings.coder_for(project.path)) if self.settings else None
        if remembered is None:
            self._ask_coder()
            return
        self._start(remembered)

    def release(self) -> None:
        """Before the project closes: keep what is being typed, let pending writes land."""
        if self.project is None:
            return
        self.journal.save_pending()
        self.code_memos.save_pending()
        self.workbench.shutdown()

    def _ask_coder(self) -> None:
        """No profile chosen yet in this project: ask in place of the workbench, not in a pop-up."""
        self.tabs.hide()
        self.change_coder_button.hide()
        self.coder_label.setText("")
        if self.profile_form is not None:
            self.profile_form.deleteLater()
        while self.profile_layout.count():
            item = self.profile_layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.profile_layout.addWidget(heading(_("Who is coding?"), 2))
        self.profile_form = CoderProfileForm(self.project)
        self.profile_form.setMaximumWidth(520)
        self.profile_form.chosen.connect(self._chose)
        self.profile_layout.addWidget(self.profile_form)
        start = QPushButton(_("Start coding"))
        start.setDefault(True)
        start.clicked.connect(self.profile_form.choose)
        row = QHBoxLayout()
        row.addWidget(start)
        row.addStretch(1)
        self.profile_layout.addLayout(row)
        self.profile_layout.addStretch(1)
        self.profile_page.show()

    def _chose(self, coder: Coder) -> None:
        if self.settings is not None:
            self.settings.set_coder_for(self.project.path, coder.name)
        self._start(coder)

    def change_coder(self) -> None:
        dialog = CoderProfileDialog(self.project, self.coder.name if self.coder else "", self)
        if dialog.exec() and dialog.chosen is not None:
            self._chose(dialog.chosen)

    def _start(self, coder: Coder) -> None:
        self.coder = coder
        self.profile_page.hide()
        self.tabs.show()
        self.change_coder_button.show()
        self.coder_label.setText(_("You are coding as {name}.").format(name=coder.name))
        project = self.project
        self.codebook.set_project(project, coder.name)
        self.code_memos.set_author(coder.name)
        self._code_selected(self.codebook.current_code_id())
        self.workbench.set_project(project, coder.id)
        self._stale_tabs = {self.SUGGESTIONS, self.SEGMENTS, self.MATRICES, self.AGREEMENT, self.JOURNAL}
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        # The panels besides the workbench read the project when first shown after a change.
        if index not in self._stale_tabs or self.project is None or self.coder is None:
            return
        self._stale_tabs.discard(index)
        project, coder = self.project, self.coder
        if index == self.SUGGESTIONS:
            self.suggestions.set_project(project, coder.id)
        elif index == self.SEGMENTS:
            self.retrieval.set_project(project)
        elif index == self.MATRICES:
            self.matrices.set_project(project, coder.name)
        elif index == self.AGREEMENT:
            self.agreement.set_project(project, coder.id)
        elif index == self.JOURNAL:
            self.journal.set_project(project, coder.name)

    def _project_changed(self, source: QWidget) -> None:
        others = {self.SUGGESTIONS: self.suggestions, self.SEGMENTS: self.retrieval, self.MATRICES: self.matrices,
                  self.AGREEMENT: self.agreement, self.JOURNAL: self.journal}
        self._stale_tabs |= {index for index, panel in others.items() if panel is not source}
        if source is not self.codebook:
            self.codebook.reload()
        if source is not self.workbench and self.project is not None and self.coder is not None:
            self.workbench.reload()
        self.changed.emit()

    # moving between tabs -------------------------------------------------------------------------
    def open_passage(self, transcript_id: str, start: int, end: int) -> None:
        self.tabs.setCurrentIndex(self.CODE)
        # After the tab switch has been laid out, so that the passage scrolls into a sized view.
        QTimer.singleShot(0, lambda: self.workbench.show_transcript(transcript_id, start, end))

    def _code_selected(self, code_id: str) -> None:
        if code_id and self.project is not None:
            self.code_memos.show_target(self.project, "code", code_id, self.project.codes.get(code_id).name)
            # Panels not yet read stay so: they will show the theme's material when first opened.
            if self.SEGMENTS not in self._stale_tabs:
                self.retrieval.show_code(code_id)
            if self.SUGGESTIONS not in self._stale_tabs:
                self.suggestions.show_code(code_id)

    def _open_memo_target(self, kind: str, target_id: str) -> None:
        if kind == "transcript" and target_id:
            self.tabs.setCurrentIndex(self.CODE)
            self.workbench.show_transcript(target_id)
        elif kind == "code" and target_id:
            self.tabs.setCurrentIndex(self.CODE)
            self.codebook.select(target_id)

    def show_transcript_memos(self) -> None:
        """The memos on the transcript being coded, in a window of their own."""
        transcript_id = self.workbench.transcript_id()
        if self.project is None or transcript_id is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(_("Memos on this transcript"))
        dialog.resize(720, 560)
        panel = MemoPanel(author=self.coder.name if self.coder else "")
        panel.step_made.connect(self.history.record)
        panel.changed.connect(lambda: self._project_changed(panel))
        layout = QVBoxLayout(dialog)
        layout.addWidget(panel)
        panel.show_target(self.project, "transcript", transcript_id, self.project.transcripts.get(transcript_id).title)
        dialog.finished.connect(lambda _result: panel.save_pending())
        dialog.open()
        self.transcript_memo_dialog = dialog

    def show_first_coding(self) -> None:
        """Select the transcript's first coding, so that a picture of the area shows coded text."""
        shown = sorted(self.workbench.shown_codings(), key=lambda coding: coding.start_offset)
        if shown:
            self.workbench.select_coding(shown[0].id)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
