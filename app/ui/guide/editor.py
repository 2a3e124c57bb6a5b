"""The guide editor: the outline on the left, the selected question or section in the middle, the
checker's findings on the right, the guide-level check under the outline. Commands on the
outline are in outline_actions, the live check in live_check."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.guide import Guide, QuestionOutline
from app.i18n import _, ngettext
from app.services import guides
from app.store.project import Project
from app.ui.areas.base import split
from app.ui.formatting import format_number
from app.ui.guide.checking import GuideChecker
from app.ui.guide.findings import FindingsPanel
from app.ui.guide.live_check import GUIDE_CHECK_PAUSE_MS, QUESTION_CHECK_PAUSE_MS, LiveCheck
from app.ui.guide.outline_actions import OutlineActions
from app.ui.guide.question_panel import QuestionPanel
from app.ui.guide.report import GuideReportPanel
from app.ui.guide.saving import GuideWrites
from app.ui.guide.section_panel import SectionPanel
from app.ui.guide.tree import ID_ROLE, KIND_ROLE, GuideTree
from app.ui.guide.versions import VersionBar

SPLIT_SHARES = (0.37, 0.35, 0.28)  # outline, question, findings


class GuideEditor(OutlineActions, LiveCheck, QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.project: Project | None = None
        self.guide: Guide | None = None
        self.checker: GuideChecker | None = None
        self.writes = GuideWrites(self)
        self.writes.frozen.connect(self._guide_frozen_meanwhile)
        self.writes.failed.connect(lambda message: QMessageBox.warning(self, _("The guide was not changed"), message))

        self.version_bar = VersionBar()
        self.version_bar.version_chosen.connect(lambda guide_id: self.show_guide(guide_id))
        self.version_bar.new_version_requested.connect(self.create_new_version)
        self.tree = GuideTree()
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda _item, _column: self._focus_panel())
        self.tree.move_requested.connect(
            lambda kind, record_id, section_id, position: self._move_requested(
                kind, record_id, section_id, position, dropped=True))
        self.report_panel = GuideReportPanel()
        self.report_panel.question_requested.connect(self.select)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.build_toolbar())
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.report_panel)

        self.question_panel = QuestionPanel(self.writes)
        self.question_panel.text_changed.connect(self._question_text_changed)
        self.question_panel.saved.connect(self._question_saved)
        self.question_panel.probes_changed.connect(self._schedule_guide_check)
        self.section_panel = SectionPanel(self.writes)
        self.section_panel.title_changed.connect(self._section_title_changed)
        self.section_panel.save.saved.connect(lambda _id, _section: self._schedule_guide_check())
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.create_guide_button = QPushButton(_("Create the interview guide"))
        self.create_guide_button.clicked.connect(self.create_guide)
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.setContentsMargins(0, 0, 0, 0)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.create_guide_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)
        self.empty_page = empty_page
        self.panels = QStackedWidget()
        for panel in (empty_page, self.question_panel, self.section_panel):
            self.panels.addWidget(panel)
        self.findings_panel = FindingsPanel()
        self.findings_panel.replace_requested.connect(self.accept_suggestion)
        self.findings_panel.dismiss_requested.connect(self.dismiss_finding)
        self.findings_panel.restore_requested.connect(self.restore_finding)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.version_bar)
        self.splitter = split(Qt.Orientation.Horizontal, (left, 37), (self.panels, 36), (self.findings_panel, 27))
        self._proportioned = False
        self._guide_check_due = False
        layout.addWidget(self.splitter, 1)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.panels)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.tree.setFocus)

        self.question_check_timer = self._timer(QUESTION_CHECK_PAUSE_MS, self.check_current_question)
        self.guide_check_timer = self._timer(GUIDE_CHECK_PAUSE_MS, self.check_guide)

    def _timer(self, interval: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # loading -----------------------------------------------------------------------------------
    def load(self, project: Project) -> None:
        """Show the project's latest guide version."""
        self.flush()
        self.project = project
        self.writes.project = project
        latest = project.current_guide()
        self.show_guide(latest.id if latest else None)

    def show_guide(self, guide_id: str | None, select_id: str | None = None) -> None:
        self.flush()
        self.guide_check_timer.stop()
        self.question_check_timer.stop()
        if self.project is None or guide_id is None:
            self.guide = self.checker = None
            self.tree.clear()
            self.version_bar.hide()
            self._show_empty(_("No interview guide in this project yet."), offer_guide=self.project is not None)
            return
        self.guide = self.project.guides.get(guide_id)
        self.checker = GuideChecker(self.project, self.guide)
        self.version_bar.show()
        versions = self.project.guide_versions()
        counts = {guide.id: self.project.interviews.count("guide_id = ?", [guide.id]) for guide in versions}
        self.version_bar.set_versions(versions, self.guide, counts)
        self.question_panel.set_indicators(self.project.indicators.find(order_by="position"))
        self.question_panel.probes.set_library(guides.probe_library(self.guide.language))
        self.tree.set_editable(self.editable)
        self.update_actions()
        self.check_guide(refill=False)
        self.reload(select_id)

    @property
    def editable(self) -> bool:
        return self.guide is not None and not self.guide.is_frozen

    def reload(self, select_id: str | None = None) -> None:
        """Fill the outline again from the database, keeping (or moving to) a selection."""
        if self.guide is None:
            return
        current = self.tree.currentItem()
        select_id = select_id or (current.data(0, ID_ROLE) if current is not None else None)
        outline = guides.load_outline(self.project, self.guide.id)
        self.tree.blockSignals(True)
        self.tree.fill(outline, {q.question.id: self.checker.result(q.question.id) for q in outline.questions()})
        self.tree.blockSignals(False)
        questions = outline.questions()
        minutes = sum(q.question.estimated_minutes or 0 for q in questions)
        summary = ngettext("{n} question", "{n} questions", len(questions)).format(n=len(questions))
        if minutes:
            summary = _("{questions}, about {minutes} min").format(questions=summary, minutes=format_number(minutes))
        self.version_bar.summary_label.setText(summary)
        item = self.tree.item_for(select_id)
        if item is None and questions:
            item = self.tree.item_for(questions[0].question.id)
        if item is None and self.tree.topLevelItemCount():
            item = self.tree.topLevelItem(0)
        self.tree.setCurrentItem(item)
        if item is None:  # no signal from the tree: say why the panels are empty
            self._current_changed(None)

    def flush(self) -> None:
        """Write what was typed and not saved yet."""
        self.question_panel.save.flush()
        self.section_panel.save.flush()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._proportioned and self.splitter.width() > 600:
            # Once, at the first real size: the splitter alone would favour the widest size hint.
            self._proportioned = True
            width = self.splitter.width()
            self.splitter.setSizes([round(width * share) for share in SPLIT_SHARES])

    def hideEvent(self, event) -> None:
        self.release()
        super().hideEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._guide_check_due:
            self._guide_check_due = False
            self.guide_check_timer.start()

    def release(self) -> None:
        """Save what is pending and let no timer fire while the editor is not shown: the project
        may be closed meanwhile (another one opened). A guide check still due runs when shown."""
        self.flush()
        self.question_check_timer.stop()
        if self.guide_check_timer.isActive():
            self.guide_check_timer.stop()
            self._guide_check_due = True

    # selection ---------------------------------------------------------------------------------
    def select(self, record_id: str) -> None:
        item = self.tree.item_for(record_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def current_record(self) -> tuple[str | None, str | None]:
        item = self.tree.currentItem()
        return (item.data(0, KIND_ROLE), item.data(0, ID_ROLE)) if item is not None else (None, None)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        self.flush()
        self.question_check_timer.stop()
        self.update_actions()
        kind = current.data(0, KIND_ROLE) if current is not None else None
        if kind == "question":
            question_id = current.data(0, ID_ROLE)
            item = QuestionOutline(self.project.questions.get(question_id), self.project.probes_of(question_id),
                                   self.project.indicator_ids_of_question(question_id))
            self.question_panel.show_question(item, self.editable)
            self.panels.setCurrentWidget(self.question_panel)
            self.check_current_question()
        elif kind == "section":
            self.section_panel.show_section(self.project.sections.get(current.data(0, ID_ROLE)), self.editable)
            self.panels.setCurrentWidget(self.section_panel)
            self.findings_panel.clear(_("Select a question to see how its wording reads."))
        elif self.guide is not None:
            self._show_empty(_("This guide is empty: add a section (Ctrl+Shift+N), then a question (Ctrl+N).")
                             if self.editable else _("This guide version has no question."))

    def _show_empty(self, message: str, offer_guide: bool = False) -> None:
        self.empty_label.setText(message)
        self.create_guide_button.setVisible(offer_guide)
        self.panels.setCurrentWidget(self.empty_page)
        self.findings_panel.clear("")

    def _section_title_changed(self, title: str) -> None:
        item = self.tree.item_for(self.section_panel.section_id)
        if item is not None:
            item.setText(0, title)

    def _focus_panel(self) -> None:
        if self.panels.currentWidget() is self.question_panel:
            self.question_panel.text_edit.setFocus()
        elif self.panels.currentWidget() is self.section_panel:
            self.section_panel.title_edit.setFocus()

    # versions ----------------------------------------------------------------------------------
    def create_guide(self) -> None:
        if self.project is None:
            return
        guide = self.writes.call(guides.create_guide)
        if guide is not None:
            self.show_guide(guide.id)

    def create_new_version(self) -> None:
        if self.guide is None:
            return
        copy = self.writes.call(guides.new_version, self.guide.id)
        if copy is not None:
            self.show_guide(copy.id)

    def _guide_frozen_meanwhile(self, message: str) -> None:
        QMessageBox.information(self, _("This guide version is frozen"), message)
        if self.guide is not None:
            QTimer.singleShot(0, lambda guide_id=self.guide.id: self.show_guide(guide_id))
