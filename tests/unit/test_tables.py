"""CSV and Excel tables: accents Excel can read, formulas never run, a readable first sheet."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from app.exports.tables import Sheet, csv_cell, sheet_titles, write_csv, write_xlsx

HOSTILE = ["=HYPERLINK(\"http://x\",\"clic\")", "+33 6 12", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_csv_starts_with_a_byte_order_mark_and_keeps_accents(tmp_path):
    path = write_csv(tmp_path / "t.csv", ["Thème", "Verbatim"], [["Mobilité", "« On s’entraide », dit-elle."]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows == [["Thème", "Verbatim"], ["Mobilité", "« On s’entraide », dit-elle."]]


def test_csv_uses_commas_and_quotes_text_with_commas_and_new_lines(tmp_path):
    path = write_csv(tmp_path / "t.csv", ["a", "b"], [["un, deux", "ligne 1\nligne 2"], [3, None]])
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["a", "b"], ["un, deux", "ligne 1\nligne 2"], ["3", ""]]
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == "a,b"


def test_csv_cells_that_look_like_formulas_get_an_apostrophe(tmp_path):
    path = write_csv(tmp_path / "t.csv", ["texte"], [[text] for text in HOSTILE] + [["plain = fine"]])
    with open(path, encoding="utf-8-sig", newline="") as handle:
        cells = [row[0] for row in csv.reader(handle)][1:]
    assert cells[:-1] == ["'" + text for text in HOSTILE]
    assert cells[-1] == "plain = fine"


def test_numbers_are_not_taken_for_formulas():
    assert csv_cell(-3) == -3
    assert csv_cell("-3") == "'-3"
    assert csv_cell(None) == ""


def test_xlsx_header_is_bold_frozen_and_filtered(tmp_path):
    rows = [["Mobilité", "court", 3], ["Entraide", "x" * 200, 12]]
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("Citations", ["Thème", "Verbatim", "Passages"], rows)])
    sheet = load_workbook(path)["Citations"]
    assert [cell.value for cell in sheet[1]] == ["Thème", "Verbatim", "Passages"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet["C3"].value == 12 and sheet["C3"].data_type == "n"


def test_xlsx_wraps_long_text_and_sizes_columns(tmp_path):
    rows = [["Mobilité", "x" * 400]]
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("S", ["Thème", "Verbatim"], rows)])
    sheet = load_workbook(path)["S"]
    assert sheet["B2"].alignment.wrap_text is True
    assert not sheet["A2"].alignment.wrap_text
    assert 8 <= sheet.column_dimensions["A"].width < 20
    assert 50 <= sheet.column_dimensions["B"].width <= 70


def test_xlsx_given_widths_are_kept(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("S", ["a", "b"], [["1", "2"]], widths=[12, 64])])
    sheet = load_workbook(path)["S"]
    assert sheet.column_dimensions["A"].width == 12
    assert sheet.column_dimensions["B"].width == 64


def test_xlsx_text_that_looks_like_a_formula_stays_text(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("S", ["texte"], [[text] for text in HOSTILE])])
    sheet = load_workbook(path)["S"]
    cells = [sheet.cell(row=row, column=1) for row in range(2, len(HOSTILE) + 2)]
    assert [cell.value for cell in cells] == HOSTILE
    assert {cell.data_type for cell in cells} == {"s"}
    # Nothing in the file's XML is a formula element.
    from zipfile import ZipFile

    with ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_xlsx_drops_characters_xml_forbids(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("S", ["texte"], [["bip\x07 bop\x00"]])])
    assert load_workbook(path)["S"]["A2"].value == "bip bop"


def test_sheet_titles_fit_excel_rules():
    titles = sheet_titles(["Accompagnement des entrepreneurs et salariés", "a/b:c?", "",
                           "Accompagnement des entrepreneurs et salariés"])
    assert all(len(title) <= 31 for title in titles)
    assert titles[0] == "Accompagnement des entrepreneur"
    assert titles[1] == "a-b-c-"
    assert titles[2] == "Sheet3"
    assert titles[3].endswith(" (2)") and titles[3] != titles[0]


def test_several_sheets_in_order(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [Sheet("Un", ["a"], [["1"]]), Sheet("Deux", ["b"], [])])
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Un", "Deux"]
    assert workbook["Deux"].max_row == 1
