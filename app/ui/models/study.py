"""The indicator framework of the study."""

from __future__ import annotations

from app.core.study import LEVELS as LEVEL_ORDER
from app.core.summaries import IndicatorRow
from app.i18n import N_, _
from app.ui.formatting import format_number
from app.ui.labels import COUNT_SOURCES, DIRECTIONS, LEVEL_HINTS, LEVELS, SOURCE_KINDS, label
from app.ui.models.base import RIGHT, Column, RowsModel


def source_text(row: IndicatorRow) -> str:
    kind = label(SOURCE_KINDS, row.source_kind)
    if not row.source_label:
        return kind
    source = label(COUNT_SOURCES, row.source_label) if row.source_kind == "count" else row.source_label
    return _("{kind}: {source}").format(kind=kind, source=source)


def _level_order(row: IndicatorRow) -> int:
    # Sort keys must be plain numbers or text: Qt cannot compare Python tuples.
    order = LEVEL_ORDER.index(row.level) if row.level in LEVEL_ORDER else len(LEVEL_ORDER)
    return order * 1_000_000 + row.position


def _target_tip(row: IndicatorRow) -> str:
    return label(DIRECTIONS, row.direction) if row.target is not None else ""


class IndicatorModel(RowsModel):
    columns = (
        Column(N_("Level"), lambda r: label(LEVELS, r.level), sort=_level_order,
               tooltip=lambda r: label(LEVEL_HINTS, r.level)),
        Column(N_("Code"), lambda r: r.code),
        Column(N_("Indicator"), lambda r: r.label, tooltip=lambda r: r.definition or None),
        Column(N_("Dimension"), lambda r: r.dimension),
        Column(N_("Unit"), lambda r: r.unit),
        Column(N_("Target"), lambda r: format_number(r.target, 1),
               sort=lambda r: r.target if r.target is not None else float("-inf"), align=RIGHT,
               tooltip=_target_tip),
        Column(N_("Source"), source_text),
    )
