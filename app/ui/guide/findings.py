"""The checker's findings on the selected question: what, why, a neutral rewrite, and the
author's decisions (a finding set aside stays visible, greyed, with its reason)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.ui.areas.base import heading, muted, wrapped
from app.ui.guide.checking import QuestionCheck
from app.ui.guide.underline import SEVERITY_COLOURS
from app.ui.labels import QUESTION_RULES, SEVERITIES, label

GREY = "#8a8a8a"


def finding_key(finding) -> tuple:
    return (finding.rule, finding.start, finding.end, finding.severity, finding.message, finding.suggestion)


def excerpt(text: str, finding, limit: int = 60) -> str:
    words = text[max(0, finding.start):max(0, finding.end)].strip()
    if not words or finding.end - finding.start >= len(text.strip()):
        return ""  # the whole question: quoting it again says nothing
    return words if len(words) <= limit else words[: limit - 1] + "…"


class FindingCard(QFrame):
    """One finding, with the buttons that act on it."""

    def __init__(self, finding, text: str, reason: str | None, editable: bool, parent=None):
        super().__init__(parent)
        self.finding = finding
        self.reason = reason
        dismissed = reason is not None
        colour = GREY if dismissed else SEVERITY_COLOURS.get(finding.severity, GREY)
        self.setObjectName("findingCard")
        self.setStyleSheet(
            f"#findingCard {{ background: palette(base); border: 1px solid palette(midlight);"
            f" border-left: 4px solid {colour}; border-radius: 3px; }}"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 10)
        layout.setSpacing(4)
        header = QHBoxLayout()
        title = heading(label(QUESTION_RULES, finding.rule), 3)
        title.setStyleSheet(f"color: {colour};")
        header.addWidget(title, 1)
        self.replace_button = self.dismiss_button = self.restore_button = None
        if dismissed:
            self.restore_button = small_button(_("Restore"), _("Count this finding again."))
            header.addWidget(self.restore_button, 0, Qt.AlignmentFlag.AlignTop)
        else:
            self.dismiss_button = small_button(_("Dismiss…"), _("Keep the wording on purpose, and say why."))
            header.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        quoted = excerpt(text, finding)
        severity = label(SEVERITIES, finding.severity)
        layout.addWidget(muted(_("“{words}” — {severity}").format(words=quoted, severity=severity)
                               if quoted else severity))
        self.message_label = wrapped(finding.message)
        layout.addWidget(self.message_label)
        if dismissed:
            self.message_label.setStyleSheet(f"color: {GREY};")
            layout.addWidget(muted(_("Dismissed: {reason}").format(reason=reason)))
        elif finding.suggestion:
            suggestion = wrapped(_("Suggestion: “{text}”").format(text=finding.suggestion))
            suggestion.setStyleSheet("font-style: italic;")
            layout.addWidget(suggestion)
            if editable:
                self.replace_button = QPushButton(_("Replace with the suggestion"))
                self.replace_button.setToolTip(
                    _("Replace the question with the suggested wording (Ctrl+Z undoes it)."))
                row = QHBoxLayout()
                row.addWidget(self.replace_button)
                row.addStretch(1)
                layout.addLayout(row)


def small_button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setFlat(True)
    button.setStyleSheet("QPushButton { color: palette(link); padding: 2px 6px; }"
                         " QPushButton:hover { text-decoration: underline; }")
    return button


class FindingsPanel(QWidget):
    replace_requested = Signal(object)
    dismiss_requested = Signal(object)
    restore_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cards: list[FindingCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading(_("Wording check"), 2))
        self.summary_label = muted()
        layout.addWidget(self.summary_label)
        self.list_widget = QWidget()
        self.list_layout = QVBoxLayout(self.list_widget)
        self.list_layout.setContentsMargins(0, 4, 4, 4)
        self.list_layout.setSpacing(8)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.list_widget)
        layout.addWidget(scroll, 1)
        self.clear(_("Select a question to see how its wording reads."))

    def clear(self, message: str = "") -> None:
        self._shown = None
        for card in self.cards:
            self.list_layout.removeWidget(card)
            card.hide()  # at once: deletion waits for the event loop
            card.deleteLater()
        self.cards = []
        self.summary_label.setText(message)

    def show_check(self, check: QuestionCheck, text: str, editable: bool) -> None:
        if not text.strip():
            self.clear(_("Write the question: it is checked as you type."))
            return
        active, dismissed = len(check.active), len(check.dismissed)
        if active:
            summary = ngettext("{n} point to look at.", "{n} points to look at.", active).format(n=active)
        else:
            summary = _("Nothing to point out: the wording reads as neutral.")
        if dismissed:
            aside = ngettext("{n} finding dismissed.", "{n} findings dismissed.", dismissed)
            summary += " " + aside.format(n=dismissed)
        entries = [(finding, None) for finding in check.active] + list(check.dismissed)
        shown = (summary, editable, [(finding_key(f), reason, excerpt(text, f)) for f, reason in entries])
        if shown == self._shown:
            return  # the same findings after a pause in typing: keep the cards (and the reader's place)
        self.clear(summary)
        self._shown = shown
        for finding, reason in entries:
            card = FindingCard(finding, text, reason, editable)
            if card.replace_button is not None:
                card.replace_button.clicked.connect(lambda _c=False, f=finding: self.replace_requested.emit(f))
            if card.dismiss_button is not None:
                card.dismiss_button.clicked.connect(lambda _c=False, f=finding: self.dismiss_requested.emit(f))
            if card.restore_button is not None:
                card.restore_button.clicked.connect(lambda _c=False, f=finding: self.restore_requested.emit(f))
            self.list_layout.insertWidget(self.list_layout.count() - 1, card)
            self.cards.append(card)
