"""The interview runner: a calm window with the question in large type, the notes, the probes
and the clock, driven from the keyboard.

Notes are saved as they are typed (TypingSaver) and on every move; where the interview stands
is checkpointed on every move and every few seconds, so a crash loses at most the last second of
typing and the interview reopens at the same question.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.services import fieldwork, guides
from app.store.project import Project
from app.ui.areas.base import split
from app.ui.field.chrome import RunnerChrome, reserved_keys
from app.ui.field.clock import InterviewClock
from app.ui.field.field_note import FieldNoteDialog
from app.ui.field.jump import JumpDialog
from app.ui.field.notes_panel import NotesPanel
from app.ui.field.question_view import PROBE_KEYS, ProbePanel, QuestionView
from app.ui.field.questionnaire import QuestionnairePanel
from app.ui.field.saving import FieldWrites, TypingSaver
from app.ui.formatting import format_offset
from app.ui.guide.saving import exact_text

CHECKPOINT_MS = 3000
TICK_MS = 250


class RunnerWindow(RunnerChrome, QWidget):
    closed = Signal(str)  # interview id, whenever the window closes
    finished = Signal(str)  # interview id, once the interview is finished

    def __init__(self, project: Project, interview_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.project = project
        self.interview_id = interview_id
        self.writes = FieldWrites(project, self)
        self.writes.failed.connect(lambda message: self.notes.show_status(message, problem=True))
        self.state = fieldwork.run_state(project, interview_id)
        self.questions = self.state.questions
        self.items = fieldwork.questionnaire_items(project)
        self.code = project.participants.get(self.state.interview.participant_id).code
        self.clock = InterviewClock(self.state.elapsed_ms, self.state.section_elapsed_ms)
        self.offsets = {qid: note.offset_ms for qid, note in self.state.notes.items()}
        self.texts = {qid: note.text for qid, note in self.state.notes.items()}
        self.third = {qid: note.answered_by_third_party for qid, note in self.state.notes.items()}
        self.used = {qid: [(note.offset_ms, note.text) for note in notes]
                     for qid, notes in self.state.probes_used.items()}
        self.sections = list(dict.fromkeys(item.section.id for item in self.questions))
        self.field_note_dialog: FieldNoteDialog | None = None
        self.done = False
        self._loading = False
        self.index = -1
        self._before_questionnaire = 0

        self.question_view = QuestionView()
        self.notes = NotesPanel()
        self.notes.editor.reserved = reserved_keys()
        self.notes.editor.textChanged.connect(self._typed)
        self.notes.third_party.toggled.connect(self._third_party_toggled)
        self.probes = ProbePanel(guides.probe_library(self._guide_language()))
        self.probes.probe_chosen.connect(self.log_probe)
        guide_page = QWidget()
        guide_layout = QVBoxLayout(guide_page)
        guide_layout.setContentsMargins(0, 0, 0, 0)
        guide_layout.setSpacing(16)
        guide_layout.addWidget(self.question_view)
        self.splitter = split(Qt.Orientation.Horizontal, (self.notes, 62), (self.probes, 38))
        self.splitter.setSizes([760, 460])
        guide_layout.addWidget(self.splitter, 1)
        self.questionnaire = QuestionnairePanel(self.items, self._answers(), self.record_answer)
        self.pages = QStackedWidget()
        self.pages.addWidget(guide_page)
        self.pages.addWidget(self.questionnaire)
        if not self.questions:
            self.pages.addWidget(QLabel(_("This guide has no question yet.")))
        self.build_chrome(self.pages)

        self.saver = TypingSaver(self._write_note, parent=self)
        self.saver.saved.connect(self._note_saved)
        self.tick = self._timer(TICK_MS, self.show_time)
        self.checkpoint_timer = self._timer(CHECKPOINT_MS, self.checkpoint)
        self.resize(1280, 800)
        self.go(min(self.state.current_index, max(len(self.questions) - 1, 0)), save=False)
        if self.state.interview.status == "paused":
            self.show_paused(True)
        else:
            self.clock.start()
        self.show_time()

    def _timer(self, interval: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        timer.start()
        return timer

    def _guide_language(self) -> str:
        guide_id = self.state.interview.guide_id
        return self.project.guides.get(guide_id).language if guide_id else "fr"

    def _answers(self):
        return self.project.survey_answers.find("interview_id = ?", [self.interview_id])

    # where we are ------------------------------------------------------------------------------
    @property
    def step_count(self) -> int:
        return len(self.questions) + (1 if self.items else 0)

    @property
    def on_questionnaire(self) -> bool:
        return self.index == len(self.questions)

    def current_question_id(self) -> str | None:
        if not self.questions:
            return None
        return self.questions[min(self.index, len(self.questions) - 1)].question.id

    def go(self, step: int, save: bool = True) -> None:
        if not (0 <= step < max(self.step_count, 1)) or step == self.index:
            return
        if save:
            self.flush()
        self.index = step
        if not self.questions:
            self.pages.setCurrentIndex(2)
        elif self.on_questionnaire:
            self.clock.set_section(None)
            self.pages.setCurrentWidget(self.questionnaire)
        else:
            self._show_question(step)
        self.update_navigation()
        if save:
            self.checkpoint()
        self.show_time()

    def _show_question(self, step: int) -> None:
        item = self.questions[step]
        self.clock.set_section(item.section.id)
        self.pages.setCurrentIndex(0)
        self.question_view.show_question(item, step, len(self.questions),
                                         self.sections.index(item.section.id) + 1, len(self.sections))
        qid = item.question.id
        self._loading = True
        self.notes.editor.setPlainText(self.texts.get(qid, ""))
        self.notes.editor.moveCursor(self.notes.editor.textCursor().MoveOperation.End)
        self.notes.third_party.setChecked(self.third.get(qid, False))
        self._loading = False
        self.notes.show_started(format_offset(self.offsets[qid]) if qid in self.offsets else "")
        self.notes.show_status("")
        self.probes.show_probes([probe.text for probe in item.probes])
        self.probes.show_used(self.used.get(qid, []))
        self.notes.editor.setFocus()

    def next(self) -> None:
        self.go(self.index + 1)

    def previous(self) -> None:
        self.go(self.index - 1)

    def toggle_questionnaire(self) -> None:
        if self.on_questionnaire:
            self.go(self._before_questionnaire)
        elif self.items:
            self._before_questionnaire = self.index
            self.go(len(self.questions))

    def jump(self) -> None:
        answered = {qid for qid, text in self.texts.items() if text.strip()}
        dialog = JumpDialog(self.questions, self.index, answered, bool(self.items), self)
        if dialog.exec() and dialog.chosen_step() is not None:
            self.go(dialog.chosen_step())

    # writing -----------------------------------------------------------------------------------
    def _typed(self) -> None:
        if self._loading or self.on_questionnaire:
            return
        qid = self.current_question_id()
        if qid is None:
            return
        if qid not in self.offsets:
            self.offsets[qid] = self.clock.elapsed_ms()
            self.notes.show_started(format_offset(self.offsets[qid]))
        self.texts[qid] = exact_text(self.notes.editor)
        self.saver.change(qid, self.texts[qid])

    def _write_note(self, qid: str, text: str):
        return self.writes.call(fieldwork.save_note, self.interview_id, qid, text, self.offsets.get(qid, 0))

    def _note_saved(self, qid: str, note) -> None:
        if qid == self.current_question_id():
            self.notes.show_status(_("Saved at {time}").format(time=format_offset(self.clock.elapsed_ms())))

    def _third_party_toggled(self, on: bool) -> None:
        qid = self.current_question_id()
        if self._loading or qid is None:
            return
        self.saver.flush()
        self.offsets.setdefault(qid, self.clock.elapsed_ms())
        if self.writes.call(fieldwork.set_third_party, self.interview_id, qid, on, self.offsets[qid]) is None:
            self._loading = True
            self.notes.third_party.setChecked(not on)
            self._loading = False
            return
        self.third[qid] = on
        self.notes.show_started(format_offset(self.offsets[qid]))

    def log_probe(self, text: str) -> None:
        qid = self.current_question_id()
        if qid is None or self.on_questionnaire:
            return
        note = self.writes.call(fieldwork.log_probe, self.interview_id, qid, text, self.clock.elapsed_ms())
        if note is not None:
            self.used.setdefault(qid, []).append((note.offset_ms, text))
            self.probes.show_used(self.used[qid])
        self.notes.editor.setFocus()

    def choose_probe(self, number: int) -> None:
        if not self.on_questionnaire and number <= PROBE_KEYS:
            self.probes.choose(number)

    def record_answer(self, item_id: str, value):
        return self.writes.call(fieldwork.record_answer, self.interview_id, item_id, value)

    def flush(self) -> None:
        self.saver.flush()
        self.questionnaire.flush()

    def checkpoint(self) -> None:
        if self.done or not self.questions:
            return
        self.writes.call(fieldwork.checkpoint, self.interview_id, current_question_id=self.current_question_id(),
                         elapsed_ms=self.clock.elapsed_ms(), section_elapsed_ms=self.clock.sections())

    # pause, finish, close ----------------------------------------------------------------------
    def toggle_pause(self) -> None:
        if self.done:
            return
        self.flush()
        if self.clock.running:
            self.clock.pause()
            self.writes.call(fieldwork.pause, self.interview_id, self.clock.elapsed_ms(), self.clock.sections())
            self.show_paused(True)
        else:
            self.writes.call(fieldwork.resume, self.interview_id)
            self.clock.start()
            self.show_paused(False)
        self.show_time()

    def finish(self) -> None:
        if self.done:
            return
        answer = QMessageBox.question(
            self, _("Finish the interview"),
            _("Finish the interview with {code}? It lasted {time}. You will then write the reflexive field note.")
            .format(code=self.code, time=format_offset(self.clock.elapsed_ms())))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.flush()
        self.checkpoint()
        self.clock.pause()
        if self.writes.call(fieldwork.finish, self.interview_id, self.clock.elapsed_ms(),
                            self.clock.sections()) is None:
            return
        self.done = True
        self.field_note_dialog = FieldNoteDialog(self.project, self.interview_id, self.parentWidget())
        self.close()
        self.finished.emit(self.interview_id)
        self.field_note_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tick.stop()
        self.checkpoint_timer.stop()
        if not self.done:
            self.flush()
            self.checkpoint()
            if self.clock.running:
                # Closing the window stops the clock: the interview can be resumed from the list.
                self.clock.pause()
                self.writes.call(fieldwork.pause, self.interview_id, self.clock.elapsed_ms(), self.clock.sections())
        super().closeEvent(event)
        self.closed.emit(self.interview_id)

