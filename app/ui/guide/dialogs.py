"""The two questions the editor asks: why a finding is dismissed, and whether to delete."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.ui.labels import QUESTION_RULES, label

# Reasons offered first for a rule; every rule also gets the general ones.
RULE_REASONS = {
    "closed": N_("Closed on purpose: a confirmation question"),
    "jargon": N_("A word the participants use themselves"),
    "overlong": N_("Long on purpose: it sets the scene"),
    "vague_quantifier": N_("Vague on purpose: the person chooses the scale"),
}
GENERAL_REASONS = (
    N_("Wording chosen with the study's steering group"),
    N_("Kept as asked in the previous wave, for comparison"),
    N_("The checker is mistaken here"),
)


def reasons_for(rule: str) -> list[str]:
    reasons = [_(RULE_REASONS[rule])] if rule in RULE_REASONS else []
    return reasons + [_(reason) for reason in GENERAL_REASONS]


class DismissDialog(QDialog):
    def __init__(self, rule: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Dismiss a finding"))
        layout = QVBoxLayout(self)
        question = QLabel(_("Why keep this wording despite “{rule}”? The reason is kept with the guide.").format(
            rule=label(QUESTION_RULES, rule)))
        question.setWordWrap(True)
        layout.addWidget(question)
        self.reason_box = QComboBox()
        self.reason_box.setEditable(True)
        self.reason_box.addItems(reasons_for(rule))
        self.reason_box.setMinimumWidth(420)
        self.reason_box.lineEdit().selectAll()
        layout.addWidget(self.reason_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Dismiss"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reason_box.editTextChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))

    def reason(self) -> str:
        return self.reason_box.currentText().strip()


def ask_dismiss_reason(parent: QWidget | None, rule: str) -> str | None:
    """The reason typed or chosen, or None when the person cancels."""
    dialog = DismissDialog(rule, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.reason():
        return None
    return dialog.reason()


def confirm_delete_question(parent: QWidget | None, text: str) -> bool:
    shown = text.strip() or _("(question not written yet)")
    if len(shown) > 90:
        shown = shown[:89] + "…"
    answer = QMessageBox.question(
        parent, _("Delete a question"),
        _("Delete the question “{text}”, with its probes and its links to indicators?").format(text=shown),
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_delete_section(parent: QWidget | None, title: str, question_count: int) -> bool:
    if question_count:
        text = ngettext("Delete the section “{title}” and its {n} question?",
                        "Delete the section “{title}” and its {n} questions?", question_count)
    else:
        text = _("Delete the section “{title}”?")
    answer = QMessageBox.question(parent, _("Delete a section"), text.format(title=title, n=question_count))
    return answer == QMessageBox.StandardButton.Yes
