"""The coding workbench: one transcript, its codings, and the coder's actions on them.

Select words, then apply a theme from the quick-search palette (Ctrl+K), by dropping a theme
from the codebook on them, or through ``apply_code`` (wired to the codebook's double-click).
A coding shows at once; the database write runs on the background writer, and a refused write
takes the coding off the screen again and says why. Every action lands in the undo history,
once written.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from app.core.coding import Code, Coder, Coding
from app.i18n import _
from app.services import blind
from app.services.coding import live_codes
from app.services.history import Action, History, applied, changed, removed
from app.store import views
from app.store.project import Project
from app.ui.areas.base import SPACING, muted, split
from app.ui.coding import tasks
from app.ui.coding.codings_panel import CodingHere, CodingsHerePanel
from app.ui.coding.marks import Mark
from app.ui.coding.offsets import snap_to_words
from app.ui.coding.palette import CodePalette
from app.ui.coding.text_view import CodedTextView
from app.ui.workers import DatabaseWriter

RECENT_KEPT = 8
BANNER_STYLE = "background: #eaf1f7; color: #2f4a63; border-radius: 6px; padding: 8px 12px;"
MESSAGE_STYLE = "background: #fbe9c6; color: #5c4210; border-radius: 6px; padding: 8px 12px;"


class CodingWorkbench(QWidget):
    changed = Signal()  # the project changed
    history_changed = Signal()  # what can be undone or redone changed

    def __init__(self, parent: QWidget | None = None, history: History | None = None):
        super().__init__(parent)
        self.history = history if history is not None else History()
        self.writer: DatabaseWriter | None = None
        self._project: Project | None = None
        self._coder_id: str | None = None
        self._transcript_id: str | None = None
        self._codes: dict[str, Code] = {}
        self._coders: dict[str, Coder] = {}
        self._codings: dict[str, Coding] = {}  # shown on the current transcript
        self._codable: dict[str, str] = {}  # transcript id -> title, participants who withdrew left out
        self._recent: list[str] = []
        self._reload_when_idle = False
        self._build()
        self._make_actions()

    # layout -------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        top = QHBoxLayout()
        top.setSpacing(SPACING)
        chooser_label = QLabel(_("Transcript"))
        self.chooser = QComboBox()
        self.chooser.setMinimumWidth(260)
        self.chooser.setAccessibleName(_("Transcript to code"))
        chooser_label.setBuddy(self.chooser)
        self.chooser.activated.connect(lambda index: self.show_transcript(self.chooser.itemData(index)))
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        self.coder_label = muted()
        self.coder_label.setWordWrap(False)
        top.addWidget(self.coder_label)
        self.done_button = QPushButton(_("Done with this transcript"))
        self.done_button.setCheckable(True)
        self.done_button.setToolTip(_("Say that your pass over this transcript is finished. In blind coding, "
                                      "the coders see each other's codings once both are done."))
        self.done_button.clicked.connect(self.set_done)
        top.addWidget(self.done_button)
        layout.addLayout(top)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(MESSAGE_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        layout.addWidget(self.message_label)

        self.view = CodedTextView()
        self.view.setAccessibleName(_("Transcript being coded"))
        self.view.span_changed.connect(self._selection_moved)
        self.view.code_dropped.connect(self.apply_code)
        self.view.margin.clicked.connect(self.select_coding)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.panel = CodingsHerePanel()
        self.panel.remove_requested.connect(self.remove_coding)
        self.panel.memo_saved.connect(self.save_memo)
        self.panel.quotable_toggled.connect(self.set_quotable)
        self.panel.current_changed.connect(lambda key: self.view.margin.set_current(key or None))
        self.panel.setMinimumWidth(230)
        self.splitter = split(Qt.Orientation.Horizontal, (self.view, 3), (self.panel, 1))
        self.splitter.setSizes([900, 250])  # the panel keeps its width whether or not it lists codings
        layout.addWidget(self.splitter, 1)
        self.hint_label = muted(_("Select some words, then press Ctrl+K to choose a theme, or drag a theme from "
                                  "the codebook onto them. Ctrl+Z undoes."))
        layout.addWidget(self.hint_label)
        self.palette = CodePalette(self)
        self.palette.chosen.connect(self.apply_code)

    def _make_actions(self) -> None:
        self.undo_action = QAction(_("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(_("Redo"), self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.palette_action = QAction(_("Code the selection…"), self)
        self.palette_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+C")])
        self.palette_action.triggered.connect(self.open_palette)
        self.remove_action = QAction(_("Remove coding"), self)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.triggered.connect(self._remove_current)
        for action in (self.palette_action, self.remove_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        # The integrator may put undo and redo in the window's Edit menu; until then they work here.
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.refresh_history_actions()

    # the project ---------------------------------------------------------------------------------------------
    def set_project(self, project: Project, coder_id: str) -> None:
        """Code ``project`` as ``coder_id``; the writes go to a writer of the workbench's own."""
        if self._project is not None and project is not self._project:
            self.shutdown()
            self.history.clear()
        if self.writer is None:
            if project.path is None:
                raise ValueError("the coding workbench needs a project saved in a file")
            self.writer = DatabaseWriter(project.path, self)
            self.writer.idle.connect(self._writer_idle)
        self._project = project
        self._coder_id = coder_id
        self._coders = {coder.id: coder for coder in project.coders.find()}
        coder = self._coders.get(coder_id)
        self.coder_label.setText(_("Coding as {coder}").format(coder=coder.name) if coder else "")
        self._read_codes()
        self._fill_chooser()
        wanted = self._transcript_id if self._transcript_id in self._codable else self._first_transcript()
        self._transcript_id = None
        if wanted:
            self.show_transcript(wanted)
        else:
            self.view.load([])
            self._refresh_here()
        self.refresh_history_actions()

    def _first_transcript(self) -> str | None:
        """Where to start: the transcript this coder coded most, else the first one."""
        row = self._project.db.execute(
            "SELECT transcript_id FROM coding WHERE coder_id = ? GROUP BY transcript_id "
            "ORDER BY count(*) DESC, transcript_id LIMIT 1", [self._coder_id]).fetchone()
        if row and row[0] in self._codable:
            return row[0]
        return next(iter(self._codable), None)

    def shutdown(self) -> None:
        """Let pending writes land and close the writer's connection (before closing the project)."""
        if self.writer is not None:
            self.writer.stop()
            self.writer.deleteLater()
            self.writer = None

    def reload(self) -> None:
        """Read the codebook and the codings again (after changes made elsewhere)."""
        if self._project is None:
            return
        self._read_codes()
        self._fill_chooser()
        self._read_codings()

    def _read_codes(self) -> None:
        self._codes = {code.id: code for code in self._project.codes.find()}

    def _fill_chooser(self) -> None:
        self._codable = {row.id: row.title for row in views.transcript_rows(self._project.db)}
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for transcript_id, title in self._codable.items():
            self.chooser.addItem(title, transcript_id)
        self.chooser.setCurrentIndex(self.chooser.findData(self._transcript_id))
        self.chooser.blockSignals(False)

    # the transcript ------------------------------------------------------------------------------------------
    def transcript_id(self) -> str | None:
        return self._transcript_id

    def show_transcript(self, transcript_id: str, start: int | None = None, end: int | None = None) -> None:
        """Show a transcript; with ``start`` and ``end``, select [start, end) and scroll to it."""
        if self._project is None or not transcript_id:
            return
        if transcript_id not in self._codable:
            self._fill_chooser()
        if transcript_id not in self._codable:
            self._say(_("This transcript cannot be coded: its participant withdrew, or it was deleted."))
            return
        if transcript_id != self._transcript_id:
            self._transcript_id = transcript_id
            turns = self._project.turns_of(transcript_id)
            self.view.load([(turn.speaker_label, turn.speaker_role, turn.text) for turn in turns])
            self.chooser.setCurrentIndex(self.chooser.findData(transcript_id))
            self._say("")
            self._read_codings()
        if start is not None and end is not None and end > start:
            self.view.select_span(start, end)

    def _read_codings(self) -> None:
        """The codings this coder may see on the transcript, from the database."""
        project, transcript_id = self._project, self._transcript_id
        if project is None or transcript_id is None:
            return
        visible = blind.visible_coder_ids(project, transcript_id, self._coder_id)
        found = project.codings.find("transcript_id = ? AND anchor_status = 'ok'", [transcript_id],
                                     order_by="start_offset, end_offset")
        self._codings = {coding.id: coding for coding in found
                         if self._is_live(coding.code_id) and (visible is None or coding.coder_id in visible)}
        self.view.set_marks([self._mark(coding) for coding in self._codings.values()])
        message = blind.hidden_message(project, transcript_id, self._coder_id)
        self.banner.setText(message)
        self.banner.setVisible(bool(message))
        self.done_button.setChecked(blind.is_done(project, self._coder_id, transcript_id))
        self._refresh_here()

    def _is_live(self, code_id: str) -> bool:
        code = self._codes.get(code_id)
        return code is not None and not code.deleted_at

    def _mark(self, coding: Coding) -> Mark:
        code = self._codes.get(coding.code_id)
        coder = self._coders.get(coding.coder_id)
        return Mark(coding.id, coding.start_offset, coding.end_offset, code.colour if code else "#888888",
                    code.name if code else "?", coder.name if coder else "?",
                    (coder.initials or _initials(coder.name)) if coder else "")

    def shown_codings(self) -> list[Coding]:
        """The codings on screen, by position."""
        return sorted(self._codings.values(), key=lambda c: (c.start_offset, c.end_offset, c.id))

    # codings under the cursor --------------------------------------------------------------------------------
    def _selection_moved(self) -> None:
        if self.message_label.isVisible() and self.view.textCursor().hasSelection():
            self._say("")  # a new selection: the last refusal has been read
        self._refresh_here()

    def _refresh_here(self) -> None:
        start, end = self.view.selected_span()
        if start >= end:
            start = end = self.view.cursor_offset()
        text = self.view.offsets.full_text
        rows = []
        for mark in sorted(self.view.marks(), key=lambda m: (m.start, m.end)):
            if mark.overlaps(start, end):
                coding = self._codings[mark.coding_id]
                rows.append(CodingHere(coding.id, mark.code_name, mark.colour, mark.coder_name,
                                       text[coding.start_offset:coding.end_offset], coding.memo, coding.quotable))
        self.panel.show_codings(rows)

    def select_coding(self, coding_id: str) -> None:
        """Select a coding's words (a click on its bar) and choose it in « Codings here »."""
        coding = self._codings.get(coding_id)
        if coding is None:
            return
        self.view.select_span(coding.start_offset, coding.end_offset)
        self.panel.choose(coding_id)

    # applying codes --------------------------------------------------------------------------------------------
    def open_palette(self) -> None:
        if self._project is None:
            return
        codes = live_codes(self._project)
        rect = self.view.cursorRect()
        where = self.view.viewport().mapToGlobal(QPoint(max(rect.left(), 24), rect.bottom() + 6))
        self.palette.open_at(codes, self._recent, where)

    def apply_code(self, code_id: str) -> Coding | None:
        """Code the selection with ``code_id`` as the current coder; the write goes to the background."""
        if self._project is None or self._transcript_id is None or self.writer is None:
            return None
        start, end = snap_to_words(self.view.offsets.full_text, *self.view.selected_span())
        if start >= end:
            self._say(_("Select the words to code first, then choose a theme."))
            return None
        code = self._codes.get(code_id)
        if code is None:  # added in the codebook since the codes were read
            self._read_codes()
            code = self._codes.get(code_id)
        if code is None:
            self._say(_("This theme is no longer in the codebook."))
            return None
        if code.deleted_at:
            self._say(_("The code “{name}” is in the bin; restore it before coding with it.").format(name=code.name))
            return None
        for shown in self._codings.values():
            if (shown.code_id, shown.coder_id, shown.start_offset, shown.end_offset) == (
                    code_id, self._coder_id, start, end):
                self._say(_("These words are already coded “{name}”.").format(name=code.name))
                return None
        coding = Coding(transcript_id=self._transcript_id, code_id=code_id, coder_id=self._coder_id,
                        start_offset=start, end_offset=end)
        self._say("")
        self._codings[coding.id] = coding
        self.view.add_mark(self._mark(coding))
        self._refresh_here()
        self.panel.choose(coding.id)
        self._recent = [code_id, *[known for known in self._recent if known != code_id]][:RECENT_KEPT]
        label = _("coding “{code}”").format(code=code.name)
        self.writer.submit(tasks.store_coding(coding), lambda _stored: self._recorded(applied(coding, label)),
                           lambda message: self._apply_failed(coding.id, message))
        return coding

    def _apply_failed(self, coding_id: str, message: str) -> None:
        if self._codings.pop(coding_id, None) is not None:
            self.view.remove_mark(coding_id)
            self._refresh_here()
        self._say(message)

    # changing a coding -----------------------------------------------------------------------------------------
    def _remove_current(self) -> None:
        coding_id = self.panel.current_coding_id()
        if coding_id:
            self.remove_coding(coding_id)

    def remove_coding(self, coding_id: str) -> None:
        coding = self._codings.pop(coding_id, None)
        if coding is None or self.writer is None:
            return
        self.view.remove_mark(coding_id)
        self._refresh_here()
        label = _("removal of the coding “{code}”").format(code=self._code_name(coding))

        def put_back(message: str) -> None:
            self._codings[coding.id] = coding
            self.view.add_mark(self._mark(coding))
            self._refresh_here()
            self._say(message)

        self.writer.submit(tasks.delete_coding(coding_id), lambda _none: self._recorded(removed(coding, label)),
                           put_back)

    def save_memo(self, coding_id: str, memo: str) -> None:
        before = self._codings.get(coding_id)
        if before is None or self.writer is None:
            return
        label = _("memo on the coding “{code}”").format(code=self._code_name(before))
        self._change(tasks.write_memo(coding_id, memo), dataclasses.replace(before), label)

    def set_quotable(self, coding_id: str, quotable: bool) -> None:
        before = self._codings.get(coding_id)
        if before is None or self.writer is None:
            return
        label = _("quotable mark on “{code}”").format(code=self._code_name(before))
        self._change(tasks.write_quotable(coding_id, quotable), dataclasses.replace(before), label)

    def _change(self, task: Action, before: Coding, label: str) -> None:
        def written(after: Coding) -> None:
            if after.id in self._codings:
                self._codings[after.id] = after
            self._recorded(changed(before, after, label))
            self._refresh_here()

        def refused(message: str) -> None:
            self._say(message)
            self.panel.show_codings([])  # shown again from what is stored, the checkbox included
            self._refresh_here()

        self.writer.submit(task, written, refused)

    def set_done(self, done: bool) -> None:
        """Mark the current coder's pass over this transcript done (or reopen it)."""
        if self._project is None or self._transcript_id is None or self.writer is None:
            return

        def written(_coding_pass) -> None:
            self._reload_when_idle = True
            self.changed.emit()

        def refused(message: str) -> None:
            self.done_button.setChecked(not done)
            self._say(message)

        self.writer.submit(tasks.write_done(self._coder_id, self._transcript_id, bool(done)), written, refused)

    def _code_name(self, coding: Coding) -> str:
        code = self._codes.get(coding.code_id)
        return code.name if code else "?"

    # undo and redo ---------------------------------------------------------------------------------------------
    def _recorded(self, step) -> None:
        self.history.record(step)
        self.refresh_history_actions()
        self.changed.emit()

    def undo(self) -> None:
        self._replay(undoing=True)

    def redo(self) -> None:
        self._replay(undoing=False)

    def _replay(self, undoing: bool) -> None:
        if self.writer is None:
            return
        # Steps are recorded once written: let pending writes land so the latest step is undone.
        self.writer.wait_idle(5.0)
        step = self.history.take_undo() if undoing else self.history.take_redo()
        if step is None:
            return
        self.refresh_history_actions()

        def written(_result) -> None:
            self._reload_when_idle = True
            self.changed.emit()

        def refused(message: str) -> None:
            self.history.put_back(step, undone=undoing)
            self.refresh_history_actions()
            self._say(message)

        self.writer.submit(step.undo if undoing else step.redo, written, refused)

    def refresh_history_actions(self) -> None:
        """Name the step Ctrl+Z would undo; call it when another screen records into the history."""
        self.undo_action.setEnabled(self.history.can_undo())
        self.redo_action.setEnabled(self.history.can_redo())
        self.undo_action.setText(_("Undo {action}").format(action=self.history.undo_label())
                                 if self.history.can_undo() else _("Undo"))
        self.redo_action.setText(_("Redo {action}").format(action=self.history.redo_label())
                                 if self.history.can_redo() else _("Redo"))
        self.history_changed.emit()

    def _writer_idle(self) -> None:
        if self._reload_when_idle:
            self._reload_when_idle = False
            self._read_codes()
            self._read_codings()

    # small things --------------------------------------------------------------------------------------------------
    def _say(self, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))

    def _context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.palette_action)
        live = [self._codes[key] for key in self._recent if self._is_live(key)][:5]
        if live:
            menu.addSeparator()
            for code in live:
                menu.addAction(_("Code as “{name}”").format(name=code.name),
                               lambda code_id=code.id: self.apply_code(code_id))
        coding_id = self.panel.current_coding_id()
        if coding_id:
            menu.addSeparator()
            menu.addAction(self.remove_action)
        menu.exec(self.view.viewport().mapToGlobal(position))


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part[:1].isalpha()).upper()
