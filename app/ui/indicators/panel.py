"""The indicator dashboard: a wave and a territory to read, the values, and one indicator's detail."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.core.indicators import IndicatorResult
from app.core.numbers import format_value
from app.i18n import _, ngettext
from app.services.indicators import compute_indicators
from app.store.project import Project
from app.ui.areas.base import SPACING, detail_browser, fit_columns, make_table, muted, selected_row, split
from app.ui.indicators.model import IndicatorValueModel, n_text, status_text, target_text, value_text
from app.ui.labels import AGGREGATES, COUNT_SOURCES, DIRECTIONS, LEVELS, SOURCE_KINDS, label

INDICATOR_COLUMN = 2


class ScopeBar(QWidget):
    """Which wave and which territory the dashboards read; None stands for all of them."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.wave_box = QComboBox()
        self.territory_box = QComboBox()
        for text, box in ((_("Wave:"), self.wave_box), (_("Territory:"), self.territory_box)):
            caption = QLabel(text)
            caption.setBuddy(box)
            layout.addWidget(caption)
            layout.addWidget(box)
            layout.addSpacing(12)
        self.wave_box.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.territory_box.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def load(self, project: Project) -> None:
        wave, territory = self.wave_id(), self.territory_id()
        for box in (self.wave_box, self.territory_box):
            box.blockSignals(True)
            box.clear()
        self.wave_box.addItem(_("All waves"), None)
        for record in project.waves.find(order_by="position, starts_on, label"):
            self.wave_box.addItem(record.label, record.id)
        self.territory_box.addItem(_("All territories"), None)
        for record in project.territories.find(order_by="name"):
            self.territory_box.addItem(f"{record.name} ({record.code})", record.id)
        for box, value in ((self.wave_box, wave), (self.territory_box, territory)):
            box.setCurrentIndex(max(box.findData(value), 0))
            box.blockSignals(False)

    def wave_id(self) -> str | None:
        return self.wave_box.currentData()

    def territory_id(self) -> str | None:
        return self.territory_box.currentData()

    def describe(self) -> str:
        return f"{self.wave_box.currentText()} · {self.territory_box.currentText()}"


class IndicatorPanel(QWidget):
    """Every indicator's value for the scope chosen, outputs first; the selected one in detail."""

    def __init__(self, scope: ScopeBar, parent=None):
        super().__init__(parent)
        self.scope = scope
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, SPACING, 0, 0)
        layout.setSpacing(SPACING)
        self.summary_label = muted()
        layout.addWidget(self.summary_label)
        self.model = IndicatorValueModel()
        self.view = make_table(self.model, wrap=True)
        self.detail = detail_browser()
        layout.addWidget(split(Qt.Orientation.Horizontal, (self.view, 5), (self.detail, 2)), 1)
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._show_detail())
        self._project: Project | None = None

    def load(self, project: Project) -> None:
        self._project = project
        self.refresh()

    def refresh(self) -> None:
        if self._project is None:
            return
        chosen = selected_row(self.view)
        results = compute_indicators(self._project, self.scope.wave_id(), self.scope.territory_id())
        self.model.set_rows(results)
        fit_columns(self.view, stretch=(INDICATOR_COLUMN,))
        threshold = self._project.study().small_n_threshold
        self.summary_label.setText(self.summary(results) + " — " + ngettext(
            "a rate or a mean over fewer than {n} participant carries a warning.",
            "a rate or a mean over fewer than {n} participants carries a warning.", threshold).format(n=threshold))
        for row in range(self.model.rowCount()):
            if chosen is not None and self.model.row_at(row).code == chosen.code:
                self.view.selectRow(self.view.model().mapFromSource(self.model.index(row, 0)).row())
                break
        else:
            self._show_detail()

    @staticmethod
    def summary(results: list[IndicatorResult]) -> str:
        if not results:
            return _("No indicator yet: outputs, outcomes and impact are set in the Study area.")
        parts = [ngettext("{n} indicator", "{n} indicators", len(results)).format(n=len(results))]
        reached = sum(1 for r in results if r.target_met)
        parts.append(ngettext("{n} reaches its target", "{n} reach their target", reached).format(n=reached))
        missing = sum(1 for r in results if r.value is None)
        if missing:
            parts.append(ngettext("{n} cannot be computed", "{n} cannot be computed", missing).format(n=missing))
        small = sum(1 for r in results if r.small_n)
        if small:
            parts.append(ngettext("{n} rests on a small sample", "{n} rest on a small sample", small).format(n=small))
        return " · ".join(parts)

    def _show_detail(self) -> None:
        result = selected_row(self.view)
        if result is None:
            self.detail.setHtml(f"<p style='color:gray'>{escape(_('Select an indicator to see how its value is made.'))}</p>")
            return
        self.detail.setHtml(detail_html(result, self.scope.describe()))


def detail_html(result: IndicatorResult, scope: str) -> str:
    """One indicator explained: its value for the scope, how it is computed, what to be wary of."""
    parts = [f"<h3>{escape(result.code)} · {escape(result.label)}</h3>",
             f"<p style='color:gray'>{escape(label(LEVELS, result.level))}"
             + (f" · {escape(result.dimension_label)}" if result.dimension_label else "")
             + f" · {escape(scope)}</p>"]
    value = value_text(result)
    line = f"<p style='font-size:large'><b>{escape(value)}</b>"
    if result.target is not None:
        line += f" &nbsp; {escape(_('target'))} {escape(target_text(result, with_unit=True))}"
    line += f" &nbsp; <i>{escape(status_text(result))}</i></p>"
    parts.append(line)
    if result.reason and result.value is None:
        parts.append(f"<p>{escape(result.reason)}</p>")
    if result.warning:
        parts.append(f"<p style='background:#fbe9c6; padding:4px'>⚠ {escape(result.warning)}</p>")
    if n_text(result):
        parts.append(f"<p>{escape(_('Participants behind the value: {n}').format(n=result.n))}"
                     + (f" ({escape(result.note)})" if result.note and result.source_kind == "theme" else "") + "</p>")
    if result.definition:
        parts.append(f"<p><b>{escape(_('Definition'))}</b><br>{escape(result.definition)}</p>")
    parts.append(f"<p><b>{escape(_('Source'))}</b><br>{escape(source_sentence(result))}</p>")
    if result.note and result.source_kind == "manual":
        parts.append(f"<p><b>{escape(_('Where the figure comes from'))}</b><br>{escape(result.note)}</p>")
    if result.distribution:
        total = sum(count for _answer, count in result.distribution) or 1
        rows = "".join(
            f"<tr><td>{escape(answer)}</td><td align='right'>{count}</td>"
            f"<td align='right'>{escape(format_value(100 * count / total, '%', 0))}</td></tr>"
            for answer, count in result.distribution)
        parts.append(f"<p><b>{escape(_('Answers'))}</b></p><table cellpadding='3'>{rows}</table>")
    parts.append(f"<p style='color:gray'>{escape(label(DIRECTIONS, result.direction))}</p>")
    return "".join(parts)


def source_sentence(result: IndicatorResult) -> str:
    """The source in words: "Questionnaire item: satisfaction_autonomie, mean"."""
    kind = label(SOURCE_KINDS, result.source_kind)
    _kind, _colon, rest = result.source.partition(":")
    what, _slash, how = rest.partition("/")
    if result.source_kind == "count":
        what = label(COUNT_SOURCES, what)
    pieces = [piece for piece in (what, label(AGGREGATES, how) if how and result.source_kind != "count" else how)
              if piece]
    return _("{kind}: {source}").format(kind=kind, source=", ".join(pieces)) if pieces else kind

