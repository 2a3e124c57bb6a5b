"""Dates, durations and numbers as a reader of the current language expects them."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt

from app.i18n import _


def _locale() -> QLocale:
    return QLocale()  # the default set by translations.apply_language


def format_date(iso: str | None) -> str:
    """'2024-03-10' or a full timestamp -> the date alone, e.g. 10/03/2024."""
    if not iso:
        return ""
    date = QDate.fromString(iso[:10], Qt.DateFormat.ISODate)
    return _locale().toString(date, QLocale.FormatType.ShortFormat) if date.isValid() else iso


def format_datetime(iso: str | None) -> str:
    """A stored UTC timestamp in local time, e.g. 10/03/2024 10:00."""
    if not iso:
        return ""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return _locale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def format_duration(seconds: float | None) -> str:
    """52 min, 1 h 05: how interview lengths are spoken of."""
    if seconds is None:
        return ""
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    return _("{hours} h {minutes:02d}").format(hours=minutes // 60, minutes=minutes % 60)


def format_offset(milliseconds: int | None) -> str:
    """A position in an interview or a recording: mm:ss, or h:mm:ss past an hour."""
    if milliseconds is None:
        return ""
    total = int(milliseconds) // 1000
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Thousands grouped the local way (a narrow space in French)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return _locale().toString(int(value))
    return _locale().toString(float(value), "f", decimals)


def format_percent(fraction: float | None) -> str:
    if fraction is None:
        return ""
    return _("{percent}%").format(percent=format_number(round(fraction * 100)))
