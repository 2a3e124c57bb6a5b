"""Exporting the guide, the codebook and the quote table of the demo study, in every format.

What is checked: the file's content matches the project, the format follows the suffix, bad
targets are refused with a message naming the file, a failed export leaves the previous file as
it was, spreadsheet cells never become formulas, no identity string ever leaves, and a passage
stays quotable only while its participant's current consent allows it.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta

import docx
import pytest
from openpyxl import load_workbook

from app.exports.text import text_of
from app.services.coding import live_codes, segments, set_memo
from app.services.documents import DocumentError, export_codebook, export_guide, export_quotes, quote_rows
from app.services.leaks import find_identities, identity_strings
from app.services.participants import by_code, current_consent, record_consent, withdraw


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def leftovers(folder) -> list[str]:
    """Hidden temporary files an export might have left behind."""
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def quotable_passages(project) -> list:
    """The demo's passages marked quotable whose participant's consent allows quotes."""
    found = []
    for segment in segments(project):
        if segment.quotable and segment.participant_code:
            consent = current_consent(project, by_code(project, segment.participant_code).id)
            if consent is not None and consent.allows("quotes"):
                found.append(segment)
    return found


# the guide -------------------------------------------------------------------------------------------
def test_guide_export_is_the_current_guide_in_its_language(demo, tmp_path):
    path = export_guide(demo, tmp_path / "guide.docx")
    document = docx.Document(path)
    guide = demo.current_guide()
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [guide.title]
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert sections[0] == "Avant de commencer"          # the demo guide is in French
    assert sections[1:] == [section.title for section in demo.sections_of(guide.id)]
    questions = sum(len(demo.questions_of(section.id)) for section in demo.sections_of(guide.id))
    numbered = [p for p in document.paragraphs if p.text.split("\u00a0")[0] == f"{questions}."]
    assert len(numbered) == 1
    assert find_identities(demo, text_of(path)) == []


def test_guide_export_refuses_other_formats_and_unknown_guides(demo, tmp_path):
    with pytest.raises(DocumentError, match="guide.xlsx"):
        export_guide(demo, tmp_path / "guide.xlsx")
    with pytest.raises(DocumentError, match="no interview guide has the id nope"):
        export_guide(demo, tmp_path / "guide.docx", guide_id="nope")
    assert not (tmp_path / "guide.docx").exists()


# the codebook ----------------------------------------------------------------------------------------
def test_codebook_in_word(demo, tmp_path):
    path = export_codebook(demo, tmp_path / "codebook.docx")
    document = docx.Document(path)
    codes = live_codes(demo)
    themes = [code.name for code in codes if code.parent_id is None]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[1:] == themes
    assert len([p for p in document.paragraphs if p.style.name == "Heading 3"]) == len(codes) - len(themes)
    overview = document.tables[0]
    assert len(overview.rows) == len(themes) + 1
    passages = sum(int(row.cells[2].text.replace("\u202f", "")) for row in overview.rows[1:])
    assert passages == len(segments(demo))
    assert find_identities(demo, text_of(path)) == []


def test_codebook_in_excel_and_csv_agree(demo, tmp_path):
    excel = export_codebook(demo, tmp_path / "codebook.xlsx")
    comma = export_codebook(demo, tmp_path / "codebook.csv", language="en")
    sheet = load_workbook(excel).worksheets[0]
    assert sheet.title == "Livre de codes"
    assert [cell.value for cell in sheet[1]][:3] == ["Thème", "Sous-thème", "Définition"]
    rows = read_csv(comma)
    assert rows[0] == ["Theme", "Sub-theme", "Definition", "To include", "To exclude", "Example", "Coded passages"]
    assert len(rows) - 1 == sheet.max_row - 1 == len(live_codes(demo))
    assert sum(int(row[-1]) for row in rows[1:]) == len(segments(demo))
    assert comma.read_bytes().startswith(b"\xef\xbb\xbf")


# the quote table -------------------------------------------------------------------------------------
def test_quote_table_in_every_format(demo, tmp_path):
    every = segments(demo)
    word = docx.Document(export_quotes(demo, tmp_path / "quotes.docx"))
    assert sum(len(table.rows) - 1 for table in word.tables) == len(every)
    sheet = load_workbook(export_quotes(demo, tmp_path / "quotes.xlsx")).worksheets[0]
    assert sheet.max_row - 1 == len(every)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    rows = read_csv(export_quotes(demo, tmp_path / "quotes.csv"))
    assert len(rows) - 1 == len(every)
    header = rows[0]
    # Source, then the participant's attributes, by label: never a stored key.
    assert header[:10] == ["Thème", "Code", "Code participant", "Profil", "Territoire", "Vague", "Passage",
                           "Citable", "Codeur·se", "Mémo"]
    profiles = {item.label for item in demo.vocabulary.find("kind = 'profile'")}
    territories = {territory.name for territory in demo.territories.find()}
    coders = {coder.initials for coder in demo.coders.find()}
    assert {row[3] for row in rows[1:] if row[2]} <= profiles
    assert {row[4] for row in rows[1:] if row[2]} <= territories
    assert {row[8] for row in rows[1:]} <= coders
    for path in tmp_path.glob("quotes.*"):
        assert find_identities(demo, text_of(path)) == [], path


def test_quote_rows_follow_the_codebook_and_leave_withdrawn_participants_out(demo):
    rows = quote_rows(demo)
    themes = [code.name for code in live_codes(demo) if code.parent_id is None]
    seen = list(dict.fromkeys(row.theme for row in rows))
    assert seen == [theme for theme in themes if theme in seen]
    code = rows[0].participant_code
    withdraw(demo, by_code(demo, code).id)
    assert code not in {row.participant_code for row in quote_rows(demo)}


def test_quote_table_for_one_wave(demo, tmp_path):
    wave = demo.waves.find(order_by="position")[0]
    rows = read_csv(export_quotes(demo, tmp_path / "quotes.csv", wave_id=wave.id))
    assert len(rows) - 1 == len(segments(demo, wave_id=wave.id))
    assert {row[5] for row in rows[1:]} <= {wave.label}
    with pytest.raises(DocumentError, match="no wave has the id nope"):
        export_quotes(demo, tmp_path / "other.csv", wave_id="nope")


def test_quotable_only_follows_the_current_consent(demo, tmp_path):
    allowed = quotable_passages(demo)
    assert allowed, "the demo should have quotable passages"
    rows = read_csv(export_quotes(demo, tmp_path / "quotes.csv", quotable_only=True))
    assert len(rows) - 1 == len(allowed)
    assert {row[7] for row in rows[1:]} == {"Oui"}
    code = allowed[0].participant_code
    participant = by_code(demo, code)
    assert code in {row[2] for row in rows[1:]}
    # The participant gives a new consent, without quotes: their passages drop out at once.
    record_consent(demo, participant.id, given_on=(date.today() + timedelta(days=1)).isoformat(), method="oral",
                   scopes=("interview", "recording"))
    rows = read_csv(export_quotes(demo, tmp_path / "quotes.csv", quotable_only=True))
    assert code not in {row[2] for row in rows[1:]}
    assert len(rows) - 1 == len(allowed) - sum(1 for s in allowed if s.participant_code == code)
    # In the full table the passages stay, no longer quotable.
    every = read_csv(export_quotes(demo, tmp_path / "all.csv"))
    assert {row[7] for row in every[1:] if row[2] == code} == {"Non"}


def test_a_withdrawn_consent_is_no_consent(demo, tmp_path):
    code = quotable_passages(demo)[0].participant_code
    consent = current_consent(demo, by_code(demo, code).id)
    consent.withdrawn_at = "2025-06-01T00:00:00Z"
    demo.consents.update(consent)
    docx_rows = quote_rows(demo, quotable_only=True)
    assert code not in {row.participant_code for row in docx_rows}


def test_memos_and_texts_are_masked_before_they_leave(demo, tmp_path):
    name = next(string for string in identity_strings(demo) if " " in string)
    coding_id = segments(demo)[0].coding_id
    set_memo(demo, coding_id, f"Rappeler {name} pour vérifier.")
    path = export_quotes(demo, tmp_path / "quotes.csv")
    assert name not in path.read_text(encoding="utf-8-sig")
    memo = [row for row in read_csv(path)[1:] if row[9].startswith("Rappeler")]
    assert memo and "[" in memo[0][9]


def test_a_name_part_that_is_a_participant_code_is_not_looked_for_alone(demo, tmp_path):
    """Participant codes are printed by design: a stored name holding one (« Nom réel LYO-02 »)
    must not make every export that names LYO-02 refused; the whole name still is."""
    person = by_code(demo, "LYO-01")
    identity = demo.identities.reveal(person.id)
    identity.full_name = "Camille LYO-02"
    demo.identities.put(identity)
    strings = identity_strings(demo)
    assert "Camille LYO-02" in strings and "Camille" in strings and "LYO-02" not in strings
    assert find_identities(demo, "Entretien LYO-02, lu par Camille LYO-02.") == ["Camille LYO-02"]
    assert find_identities(demo, "Entretien LYO-02.") == []
    export_quotes(demo, tmp_path / "quotes.csv")  # names LYO-02 in its rows, and is not refused


# spreadsheet safety ----------------------------------------------------------------------------------
def test_text_that_looks_like_a_formula_never_becomes_one(demo, tmp_path):
    coding_id = segments(demo)[0].coding_id
    set_memo(demo, coding_id, "=HYPERLINK(\"http://example.org\",\"clic\")")
    code = live_codes(demo)[0]
    code.definition = "+33 6 00 00 00 00"
    demo.codes.update(code)
    memos = [row[9] for row in read_csv(export_quotes(demo, tmp_path / "quotes.csv"))[1:]]
    assert "'=HYPERLINK(\"http://example.org\",\"clic\")" in memos
    definitions = [row[2] for row in read_csv(export_codebook(demo, tmp_path / "codebook.csv"))[1:]]
    assert "'+33 6 00 00 00 00" in definitions
    sheet = load_workbook(export_quotes(demo, tmp_path / "quotes.xlsx")).worksheets[0]
    cells = [cell for cell in sheet["J"] if cell.value and str(cell.value).startswith("=")]
    assert [cell.value for cell in cells] == ["=HYPERLINK(\"http://example.org\",\"clic\")"]
    assert cells[0].data_type == "s"


# bad targets -----------------------------------------------------------------------------------------
def test_unknown_suffix_is_refused_naming_the_file_and_the_formats(demo, tmp_path):
    with pytest.raises(DocumentError) as refused:
        export_quotes(demo, tmp_path / "quotes.pdf")
    message = str(refused.value)
    assert "quotes.pdf" in message and ".docx / .xlsx / .csv" in message
    assert not (tmp_path / "quotes.pdf").exists()


def test_a_folder_in_place_of_the_file_is_refused(demo, tmp_path):
    (tmp_path / "codebook.docx").mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        export_codebook(demo, tmp_path / "codebook.docx")
    with pytest.raises(DocumentError, match="does not exist"):
        export_codebook(demo, tmp_path / "missing" / "codebook.csv")


def test_an_unwritable_place_leaves_the_previous_file(demo, tmp_path, monkeypatch):
    out = tmp_path / "quotes.xlsx"
    out.write_bytes(b"previous export")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.exports.files.tempfile.mkstemp", refuse)
    with pytest.raises(DocumentError) as refused:
        export_quotes(demo, out)
    assert "quotes.xlsx" in str(refused.value) and "Permission denied" in str(refused.value)
    assert out.read_bytes() == b"previous export"


def test_a_refused_leak_leaves_the_previous_file_and_no_temporary_file(demo, tmp_path):
    out = tmp_path / "codebook.docx"
    out.write_bytes(b"previous export")
    code = live_codes(demo)[0]
    # An inclusion rule is not a quote, so nothing masks it: the read-back check must catch it.
    code.include_rule = f"Comme l'a dit {identity_strings(demo)[0]}."
    demo.codes.update(code)
    with pytest.raises(DocumentError) as refused:
        export_codebook(demo, out)
    # The message names the file asked for, not the hidden temporary one, and not the name.
    assert str(refused.value).startswith(f"{out}:")
    assert identity_strings(demo)[0] not in str(refused.value)
    assert out.read_bytes() == b"previous export"
    assert leftovers(tmp_path) == []


def test_an_unknown_language_is_refused(demo, tmp_path):
    with pytest.raises(DocumentError, match="unknown language"):
        export_codebook(demo, tmp_path / "codebook.docx", language="de")


def test_a_bad_template_is_reported_as_a_document_error(demo, tmp_path):
    template = tmp_path / "template.docx"
    template.write_text("not a zip")
    with pytest.raises(DocumentError, match="template.docx"):
        export_guide(demo, tmp_path / "guide.docx", template=template)
    assert not (tmp_path / "guide.docx").exists() and leftovers(tmp_path) == []

