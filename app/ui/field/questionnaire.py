"""The short questionnaire, asked inside the interview: each answer is stored as it is given."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.guide import QuestionnaireItem
from app.core.interviews import SurveyAnswer
from app.i18n import _
from app.ui.areas.base import heading, muted
from app.ui.field.question_view import scaled
from app.ui.field.saving import TypingSaver

Record = Callable[[str, object], object]  # item id, value -> the stored answer or None


def scale_labels(item: QuestionnaireItem) -> list[str]:
    return list(item.choices) if len(item.choices) == 5 else ["1", "2", "3", "4", "5"]


class QuestionnairePanel(QWidget):
    def __init__(self, items: list[QuestionnaireItem], answers: list[SurveyAnswer], record: Record, parent=None):
        super().__init__(parent)
        self.items = items
        self._record = record
        self.typing = TypingSaver(lambda item_id, value: self._record(item_id, value), parent=self)
        self.groups: dict[str, QButtonGroup] = {}
        self.boxes: dict[str, list[tuple[str, QCheckBox]]] = {}
        self.fields: dict[str, QLineEdit] = {}
        given = {answer.item_id: answer for answer in answers}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        title = heading(_("Questionnaire"), 1)
        outer.addWidget(title)
        outer.addWidget(muted(_("Read each statement as written and store the answer the person gives; "
                                "it is saved at once. Skip an item the person prefers not to answer.")))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        self.content_layout = QVBoxLayout(content)
        self.content_layout.setSpacing(18)
        for number, item in enumerate(items, start=1):
            self.content_layout.addWidget(self._item_widget(number, item, given.get(item.id)))
        self.content_layout.addStretch(1)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)

    def _item_widget(self, number: int, item: QuestionnaireItem, answer: SurveyAnswer | None) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"{number}. {item.label}")
        label.setWordWrap(True)
        scaled(label, 1.25)
        layout.addWidget(label)
        if item.item_type in ("scale5", "single"):
            choices = scale_labels(item) if item.item_type == "scale5" else list(item.choices)
            row = QHBoxLayout() if item.item_type == "scale5" else QVBoxLayout()
            group = QButtonGroup(box)
            for position, choice in enumerate(choices, start=1):
                button = QRadioButton(choice)
                group.addButton(button, position)
                row.addWidget(button)
                if answer is not None and self._matches(item, answer, position, choice):
                    button.setChecked(True)
            if isinstance(row, QHBoxLayout):
                row.addStretch(1)
            group.idClicked.connect(lambda position, item=item, choices=choices: self._chosen(item, choices, position))
            self.groups[item.id] = group
            layout.addLayout(row)
        elif item.item_type == "multiple":
            chosen = set((answer.value_text if answer else "").split("\n"))
            boxes = []
            for choice in item.choices:
                check = QCheckBox(choice)
                check.setChecked(choice in chosen)
                check.toggled.connect(lambda _on, item=item: self._ticked(item))
                boxes.append((choice, check))
                layout.addWidget(check)
            self.boxes[item.id] = boxes
        else:
            field = QLineEdit()
            if item.item_type == "number":
                field.setValidator(QDoubleValidator(field))
                field.setMaximumWidth(160)
                if answer is not None and answer.value_number is not None:
                    value = answer.value_number
                    field.setText(str(int(value)) if float(value).is_integer() else str(value))
            elif answer is not None:
                field.setText(answer.value_text)
            field.textEdited.connect(lambda text, item=item: self._typed(item, text))
            self.fields[item.id] = field
            if item.item_type == "number":
                layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                layout.addWidget(field)
        return box

    @staticmethod
    def _matches(item: QuestionnaireItem, answer: SurveyAnswer, position: int, choice: str) -> bool:
        if item.item_type == "scale5":
            return answer.value_number == position
        return answer.value_text == choice

    def _chosen(self, item: QuestionnaireItem, choices: list[str], position: int) -> None:
        self._record(item.id, position if item.item_type == "scale5" else choices[position - 1])

    def _ticked(self, item: QuestionnaireItem) -> None:
        self._record(item.id, [choice for choice, check in self.boxes[item.id] if check.isChecked()])

    def _typed(self, item: QuestionnaireItem, text: str) -> None:
        text = text.strip()
        if item.item_type == "number":
            if not text:
                return
            try:
                number = float(text.replace(",", ".").replace("\u202f", "").replace("\u00a0", ""))
            except ValueError:
                return
            self.typing.change(item.id, int(number) if number.is_integer() else number)
        else:
            self.typing.change(item.id, text)

    def flush(self) -> None:
        self.typing.flush()
