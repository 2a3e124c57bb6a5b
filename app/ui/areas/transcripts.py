"""Transcripts: the list, and for the selected one its reading, pseudonymisation and diagnostics;
a search over every transcript; the import of new ones.

The import dialog, the diagnostics panel and the search panel come from their own modules and
are loaded only if present (app.ui.transcripts.optional): without one, its button or tab is
simply not there. Pseudonymisation and diagnostics are worked out when their tab is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStyle, QTabWidget, QVBoxLayout, QWidget

from app.i18n import N_, _, ngettext
from app.store.project import Project
from app.ui.areas.base import Area, fit_columns, make_table, muted, selected_row, split
from app.ui.formatting import format_datetime, format_number, format_percent
from app.ui.models.base import ROW_ROLE
from app.ui.transcripts.list_model import ListedTranscript, TranscriptListModel, listed_transcripts
from app.ui.transcripts.optional import diagnostics_panel_class, import_dialog_class, search_panel_class
from app.ui.transcripts.pseudonymisation import PseudonymisationPanel
from app.ui.transcripts.reader import TurnReader


LIST_MIN_ROWS = 4


def transcript_facts(row: ListedTranscript) -> str:
    facts = [
        ngettext("{n} turn", "{n} turns", row.turns).format(n=format_number(row.turns)),
        ngettext("{n} word", "{n} words", row.words).format(n=format_number(row.words)),
    ]
    if row.interviewer_share is not None:
        facts.append(_("interviewer talk {share}").format(share=format_percent(row.interviewer_share)))
    if row.source_name:
        facts.append(_("imported from {file} on {date}").format(file=row.source_name,
                                                               date=format_datetime(row.imported_at)))
    if not row.pseudonymised:
        facts.append(_("names in clear"))
    return " · ".join(facts)


class TranscriptsArea(Area):
    key = "transcripts"
    title = N_("Transcripts")
    subtitle = N_("Transcripts of participants who withdrew no longer appear here nor in any analysis.")
    icon = QStyle.StandardPixmap.SP_FileIcon

    def __init__(self, parent=None):
        super().__init__(parent)
        self._project: Project | None = None
        bar = QHBoxLayout()
        self.summary_label = muted()
        bar.addWidget(self.summary_label, 1)
        self.import_button = QPushButton(_("Import a transcript…"))
        self.import_button.setToolTip(_("Word, LibreOffice, text, subtitles, Transcriber or Praat files."))
        self.import_button.clicked.connect(self.import_transcript)
        self.import_button.setVisible(import_dialog_class() is not None)
        bar.addWidget(self.import_button)
        self.body.addLayout(bar)

        self.model = TranscriptListModel()
        self.view = make_table(self.model)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._show_selected())
        # Room for a few transcripts above the tabs, whatever the splitter's first guess.
        self.view.setMinimumHeight(LIST_MIN_ROWS * self.view.verticalHeader().defaultSectionSize()
                                   + self.view.horizontalHeader().sizeHint().height() + 4)

        self._panels: dict[QWidget, QWidget] = {}
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.reader = TurnReader()
        # After the editor has closed: the model must not be reset while it commits.
        self.reader.edited.connect(lambda _result: QTimer.singleShot(0, self._after_edit))
        self.tabs.addTab(self.reader, _("Reading"))
        self.pseudonymisation = PseudonymisationPanel()
        self.pseudonymisation.applied.connect(lambda _result: self._after_pseudonymisation())
        self.tabs.addTab(self.pseudonymisation, _("Pseudonymisation"))
        self.diagnostics = self._optional_tab(diagnostics_panel_class(), _("Diagnostics"))
        if self.diagnostics is not None and hasattr(self.diagnostics, "turn_requested"):
            self.diagnostics.turn_requested.connect(self.open_turn)
        self.search = self._optional_tab(search_panel_class(), _("Search"))
        if self.search is not None and hasattr(self.search, "open_requested"):
            self.search.open_requested.connect(self.open_turn)
        self.tabs.currentChanged.connect(lambda _index: self._fill_current_tab())
        self._filled: set[int] = set()

        self.body.addWidget(split(Qt.Orientation.Vertical, (self.view, 1), (self.tabs, 3)), 1)

    def _optional_tab(self, panel_class: type | None, title: str) -> QWidget | None:
        if panel_class is None:
            return None
        panel = panel_class()
        # The same breathing space under the tab bar as the reader and the pseudonymisation.
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(panel)
        self.tabs.addTab(holder, title)
        self._panels[holder] = panel
        return panel

    def show_tab(self, panel: QWidget) -> None:
        """Bring the tab holding ``panel`` to the front (the reader, the diagnostics…)."""
        page = next((holder for holder, held in self._panels.items() if held is panel), panel)
        self.tabs.setCurrentWidget(page)

    # reading the project -------------------------------------------------------------------------
    def load(self, project: Project, select_id: str | None = None) -> None:
        self._project = project
        current = select_id or getattr(selected_row(self.view), "id", None)
        rows = listed_transcripts(project)
        self.model.set_rows(rows)
        words = sum(row.words for row in rows)
        self.summary_label.setText(
            _("{transcripts}, {words} in all.").format(
                transcripts=ngettext("{n} transcript", "{n} transcripts", len(rows)).format(n=len(rows)),
                words=ngettext("{n} word", "{n} words", words).format(n=format_number(words)),
            )
        )
        fit_columns(self.view, stretch=(0,))
        if self.search is not None and hasattr(self.search, "set_project"):
            self.search.set_project(project)
        # The reset above cleared the selection: selecting again shows the tabs.
        if not (current and self.select_transcript(current)):
            if rows:
                self.view.selectRow(0)
            else:
                self._show_selected()

    def select_transcript(self, transcript_id: str) -> bool:
        """Select a transcript of the list (its tabs follow); False when it is not listed."""
        proxy = self.view.model()
        for row in range(proxy.rowCount()):
            if getattr(proxy.index(row, 0).data(ROW_ROLE), "id", None) == transcript_id:
                if getattr(self.selected_transcript(), "id", None) != transcript_id:
                    self.view.selectRow(row)
                return True
        return False

    def selected_transcript(self) -> ListedTranscript | None:
        return selected_row(self.view)

    def _show_selected(self) -> None:
        self._filled.clear()
        row = self.selected_transcript()
        if row is None or self._project is None:
            self.reader.clear(_("No transcript yet: imported transcripts appear here."))
        else:
            self.reader.show_turns(self._project, row.title, transcript_facts(row), self._project.turns_of(row.id))
        self._fill_current_tab()

    def _fill_current_tab(self) -> None:
        """The selected transcript's pseudonymisation and diagnostics, once their tab is shown."""
        index = self.tabs.currentIndex()
        if index in self._filled or self._project is None:
            return
        self._filled.add(index)
        row = self.selected_transcript()
        widget = self.tabs.widget(index)
        widget = self._panels.get(widget, widget)
        if widget is self.pseudonymisation:
            self.pseudonymisation.show_transcript(self._project, row.id if row else None)
        elif widget is self.diagnostics and hasattr(widget, "show_transcript"):
            widget.show_transcript(self._project, row.id if row else None)

    # acting ----------------------------------------------------------------------------------------
    def open_turn(self, transcript_id: str, turn_position: int) -> None:
        """Show a transcript at one of its turns (from a search hit or a diagnostic)."""
        if self._project is None:
            return
        current = self.selected_transcript()
        if current is None or current.id != transcript_id:
            if not self.select_transcript(transcript_id):
                return
        self.tabs.setCurrentWidget(self.reader)
        self.reader.scroll_to_turn(turn_position)

    def import_transcript(self) -> None:
        dialog_class = import_dialog_class()
        if dialog_class is None or self._project is None:
            return
        dialog = dialog_class(self._project, self)
        dialog.exec()
        transcript_id = getattr(dialog, "transcript_id", None)
        if transcript_id:
            self.load(self._project, select_id=transcript_id)
            self.tabs.setCurrentWidget(self.reader)
            self.changed.emit()

    def _after_edit(self) -> None:
        """A turn was corrected: the list's figures follow; the reader already shows the new text."""
        row = self.selected_transcript()
        self.view.selectionModel().blockSignals(True)
        self.model.set_rows(listed_transcripts(self._project))
        if row is not None:
            self.select_transcript(row.id)
        self.view.selectionModel().blockSignals(False)
        self._filled = {self.tabs.indexOf(self.reader)}
        self.changed.emit()

    def _after_pseudonymisation(self) -> None:
        """Names were replaced: the reader shows the new text; the panel stays where it is."""
        scroll = self.reader.table.verticalScrollBar().value()
        self.load(self._project)
        self.tabs.setCurrentWidget(self.pseudonymisation)
        self.reader.table.verticalScrollBar().setValue(scroll)
        self.changed.emit()
