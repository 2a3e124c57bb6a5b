"""Numbers and dates typed the way a French (or English) reader writes them."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, QLocale, Qt

from app.i18n import _

# Spaces people put between thousands: plain, no-break, narrow no-break.
_GROUPING = re.compile(r"[ \u00a0\u202f]")


def parse_decimal(text: str) -> float | None:
    """"3,5", "3.5", "1 234,5" -> a number; "" -> None; anything else is refused."""
    cleaned = _GROUPING.sub("", text.strip())
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(_("“{text}” is not a number: write it with digits, for example 12 or 3,5.")
                         .format(text=text.strip())) from None


def decimal_text(value: float | None) -> str:
    """A number as it would be typed: no needless decimals, the language's decimal mark."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".") if not float(value).is_integer() else str(int(value))
    return text.replace(".", QLocale().decimalPoint())


def parse_date(text: str) -> str | None:
    """A date typed as the language writes it (31/12/2025) or as ISO (2025-12-31) -> ISO; "" -> None."""
    text = text.strip()
    if not text:
        return None
    for date in (QDate.fromString(text, Qt.DateFormat.ISODate),
                 QLocale().toDate(text, QLocale.FormatType.ShortFormat),
                 QLocale().toDate(text, "dd/MM/yyyy")):
        if date.isValid():
            return date.toString(Qt.DateFormat.ISODate)
    raise ValueError(_("“{text}” is not a date: write it as {example}.")
                     .format(text=text, example=date_example()))


def date_example() -> str:
    return QLocale().toString(QDate(2025, 12, 31), QLocale.FormatType.ShortFormat)
