"""Importing a transcript: choose the file, confirm who is who, say which interview it belongs to.

The file is read as soon as it is chosen, so that its speakers, their first words and the roles
Terrain proposes are on screen before anything is written. Nothing reaches the project until
« Import » is pressed, and then all of it or none of it does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.transcript_formats import FORMAT_NAMES, ParsedTranscript, supported_extensions
from app.core.transcripts import SPEAKER_ROLES as ROLE_KEYS
from app.i18n import _, ngettext
from app.services.transcript_import import LoadedTranscript, TranscriptImportError, import_transcript, load_transcript
from app.store.project import Project
from app.ui.areas.base import heading, muted, wrapped
from app.ui.field.consent import ERROR_STYLE
from app.ui.field.saving import FieldWrites
from app.ui.formatting import format_date, format_number, format_percent
from app.ui.labels import INTERVIEW_STATUSES, SPEAKER_ROLES

NO_INTERVIEW, EXISTING_INTERVIEW, NEW_INTERVIEW = 0, 1, 2


def describe_file(parsed: ParsedTranscript) -> str:
    """« Transcriber, ISO-8859-1 : 320 tours de parole. »"""
    encoding = "UTF-8 (BOM)" if parsed.encoding == "utf-8-sig" else parsed.encoding.upper()  # not Python's name
    turns = ngettext("{n} turn", "{n} turns", len(parsed.turns)).format(n=format_number(len(parsed.turns)))
    text = _("{format}, {encoding}: {turns}.").format(format=_(FORMAT_NAMES[parsed.format]), encoding=encoding,
                                                        turns=turns)
    return text[:1].upper() + text[1:]  # format names are written for the middle of a sentence


class ImportDialog(QDialog):
    """``exec()`` returns Accepted once a transcript is stored; ``transcript_id`` then names it."""

    def __init__(self, project: Project, parent: QWidget | None = None, path: Path | str | None = None):
        super().__init__(parent)
        self.project = project
        self.loaded: LoadedTranscript | None = None
        self.transcript_id: str | None = None
        self.role_boxes: dict[str, QComboBox] = {}
        self.setWindowTitle(_("Import a transcript"))
        self.writes = FieldWrites(project, self)
        self.writes.failed.connect(self.show_error)

        self.file_field = QLineEdit()
        self.file_field.setReadOnly(True)
        self.file_field.setPlaceholderText(_("No file chosen"))
        choose = QPushButton(_("Choose a file…"))
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_field, 1)
        file_row.addWidget(choose)
        self.file_summary = muted(_("Text, Markdown, Word, OpenDocument, WebVTT, SubRip, Transcriber or Praat "
                                    "TextGrid files."))

        self.speakers_box = QGroupBox(_("Speakers"))
        speakers_layout = QVBoxLayout(self.speakers_box)
        speakers_layout.addWidget(muted(_("Terrain proposes a role for each speaker: a label such as "
                                          "“Enquêtrice” or “I” says it, otherwise the one who asks the most "
                                          "questions is taken as the interviewer. Check the roles before importing.")))
        self.speaker_grid = QGridLayout()
        self.speaker_grid.setHorizontalSpacing(16)
        self.speaker_grid.setVerticalSpacing(8)
        self.speaker_grid.setColumnStretch(4, 1)
        grid_holder = QWidget()
        grid_holder.setLayout(self.speaker_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # The speakers sit on the group box itself, not on a second, lighter panel.
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        scroll.setWidget(grid_holder)
        scroll.setMinimumHeight(150)
        speakers_layout.addWidget(scroll, 1)
        self.share_label = wrapped()
        speakers_layout.addWidget(self.share_label)
        self.speakers_box.setEnabled(False)

        self.attach_box = QGroupBox(_("Attach to"))
        self._build_attach_choices()

        self.error_label = wrapped()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("Import"))
        self.import_button.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.import_file)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Import a transcript"), 2))
        layout.addLayout(file_row)
        layout.addWidget(self.file_summary)
        layout.addWidget(self.speakers_box, 1)
        layout.addWidget(self.attach_box)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(900, 560)
        if path is not None:
            self.load_file(path)

    # attaching ---------------------------------------------------------------------------------
    def _build_attach_choices(self) -> None:
        participants = {person.id: person for person in self.project.participants.find(order_by="code")
                        if not person.is_withdrawn}
        with_transcript = {row[0] for row in self.project.db.execute(
            "SELECT DISTINCT interview_id FROM transcript WHERE interview_id IS NOT NULL")}
        self.interview_choice = QComboBox()
        for interview in self.project.interviews.find(order_by="started_at DESC, created_at DESC"):
            person = participants.get(interview.participant_id)
            if person is None:
                continue
            text = " — ".join(part for part in (person.code, format_date(interview.started_at),
                                                _(INTERVIEW_STATUSES.get(interview.status, interview.status))) if part)
            if interview.id in with_transcript:
                text += " " + _("(already has a transcript)")
            self.interview_choice.addItem(text, interview.id)
        self.participant_choice = QComboBox()
        for person in participants.values():
            self.participant_choice.addItem(person.code, person.code)

        self.attach_group = QButtonGroup(self)
        none = QRadioButton(_("No interview: keep the transcript on its own"))
        existing = QRadioButton(_("An existing interview"))
        new = QRadioButton(_("A new interview of the participant"))
        existing.setEnabled(self.interview_choice.count() > 0)
        new.setEnabled(self.participant_choice.count() > 0)
        for key, button in ((NO_INTERVIEW, none), (EXISTING_INTERVIEW, existing), (NEW_INTERVIEW, new)):
            self.attach_group.addButton(button, key)
        none.setChecked(True)
        self.attach_group.idToggled.connect(lambda _key, _checked: self._sync_attach())
        grid = QGridLayout(self.attach_box)
        grid.setColumnStretch(1, 1)
        grid.addWidget(none, 0, 0, 1, 2)
        grid.addWidget(existing, 1, 0)
        grid.addWidget(self.interview_choice, 1, 1)
        grid.addWidget(new, 2, 0)
        grid.addWidget(self.participant_choice, 2, 1)
        self._sync_attach()

    def _sync_attach(self) -> None:
        choice = self.attach_group.checkedId()
        self.interview_choice.setEnabled(choice == EXISTING_INTERVIEW)
        self.participant_choice.setEnabled(choice == NEW_INTERVIEW)

    def attach_to_new_interview(self, code: str) -> None:
        index = self.participant_choice.findData(code)
        if index >= 0:
            self.participant_choice.setCurrentIndex(index)
            self.attach_group.button(NEW_INTERVIEW).setChecked(True)

    def attach_to_interview(self, interview_id: str) -> None:
        index = self.interview_choice.findData(interview_id)
        if index >= 0:
            self.interview_choice.setCurrentIndex(index)
            self.attach_group.button(EXISTING_INTERVIEW).setChecked(True)

    # the file --------------------------------------------------------------------------------
    def choose_file(self) -> None:
        patterns = " ".join(f"*{extension}" for extension in supported_extensions()) + " *.TextGrid"
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a transcript"), "", _("Transcripts ({patterns});;All files (*)").format(patterns=patterns))
        if path:
            self.load_file(path)

    def load_file(self, path: Path | str) -> bool:
        """Read the file and show its speakers; says why when it cannot be read."""
        path = Path(path)
        self.file_field.setText(str(path))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.loaded = load_transcript(path)
        except TranscriptImportError as error:
            self.loaded = None
            self._show_speakers()
            self.file_summary.setText("")
            self.show_error(str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.show_error("")
        self.file_summary.setText(describe_file(self.loaded.parsed))
        self._show_speakers()
        self._guess_participant(path.stem)
        return True

    def _guess_participant(self, stem: str) -> None:
        """A file named after a participant's code (LYO-07.docx) most likely belongs to them."""
        folded = stem.casefold()
        for index in range(self.participant_choice.count()):
            code = self.participant_choice.itemData(index)
            if code and code.casefold() in folded and self.attach_group.checkedId() == NO_INTERVIEW:
                self.attach_to_new_interview(code)
                return

    def _show_speakers(self) -> None:
        while self.speaker_grid.count():
            widget = self.speaker_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.role_boxes = {}
        loaded = self.loaded
        self.speakers_box.setEnabled(loaded is not None)
        self.import_button.setEnabled(loaded is not None)
        if loaded is None:
            self.share_label.setText("")
            return
        bold = QFont(self.font())
        bold.setBold(True)
        for column, title in enumerate((_("Speaker"), _("Role"), _("Turns"), _("Words"), _("First words"))):
            header = QLabel(title)
            header.setFont(bold)
            if column in (2, 3):  # over right-aligned figures
                header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.speaker_grid.addWidget(header, 0, column)
        for row, speaker in enumerate(loaded.speakers, start=1):
            name = QLabel(speaker.label or _("(no label)"))
            name.setToolTip(speaker.label)
            self.speaker_grid.addWidget(name, row, 0)
            box = QComboBox()
            for role in ROLE_KEYS:
                box.addItem(_(SPEAKER_ROLES[role]), role)
            box.setCurrentIndex(box.findData(loaded.proposed_roles[speaker.label]))
            box.currentIndexChanged.connect(lambda _index: self._show_share())
            self.role_boxes[speaker.label] = box
            self.speaker_grid.addWidget(box, row, 1)
            for column, value in ((2, speaker.turns), (3, speaker.words)):
                number = QLabel(format_number(value))
                number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.speaker_grid.addWidget(number, row, column)
            quote = _("“{words}…”") if speaker.said_more else _("“{words}”")
            first = muted(quote.format(words=speaker.first_words))
            first.setWordWrap(True)
            self.speaker_grid.addWidget(first, row, 4)
        self.speaker_grid.setRowStretch(len(loaded.speakers) + 1, 1)
        self._show_share()

    def chosen_roles(self) -> dict[str, str]:
        return {label: box.currentData() for label, box in self.role_boxes.items()}

    def _show_share(self) -> None:
        """The interviewer's share of the words, so that a wrong role shows at once."""
        if self.loaded is None:
            return
        roles = self.chosen_roles()
        words = {speaker.label: speaker.words for speaker in self.loaded.speakers}
        total = sum(words.values())
        if "interviewer" not in roles.values() or not total:
            self.share_label.setText(_("No speaker is marked as the interviewer."))
            return
        share = sum(count for label, count in words.items() if roles[label] == "interviewer") / total
        self.share_label.setText(_("With these roles, the interviewer says {share} of the words.")
                                 .format(share=format_percent(share)))

    # importing -------------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def import_file(self) -> None:
        if self.loaded is None:
            self.show_error(_("Choose a transcript file first."))
            return
        choice = self.attach_group.checkedId()
        result = self.writes.call(
            import_transcript, self.loaded, roles=self.chosen_roles(),
            interview_id=self.interview_choice.currentData() if choice == EXISTING_INTERVIEW else None,
            participant_code=self.participant_choice.currentData() if choice == NEW_INTERVIEW else None)
        if result is not None:
            self.transcript_id = result.transcript.id
            self.accept()
