"""What the runner shows of the current question: its section, the reminder that comes before a
sensitive question, the question itself in large type, and the probes at hand."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.i18n import _
from app.services.fieldwork import RunQuestion
from app.ui.areas.base import heading, muted
from app.ui.formatting import format_offset

TEXT_ROLE = Qt.ItemDataRole.UserRole
PROBE_KEYS = 9  # Alt+1 … Alt+9

# A calm reminder, not an alarm: soft blue, a line on the left.
REMINDER_STYLE = ("QLabel { background: #e9f0f9; color: #1f2d3d; border-left: 4px solid #6c8ebf;"
                  " border-radius: 3px; padding: 10px 14px; }")


def scaled(widget: QWidget, factor: float, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)


def same_words(text: str) -> str:
    """Text compared without regard to its spaces (a no-break space before ? is still a space)."""
    return " ".join(text.split()).casefold()


def reminder_text(item: RunQuestion) -> str:
    """The banner for a question (rich text), or "" when it needs none."""
    reminder = escape((item.question.reminder or "").strip())
    if item.question.is_sensitive:
        return "<b>{sensitive}</b> {reminder}".format(
            sensitive=escape(_("Sensitive question.")),
            reminder=reminder or escape(_("Remind the person that they may skip it or take a break.")))
    return escape(_("Reminder: {reminder}")).format(reminder=reminder) if reminder else ""


class QuestionView(QWidget):
    """The section, the reminder (before the question) and the question."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.section_label = muted()
        scaled(self.section_label, 1.1)
        layout.addWidget(self.section_label)
        self.reminder_label = QLabel()
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setTextFormat(Qt.TextFormat.RichText)
        self.reminder_label.setStyleSheet(REMINDER_STYLE)
        scaled(self.reminder_label, 1.15)
        layout.addWidget(self.reminder_label)
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.question_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_label.setTextFormat(Qt.TextFormat.PlainText)
        scaled(self.question_label, 1.9)
        layout.addWidget(self.question_label)

    def show_question(self, item: RunQuestion, index: int, total: int, section_number: int, sections: int) -> None:
        self.section_label.setText(_("Section {number} of {count}: {title}  ·  question {index} of {total}").format(
            number=section_number, count=sections, title=item.section.title, index=index + 1, total=total))
        self.section_label.setToolTip(item.section.notes or "")
        banner = reminder_text(item)
        self.reminder_label.setText(banner)
        self.reminder_label.setVisible(bool(banner))
        self.question_label.setText(item.question.text)


def probe_list() -> QListWidget:
    view = QListWidget()
    view.setWordWrap(True)
    view.setSpacing(3)
    # Clicking a probe must leave the cursor in the notes.
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setCursor(Qt.CursorShape.PointingHandCursor)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view


class ProbePanel(QWidget):
    """Planned probes, neutral ones, and those used so far, each with its time."""

    probe_chosen = Signal(str)

    def __init__(self, neutral: list[str], parent=None):
        super().__init__(parent)
        self.neutral = neutral
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading(_("Probes"), 3))
        self.hint = muted(_("Click a probe once you have used it (or press Alt and its number): it is noted with the time."))
        layout.addWidget(self.hint)
        self.planned = probe_list()
        self.planned.itemClicked.connect(self._chosen)
        layout.addWidget(self.planned, 3)
        layout.addWidget(heading(_("Probes used"), 3))
        self.used = QListWidget()
        self.used.setWordWrap(True)
        self.used.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.used.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        layout.addWidget(self.used, 1)
        self.texts: list[str] = []

    def show_probes(self, planned: list[str]) -> None:
        self.planned.clear()
        known = {same_words(text) for text in planned}
        neutral = [text for text in self.neutral if same_words(text) not in known]
        self.texts = list(planned) + neutral
        if not planned:
            self._header(_("No probe planned for this question."))
        for number, text in enumerate(self.texts, start=1):
            if number == len(planned) + 1 and neutral:
                self._header(_("Neutral probes"))
            shown = f"{number}   {text}" if number <= PROBE_KEYS else f"     {text}"
            item = QListWidgetItem(shown)
            item.setData(TEXT_ROLE, text)
            item.setToolTip(_("A probe planned in the guide for this question.") if number <= len(planned) else
                            _("A neutral probe: it invites the person to say more without suggesting an answer."))
            self.planned.addItem(item)

    def _header(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.planned.font())
        font.setItalic(True)
        item.setFont(font)
        item.setForeground(self.palette().placeholderText())
        self.planned.addItem(item)

    def show_used(self, used: list[tuple[int, str]]) -> None:
        self.used.clear()
        for offset_ms, text in used:
            self.used.addItem(f"{format_offset(offset_ms)}   {text}")
        if used:
            self.used.scrollToBottom()
        else:
            empty = QListWidgetItem(_("None yet for this question."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            empty.setForeground(self.palette().placeholderText())
            self.used.addItem(empty)

    def choose(self, number: int) -> None:
        """Probe ``number`` (from 1), as Alt+number does."""
        if 1 <= number <= len(self.texts):
            self.probe_chosen.emit(self.texts[number - 1])

    def _chosen(self, item: QListWidgetItem) -> None:
        text = item.data(TEXT_ROLE)
        if text:
            self.probe_chosen.emit(text)
