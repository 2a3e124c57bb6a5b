"""Agreement between two coders: per code and overall, the passages they disagree on with
reconciling in place, and the blind coding switch with where each coder stands.

The figures come from ``app.services.agreement_view`` (which leaves out, in blind mode, the
transcripts the two coders are not both done with, so that this screen never shows a coder what
the other coded too early); reconciling goes through ``app.services.reconcile``. After each
action the panel emits ``step_done`` with the step that undoes it (for the window's undo history)
and ``changed``; double-clicking a passage emits ``open_requested`` so that the window can show
it in the coding workbench.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.services import agreement_view, blind, reconcile
from app.services.agreement_view import Comparison
from app.services.blind import BlindCodingError
from app.services.coding import CodingError, live_codes
from app.store.errors import RecordNotFoundError
from app.store.project import Project
from app.ui.agreement import texts
from app.ui.agreement.cards import PassageCard
from app.ui.agreement.models import (
    AgreementModel,
    AgreementRow,
    DisagreementModel,
    DisagreementRow,
    PassModel,
)
from app.ui.areas.base import (
    SPACING,
    fit_columns,
    fit_height,
    make_table,
    muted,
    row_of,
    selected_row,
    split,
    wrapped,
)
from app.ui.formatting import format_number


class AgreementPanel(QWidget):
    open_requested = Signal(str, int, int)  # transcript id, start, end (code points of the full text)
    changed = Signal()  # the project was written to
    step_done = Signal(object)  # app.services.history.Step undoing the last reconciling action

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._project: Project | None = None
        self._current_coder_id: str | None = None
        self._pair: tuple[str, str] = ("", "")
        self._comparison: Comparison | None = None
        self._code_filter: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING - 4)

        bar = QHBoxLayout()
        bar.setSpacing(SPACING - 4)
        self.compare_label = QLabel(_("Compare"))
        self.coder_a_combo = self._combo(_("First coder"))
        self.with_label = QLabel(_("with"))
        self.coder_b_combo = self._combo(_("Second coder"))
        for widget in (self.compare_label, self.coder_a_combo, self.with_label, self.coder_b_combo):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.blind_box = QCheckBox(_("Blind coding"))
        self.blind_box.setToolTip(_("While it is on, a coder does not see the other's codings on a transcript "
                                    "until both are done with it."))
        self.blind_box.toggled.connect(self._blind_toggled)
        bar.addWidget(self.blind_box)
        layout.addLayout(bar)

        self.explain_label = muted(texts.what_is_counted())
        layout.addWidget(self.explain_label)
        self.summary_label = wrapped()
        self.blind_label = wrapped()
        layout.addWidget(self.summary_label)
        layout.addWidget(self.blind_label)

        self.stack = QStackedWidget()
        self.no_coders_label = self._message()
        self.stack.addWidget(self._content())
        self.stack.addWidget(self.no_coders_label)
        layout.addWidget(self.stack, 1)
        self.setEnabled(False)

    # building ------------------------------------------------------------------------------------
    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(lambda _index: self._coder_chosen())
        return combo

    @staticmethod
    def _message() -> QLabel:
        label = wrapped()
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setContentsMargins(0, SPACING, 0, 0)
        return label

    def _content(self) -> QWidget:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.agreement_model = AgreementModel()
        self.table_view = make_table(self.agreement_model, sortable=False)
        self.table_view.selectionModel().currentRowChanged.connect(lambda *_args: self._code_chosen())
        self.empty_label = self._message()
        self.table_stack = QStackedWidget()
        self.table_stack.addWidget(self.table_view)
        self.table_stack.addWidget(self.empty_label)
        left_layout.addWidget(self.table_stack, 1)
        self.legend_label = muted(texts.legend())
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        left_layout.addWidget(self.legend_label)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._disagreements(), "")
        self.tabs.addTab(self._passes(), _("Coding passes"))
        return split(Qt.Orientation.Horizontal, (left, 6), (self.tabs, 5))

    def _disagreements(self) -> QWidget:
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        buttons = QHBoxLayout()
        self.filter_label = QLabel()
        self.filter_label.setWordWrap(True)
        buttons.addWidget(self.filter_label, 1)
        self.open_button = QPushButton(_("Open"))
        self.open_button.setToolTip(_("Read this passage in the transcript (or double-click it)."))
        self.keep_button = QPushButton(_("Keep"))
        self.drop_button = QPushButton(_("Take out"))
        self.open_button.clicked.connect(lambda: self._open(self.disagreement_view.currentIndex()))
        self.keep_button.clicked.connect(lambda: self._reconcile(reconcile.adopt))
        self.drop_button.clicked.connect(lambda: self._reconcile(reconcile.drop))
        for button in (self.open_button, self.keep_button, self.drop_button):
            buttons.addWidget(button)
        page_layout.addLayout(buttons)
        self.disagreement_model = DisagreementModel()
        self.disagreement_view = make_table(self.disagreement_model, sortable=False)
        self.disagreement_view.setItemDelegate(PassageCard(self.disagreement_view))
        self.disagreement_view.horizontalHeader().setVisible(False)
        self.disagreement_view.horizontalHeader().setStretchLastSection(True)
        self.disagreement_view.verticalHeader().setDefaultSectionSize(PassageCard.height(self.disagreement_view))
        self.disagreement_view.doubleClicked.connect(self._open)
        self.disagreement_view.installEventFilter(self)
        self.disagreement_view.selectionModel().currentRowChanged.connect(lambda *_args: self._passage_chosen())
        page_layout.addWidget(self.disagreement_view, 1)
        self.hint_label = muted()
        page_layout.addWidget(self.hint_label)
        return page

    def _passes(self) -> QWidget:
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.pass_note = muted(_("Each coder marks a transcript done in the coding workbench. In blind mode only "
                                 "the transcripts both coders are done with are compared."))
        page_layout.addWidget(self.pass_note)
        self.pass_model = PassModel()
        self.pass_view = make_table(self.pass_model, sortable=False)
        page_layout.addWidget(self.pass_view)
        page_layout.addStretch(1)
        return page

    # the project -----------------------------------------------------------------------------------
    def set_project(self, project: Project | None, current_coder_id: str | None = None) -> None:
        """Compare coders of this project from now on; ``current_coder_id`` is the person at the
        keyboard, named in the audit log. The pair chosen stays when the same project is read again."""
        if project is not self._project:
            self._pair = ("", "")
        self._project = project
        self._current_coder_id = current_coder_id
        self.setEnabled(project is not None)
        self._fill_coders()
        self.refresh()

    def set_coders(self, coder_a: str, coder_b: str) -> None:
        """Compare these two coders (by name)."""
        self._pair = (coder_a, coder_b)
        self._fill_coders()
        self.refresh()

    def coders(self) -> tuple[str, str]:
        return self._pair

    def _fill_coders(self) -> None:
        names = [coder.name for coder in self._project.coders.find(order_by="name")] if self._project else []
        if len(names) >= 2 and not (set(self._pair) <= set(names) and self._pair[0] != self._pair[1]):
            self._pair = agreement_view.default_pair(self._project) or (names[0], names[1])
        for combo, chosen in zip((self.coder_a_combo, self.coder_b_combo), self._pair):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(names)
            combo.setCurrentIndex(max(0, combo.findText(chosen)))
            combo.blockSignals(False)
        for widget in (self.compare_label, self.coder_a_combo, self.with_label, self.coder_b_combo):
            widget.setVisible(len(names) >= 2)

    def _coder_chosen(self) -> None:
        a, b = self.coder_a_combo.currentText(), self.coder_b_combo.currentText()
        if a == b:  # choosing the other coder's name swaps the two
            a, b = (a, self._pair[0]) if a != self._pair[0] else (self._pair[1], b)
        self.set_coders(a, b)

    # reading ---------------------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Read the figures again (after a change made elsewhere, or here); ``select`` is the row of
        the passage list to select afterwards."""
        project = self._project
        blind_on = bool(project) and blind.is_blind(project)
        self.blind_box.blockSignals(True)
        self.blind_box.setChecked(blind_on)
        self.blind_box.blockSignals(False)
        if project is None or project.coders.count() < 2:
            self._comparison = None
            self.no_coders_label.setText(texts.too_few_coders())
            self.stack.setCurrentWidget(self.no_coders_label)
            self.summary_label.setVisible(False)
            self.blind_label.setText("")
            return
        self.stack.setCurrentIndex(0)
        comparison = agreement_view.compare(project, *self._pair)
        self._comparison = comparison
        self.summary_label.setText(texts.summary(comparison) if comparison.report.units else "")
        self.summary_label.setVisible(bool(comparison.report.units))
        self.blind_label.setText(texts.blind_statement(comparison))
        reason = texts.empty_reason(comparison)
        self.empty_label.setText(reason)
        self.table_stack.setCurrentWidget(self.empty_label if reason else self.table_view)
        self.legend_label.setVisible(not reason)
        if reason:  # with nothing to compare, where each coder stands is what helps
            self.tabs.setCurrentIndex(1)
        self._fill_table(comparison)
        self.pass_model.set_coders(*self._pair)
        self.pass_model.set_rows(comparison.passes)
        fit_columns(self.pass_view, stretch=(0,))
        fit_height(self.pass_view, max_rows=12)
        self._fill_disagreements(select)

    def _fill_table(self, comparison: Comparison) -> None:
        report, a, b = comparison.report, *self._pair
        codes = live_codes(self._project)
        order = {code.id: (position, code) for position, code in enumerate(codes)}
        rows = []
        for item in sorted(report.codes, key=lambda item: order.get(item.code_id, (len(order), None))[0]):
            table, code = item.table, order[item.code_id][1] if item.code_id in order else None
            tip = _("{a}: {x} · {b}: {y} · both: {both}").format(
                a=a, b=b, x=format_number(table.both + table.a_only), y=format_number(table.both + table.b_only),
                both=format_number(table.both))
            rows.append(AgreementRow(item.code, code.colour if code else "#888888",
                                     table.both + table.a_only + table.b_only, table.percent_agreement,
                                     table.kappa, table.alpha, coded_tip=tip, code_id=item.code_id))
        overall = report.overall
        rows.append(AgreementRow(_("All codes"), "", report.units, overall.percent_agreement, overall.kappa,
                                 overall.alpha, name_tip=_("Every decision on a character and a code, pooled over "
                                                           "the codes: frequent codes weigh more than rare ones."),
                                 coded_tip=_("Every character compared.")))
        self.table_view.selectionModel().blockSignals(True)
        self.agreement_model.set_rows(rows if report.units else [])
        self.table_view.selectionModel().blockSignals(False)
        fit_columns(self.table_view, stretch=(0,))
        codes_shown = [row.code_id for row in rows]
        if self._code_filter not in codes_shown:
            self._code_filter = None
        if self._code_filter is not None:
            self.table_view.selectRow(codes_shown.index(self._code_filter))

    def _fill_disagreements(self, select: int | None = None) -> None:
        comparison, project = self._comparison, self._project
        titles = {t.id: t.title for t in project.transcripts.find()}
        colours = {code.id: code.colour for code in project.codes.find()}
        a, b = self._pair
        found = [d for d in comparison.disagreements if self._code_filter in (None, d.code_id)]
        self.disagreement_model.set_rows(
            DisagreementRow(d, titles.get(d.transcript_id, ""), a if d.coded_by == "a" else b,
                            colours.get(d.code_id, "#888888")) for d in found)
        count = len(found)
        self.tabs.setTabText(0, _("Passages in disagreement ({n})").format(n=format_number(count)))
        code = next((row.name for row in self.agreement_model.rows()
                     if self._code_filter is not None and row.code_id == self._code_filter), "")
        if code:
            self.filter_label.setText(ngettext("{n} passage where only one coder applied “{code}”.",
                                               "{n} passages where only one coder applied “{code}”.", count)
                                      .format(n=format_number(count), code=code))
        elif comparison.report.units and not count:
            self.filter_label.setText(_("No passage in disagreement: the two coders applied the same codes to the "
                                        "same characters."))
        elif comparison.report.units:
            self.filter_label.setText(_("Every code: select a code in the table to see its passages only."))
        else:
            self.filter_label.setText("")
        if count:  # the first passage, or the one after the passage just reconciled
            self.disagreement_view.selectRow(min(select or 0, count - 1))
        self._passage_chosen()

    # choosing ----------------------------------------------------------------------------------------
    def _code_chosen(self) -> None:
        row = row_of(self.table_view.currentIndex())
        self._code_filter = row.code_id if row is not None else None
        if self._comparison is not None:
            self._fill_disagreements()

    def _passage_chosen(self) -> None:
        row = selected_row(self.disagreement_view)
        for button in (self.open_button, self.keep_button, self.drop_button):
            button.setEnabled(row is not None)
        self.hint_label.setText(texts.action_hint(row, *self._pair) if self.disagreement_model.rowCount() else "")

    def select_code(self, code_id: str | None) -> None:
        """Show the passages of one code (None: of every code)."""
        codes = [row.code_id for row in self.agreement_model.rows()]
        if code_id in codes:
            self.table_view.selectRow(codes.index(code_id))
        else:
            self.table_view.clearSelection()
            self._code_filter = None
            self._fill_disagreements()

    # acting ------------------------------------------------------------------------------------------
    def _open(self, index) -> None:
        row = row_of(index)
        if row is not None:
            d = row.disagreement
            self.open_requested.emit(d.transcript_id, d.start, d.end)

    def _actor(self) -> str:
        if self._project is None or not self._current_coder_id:
            return ""
        found = self._project.coders.first("id = ?", [self._current_coder_id])
        return found.name if found else ""

    def _reconcile(self, action: Callable) -> None:
        row = selected_row(self.disagreement_view)
        if row is None or self._project is None:
            return
        position = self.disagreement_view.currentIndex().row()
        try:
            steps = action(self._project, row.disagreement, *self._pair, actor=self._actor())
        except (reconcile.ReconcileError, BlindCodingError, CodingError, RecordNotFoundError) as error:
            QMessageBox.information(self, _("Reconciling"), str(error))
            self.refresh()
            return
        self.step_done.emit(reconcile.one_step(steps))
        self.refresh(select=position)
        self.changed.emit()

    def _blind_toggled(self, on: bool) -> None:
        if self._project is None:
            return
        blind.set_blind(self._project, on, actor=self._actor())
        self.refresh()
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.disagreement_view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._open(self.disagreement_view.currentIndex())
            return True
        return super().eventFilter(watched, event)
