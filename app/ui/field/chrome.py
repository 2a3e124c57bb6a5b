"""The runner's frame: the title and the clock above, the moves below, and the keys that drive it."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.ui.areas.base import heading, muted
from app.ui.field.question_view import PROBE_KEYS, scaled
from app.ui.formatting import format_offset

SHORTCUTS = {
    "next": ("Ctrl+Right", "Alt+Right"),
    "previous": ("Ctrl+Left", "Alt+Left"),
    "jump": ("Ctrl+J",),
    "pause": ("Ctrl+P",),
    "finish": ("Ctrl+Return", "Ctrl+Enter"),
}
PAUSE_STYLE = ("QLabel { background: #fbf1dc; color: #3d3220; border-left: 4px solid #d4a24c;"
               " border-radius: 3px; padding: 8px 14px; }")


def key_text(sequence: str) -> str:
    """A key as this system writes it, with arrows rather than the words Right and Left."""
    control = QKeySequence("Ctrl+A").toString(QKeySequence.SequenceFormat.NativeText)[:-1]
    named = {"Ctrl+Right": control + "→", "Ctrl+Left": control + "←", "Ctrl+Return": control + _("Enter")}
    return named.get(sequence) or QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def reserved_keys() -> set[QKeyCombination]:
    """The keys the notes field must leave to the runner."""
    sequences = [sequence for keys in SHORTCUTS.values() for sequence in keys]
    sequences += [f"Alt+{number}" for number in range(1, PROBE_KEYS + 1)]
    return {QKeySequence(sequence)[0] for sequence in sequences}


class RunnerChrome:
    """Mixed into RunnerWindow, which provides the moves and the state named here."""

    def build_chrome(self: QWidget, pages: QWidget) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(36, 20, 36, 14)
        root.setSpacing(14)
        top = QHBoxLayout()
        top.setSpacing(16)
        self.title_label = heading(_("Interview with {code}").format(code=self.code), 1)
        top.addWidget(self.title_label, 1, Qt.AlignmentFlag.AlignVCenter)
        times = QVBoxLayout()
        times.setSpacing(0)
        self.clock_label = QLabel("00:00")
        scaled(self.clock_label, 2.0, bold=True)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.clock_label.setToolTip(_("Time since the interview began, pauses left out."))
        self.section_time_label = muted()
        self.section_time_label.setWordWrap(False)
        self.section_time_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        times.addWidget(self.clock_label)
        times.addWidget(self.section_time_label)
        top.addLayout(times)
        self.pause_button = QPushButton(_("Pause"))
        self.finish_button = QPushButton(_("Finish…"))
        for button in (self.pause_button, self.finish_button):
            button.setMinimumHeight(34)
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        root.addLayout(top)
        self.pause_banner = QLabel(_("The interview is paused: the clock is stopped. Press {key} to resume.")
                                   .format(key=key_text("Ctrl+P")))
        self.pause_banner.setStyleSheet(PAUSE_STYLE)
        self.pause_banner.setWordWrap(True)
        self.pause_banner.hide()
        root.addWidget(self.pause_banner)
        root.addWidget(pages, 1)

        bottom = QHBoxLayout()
        self.previous_button = QPushButton(_("← Previous question"))
        self.jump_button = QPushButton(_("Go to…"))
        self.questionnaire_button = QPushButton(_("Questionnaire"))
        self.questionnaire_button.setVisible(bool(self.items))
        self.next_button = QPushButton(_("Next question →"))
        for button in (self.previous_button, self.jump_button, self.questionnaire_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)
        for button in (self.previous_button, self.jump_button, self.questionnaire_button, self.next_button):
            button.setMinimumHeight(34)
        root.addLayout(bottom)
        self.keys_label = muted(_("Keys: {next} next question · {previous} previous · {jump} go to · {pause} pause "
                                  "· {finish} finish · Alt+1…9 probe used").format(
            next=key_text("Ctrl+Right"), previous=key_text("Ctrl+Left"), jump=key_text("Ctrl+J"),
            pause=key_text("Ctrl+P"), finish=key_text("Ctrl+Return")))
        root.addWidget(self.keys_label)
        self._build_actions()
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.jump_button.clicked.connect(self.jump)
        self.questionnaire_button.clicked.connect(self.toggle_questionnaire)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.finish_button.clicked.connect(self.finish)
        order = [self.notes.editor, self.notes.third_party, self.previous_button, self.jump_button,
                 self.questionnaire_button, self.next_button, self.pause_button, self.finish_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

    def _build_actions(self: QWidget) -> None:
        slots = {"next": self.next, "previous": self.previous, "jump": self.jump, "pause": self.toggle_pause,
                 "finish": self.finish}
        tips = {"next": self.next_button, "previous": self.previous_button, "jump": self.jump_button,
                "pause": self.pause_button, "finish": self.finish_button}
        self.actions_by_name: dict[str, QAction] = {}
        for name, keys in SHORTCUTS.items():
            action = QAction(self)
            action.setShortcuts([QKeySequence(key) for key in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slots[name])
            self.addAction(action)
            self.actions_by_name[name] = action
            tips[name].setToolTip(key_text(keys[0]))
        for number in range(1, PROBE_KEYS + 1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.triggered.connect(partial(self.choose_probe, number))
            self.addAction(action)

    def update_navigation(self) -> None:
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < self.step_count - 1)
        to_questionnaire = bool(self.items) and self.index == len(self.questions) - 1
        self.next_button.setText(_("Questionnaire →") if to_questionnaire else _("Next question →"))
        self.questionnaire_button.setText(_("Back to the guide") if self.on_questionnaire else _("Questionnaire"))

    def show_time(self) -> None:
        self.clock_label.setText(format_offset(self.clock.elapsed_ms()))
        if self.on_questionnaire or not self.questions:
            self.section_time_label.setText(_("Questionnaire"))
        else:
            self.section_time_label.setText(
                _("This section: {time}").format(time=format_offset(self.clock.section_ms())))

    def show_paused(self, paused: bool) -> None:
        self.pause_banner.setVisible(paused)
        self.pause_button.setText(_("Resume") if paused else _("Pause"))
        self.clock_label.setEnabled(not paused)
