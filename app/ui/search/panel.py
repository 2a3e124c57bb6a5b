"""The search panel: a query field, options and filters, and the hits as a concordance.

Another area embeds it (the transcripts area) and listens to ``open_requested`` to show the
transcript at the hit. The search runs on the GUI thread, a quarter of a second after typing
stops: on the benchmark's 2,000 interviews a search takes tens of milliseconds, less than the
half second past which a progress indicator would be due.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services import search as searching
from app.services.participants import profiles
from app.store.project import Project
from app.ui.areas.base import SPACING, fit_columns, make_table, muted, row_of
from app.ui.formatting import format_number
from app.ui.search.model import PASSAGE_COLUMN, PassageDelegate, SearchHitModel

TYPING_PAUSE_MS = 250
HITS_SHOWN = 200
CONTEXT_CHARS = 80


class SearchPanel(QWidget):
    open_requested = Signal(str, int)  # transcript id, turn position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._searched: tuple | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)

        self.query_edit = QLineEdit()
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(_("Search the transcripts: a word, a \"phrase\", the start of a word*"))
        self.query_edit.setAccessibleName(_("Search the transcripts"))
        self.query_edit.textChanged.connect(lambda _text: self._timer.start())
        self.query_edit.returnPressed.connect(self.search_now)
        self.query_edit.installEventFilter(self)
        layout.addWidget(self.query_edit)

        options = QHBoxLayout()
        options.setSpacing(SPACING)
        self.stem_box = QCheckBox(_("Other forms of the words"))
        self.stem_box.setToolTip(_("With this on, “travaillait” also finds “travail” and “travailler”."))
        self.phrase_box = QCheckBox(_("Whole phrase"))
        self.phrase_box.setToolTip(_("Search the words together, in this order, as if they were between quotes."))
        self.participants_box = QCheckBox(_("Participants' words only"))
        self.participants_box.setToolTip(_("Leave out the interviewers' questions and what third parties said."))
        for box in (self.stem_box, self.phrase_box, self.participants_box):
            options.addWidget(box)
        options.addStretch(1)
        self.territory_combo = self._filter(options, _("Territory"))
        self.profile_combo = self._filter(options, _("Profile"))
        self.wave_combo = self._filter(options, _("Wave"))
        for box in (self.stem_box, self.phrase_box, self.participants_box):
            box.toggled.connect(lambda _on: self.search_now())
        layout.addLayout(options)

        self.hint_label = muted(_("Accents and capitals are ignored; coop* finds the words that start with coop; "
                                  "OR finds either word. Participants who withdrew are left out."))
        layout.addWidget(self.hint_label)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)

        self.model = SearchHitModel()
        self.view = make_table(self.model)
        self.view.setItemDelegateForColumn(PASSAGE_COLUMN, PassageDelegate(self.view))
        self.view.doubleClicked.connect(self._open)
        self.view.installEventFilter(self)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.search_now)
        self._show_summary(None)
        self.setEnabled(False)

    def _filter(self, layout: QHBoxLayout, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout.addWidget(combo)
        combo.currentIndexChanged.connect(lambda _index: self.search_now())
        return combo

    # the project -------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        """Search this project from now on (None: nothing to search). The query and the filters
        chosen stay when the same project is read again."""
        self._project = project
        self.setEnabled(project is not None)
        combos = (self.territory_combo, self.profile_combo, self.wave_combo)
        chosen = [combo.currentData() for combo in combos]
        everything = (_("All territories"), _("All profiles"), _("All waves"))
        for combo, first in zip(combos, everything):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
        if project is not None:
            for territory in project.territories.find(order_by="name"):
                self.territory_combo.addItem(territory.name or territory.code, territory.id)
            for item in profiles(project):
                self.profile_combo.addItem(item.label or item.key, item.key)
            for wave in project.waves.find(order_by="position"):
                self.wave_combo.addItem(wave.label, wave.id)
        for combo, data in zip(combos, chosen):
            combo.setCurrentIndex(max(0, combo.findData(data)))
            combo.setVisible(combo.count() > 1)
            combo.blockSignals(False)
        self._searched = None
        self.search_now()

    # searching ---------------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """Type ``text`` into the field and search at once (for the other areas and for tests)."""
        self.query_edit.setText(text)
        self.search_now()

    def search_now(self) -> None:
        self._timer.stop()
        text = self.query_edit.text()
        filters = {"territory_id": self.territory_combo.currentData(), "profile": self.profile_combo.currentData(),
                   "wave_id": self.wave_combo.currentData()}
        filters["speaker_role"] = "participant" if self.participants_box.isChecked() else None
        asked = (text, self.stem_box.isChecked(), self.phrase_box.isChecked(), tuple(filters.values()))
        if self._project is None or asked == self._searched:
            return
        self._searched = asked
        if not text.strip():
            self.model.set_rows([])
            self._show_summary(None)
            return
        try:
            result = searching.search(self._project, text, stem=asked[1], phrase=asked[2], limit=HITS_SHOWN,
                                      context_chars=CONTEXT_CHARS, **filters)
        except sqlite3.Error as error:
            self.model.set_rows([])
            self.summary_label.setText(_("The search failed: {reason}. Try again; if it keeps failing, "
                                         "reopen the project.").format(reason=error))
            return
        self.model.set_rows(result.hits)
        self._show_summary(result)
        self._fit()

    def _show_summary(self, result: searching.SearchResult | None) -> None:
        self.summary_label.setText(summary_text(result))

    def _fit(self) -> None:
        fit_columns(self.view, stretch=(PASSAGE_COLUMN,))

    # opening a hit -----------------------------------------------------------------------------
    def _open(self, index) -> None:
        hit = row_of(index)
        if hit is not None:
            self.open_requested.emit(hit.transcript_id, hit.position)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open(self.view.currentIndex())
                return True
            if watched is self.query_edit and key == Qt.Key.Key_Down and self.model.rowCount():
                self.view.setFocus()
                if not self.view.currentIndex().isValid():
                    self.view.selectRow(0)
                return True
        return super().eventFilter(watched, event)


def summary_text(result: searching.SearchResult | None) -> str:
    """What the hits are: how many turns match, and which of them are shown."""
    if result is None:
        return _("Type a word to see every passage where it is said, with the words around it.")
    shown = len(result.hits)
    if result.truncated:
        return _("More than {window} turns match: the best {shown} of the {window} most recent are shown. "
                 "Add a word or a filter to narrow the search.").format(
            window=format_number(searching.RANKED_WINDOW), shown=format_number(shown))
    if not result.total:
        return _("No turn matches.")
    if shown < result.total:
        return _("{total} turns match: the best {shown} are shown.").format(
            total=format_number(result.total), shown=format_number(shown))
    return ngettext("{n} turn matches.", "{n} turns match.", result.total).format(n=format_number(result.total))
