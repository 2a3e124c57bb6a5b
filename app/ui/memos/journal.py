"""The analytic journal: every memo of the study as a dated timeline, newest month first.

Each entry says what it is about (the study, a code, a transcript, a participant by code). The
entry chosen is edited beside the timeline; « New entry » writes a memo on the whole study.
Double-clicking an entry asks the window to open what it is about (``open_requested``).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services import memos
from app.services.memos import JournalEntry
from app.store.project import Project
from app.ui.areas.base import SPACING, RoomyRows, heading, muted, split
from app.ui.formatting import format_date
from app.ui.memos.editor import MemoEditor

MEMO_ROLE = Qt.ItemDataRole.UserRole
TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
NO_DATE = QDate(2000, 1, 1)  # the date fields' "any date", shown as a dash
DATE_COLUMN, TITLE_COLUMN, ABOUT_COLUMN, AUTHOR_COLUMN = range(4)


def month_label(iso_date: str) -> str:
    """« Juin 2025 »: a month of the timeline in the current language."""
    day = QDate.fromString(iso_date[:10], Qt.DateFormat.ISODate)
    if not day.isValid():
        return iso_date[:7]
    name = QLocale().standaloneMonthName(day.month(), QLocale.FormatType.LongFormat)
    return f"{name[:1].upper()}{name[1:]} {day.year()}"


class JournalPanel(QWidget):
    """``open_requested(kind, target_id)`` when an entry is double-clicked (target_id "" for the
    study); ``changed`` after any write; ``step_made`` carries the undo Step of a deletion."""

    open_requested = Signal(str, str)
    changed = Signal()
    step_made = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._author = ""
        self._entries: dict[str, JournalEntry] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)

        filters = QHBoxLayout()
        filters.setSpacing(SPACING - 4)
        self.author_combo = self._combo(_("Author"))
        self.kind_combo = self._combo(_("About"))
        filters.addWidget(self.author_combo)
        filters.addWidget(self.kind_combo)
        filters.addSpacing(SPACING)
        filters.addWidget(QLabel(_("From")))
        self.since_edit = self._date_edit(_("From this date on"))
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel(_("to")))
        self.until_edit = self._date_edit(_("Up to this date"))
        filters.addWidget(self.until_edit)
        self.reset_button = QPushButton(_("All dates"))
        self.reset_button.setToolTip(_("Clear the date range."))
        self.reset_button.clicked.connect(self.clear_dates)
        filters.addWidget(self.reset_button)
        filters.addStretch(1)
        self.new_button = QPushButton(_("New entry"))
        self.new_button.setToolTip(_("Write a dated entry about the whole study: a decision, a doubt, an idea."))
        self.new_button.clicked.connect(self.new_entry)
        filters.addWidget(self.new_button)
        layout.addLayout(filters)
        self.summary_label = muted()
        layout.addWidget(self.summary_label)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([_("Date"), _("Title"), _("About"), _("Author")])
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.setAlternatingRowColors(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DATE_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ABOUT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AUTHOR_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        bold = QFont(header.font())
        bold.setBold(True)
        header.setFont(bold)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemDoubleClicked.connect(self._open)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(SPACING, 0, 0, 0)
        side_layout.setSpacing(SPACING - 4)
        self.about_label = heading("", 3)
        side_layout.addWidget(self.about_label)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Go to what this entry is about."))
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        about_row = QHBoxLayout()
        about_row.addWidget(self.about_label, 1)
        about_row.addWidget(self.open_button)
        side_layout.addLayout(about_row)
        self.editor = MemoEditor()
        self.editor.saved.connect(self._saved)
        self.editor.deleted.connect(self._deleted)
        self.editor.step_made.connect(self.step_made)
        side_layout.addWidget(self.editor, 1)
        layout.addWidget(split(Qt.Orientation.Horizontal, (self.tree, 3), (side, 2)), 1)
        self._show_about(None)
        self.setEnabled(False)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _index: self.reload())
        return combo

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(NO_DATE)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText("—")  # shown at the minimum date: no bound
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.dateChanged.connect(lambda _date: self.reload())
        return edit

    # the project ------------------------------------------------------------------------------
    def set_project(self, project: Project | None, author: str = "") -> None:
        """Read the journal of this project; ``author`` signs new entries (the current coder)."""
        self.save_pending()
        self._project, self._author = project, author
        self.editor.set_context(project, author)
        self.setEnabled(project is not None)
        self._fill_filters()
        self.reload()

    def _fill_filters(self) -> None:
        chosen = (self.author_combo.currentData(), self.kind_combo.currentData())
        for combo in (self.author_combo, self.kind_combo):
            combo.blockSignals(True)
            combo.clear()
        self.author_combo.addItem(_("All authors"), None)
        self.kind_combo.addItem(_("About anything"), None)
        if self._project is not None:
            for name in memos.authors(self._project):
                self.author_combo.addItem(name, name)
        for kind, label in memos.KIND_LABELS.items():
            self.kind_combo.addItem(_(label), kind)
        for combo, data in zip((self.author_combo, self.kind_combo), chosen):
            combo.setCurrentIndex(max(0, combo.findData(data)))
            combo.blockSignals(False)

    def clear_dates(self) -> None:
        for edit in (self.since_edit, self.until_edit):
            edit.blockSignals(True)
            edit.setDate(NO_DATE)
            edit.blockSignals(False)
        self.reload()

    def save_pending(self) -> bool:
        """Store what is being typed; the main window calls it before closing the project."""
        return self.editor.save()

    # the timeline -----------------------------------------------------------------------------
    def _bound(self, edit: QDateEdit) -> str | None:
        return None if edit.date() == NO_DATE else edit.date().toString(Qt.DateFormat.ISODate)

    def reload(self, select_id: str | None = None) -> None:
        if not self.save_pending():
            return
        current = select_id or self._current_memo_id()
        entries = [] if self._project is None else memos.journal(
            self._project, since=self._bound(self.since_edit), until=self._bound(self.until_edit),
            author=self.author_combo.currentData(), kind=self.kind_combo.currentData())
        entries.reverse()  # newest first
        self._entries = {entry.memo_id: entry for entry in entries}
        self.tree.blockSignals(True)
        self.tree.clear()
        month_font = QFont(self.tree.font())
        month_font.setBold(True)
        month = None
        chosen = None
        for entry in entries:
            label = month_label(entry.written_on)
            if label != month:
                month = label
                header = QTreeWidgetItem(self.tree, [label])
                header.setFirstColumnSpanned(True)
                header.setFont(DATE_COLUMN, month_font)
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(self.tree, [format_date(entry.written_on), entry.title or _("(untitled)"),
                                               entry.about, entry.author or "—"])
            item.setData(DATE_COLUMN, MEMO_ROLE, entry.memo_id)
            item.setData(DATE_COLUMN, TARGET_ROLE, (entry.target_kind, entry.target_id or ""))
            item.setToolTip(TITLE_COLUMN, entry.body[:400])
            if entry.memo_id == current:
                chosen = item
        self.tree.blockSignals(False)
        self._show_summary(len(entries))
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        elif self.editor.memo() is not None:
            # The memo shown is filtered out or gone; a new entry being written stays.
            self.editor.clear()
            self._show_about(None)

    def _show_summary(self, count: int) -> None:
        if count:
            self.summary_label.setText(ngettext(
                "{n} entry, newest first. Double-click an entry to open what it is about.",
                "{n} entries, newest first. Double-click an entry to open what it is about.", count).format(n=count))
        elif self._project is not None and self._project.memos.count():
            self.summary_label.setText(_("No entry matches these filters."))
        else:
            self.summary_label.setText(_("The journal is empty: write a first entry about the study."))

    def _current_memo_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(DATE_COLUMN, MEMO_ROLE) if item is not None else None

    def _current_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        memo_id = current.data(DATE_COLUMN, MEMO_ROLE) if current is not None else None
        if memo_id is None or self._project is None:
            return
        if not self.save_pending():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(previous)
            self.tree.blockSignals(False)
            return
        self.editor.show_memo(self._project.memos.get(memo_id))
        self._show_about(self._entries.get(memo_id))

    def _show_about(self, entry: JournalEntry | None, about: str = "") -> None:
        self.about_label.setText(entry.about if entry else about)
        self.open_button.setVisible(entry is not None and entry.target_kind != "project")

    def _open(self, item: QTreeWidgetItem | None, _column: int = 0) -> None:
        target = item.data(DATE_COLUMN, TARGET_ROLE) if item is not None else None
        if target:
            self.save_pending()
            self.open_requested.emit(target[0], target[1])

    # writing ----------------------------------------------------------------------------------
    def new_entry(self) -> None:
        if self._project is None or not self.save_pending():
            return
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(None)
        self.tree.blockSignals(False)
        self.editor.start_new("project", None)
        self._show_about(None, _("New entry about the whole study"))

    def _saved(self, memo_id: str) -> None:
        self._fill_filters()
        self.reload(select_id=memo_id)
        self.changed.emit()

    def _deleted(self, _memo_id: str) -> None:
        self.reload()
        self.changed.emit()
