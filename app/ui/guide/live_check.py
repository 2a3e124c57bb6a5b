"""The live check, mixed into the editor: the question being typed is re-checked after a short
pause (only that one), and the whole guide once the text is saved, so typing stays fluid on a
long guide. The findings' buttons land here too: accept a rewrite, dismiss with a reason, restore.
"""

from __future__ import annotations

from app.services import guides
from app.ui.guide import dialogs
from app.ui.guide.checking import with_suggestion

QUESTION_CHECK_PAUSE_MS = 150
GUIDE_CHECK_PAUSE_MS = 600


class LiveCheck:
    """Mixed into GuideEditor, which provides checker, tree, panels, writes and the timers."""

    def _question_text_changed(self, text: str) -> None:
        self.tree.set_question_text(self.question_panel.question_id, text)
        self.question_check_timer.start()

    def _question_saved(self, _question) -> None:
        self._schedule_guide_check()

    def _schedule_guide_check(self) -> None:
        self.guide_check_timer.start()

    def check_current_question(self) -> None:
        question_id = self.question_panel.question_id
        if self.checker is None or question_id is None or self.panels.currentWidget() is not self.question_panel:
            return
        text = self.question_panel.text()
        check = self.checker.check_question(question_id, text)
        self._show_check(question_id, check, text)

    def _show_check(self, question_id: str, check, text: str) -> None:
        self.question_panel.underlines.show(check.active)
        self.findings_panel.show_check(check, text, self.editable)
        self.tree.set_marker(question_id, check)

    def check_guide(self, refill: bool = True) -> None:
        if self.checker is None:
            return
        self.flush()
        self.guide_check_timer.stop()  # what the flush saved is in this check
        self.report_panel.set_report(self.checker.check_guide())
        if refill:
            for question_id in self.checker.findings:
                self.tree.set_marker(question_id, self.checker.result(question_id))
            # What is on screen may be newer than what was stored: it has the last word.
            self.check_current_question()

    # the findings' buttons ---------------------------------------------------------------------
    def accept_suggestion(self, finding) -> None:
        if self.editable and finding.suggestion is not None:
            self.question_panel.replace_text(with_suggestion(self.question_panel.text(), finding))
            self.question_panel.text_edit.setFocus()

    def dismiss_finding(self, finding) -> None:
        question_id = self.question_panel.question_id
        reason = dialogs.ask_dismiss_reason(self, finding.rule)
        if not reason or question_id is None:
            return
        if self.writes.call(guides.dismiss_finding, question_id, finding.rule, reason) is not None:
            self.checker.set_aside(question_id, finding.rule, reason)
            self._show_check(question_id, self.checker.result(question_id), self.question_panel.text())

    def restore_finding(self, finding) -> None:
        question_id = self.question_panel.question_id
        if question_id and self.writes.attempt(guides.restore_finding, question_id, finding.rule):
            self.checker.bring_back(question_id, finding.rule)
            self._show_check(question_id, self.checker.result(question_id), self.question_panel.text())
