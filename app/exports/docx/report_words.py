"""Small wordings the report's chapters share: dates, shares, indicator values and statuses."""

from __future__ import annotations

from app.core.indicators import IndicatorResult
from app.core.numbers import NBSP, format_number, format_percent
from app.core.report import Share
from app.exports.charts.wording import value_with_unit
from app.i18n import N_, _

MONTHS = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
PARTICIPATION = {
    "guide": N_("reviews the guide"),
    "codebook": N_("reviews the codebook"),
    "results": N_("discusses the results"),
}


def long_date(iso: str | None, language: str) -> str:
    """« 22 novembre 2026 » / "22 November 2026"; an empty string for no date."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso[:10].split("-"))
    months = MONTHS.get(language, MONTHS["en"])
    return f"{day}{NBSP}{months[month - 1]}{NBSP}{year}" if language == "fr" else f"{day} {months[month - 1]} {year}"


def percent(fraction: float | None, language: str) -> str:
    """0.4 -> « 40 % »; a dash when there is nothing to divide."""
    return format_percent(fraction * 100, 0, language) if fraction is not None else "—"


def counted(wording: str, n: int, language: str) -> str:
    """``wording`` (the singular or plural ``ngettext`` chose for ``n``) with ``n`` written in.

    The call keeps ``ngettext`` and its two literal wordings where they are used, so that the
    catalogues' extraction still finds them: ``counted(ngettext("{n} transcript", "{n} transcripts", n), n, language)``.
    """
    return wording.format(n=format_number(n, 0, language))


def count_of(share: Share, language: str) -> str:
    """« 3 / 5 (60 %) »."""
    if not share.total:
        return "—"
    return (f"{format_number(share.count, 0, language)} / {format_number(share.total, 0, language)} "
            f"({percent(share.share, language)})")


def value(result: IndicatorResult, language: str) -> str:
    return value_with_unit(result.value, result.unit, language) if result.value is not None else "—"


def target(result: IndicatorResult, language: str) -> str:
    if result.target is None:
        return "—"
    sign = "≥" if result.direction == "higher" else "≤"
    return f"{sign}{NBSP}{value_with_unit(result.target, result.unit, language)}"


def status(result: IndicatorResult) -> str:
    """What a reader should make of the value, in two or three words."""
    if result.value is None:
        return _("not computable")
    if result.small_n:
        return _("small sample")
    met = result.target_met
    if met is None:
        return _("no target")
    return _("target met") if met else _("below target")


def kappa(value: float | None, language: str) -> str:
    """Always two decimals (« 0,00 », not « 0 »): a kappa is read against 0.61, 0.81."""
    if value is None:
        return "—"
    text = f"{value:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def kappa_reading(value: float | None) -> str:
    """The usual reading of a kappa (Landis and Koch's bands, as most evaluation guides quote them)."""
    if value is None:
        return "—"
    if value < 0.21:
        return _("slight")
    if value < 0.41:
        return _("fair")
    if value < 0.61:
        return _("moderate")
    if value < 0.81:
        return _("substantial")
    return _("almost perfect")
