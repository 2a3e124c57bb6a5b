"""The matrices: themes × a participant attribute, participants × themes (framework analysis,
with a summary per cell) and code co-occurrence. Selecting a cell lists the segments behind it
below; double-clicking a segment asks to open the transcript there.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, ngettext
from app.services import framework, matrices
from app.store.project import Project
from app.ui.areas.base import SPACING, heading, muted, split
from app.ui.formatting import format_number
from app.ui.retrieval.grid import CELL_ROLE, CellDelegate, Grid, GridColumn, GridHeader, GridModel, GridRow
from app.ui.retrieval.passages import SegmentList

MODES = ("attribute", "framework", "cooccurrence")
MODE_LABELS = {"attribute": N_("Themes × attribute"), "framework": N_("Participants × themes"),
               "cooccurrence": N_("Co-occurrences")}
MODE_HINTS = {
    "attribute": N_("How often each theme was coded, by the participants' attribute chosen. Select a cell to "
                    "read its segments."),
    "framework": N_("Framework analysis: what each participant says about each theme. Select a cell to read "
                    "its segments and write its summary; ✎ marks a cell summarised."),
    "cooccurrence": N_("How often two themes were applied to the same passage by one coder; on the diagonal, "
                       "the theme's codings. Select a cell to read the passages."),
}
ATTRIBUTE_LABELS = {"territory": N_("Territory"), "profile": N_("Profile"), "wave": N_("Wave"),
                    "interviewer": N_("Interviewer")}
COUNT_LABELS = {"codings": N_("Codings"), "participants": N_("Participants"), "transcripts": N_("Transcripts")}
THEME_LABELS = {"top": N_("Main themes"), "all": N_("All themes")}
SCOPE_LABELS = {"overlap": N_("Overlapping passages"), "transcript": N_("Same transcript")}
CELL_WIDTH = 92
SQUARE_WIDTH = 44
LABEL_WIDTH = 380
ROW_HEIGHT = 30


class MatrixPanel(QWidget):
    open_requested = Signal(str, int, int)  # transcript id, start, end
    changed = Signal()  # a summary was written

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._author = ""
        self._colours: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._with_subthemes = True
        self._cell: tuple | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)

        self.tabs = QTabBar()
        self.tabs.setExpanding(False)
        for mode in MODES:
            self.tabs.addTab(_(MODE_LABELS[mode]))
        layout.addWidget(self.tabs)

        options = QHBoxLayout()
        options.setSpacing(SPACING - 4)
        self.attribute_combo = self._choice(options, _("In columns"), ATTRIBUTE_LABELS)
        self.count_combo = self._choice(options, _("Count"), COUNT_LABELS)
        self.themes_combo = self._choice(options, _("Themes"), THEME_LABELS)
        self.scope_combo = self._choice(options, _("Together in"), SCOPE_LABELS)
        self.coder_combo = self._choice(options, _("Coder"), {})
        options.addStretch(1)
        layout.addLayout(options)
        self.hint_label = muted()
        layout.addWidget(self.hint_label)

        self.model = GridModel()
        self.view = QTableView()
        self.header = GridHeader(self.view)
        self.view.setHorizontalHeader(self.header)
        self.view.setModel(self.model)
        self.view.setItemDelegate(CellDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.view.setStyleSheet("QTableView { gridline-color: #e2e2dc; }")
        self.view.setAccessibleName(_("Matrix"))
        self.view.selectionModel().currentChanged.connect(self._cell_chosen)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, SPACING - 4, 0, 0)
        lower_layout.setSpacing(SPACING - 6)
        self.cell_label = heading("", 3)
        lower_layout.addWidget(self.cell_label)
        self.segments = SegmentList()
        self.segments.open_requested.connect(self.open_requested)
        self.summary_box = self._summary_box()
        lower_layout.addWidget(split(Qt.Orientation.Horizontal, (self.segments, 3), (self.summary_box, 1)), 1)
        self.summary_box.setMaximumWidth(360)
        self.splitter = split(Qt.Orientation.Vertical, (self.view, 3), (lower, 2))
        layout.addWidget(self.splitter, 1)

        self.tabs.currentChanged.connect(lambda _index: self.reload())
        self._show_choices()
        for combo in (self.attribute_combo, self.count_combo, self.themes_combo, self.scope_combo, self.coder_combo):
            combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.setEnabled(False)

    def _choice(self, layout: QHBoxLayout, name: str, labels: dict[str, str]) -> QComboBox:
        label = QLabel(name)
        combo = QComboBox()
        combo.setAccessibleName(name)
        # Shrinks with the window rather than hold the whole area wide.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        for key, text in labels.items():
            combo.addItem(_(text), key)
        label.setBuddy(combo)
        pair = QHBoxLayout()
        pair.setSpacing(6)
        pair.addWidget(label)
        pair.addWidget(combo)
        holder = QWidget()
        holder.setLayout(pair)
        pair.setContentsMargins(0, 0, SPACING, 0)
        layout.addWidget(holder)
        combo.setProperty("holder", holder)
        return combo

    def _summary_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(SPACING, 0, 0, 0)
        column.setSpacing(SPACING - 6)
        column.addWidget(heading(_("Summary of the cell"), 3))
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setPlaceholderText(_("In your words: what this participant says about this theme."))
        self.summary_edit.setAccessibleName(_("Summary of the cell"))
        column.addWidget(self.summary_edit, 1)
        row = QHBoxLayout()
        self.summary_status = muted()
        row.addWidget(self.summary_status, 1)
        self.save_button = QPushButton(_("Save the summary"))
        self.save_button.clicked.connect(self.save_summary)
        row.addWidget(self.save_button)
        column.addLayout(row)
        return box

    # the project -------------------------------------------------------------------------------
    def set_project(self, project: Project | None, author: str | None = None) -> None:
        """Show this project's matrices; ``author`` signs the summaries written here."""
        self._project = project
        if author is not None:
            self._author = author
        self.setEnabled(project is not None)
        chosen = self.coder_combo.currentData()
        self.coder_combo.blockSignals(True)
        self.coder_combo.clear()
        self.coder_combo.addItem(_("All coders"), None)
        if project is not None:
            for coder in project.coders.find(order_by="name"):
                self.coder_combo.addItem(coder.name, coder.id)
        self.coder_combo.setCurrentIndex(max(0, self.coder_combo.findData(chosen)))
        self.coder_combo.blockSignals(False)
        self.reload()

    def set_author(self, name: str) -> None:
        self._author = name

    def mode(self) -> str:
        return MODES[max(0, self.tabs.currentIndex())]

    def set_mode(self, mode: str, **options: str) -> None:
        """Show a matrix: ``mode`` one of MODES; options attribute, count, themes, scope, coder (an id)."""
        combos = {"attribute": self.attribute_combo, "count": self.count_combo, "themes": self.themes_combo,
                  "scope": self.scope_combo, "coder": self.coder_combo}
        for name, value in options.items():
            combo = combos[name]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        if self.tabs.currentIndex() != MODES.index(mode):
            self.tabs.setCurrentIndex(MODES.index(mode))  # reloads
        else:
            self.reload()

    # building the matrix -----------------------------------------------------------------------
    def _show_choices(self) -> None:
        """Only the choices that apply to the matrix shown (which also keeps the panel narrow)."""
        mode = self.mode()
        for combo, modes in ((self.attribute_combo, ("attribute",)), (self.count_combo, ("attribute",)),
                             (self.themes_combo, ("framework",)), (self.scope_combo, ("cooccurrence",))):
            combo.property("holder").setVisible(mode in modes)

    def reload(self) -> None:
        mode = self.mode()
        self._show_choices()
        hint = MODE_HINTS[mode]
        if mode == "cooccurrence" and self.scope_combo.currentData() == "transcript":
            hint = N_("In how many transcripts one coder applied both themes; on the diagonal, the transcripts "
                      "coded with the theme. Select a cell to read the segments.")
        self.hint_label.setText(_(hint))
        self.summary_box.setVisible(mode == "framework")
        if self._project is None:
            self.model.set_grid(Grid("", [], [], []))
            return
        keys = matrices.code_keys(self._project)
        self._colours = {key.id: key.colour for key in keys}
        self._names = {key.id: key.name for key in keys}
        coder = self.coder_combo.currentData()
        grid = {"attribute": self._attribute_grid, "framework": self._framework_grid,
                "cooccurrence": self._cooccurrence_grid}[mode](coder)
        previous = self._cell
        self.model.set_grid(grid)
        self._fit(mode)
        if not self._reselect(previous):
            self._cell = None
            self.segments.clear(_("Select a cell to list the segments behind it."))
            self.cell_label.setText("")
            self._show_summary(None)

    def _attribute_grid(self, coder: str | None) -> Grid:
        attribute, count = self.attribute_combo.currentData(), self.count_combo.currentData()
        matrix = matrices.code_by_attribute(self._project, attribute, coder, count)

        def describe(row: GridRow, column: GridColumn, value: int, _note: str) -> str:
            return _("{code} × {value}: {count}").format(code=row.label, value=column.label,
                                                         count=counted(count, value))

        return Grid(
            corner=_("Theme"), rows=[GridRow(key.name, key.id, key.depth, key.colour) for key in matrix.rows],
            columns=[GridColumn(key.label, key.value) for key in matrix.columns], values=matrix.counts,
            row_totals=matrix.row_totals, column_totals=matrix.column_totals, total=matrix.total, describe=describe)

    def _framework_grid(self, coder: str | None) -> Grid:
        matrix = matrices.participants_by_theme(self._project, coder, self.themes_combo.currentData())
        self._with_subthemes = matrix.with_subthemes
        rows = [GridRow(f"{p.code}", p.id, tooltip=" · ".join(filter(None, (p.code, p.territory, p.profile))))
                for p in matrix.participants]
        columns = [GridColumn(key.name, key.id) for key in matrix.themes]
        values = [[matrix.entry(p.id, key.id).codings for key in matrix.themes] for p in matrix.participants]
        notes = {(pid, cid): entry.summary for (pid, cid), entry in matrix.cells.items() if entry.summary}

        def describe(row: GridRow, column: GridColumn, value: int, note: str) -> str:
            text = _("{participant} × {code}: {count}").format(
                participant=row.label, code=column.label,
                count=counted("codings", value))
            return f"{text}\n\n{note}" if note else text

        return Grid(corner=_("Participant"), rows=rows, columns=columns, values=values,
                    row_totals=[sum(row) for row in values],
                    column_totals=[sum(column) for column in zip(*values)] if values else [0] * len(columns),
                    total=sum(map(sum, values)), notes=notes, describe=describe)

    def _cooccurrence_grid(self, coder: str | None) -> Grid:
        scope = self.scope_combo.currentData()
        matrix = matrices.cooccurrence(self._project, coder, scope)

        def describe(row: GridRow, column: GridColumn, value: int, _note: str) -> str:
            same = row.key == column.key
            count = counted("transcripts" if scope == "transcript" else "codings" if same else "pairs", value)
            if same:
                return _("{code}: {count}").format(code=row.label, count=count)
            return _("{code} with {other}: {count}").format(code=row.label, other=column.label, count=count)

        return Grid(corner=_("Theme"),
                    rows=[GridRow(key.name, key.id, key.depth, key.colour) for key in matrix.codes],
                    columns=[GridColumn(key.name, key.id) for key in matrix.codes], values=matrix.counts,
                    describe=describe)

    def _fit(self, mode: str) -> None:
        header = self.header
        header.set_upright(mode == "cooccurrence")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.view.resizeColumnToContents(0)
        header.resizeSection(0, min(max(header.sectionSize(0) + 24, 160), LABEL_WIDTH))
        width = SQUARE_WIDTH if mode == "cooccurrence" else CELL_WIDTH
        if mode != "cooccurrence":
            metrics = header.fontMetrics()
            longest_word = max((metrics.horizontalAdvance(word) for column in self.model.grid.columns
                                for word in column.label.split()), default=0)
            width = max(width, min(longest_word + 2 * GridHeader.PADDING + 8, 180))
        for section in range(1, self.model.columnCount()):
            header.resizeSection(section, width)
        header.updateGeometries()
        self.view.updateGeometries()
        self.segments.show_participants(mode != "framework")
        self._share_height()

    def _share_height(self) -> None:
        """A small matrix takes the height of its rows; the list below gets the rest."""
        total = sum(self.splitter.sizes()) or self.splitter.height()
        if total <= 0:
            return
        wanted = (self.header.sizeHint().height() + self.model.rowCount() * ROW_HEIGHT
                  + 2 * self.view.frameWidth() + 20)
        top = min(wanted, int(total * 0.62))
        self.splitter.setSizes([top, total - top])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._share_height()

    # a cell --------------------------------------------------------------------------------------
    def select_cell(self, row: int, column: int) -> None:
        """Select the cell at (row, column) of the matrix itself, labels and totals left aside."""
        self.view.setCurrentIndex(self.model.cell_index(row, column))

    def _reselect(self, previous: tuple | None) -> bool:
        if previous is None or previous[0] != self.mode():
            return False
        for row in range(self.model.rowCount()):
            for column in range(1, self.model.columnCount()):
                index = self.model.index(row, column)
                if index.data(CELL_ROLE) == previous[1:]:
                    self.view.setCurrentIndex(index)
                    self._cell_chosen(index)
                    return True
        return False

    def _cell_chosen(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        keys = index.data(CELL_ROLE) if index.isValid() else None
        if keys is None or self._project is None:
            return
        row_key, column_key = keys
        mode = self.mode()
        self._cell = (mode, row_key, column_key)
        coder = self.coder_combo.currentData()
        row_label = self.model.grid.rows[index.row()].label
        column_label = self.model.grid.columns[index.column() - 1].label
        if mode == "attribute":
            attribute = self.attribute_combo.currentData()
            passages = matrices.cell_segments(self._project, row_key, (attribute, column_key), coder)
            title = _("“{code}” × {value}").format(code=row_label, value=column_label)
        elif mode == "framework":
            passages = matrices.cell_segments(self._project, column_key, ("participant", row_key), coder,
                                              with_subthemes=self._with_subthemes)
            title = _("{participant} × “{code}”").format(participant=row_label, code=column_label)
        else:
            passages = matrices.cell_segments(self._project, row_key, column_key, coder,
                                              scope=self.scope_combo.currentData())
            title = (_("“{code}”").format(code=row_label) if row_key == column_key else
                     _("“{code}” with “{other}”").format(code=row_label, other=column_label))
        self.cell_label.setText(title)
        self.segments.set_passages(passages, self._colours)
        self._show_summary((column_key, row_key) if mode == "framework" else None)

    # framework summaries -------------------------------------------------------------------------
    def _show_summary(self, cell: tuple[str, str] | None) -> None:
        """``cell`` is (code id, participant id) in the framework matrix, else None."""
        self._summary_cell = cell
        self.summary_edit.setEnabled(cell is not None)
        self.save_button.setEnabled(cell is not None)
        text = framework.summary_of(self._project, *cell) if cell and self._project else ""
        self.summary_edit.setPlainText(text)
        self.summary_status.setText("" if cell else _("Select a cell to write its summary."))

    def save_summary(self) -> None:
        cell = getattr(self, "_summary_cell", None)
        if cell is None or self._project is None:
            return
        try:
            framework.set_summary(self._project, *cell, self.summary_edit.toPlainText(), self._author)
        except (framework.FrameworkError, ValueError) as error:
            self.summary_status.setText(str(error))
            return
        self.reload()  # shows the mark on the cell and selects it again
        self.summary_status.setText(_("Summary saved."))
        self.changed.emit()


def counted(what: str, n: int) -> str:
    """« 3 codages », « 1 participant·e »... for a cell's tooltip."""
    if what == "participants":
        text = ngettext("{n} participant", "{n} participants", n)
    elif what == "transcripts":
        text = ngettext("{n} transcript", "{n} transcripts", n)
    elif what == "pairs":
        text = ngettext("{n} pair of overlapping codings", "{n} pairs of overlapping codings", n)
    else:
        text = ngettext("{n} coding", "{n} codings", n)
    return text.format(n=format_number(n))
