"""The impact report on the demo study: chapters, figures checked against the data, quotes that
respect consent and withdrawal, no identity string, French or English, an organisation's template."""

import re

import docx
import pytest
from docx.oxml.ns import qn

from app.exports.text import text_of
from app.services.agreement import agreement
from app.services.diagnostics import tallies
from app.services.leaks import LeakError, identity_strings
from app.services.participants import record_consent, withdraw
from app.services.reports import ExportError, export_report

CHAPTERS_FR = ["Sommaire", "Question évaluative et méthode", "Échantillon", "Précautions contre les biais",
               "Indicateurs", "Thèmes", "Limites de l’étude", "Annexe A — Grille de codage",
               "Annexe B — Guide d’entretien"]


def _report(project, tmp_path, **options):
    out = export_report(project, tmp_path / "rapport.docx", **options)
    return docx.Document(out), out


def _paragraphs(document, style):
    return [paragraph.text for paragraph in document.paragraphs if paragraph.style.name == style]


def _participant(project, code):
    return project.participants.first("code = ?", [code])


def _quote_codes(document):
    """Participant codes of the quotes' attributions (« — LYO-01, … »)."""
    return [text.removeprefix("— ").split(",")[0] for text in _paragraphs(document, "Quote Source")]


def test_report_has_every_chapter_in_order_with_a_title_page(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    chapters = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "TOC Heading")]
    assert chapters == CHAPTERS_FR
    assert _paragraphs(document, "Title") == [demo.study().title]
    assert _paragraphs(document, "Subtitle") == ["Rapport d’évaluation d’impact social"]
    themes = [code.name for code in demo.codes.find("parent_id IS NULL AND deleted_at IS NULL", order_by="position")]
    headings_2 = _paragraphs(document, "Heading 2")
    assert all(theme in headings_2 for theme in themes)
    assert {"Réalisations", "Résultats", "Impact"} <= set(headings_2)


def test_report_charts_are_described_and_captioned(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    pictures = list(document.element.body.iter(qn("wp:docPr")))
    assert len(pictures) == 6
    assert all(len(picture.get("descr", "")) > 20 for picture in pictures)
    figure_captions = [text for text in _paragraphs(document, "Caption") if text.startswith("Figure")]
    assert [caption.split("\u00a0")[0] for caption in figure_captions] == [f"Figure {n}" for n in range(1, 7)]


def test_each_theme_has_three_to_five_consented_quotes_from_distinct_people_first(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    body = list(document.paragraphs)
    counts, current = {}, None
    for paragraph in body:
        if paragraph.style.name == "Heading 2":
            current = paragraph.text
        elif paragraph.style.name == "Quote":
            counts[current] = counts.get(current, 0) + 1
    main_themes = set(counts)
    assert main_themes == {code.name for code in demo.codes.find("parent_id IS NULL")}
    assert all(3 <= counts[theme] <= 5 for theme in main_themes)
    for code in set(_quote_codes(document)):
        participant = _participant(demo, code)
        consent = demo.consents.first("participant_id = ? AND withdrawn_at IS NULL", [participant.id],
                                      order_by="given_on DESC, created_at DESC")
        assert participant.status != "withdrawn" and consent.scope_quotes


def test_a_consent_narrowed_after_marking_removes_the_quotes(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    assert "LYO-02" in _quote_codes(document)
    record_consent(demo, _participant(demo, "LYO-02").id, method="written", scopes=("interview", "recording"))
    document, _ = _report(demo, tmp_path)
    assert "LYO-02" not in _quote_codes(document)


def test_a_withdrawn_participant_leaves_the_quotes_and_the_counts(demo, tmp_path):
    before, _ = _report(demo, tmp_path)
    participants_before = demo.db.execute("SELECT count(*) FROM participant").fetchone()[0]
    withdraw(demo, _participant(demo, "BXL-01").id)
    document, out = _report(demo, tmp_path)
    assert "BXL-01" in _quote_codes(before)
    assert "BXL-01" not in text_of(out)
    sample = next(p.text for p in document.paragraphs if "ont pris part" in p.text)
    assert sample.startswith(f"{participants_before - 1} participant")
    # One withdrawal, said in the singular.
    assert any(p.text.startswith("1 participant·e retiré·e de l’étude est exclu·e") for p in document.paragraphs)
    assert any("s’est retiré·e" in p.text for p in document.paragraphs)


def test_safeguard_figures_come_from_the_data(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    safeguards = next(table for table in document.tables if table.rows[0].cells[0].text == "Précaution")
    rows = {row.cells[0].text: row.cells[1].text for row in safeguards.rows[1:]}
    completed = demo.db.execute(
        "SELECT count(*) FROM interview iv JOIN participant p ON p.id = iv.participant_id "
        "WHERE iv.status = 'completed' AND p.status != 'withdrawn'").fetchone()[0]
    noted = demo.db.execute(
        "SELECT count(DISTINCT iv.id) FROM interview iv JOIN field_note f ON f.interview_id = iv.id "
        "JOIN participant p ON p.id = iv.participant_id WHERE iv.status = 'completed' AND p.status != 'withdrawn'"
    ).fetchone()[0]
    assert rows["Note de terrain réflexive après chaque entretien"].startswith(f"{noted} / {completed} ")
    leading = sum(t.questions_leading for t in tallies(demo))
    asked = sum(t.questions_open + t.questions_closed for t in tallies(demo))
    assert rows["Questions orientées posées en entretien"].startswith(f"{leading} / {asked} ")
    # Each count agrees with its noun: the demo's guide has one finding set aside, none fixed.
    assert ("2 encore signalées, 1 remarque écartée avec une raison, 0 corrigée depuis la version précédente"
            in rows["Guide d’entretien vérifié (version 1)"])
    per_theme = next(table for table in document.tables if table.rows[0].cells[1].text == "Kappa")
    expected = agreement(demo, "Bastien Lefèvre", "Inès Moreau")
    shown = {row.cells[0].text: row.cells[1].text for row in per_theme.rows[1:]}
    assert len(shown) == len(expected.codes)
    for code in expected.codes:
        assert shown[code.code] == f"{code.table.kappa:.2f}".replace(".", ",")


def test_indicator_tables_show_every_indicator_with_its_n(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    rows = [row for table in document.tables if table.rows[0].cells[0].text == "Code" for row in table.rows[1:]]
    codes = [row.cells[0].text for row in rows]
    assert sorted(codes) == sorted(indicator.code for indicator in demo.indicators.find())
    assert all(row.cells[4].text for row in rows)


def test_no_identity_string_anywhere_in_the_report(demo, tmp_path):
    _, out = _report(demo, tmp_path)
    text = text_of(out).casefold()
    for string in identity_strings(demo):  # whole words: « Roche » is a name, « reproche » is not
        assert not re.search(rf"(?<!\w){re.escape(string.casefold())}(?!\w)", text), string


def test_a_name_inside_a_quoted_passage_is_masked(demo, tmp_path):
    # LYO-02's quotable passage now names him (same length, so the codings keep their place).
    turn = demo.turns.first("text LIKE ?", ["%des choses qui me concernaient%"])
    demo.db.execute("UPDATE turn SET text = ? WHERE id = ?",
                    [turn.text.replace("des choses qui me concernaient", "des Rachid qui me concernaient"), turn.id])
    assert "Rachid" in demo.identities.reveal(_participant(demo, "LYO-02").id).full_name
    document, _ = _report(demo, tmp_path)
    quotes = _paragraphs(document, "Quote")
    assert any("des [Nom] qui me concernaient" in quote for quote in quotes)
    assert not any("Rachid" in quote for quote in quotes)


def test_french_typography_in_french_and_not_in_english(demo, tmp_path):
    document, _ = _report(demo, tmp_path)
    french = "\n".join(p.text for p in document.paragraphs)
    assert not re.search(r"\w [:;!?](\s|$)", french)
    english, _ = _report(demo, tmp_path, language="en")
    headings = [p.text for p in english.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Evaluative question and method"
    assert "Limits of the study" in headings


def test_one_wave_scope(demo, tmp_path):
    wave = demo.waves.first("label = '2026'")
    document, _ = _report(demo, tmp_path, wave_id=wave.id)
    assert any(p.text == "Périmètre\u00a0: 2026" for p in document.paragraphs)
    assert "Aucune transcription de ce périmètre n’est encore codée." in _paragraphs(document, "Note")


def test_a_template_gives_its_look(demo, tmp_path):
    template = docx.Document()
    template.styles["Normal"].font.name = "Garamond"
    template.sections[0].footer.paragraphs[0].text = "Pied de page de la coopérative"
    template.save(tmp_path / "modele.docx")
    document, _ = _report(demo, tmp_path, template=tmp_path / "modele.docx")
    assert document.styles["Normal"].font.name == "Garamond"
    assert document.sections[0].footer.paragraphs[0].text == "Pied de page de la coopérative"


def test_an_identity_string_in_the_study_refuses_the_report_and_keeps_the_previous_one(demo, tmp_path):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "rapport.docx"
    out.write_bytes(b"previous")
    study = demo.study()
    study.description = "Étude suivie par " + demo.identities.all()[0].full_name
    demo.studies.update(study)
    with pytest.raises(LeakError) as raised:
        export_report(demo, out)
    assert str(out) in str(raised.value)
    assert demo.identities.all()[0].full_name not in str(raised.value)
    assert out.read_bytes() == b"previous"
    assert sorted(item.name for item in out.parent.iterdir()) == ["rapport.docx"]


@pytest.mark.parametrize("name, message", [("rapport.txt", "unknown file type"), ("dossier.docx", "folder"),
                                           ("absent/rapport.docx", "does not exist")])
def test_bad_destinations_are_refused(demo, tmp_path, name, message):
    (tmp_path / "dossier.docx").mkdir()
    with pytest.raises(ExportError) as raised:
        export_report(demo, tmp_path / name)
    assert str(tmp_path / name) in str(raised.value) and message in str(raised.value)
