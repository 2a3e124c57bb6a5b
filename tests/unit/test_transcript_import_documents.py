"""Word, OpenDocument, Transcriber and Praat files, made here the way their tools write them."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from app.core.transcript_formats import parse_transcript


def pairs(turns):
    return [(turn.label, turn.text) for turn in turns]


def word_file(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_speaker_names_in_bold_or_before_a_colon_and_headings_left_out():
    def build(document):
        document.add_heading("Entretien LYO-07", level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run("Enquêtrice").bold = True
        paragraph.add_run(" Comment êtes-vous arrivée ici ?")
        paragraph = document.add_paragraph()
        paragraph.add_run("Marie :").bold = True
        paragraph.add_run(" Par une amie : elle m'en a parlé.")
        document.add_paragraph("Et j'ai tout de suite aimé.")
        document.add_paragraph("Enquêtrice : Et ensuite ?")
        paragraph = document.add_paragraph()
        paragraph.add_run("Marie").bold = True
        paragraph.add_run(" : J'ai signé.")

    parsed = parse_transcript("lyo-07.docx", word_file(build))
    assert parsed.format == "docx"
    assert pairs(parsed.turns) == [
        ("Enquêtrice", "Comment êtes-vous arrivée ici ?"),
        ("Marie", "Par une amie : elle m'en a parlé.\nEt j'ai tout de suite aimé."),
        ("Enquêtrice", "Et ensuite ?"),
        ("Marie", "J'ai signé."),
    ]


def test_word_speaker_names_in_a_character_style_and_in_table_rows():
    def build(document):
        style = document.styles.add_style("Intervenant", WD_STYLE_TYPE.CHARACTER)
        style.font.italic = True
        for name, words in (("Intervieweur", "Vous êtes là depuis quand ?"), ("Karim", "Deux ans."),
                            ("Karim", "Un peu plus.")):
            paragraph = document.add_paragraph()
            paragraph.add_run(name, style="Intervenant")
            paragraph.add_run(" " + words)
        table = document.add_table(rows=2, cols=3)
        for row, values in zip(table.rows, (("00:01:00", "Intervieweur", "Et avant ?"), ("00:01:05", "Karim", "Maçon."))):
            for cell, value in zip(row.cells, values):
                cell.text = value

    turns = parse_transcript("k.docx", word_file(build)).turns
    assert [(turn.label, turn.text, turn.start_ms) for turn in turns] == [
        ("Intervieweur", "Vous êtes là depuis quand ?", None), ("Karim", "Deux ans.", None),
        ("Karim", "Un peu plus.", None), ("Intervieweur", "Et avant ?", 60_000), ("Karim", "Maçon.", 65_000)]


ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
 <text:h text:outline-level="1">Entretien DRO-02</text:h>
 <text:p><text:span text:style-name="T1">Enquêteur</text:span> Vous   venez<text:s text:c="2"/>d'où ?</text:p>
 <text:p>Léa : De Crest.<text:note><text:note-body><text:p>note de bas de page</text:p></text:note-body></text:note></text:p>
 <text:list><text:list-item><text:p>Enquêteur : Et<text:tab/>le travail ?</text:p></text:list-item></text:list>
 <text:p><text:span text:style-name="T1">Léa :</text:span> Ça va.<text:line-break/>Plutôt bien.</text:p>
</office:text></office:body></office:document-content>"""


def odt_file(content: str | bytes, mimetype: bytes = b"application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", content if isinstance(content, bytes) else content.encode("utf-8"))
    return buffer.getvalue()


def test_opendocument_paragraphs_spans_spaces_and_bold_names_without_headings():
    parsed = parse_transcript("dro-02.odt", odt_file(ODT_CONTENT))
    assert parsed.format == "odt" and parsed.encoding == "utf-8"
    assert pairs(parsed.turns) == [
        ("Enquêteur", "Vous   venez  d'où ?"),
        ("Léa", "De Crest."),
        ("Enquêteur", "Et\tle travail ?"),
        ("Léa", "Ça va. Plutôt bien."),
    ]


TRS = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE Trans SYSTEM "trans-14.dtd">
<Trans scribe="test" audio_filename="t" version="1" version_date="240101">
<Speakers>
<Speaker id="spk1" name="ENQ" check="no" dialect="native" accent="" scope="local"/>
<Speaker id="spk2" name="Hélène" check="no" dialect="native" accent="" scope="local"/>
</Speakers>
<Episode><Section type="report" startTime="0" endTime="12.5">
<Turn startTime="0" endTime="1.2"><Sync time="0"/>
</Turn>
<Turn speaker="spk1" startTime="1.2" endTime="4.75"><Sync time="1.2"/>
vous êtes née à Orléans ?
<Sync time="3.1"/>
<Event desc="rire" type="noise" extent="instantaneous"/>
ou à côté
</Turn>
<Turn speaker="spk2 spk1" startTime="4.75" endTime="6"><Sync time="4.75"/>
<Who nb="1"/>
oui à Olivet
<Who nb="2"/>
ah
<Sync time="5.5"/>
<Who nb="1"/>
en été
<Who nb="2"/>
</Turn>
<Turn speaker="spk2" startTime="6" endTime="12.5"><Sync time="6"/>
c'était en mil neuf cent
<Comment desc="date incertaine"/>
trente
</Turn>
</Section></Episode></Trans>
"""


def test_transcriber_turns_overlaps_and_latin1():
    parsed = parse_transcript("t.trs", TRS.encode("latin-1"))
    assert (parsed.format, parsed.encoding) == ("trs", "iso-8859-1")
    assert [(turn.label, turn.text, turn.start_ms, turn.end_ms, turn.overlaps_previous) for turn in parsed.turns] == [
        ("ENQ", "vous êtes née à Orléans ? ou à côté", 1_200, 4_750, False),
        ("Hélène", "oui à Olivet en été", 4_750, 6_000, False),
        ("ENQ", "ah", 4_750, 6_000, True),
        ("Hélène", "c'était en mil neuf cent trente", 6_000, 12_500, False),
    ]


LONG_TEXTGRID = '''File type = "ooTextFile"
Object class = "TextGrid"

xmin = 0
xmax = 10
tiers? <exists>
size = 3
item []:
    item [1]:
        class = "IntervalTier"
        name = "Léa"
        xmin = 0
        xmax = 10
        intervals: size = 3
        intervals [1]:
            xmin = 0
            xmax = 2.5
            text = ""
        intervals [2]:
            xmin = 2.5
            xmax = 6
            text = "je suis arrivée en ""quatre-vingt"" à peu près"
        intervals [3]:
            xmin = 6
            xmax = 10
            text = "   "
    item [2]:
        class = "IntervalTier"
        name = "Enquêtrice (ENQ)"
        xmin = 0
        xmax = 10
        intervals: size = 3
        intervals [1]:
            xmin = 0
            xmax = 2.5
            text = "et vous êtes arrivée quand"
        intervals [2]:
            xmin = 2.5
            xmax = 5
            text = ""
        intervals [3]:
            xmin = 5
            xmax = 7
            text = "d'accord"
    item [3]:
        class = "TextTier"
        name = "events"
        xmin = 0
        xmax = 10
        points: size = 1
        points [1]:
            number = 3.2
            mark = "toux"
'''

SHORT_TEXTGRID = '''File type = "ooTextFile"
Object class = "TextGrid"

0
10
<exists>
2
"IntervalTier"
"Léa"
0
10
2
0
2.5
""
2.5
6
"je suis arrivée en ""quatre-vingt"" à peu près"
"IntervalTier"
"Enquêtrice (ENQ)"
0
10
2
0
2.5
"et vous êtes arrivée quand"
5
7
"d'accord"
'''


@pytest.mark.parametrize("text, codec", [(LONG_TEXTGRID, "utf-8"), (SHORT_TEXTGRID, "utf-8"), (LONG_TEXTGRID, "utf-16")])
def test_praat_textgrid_long_and_short_formats_merged_by_time(text, codec):
    parsed = parse_transcript("lea.TextGrid", text.encode(codec))
    assert parsed.format == "textgrid"
    assert [(turn.label, turn.text, turn.start_ms, turn.end_ms, turn.overlaps_previous) for turn in parsed.turns] == [
        ("Enquêtrice (ENQ)", "et vous êtes arrivée quand", 0, 2_500, False),
        ("Léa", 'je suis arrivée en "quatre-vingt" à peu près', 2_500, 6_000, False),
        ("Enquêtrice (ENQ)", "d'accord", 5_000, 7_000, True),
    ]
