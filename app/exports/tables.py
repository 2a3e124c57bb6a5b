"""Tables as files a spreadsheet opens well: CSV and Excel (.xlsx).

CSV convention (the same as ``terrain export segments`` and the codebook CSV): comma-separated,
RFC 4180 quoting, UTF-8 *with* a byte-order mark. The comma is what R, pandas and LibreOffice
expect, and what Terrain's own codebook import reads; a semicolon would only suit French Excel,
and French Excel users get the .xlsx file, which needs no separator at all. The byte-order mark
is what makes Excel read the accents as UTF-8 rather than as its local code page.

Both writers protect against formula injection: a transcript is free text typed or spoken by
others, and a cell starting with = + - @ (or a tab or carriage return) would run as a formula when
a CSV is opened in a spreadsheet. CSV cells starting so get a leading apostrophe (OWASP's
advice; spreadsheets hide it); xlsx cells are stored with the string type, which a spreadsheet
never evaluates.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_LIMIT = 31                       # Excel refuses longer sheet names
SHEET_TITLE_FORBIDDEN = set('[]:*?/\\')
CELL_LIMIT = 32_767                          # Excel's most characters in one cell
WRAP_FROM = 50                               # a column holding longer texts wraps them
WIDEST = 70                                  # widest column, in characters, for wrapped text
NARROWEST = 8
HEADER_FILL = PatternFill("solid", fgColor="E8EDF2")

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a header row then data rows; ``widths`` in characters (None: from the content)."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[float] | None = None


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_cell(value: Cell) -> str | int | float:
    """A value as written in a CSV cell: text that a spreadsheet would evaluate gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if is_formula_like(value) else value
    return value


def write_csv(path: Path | str, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> Path:
    """Write ``header`` then ``rows`` to ``path`` (comma, UTF-8 with BOM, formulas disarmed)."""
    path = Path(path)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([csv_cell(value) for value in header])
        for row in rows:
            writer.writerow([csv_cell(value) for value in row])
    return path


def sheet_titles(titles: Sequence[str]) -> list[str]:
    """Titles Excel accepts: no [ ] : * ? / \\, not empty, at most 31 characters, all different."""
    chosen: list[str] = []
    for index, title in enumerate(titles, start=1):
        clean = "".join("-" if char in SHEET_TITLE_FORBIDDEN else char for char in title).strip().strip("'")
        clean = clean or f"Sheet{index}"
        candidate, copy = clean[:SHEET_TITLE_LIMIT], 2
        while candidate.casefold() in (taken.casefold() for taken in chosen):
            suffix = f" ({copy})"
            candidate, copy = clean[:SHEET_TITLE_LIMIT - len(suffix)] + suffix, copy + 1
        chosen.append(candidate)
    return chosen


def xlsx_value(value: Cell) -> Cell:
    """A value openpyxl can store: control characters XML forbids are dropped, over-long text cut."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > CELL_LIMIT:
        # Excel would declare the whole file damaged; the ellipsis shows the cut.
        value = value[:CELL_LIMIT - 2] + " …"
    return value


def column_widths(sheet: Sheet) -> list[float]:
    """Given widths, or the longest line of each column (first rows only) within sensible bounds."""
    if sheet.widths:
        return [float(width) for width in sheet.widths]
    widths = []
    sample = list(sheet.rows[:300])
    for index, title in enumerate(sheet.header):
        longest = max([_longest_line(title)] + [_longest_line(row[index]) for row in sample if index < len(row)])
        widths.append(float(min(max(longest + 2, NARROWEST), WIDEST)))
    return widths


def _longest_line(value: Cell) -> int:
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_xlsx(path: Path | str, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` to an Excel workbook at ``path``: bold frozen header with a filter, long text
    wrapped, every text cell stored as text."""
    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "Terrain"
    for sheet, title in zip(sheets, sheet_titles([sheet.title for sheet in sheets])):
        _fill(workbook.create_sheet(title), sheet)
    if not sheets:
        workbook.create_sheet("Sheet1")
    workbook.save(path)
    return path


def _fill(worksheet, sheet: Sheet) -> None:
    widths = column_widths(sheet)
    wrapped = {index for index, width in enumerate(widths) if width >= WRAP_FROM}
    bold = Font(bold=True)
    for column, title in enumerate(sheet.header, start=1):
        cell = _put(worksheet, 1, column, title)
        cell.font, cell.fill = bold, HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    top_wrapped = Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = _put(worksheet, row_number, column, value)
            cell.alignment = top_wrapped if column - 1 in wrapped else top
    for column, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(column)].width = width
    worksheet.freeze_panes = "A2"
    if sheet.header:
        last = get_column_letter(len(sheet.header))
        worksheet.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"


def _put(worksheet, row: int, column: int, value: Cell):
    cell = worksheet.cell(row=row, column=column, value=xlsx_value(value))
    if isinstance(value, str):
        # openpyxl turns any text starting with "=" into a formula; text stays text.
        cell.data_type = "s"
    return cell
