"""The Word foundation: French typography, named styles, fields, captions, pictures, templates."""

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from app.exports.docx.document import TABLE_STYLE, TemplateError, new_document
from app.exports.docx.typography import NBSP, french
from app.exports.docx.writer import Writer
from app.exports.files import write_atomically
from app.exports.text import text_of


# typography --------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [
    ("Bonjour ! Ça va ?", f"Bonjour{NBSP}! Ça va{NBSP}?"),
    ("Vraiment?", f"Vraiment{NBSP}?"),
    ("note : voir", f"note{NBSP}: voir"),
    ("à 10:30", "à 10:30"),
    ("il a dit \"oui\" hier", f"il a dit «{NBSP}oui{NBSP}» hier"),
    ("«déjà»", f"«{NBSP}déjà{NBSP}»"),
    ("l'autonomie", "l’autonomie"),
    ("un \"guillemet seul", "un \"guillemet seul"),
])
def test_french_typography(typed, expected):
    assert french(typed) == expected
    assert french(expected) == expected  # applying it twice changes nothing


# the writer --------------------------------------------------------------------------------------
def _png() -> bytes:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 2))
    figure.add_subplot().bar([1, 2], [3, 4])
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=50)
    return buffer.getvalue()


def _written(tmp_path, language="fr", template=None):
    document = new_document(language, template, title="Étude", organisation="Coop")
    writer = Writer(document, language)
    writer.title_page("Étude", "Rapport", ["Coop"])
    writer.toc()
    writer.heading("Méthode", 1)
    writer.label_value("Question", "Qu'est-ce qui change ?")
    writer.heading("Détail", 2)
    writer.table(["Territoire", "n"], [["Lyon", "5"], ["Drôme", "4"]], widths_cm=[10, 3], numeric=[1],
                 caption="Échantillon")
    writer.picture(_png(), 12, "Deux barres : 3 et 4", "Un graphique", "Graphique")
    writer.quote("c'est moins seule", "LYO-01")
    writer.heading("Thèmes", 1)
    writer.finish()
    path = tmp_path / "out.docx"
    document.save(path)
    return path


def test_writer_uses_named_styles_numbers_captions_and_describes_pictures(tmp_path):
    reopened = docx.Document(_written(tmp_path))
    styles = [paragraph.style.name for paragraph in reopened.paragraphs]
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Caption", "Quote", "Quote Source", "toc 1"):
        assert name in styles
    assert reopened.tables[0].style.name == TABLE_STYLE
    header_row = reopened.tables[0].rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")) is not None
    captions = [p.text for p in reopened.paragraphs if p.style.name == "Caption"]
    assert captions == [f"Tableau 1{NBSP}: Échantillon", f"Figure 1{NBSP}: Un graphique"]
    described = [element.get("descr") for element in reopened.element.body.iter(qn("wp:docPr"))]
    assert described == ["Deux barres : 3 et 4"]
    quote = next(p.text for p in reopened.paragraphs if p.style.name == "Quote")
    assert quote == f"«{NBSP}[…] c’est moins seule […]{NBSP}»"


def test_table_of_contents_is_a_field_showing_the_headings_and_updated_on_opening(tmp_path):
    reopened = docx.Document(_written(tmp_path))
    instructions = [node.text for node in reopened.element.body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC") for text in instructions)
    entries = [p.text for p in reopened.paragraphs if p.style.name.startswith("toc")]
    assert entries == ["Méthode", "Détail", "Thèmes"]
    assert reopened.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_document_language_and_properties(tmp_path):
    reopened = docx.Document(_written(tmp_path, "en"))
    language = reopened.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:lang"))
    assert language.get(qn("w:val")) == "en-GB"
    properties = reopened.core_properties
    assert (properties.title, properties.author, properties.comments) == ("Étude", "Coop", "")
    captions = [p.text for p in reopened.paragraphs if p.style.name == "Caption"]
    assert captions[0] == "Table 1: Échantillon"


# templates ---------------------------------------------------------------------------------------
def _template(path, content_type=None):
    template = docx.Document()
    template.styles["Normal"].font.name = "Garamond"
    template.sections[0].header.paragraphs[0].text = "Coopérative des Tisserands — en-tête"
    template.add_paragraph("Texte d’exemple à retirer")
    template.save(path)
    if content_type:
        _rewrite(path, "[Content_Types].xml", lambda data: data.replace(
            b"wordprocessingml.document.main+xml", content_type))
    return path


def _rewrite(path, name, change):
    with zipfile.ZipFile(path) as archive:
        parts = {item: archive.read(item) for item in archive.namelist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w") as archive:
        for item, data in parts.items():
            archive.writestr(item, data)


def test_template_gives_its_styles_and_header_and_loses_its_sample_text(tmp_path):
    template = _template(tmp_path / "modele.docx")
    reopened = docx.Document(_written(tmp_path, template=template))
    assert reopened.styles["Normal"].font.name == "Garamond"
    assert reopened.sections[0].header.paragraphs[0].text == "Coopérative des Tisserands — en-tête"
    assert "Texte d’exemple à retirer" not in [p.text for p in reopened.paragraphs]
    assert TABLE_STYLE in [style.name for style in reopened.styles]  # added, the template lacked it


def test_a_dotx_template_is_read_as_a_document(tmp_path):
    template = _template(tmp_path / "modele.dotx", b"wordprocessingml.template.main+xml")
    reopened = docx.Document(_written(tmp_path, template=template))
    assert reopened.styles["Normal"].font.name == "Garamond"


@pytest.mark.parametrize("make, message", [
    (lambda path: None, "no such Word template"),
    (lambda path: path.write_text("pas un zip"), "not a Word document"),
    (lambda path: zipfile.ZipFile(path, "w").writestr("autre.txt", "x"), "not a Word document"),
    (lambda path: _template(path, b"ms-word.template.macroEnabledTemplate.main+xml"), "macros"),
])
def test_a_bad_template_is_refused_naming_the_file(tmp_path, make, message):
    path = tmp_path / "modele.docx"
    make(path)
    with pytest.raises(TemplateError) as raised:
        new_document("fr", path)
    assert str(path) in str(raised.value) and message in str(raised.value)


def test_a_zip_bomb_template_is_refused_before_it_is_inflated(tmp_path):
    path = tmp_path / "bombe.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(TemplateError, match="too large"):
        new_document("fr", path)


# writing files -----------------------------------------------------------------------------------
def test_write_atomically_leaves_the_previous_file_when_the_check_refuses(tmp_path):
    out = tmp_path / "rapport.docx"
    out.write_bytes(b"previous")

    def refuse(path):
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_atomically(out, lambda path: path.write_bytes(b"new"), check=refuse)
    assert out.read_bytes() == b"previous"
    assert [item.name for item in tmp_path.iterdir()] == ["rapport.docx"]


def test_text_of_reads_runs_alternative_texts_and_properties(tmp_path):
    document = new_document("fr", title="Titre secret")
    paragraph = document.add_paragraph()
    paragraph.add_run("Élo")
    paragraph.add_run("die Marchand")
    document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    document.inline_shapes[0]._inline.docPr.set("descr", "texte alternatif caché")
    path = tmp_path / "t.docx"
    document.save(path)
    text = text_of(path)
    assert "Élodie Marchand" in text
    assert "texte alternatif caché" in text
    assert "Titre secret" in text
