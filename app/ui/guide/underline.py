"""Wavy underlines under the words the checker found, and their explanation on hover.

Extra selections rather than a syntax highlighter: they leave the document (and its undo
history) untouched and are replaced in one call when the findings change.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from app.i18n import _
from app.ui.guide.checking import SEVERITY_RANK, code_point_at, utf16_positions
from app.ui.labels import QUESTION_RULES, label

SEVERITY_COLOURS = {"info": "#2f6fb0", "caution": "#d98200", "alert": "#c62828"}


def severity_colour(severity: str | None) -> QColor:
    return QColor(SEVERITY_COLOURS.get(severity or "", "#7a7a7a"))


def finding_html(finding) -> str:
    """A finding as a tooltip or a list entry reads it: the rule, the reason, the rewrite."""
    parts = [f"<b>{escape(label(QUESTION_RULES, finding.rule))}</b>", escape(finding.message)]
    if finding.suggestion:
        parts.append("<i>" + escape(_("Suggestion: “{text}”").format(text=finding.suggestion)) + "</i>")
    return "<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>"


class FindingUnderlines(QObject):
    def __init__(self, editor: QPlainTextEdit):
        super().__init__(editor)
        self.editor = editor
        self.viewport = editor.viewport()
        self.findings: list = []
        self.viewport.installEventFilter(self)

    def show(self, findings: list) -> None:
        self.findings = list(findings)
        text = self.editor.document().toRawText()
        positions = utf16_positions(text)
        selections = []
        # The most severe last, so that its colour is the one drawn where spans overlap.
        for finding in sorted(self.findings, key=lambda f: SEVERITY_RANK.get(f.severity, 0)):
            start, end = max(0, finding.start), min(len(text), finding.end)
            if end <= start:
                continue
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(positions[start])
            cursor.setPosition(positions[end], QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
            char_format.setUnderlineColor(severity_colour(finding.severity))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = char_format
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def findings_at(self, code_point: int) -> list:
        return [f for f in self.findings if f.start <= code_point < f.end]

    def eventFilter(self, watched, event) -> bool:
        # The event type first: while the editor is being destroyed, only other events come.
        if event.type() == QEvent.Type.ToolTip and watched is self.viewport:
            cursor = self.editor.cursorForPosition(event.pos())
            hits = self.findings_at(code_point_at(self.editor.document().toRawText(), cursor.position()))
            if hits:
                QToolTip.showText(event.globalPos(), "".join(finding_html(f) for f in hits), self.editor.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
