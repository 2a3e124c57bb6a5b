"""Numbers as a reader of each language writes them, without Qt (charts, exports, the CLI).

French: decimal comma and a narrow no-break space between thousands (« 1 234,5 »); English:
decimal point and a comma (1,234.5). A percentage is written « 45 % » in French, with a
no-break space, and 45% in English.
"""

from __future__ import annotations

from app.i18n import current_language

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def format_number(value: float | int | None, decimals: int = 0, language: str | None = None) -> str:
    """``value`` rounded to ``decimals`` places; a whole number shows no decimals."""
    if value is None:
        return ""
    language = language or current_language()
    number = float(value)
    if number.is_integer() and decimals >= 0:
        text = f"{int(number):,}"
    else:
        text = f"{number:,.{decimals}f}"
    if language == "fr":
        return text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def format_percent(value: float | None, decimals: int = 0, language: str | None = None) -> str:
    """45 -> « 45 % » (French) or "45%" (English); ``value`` is already a percentage."""
    if value is None:
        return ""
    language = language or current_language()
    number = format_number(round(value, decimals), decimals, language)
    return f"{number}{NBSP}%" if language == "fr" else f"{number}%"


def format_value(value: float | None, unit: str = "", decimals: int = 1, language: str | None = None) -> str:
    """A value with its unit: a "%" unit is written as a percentage, any other unit after a space."""
    if value is None:
        return ""
    if unit.strip() == "%":
        return format_percent(value, decimals, language)
    number = format_number(round(value, decimals), decimals, language)
    return f"{number}{NBSP}{unit}" if unit else number
