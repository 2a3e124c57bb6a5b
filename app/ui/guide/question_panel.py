"""The selected question: its wording, intent, sensitivity, reminder, duration, indicators and
probes. Every edit is saved after a short pause in typing, through the guide services."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.guide import INTENTS as INTENT_KEYS
from app.core.guide import QuestionOutline
from app.core.study import Indicator
from app.i18n import _
from app.services import guides
from app.ui.areas.base import heading
from app.ui.guide.probes import ProbesBox
from app.ui.guide.saving import DebouncedSave, GuideWrites, exact_text
from app.ui.guide.underline import FindingUnderlines
from app.ui.labels import INTENTS, label

INDICATOR_ROLE = Qt.ItemDataRole.UserRole


def plain_editor(lines: int, placeholder: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setPlaceholderText(placeholder)
    editor.setTabChangesFocus(True)
    editor.setFixedHeight(editor.fontMetrics().lineSpacing() * lines + 2 * editor.frameWidth() + 12)
    return editor


class QuestionPanel(QWidget):
    text_changed = Signal(str)  # as typed, before it is saved
    saved = Signal(object)  # the Question as stored
    probes_changed = Signal()

    def __init__(self, writes: GuideWrites, parent=None):
        super().__init__(parent)
        self.writes = writes
        self.question_id: str | None = None
        self.editable = False
        self.save = DebouncedSave(self._write, parent=self)
        self.save.saved.connect(lambda _id, question: self.saved.emit(question))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(8)
        layout.addWidget(heading(_("Question"), 2))
        self.text_edit = plain_editor(3, _("Write the question as it will be asked…"))
        font = QFont(self.text_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text_edit.setFont(font)
        self.text_edit.setFixedHeight(self.text_edit.fontMetrics().lineSpacing() * 3 + 18)
        self.text_edit.textChanged.connect(self._text_edited)
        self.underlines = FindingUnderlines(self.text_edit)
        layout.addWidget(self.text_edit)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        self.intent_box = QComboBox()
        for key in INTENT_KEYS:
            self.intent_box.addItem(label(INTENTS, key), key)
        self.intent_box.activated.connect(
            lambda _i: self._change(intent=self.intent_box.currentData(), at_once=True))
        self.minutes_box = QDoubleSpinBox()
        self.minutes_box.setRange(0, 120)
        self.minutes_box.setDecimals(1)
        self.minutes_box.setSingleStep(0.5)
        self.minutes_box.setSuffix(" min")
        self.minutes_box.setSpecialValueText(_("not estimated"))
        self.minutes_box.valueChanged.connect(lambda value: self._change(estimated_minutes=value or None))
        row = QHBoxLayout()
        row.addWidget(self.intent_box, 1)
        row.addSpacing(8)
        minutes_label = QLabel(_("&Duration"))
        minutes_label.setBuddy(self.minutes_box)
        row.addWidget(minutes_label)
        row.addWidget(self.minutes_box)
        intent_label = QLabel(_("&Intent"))
        intent_label.setBuddy(self.intent_box)
        form.addRow(intent_label, row)
        self.sensitive_box = QCheckBox(_("&Sensitive topic"))
        self.sensitive_box.setToolTip(_("Asked late in the interview, with care; the person may decline."))
        self.sensitive_box.toggled.connect(lambda checked: self._change(is_sensitive=checked, at_once=True))
        form.addRow("", self.sensitive_box)
        self.reminder_edit = plain_editor(2, _("Shown to the interviewer just before the question"))
        self.reminder_edit.textChanged.connect(lambda: self._change(reminder=exact_text(self.reminder_edit)))
        form.addRow(_("&Reminder"), self.reminder_edit)
        layout.addLayout(form)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.probes = ProbesBox(writes)
        self.probes.changed.connect(self.probes_changed)
        self.probes.changed.connect(self._count_in_tabs)
        self.tabs.addTab(self.probes, "")
        self.indicator_list = QListWidget()
        self.indicator_list.setWordWrap(True)
        self.indicator_list.itemChanged.connect(self._indicators_edited)
        self.tabs.addTab(self.indicator_list, "")
        layout.addWidget(self.tabs, 1)
        self._count_in_tabs()

    # showing -----------------------------------------------------------------------------------
    def set_indicators(self, indicators: list[Indicator]) -> None:
        self.indicator_list.blockSignals(True)
        self.indicator_list.clear()
        for indicator in indicators:
            item = QListWidgetItem(f"{indicator.code} — {indicator.label}")
            item.setData(INDICATOR_ROLE, indicator.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.indicator_list.addItem(item)
        self.indicator_list.blockSignals(False)

    def show_question(self, item: QuestionOutline, editable: bool) -> None:
        self.save.flush()
        question = item.question
        self.question_id = question.id
        self.editable = editable
        widgets = (self.text_edit, self.intent_box, self.minutes_box, self.sensitive_box, self.reminder_edit,
                   self.indicator_list)
        for widget in widgets:
            widget.blockSignals(True)
        self.text_edit.setPlainText(question.text)
        self.intent_box.setCurrentIndex(max(0, self.intent_box.findData(question.intent)))
        self.minutes_box.setValue(question.estimated_minutes or 0)
        self.sensitive_box.setChecked(question.is_sensitive)
        self.reminder_edit.setPlainText(question.reminder)
        linked = set(item.indicator_ids)
        flags = Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if editable else Qt.ItemFlag.NoItemFlags)
        for row in range(self.indicator_list.count()):
            entry = self.indicator_list.item(row)
            entry.setFlags(flags)
            checked = entry.data(INDICATOR_ROLE) in linked
            entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for widget in widgets:
            widget.blockSignals(False)
        self.text_edit.setReadOnly(not editable)
        self.reminder_edit.setReadOnly(not editable)
        for widget in (self.intent_box, self.minutes_box, self.sensitive_box):
            widget.setEnabled(editable)
        self.probes.show_probes(question.id, item.probes, editable)
        self._count_in_tabs()

    def _count_in_tabs(self) -> None:
        probes = self.probes.probe_list.count()
        linked = sum(self.indicator_list.item(row).checkState() == Qt.CheckState.Checked
                     for row in range(self.indicator_list.count()))
        self.tabs.setTabText(0, _("Probes ({n})").format(n=probes))
        self.tabs.setTabText(1, _("Indicators ({n})").format(n=linked))

    def text(self) -> str:
        return exact_text(self.text_edit)

    def replace_text(self, text: str) -> None:
        """Put new wording in through the cursor, so that Ctrl+Z brings the old one back."""
        cursor = self.text_edit.textCursor()
        cursor.beginEditBlock()
        cursor.select(cursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        self.text_edit.setTextCursor(cursor)

    # saving ------------------------------------------------------------------------------------
    def _text_edited(self) -> None:
        text = exact_text(self.text_edit)
        self.text_changed.emit(text)
        self._change(text=text)

    def _change(self, at_once: bool = False, **values) -> None:
        if not self.editable or self.question_id is None:
            return
        self.save.change(self.question_id, **values)
        if at_once:
            self.save.flush()

    def _write(self, question_id: str, changes: dict):
        return self.writes.call(guides.update_question, question_id, **changes)

    def _indicators_edited(self, _item) -> None:
        if not self.editable or self.question_id is None:
            return
        chosen = [self.indicator_list.item(row).data(INDICATOR_ROLE) for row in range(self.indicator_list.count())
                  if self.indicator_list.item(row).checkState() == Qt.CheckState.Checked]
        self.writes.attempt(guides.set_question_indicators, self.question_id, chosen)
        self._count_in_tabs()
