"""« Pseudonymisation »: the names and places found in a transcript, to tick and replace.

Names from the identity store, the study's list and names replaced in other transcripts come
ticked; capitalised words the program noticed come unticked, for a person to confirm. Each has
a kind (first name, last name, town, place) and shows the replacement it will get, the same in
every transcript of the study. « Apply » replaces them in the text itself; what each pseudonym
stands for stays in the identity store.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.pseudonyms import KINDS, Candidate
from app.i18n import N_, _, ngettext
from app.services import transcripts as service
from app.store.project import Project
from app.ui.areas.base import detail_browser, heading, muted, split

KIND_NAMES = {"first_name": N_("First name"), "last_name": N_("Last name"), "town": N_("Town"), "place": N_("Place")}
SOURCE_NAMES = {
    "identity": N_("Identity register"),
    "study_list": N_("Study list"),
    "mapped": N_("Replaced elsewhere"),
    "suggested": N_("Capital letter in the text"),
}
CHECKED_SOURCES = ("identity", "study_list", "mapped")
NAME, KIND, COUNT, SOURCE, REPLACEMENT = range(5)
HEADERS = (N_("Name or place"), N_("Kind"), N_("Times"), N_("Found in"), N_("Becomes"))
WARNING_STYLE = "background: #fbe9c6; border-radius: 4px; padding: 8px;"
DONE_STYLE = "background: #e3f1e4; border-radius: 4px; padding: 8px;"


def kind_box(kind: str) -> QComboBox:
    box = QComboBox()
    for key in KINDS:
        box.addItem(_(KIND_NAMES[key]), key)
    box.setCurrentIndex(KINDS.index(kind) if kind in KINDS else 0)
    return box


class PseudonymisationPanel(QWidget):
    applied = Signal(object)  # the PseudonymisationResult

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._transcript_id: str | None = None
        self.candidates: list[Candidate] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading(_("Names and places found"), 3))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([_(header) for header in HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.itemChanged.connect(lambda _item: self._refresh_preview())
        left_layout.addWidget(self.table, 1)
        adding = QHBoxLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Another name or place to look for everywhere"))
        self.name_edit.returnPressed.connect(self.add_name)
        self.kind_edit = kind_box("first_name")
        self.add_button = QPushButton(_("Add to the study list"))
        self.add_button.clicked.connect(self.add_name)
        adding.addWidget(self.name_edit, 1)
        adding.addWidget(self.kind_edit)
        adding.addWidget(self.add_button)
        left_layout.addLayout(adding)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(heading(_("Preview"), 3))
        self.preview = detail_browser()
        right_layout.addWidget(self.preview, 1)
        layout.addWidget(split(Qt.Orientation.Horizontal, (left, 1), (right, 1)), 1)

        bar = QHBoxLayout()
        self.summary = muted()
        self.apply_button = QPushButton(_("Apply"))
        self.apply_button.setDefault(True)
        self.apply_button.setToolTip(_("Replace the ticked names in every turn of this transcript."))
        self.apply_button.clicked.connect(lambda: self.apply())
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.apply_button)
        layout.addLayout(bar)

    # showing -----------------------------------------------------------------------------------
    def show_transcript(self, project: Project, transcript_id: str | None) -> None:
        self._project, self._transcript_id = project, transcript_id
        if transcript_id is None:
            self.candidates = []
            self.status.setText(_("Select a transcript to look for the names it contains."))
            self.status.setStyleSheet("")
        else:
            self.candidates = service.suggest_pseudonyms(project, transcript_id)
            self._show_status(project.transcripts.get(transcript_id).pseudonymised)
        self._fill()

    def _show_status(self, done: bool) -> None:
        if done:
            text = _("Pseudonymised: the ticked names were replaced. What each pseudonym stands for stays in the "
                     "identity register. Names still listed below can be replaced too.")
        else:
            text = _("Names are still in clear in this transcript: tick those to replace, check the preview, then "
                     "apply. Do it before quoting or exporting.")
        self.status.setText(text)
        self.status.setStyleSheet(DONE_STYLE if done else WARNING_STYLE)

    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.candidates))
        for row, candidate in enumerate(self.candidates):
            name = QTableWidgetItem(candidate.text)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            checked = candidate.source in CHECKED_SOURCES
            name.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.table.setItem(row, NAME, name)
            box = kind_box(candidate.kind_guess)
            box.setEnabled(not candidate.replacement)  # a name replaced elsewhere keeps its kind
            box.currentIndexChanged.connect(lambda _index: self._refresh_preview())
            self.table.setCellWidget(row, KIND, box)
            count = QTableWidgetItem(str(candidate.count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, COUNT, count)
            self.table.setItem(row, SOURCE, QTableWidgetItem(_(SOURCE_NAMES.get(candidate.source, candidate.source))))
            self.table.setItem(row, REPLACEMENT, QTableWidgetItem(""))
        self.table.blockSignals(False)
        self._refresh_preview()

    def confirmed(self) -> dict[str, str]:
        """The ticked originals with their kinds, as the service takes them."""
        chosen = {}
        for row, candidate in enumerate(self.candidates):
            if self.table.item(row, NAME).checkState() == Qt.CheckState.Checked:
                chosen[candidate.text] = self.table.cellWidget(row, KIND).currentData()
        return chosen

    def set_checked(self, text: str, checked: bool = True) -> None:
        row = self._row_of(text)
        self.table.item(row, NAME).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_kind(self, text: str, kind: str) -> None:
        self.table.cellWidget(self._row_of(text), KIND).setCurrentIndex(KINDS.index(kind))

    def _row_of(self, text: str) -> int:
        return next(row for row, candidate in enumerate(self.candidates) if candidate.text == text)

    def _refresh_preview(self) -> None:
        confirmed = self.confirmed() if self._transcript_id else {}
        project, transcript_id = self._project, self._transcript_id
        replacements = service.preview_pseudonyms(project, transcript_id, confirmed) if confirmed else {}
        self.table.blockSignals(True)
        for row, candidate in enumerate(self.candidates):
            self.table.item(row, REPLACEMENT).setText(replacements.get(candidate.text, ""))
        self.table.blockSignals(False)
        occurrences = sum(c.count for c in self.candidates if c.text in confirmed)
        self.summary.setText(
            ngettext("{n} name ticked", "{n} names ticked", len(confirmed)).format(n=len(confirmed)) + " · "
            + ngettext("{n} replacement", "{n} replacements", occurrences).format(n=occurrences)
        )
        self.apply_button.setEnabled(bool(confirmed))
        self.add_button.setEnabled(project is not None)
        if not confirmed:
            message = _("Tick a name to see how the text will read.") if self.candidates else _("Nothing to replace.")
            self.preview.setHtml(f"<p style='color:gray'>{escape(message)}</p>")
            return
        excerpts = service.preview_excerpts(project, transcript_id, confirmed)
        self.preview.setHtml("".join(
            f"<p>{escape(e.before)}<s style='color:#a33a2b'>{escape(e.original)}</s> "
            f"<b style='color:#1f6f3f'>{escape(e.replacement).replace(' ', '&nbsp;')}</b>{escape(e.after)}</p>"
            for e in excerpts
        ))

    # acting ------------------------------------------------------------------------------------
    def add_name(self) -> None:
        if self._project is None:
            return
        text = self.name_edit.text()
        try:
            service.add_study_name(self._project, text, self.kind_edit.currentData())
        except (service.TranscriptEditError, ValueError) as error:
            QMessageBox.warning(self, _("Study list"), str(error))
            return
        self.name_edit.clear()
        kept = self.confirmed()
        self.show_transcript(self._project, self._transcript_id)
        for row, candidate in enumerate(self.candidates):
            if candidate.text in kept:
                self.table.item(row, NAME).setCheckState(Qt.CheckState.Checked)
        if " ".join(text.split()) not in {c.text for c in self.candidates}:
            self.summary.setText(_("« {name} » is on the study list; it does not appear in this transcript.").format(
                name=" ".join(text.split())))

    def apply(self, confirm: bool = True) -> service.PseudonymisationResult | None:
        confirmed = self.confirmed()
        if self._project is None or self._transcript_id is None or not confirmed:
            return None
        if confirm:
            answer = QMessageBox.question(
                self, _("Pseudonymise the transcript"),
                ngettext("Replace {n} name or place in every turn of this transcript? The codings stay on their "
                         "words; the original names stay only in the identity register.",
                         "Replace {n} names and places in every turn of this transcript? The codings stay on their "
                         "words; the original names stay only in the identity register.", len(confirmed)).format(
                    n=len(confirmed)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        result = service.pseudonymise(self._project, self._transcript_id, confirmed)
        self.show_transcript(self._project, self._transcript_id)
        self.applied.emit(result)
        self.summary.setText(
            ngettext("{n} replacement made.", "{n} replacements made.", result.replaced).format(n=result.replaced))
        return result
