"""The words the charts share: level names, values with their units, the scope of a chart."""

from __future__ import annotations

from app.core.dashboards import DashboardData
from app.core.numbers import NBSP, format_number, format_value
from app.i18n import N_, _, ngettext

FOOTER_WIDTH = 105
LEVEL_NAMES = {"output": N_("Outputs"), "outcome": N_("Outcomes"), "impact": N_("Impact")}


def level_name(level: str) -> str:
    return _(LEVEL_NAMES[level]) if level in LEVEL_NAMES else level


def decimals_for(value: float, unit: str) -> int:
    """Percentages and large numbers without decimals; scores and means with one."""
    return 0 if unit.strip() == "%" or abs(value) >= 100 else 1


def number(value: float, unit: str, language: str) -> str:
    """The value alone, rounded as its unit wants (« 3,8 », « 57 »)."""
    return format_number(round(value, decimals_for(value, unit)), decimals_for(value, unit), language)


def value_with_unit(value: float, unit: str, language: str) -> str:
    """« 3,8 score /5 », « 57 % », « 12 entretiens »."""
    return format_value(value, unit, decimals_for(value, unit), language)


def value_and_target(value: float | None, target: float | None, unit: str, language: str) -> str:
    """« 3,8 / 4 score /5 »: the value, then the target with the unit; a dash for a missing value."""
    if target is None:
        return value_with_unit(value, unit, language) if value is not None else "—"
    shown = number(value, unit, language) if value is not None else "—"
    return f"{shown} / {value_with_unit(target, unit, language)}"


def n_equals(n: int | None, language: str) -> str:
    """« n = 14 » (no-break spaces, so that it never splits over two lines)."""
    return f"n{NBSP}={NBSP}{format_number(n or 0, 0, language)}"


def scope(data: DashboardData) -> str:
    """« Vague : 2025 · Territoire : Lyon », whatever the labels say ("All waves" reads as well)."""
    return _("Wave: {wave} · Territory: {territory}").format(wave=data.wave_label, territory=data.territory_label)


def scope_phrase(data: DashboardData) -> str:
    """« vague : 2025 ; territoire : Lyon », inside a sentence."""
    return _("wave: {wave}; territory: {territory}").format(wave=data.wave_label, territory=data.territory_label)


def footer(data: DashboardData, n_text: str) -> str:
    """The source note under a chart: the study, then the scope and the n; on two lines when one
    would run past the report's width (about a hundred characters of the note's type)."""
    details = f"{scope(data)} · {n_text}" if n_text else scope(data)
    if not data.study_title:
        return details
    one_line = f"{data.study_title} · {details}"
    return one_line if len(one_line) <= FOOTER_WIDTH else f"{data.study_title}\n{details}"


def participants_text(count: int, language: str) -> str:
    return ngettext("{n} participant", "{n} participants", count).format(n=format_number(count, 0, language))


def interviews_text(count: int, language: str) -> str:
    return ngettext("{n} interview", "{n} interviews", count).format(n=format_number(count, 0, language))


def respondents_text(count: int, language: str) -> str:
    return ngettext("{n} respondent", "{n} respondents", count).format(n=format_number(count, 0, language))


def with_note(caption: str, data: DashboardData, key: str) -> str:
    """A caption followed by the service's note for this chart, if any."""
    note = data.notes.get(key, "").strip()
    return f"{caption} {note}" if note else caption
