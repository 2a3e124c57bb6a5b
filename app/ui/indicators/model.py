"""Indicator values as table rows: level, value against target, n, and what to make of it."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.indicators import IndicatorResult
from app.core.numbers import format_value
from app.core.study import LEVELS as LEVEL_ORDER
from app.i18n import N_, _
from app.ui.labels import LEVEL_HINTS, LEVELS, label
from app.ui.models.base import CENTER, MUTED_FOREGROUND, RIGHT, WARNING_BACKGROUND, Column, RowsModel

MET_FOREGROUND = QColor("#1f6e43")
MISSED_FOREGROUND = QColor("#9a3b1b")
STATUS_COLUMN = 6


def value_text(result: IndicatorResult) -> str:
    return format_value(result.value, result.unit) if result.value is not None else "—"


def target_text(result: IndicatorResult, with_unit: bool = False) -> str:
    if result.target is None:
        return ""
    arrow = "≥" if result.direction == "higher" else "≤"
    # In the table the unit is read in the value's column; only a percentage keeps its sign.
    unit = result.unit if with_unit or result.unit.strip() == "%" else ""
    return f"{arrow} {format_value(result.target, unit)}"


def n_text(result: IndicatorResult) -> str:
    return str(result.n) if result.n is not None and result.source_kind in ("survey_item", "theme") else ""


def status_text(result: IndicatorResult) -> str:
    if result.value is None:
        return _("Not computable")
    if result.small_n:
        return _("Small sample")
    if result.target_met is None:
        return _("No target")
    return _("Target reached") if result.target_met else _("Below target")


def status_tip(result: IndicatorResult) -> str:
    return result.reason or result.warning or ""


def _level_order(result: IndicatorResult) -> int:
    return LEVEL_ORDER.index(result.level) if result.level in LEVEL_ORDER else len(LEVEL_ORDER)


class IndicatorValueModel(RowsModel):
    columns = (
        Column(N_("Level"), lambda r: label(LEVELS, r.level), sort=_level_order,
               tooltip=lambda r: label(LEVEL_HINTS, r.level)),
        Column(N_("Code"), lambda r: r.code),
        Column(N_("Indicator"), lambda r: r.label, tooltip=lambda r: r.definition or None),
        Column(N_("Value"), value_text, sort=lambda r: r.value if r.value is not None else float("-inf"), align=RIGHT),
        Column(N_("Target"), target_text, sort=lambda r: r.target if r.target is not None else float("-inf"),
               align=RIGHT),
        Column(N_("n"), n_text, sort=lambda r: r.n if r.n is not None else -1, align=CENTER,
               header_tip=N_("Participants behind a rate or a mean")),
        Column(N_("Status"), status_text, tooltip=status_tip),
    )

    def background(self, row: IndicatorResult, column: int) -> QColor | None:
        return WARNING_BACKGROUND if row.small_n and column in (3, 5, STATUS_COLUMN) else None

    def foreground(self, row: IndicatorResult, column: int) -> QColor | None:
        if column != STATUS_COLUMN:
            return None
        if row.value is None or row.target_met is None:
            return MUTED_FOREGROUND
        return MET_FOREGROUND if row.target_met else MISSED_FOREGROUND
