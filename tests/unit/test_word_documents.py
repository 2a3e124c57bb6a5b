"""The guide, codebook, quote table and stakeholder summary writers, on hand-made records.

Each document is saved and opened again with python-docx, as a reader's Word would open it:
what is checked is what the file holds (styles, headings, tables, words), not what the writer
meant to write.
"""

from __future__ import annotations

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from matplotlib.figure import Figure

from app.core.coding import Code
from app.core.guide import Guide, GuideOutline, GuideSection, Probe, Question, QuestionOutline, SectionOutline
from app.core.indicators import IndicatorResult
from app.core.quote_table import QuoteRow
from app.core.report import (CodebookEntry, Quote, ReportData, Safeguards, Sample, Share, ThemeSection)
from app.core.study import Study, Territory, Wave
from app.exports.charts.chart import Chart
from app.exports.docx.codebook import codebook_rows, write_codebook
from app.exports.docx.guide import write_guide
from app.exports.docx.quotes import quote_rows_table, write_quotes
from app.exports.docx.summary import write_summary
from app.exports.text import text_of
from app.i18n import translated

NBSP = "\u00a0"


def saved(document, tmp_path, name="doc.docx"):
    path = tmp_path / name
    document.save(path)
    return docx.Document(path), path


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.fixture
def study():
    return Study(title="Étude sur la coopérative", organisation="Coop Test",
                 evaluative_question="Qu'est-ce qui change au travail ?", languages=["fr"])


# the interviewer's guide -----------------------------------------------------------------------------
@pytest.fixture
def outline():
    guide = Guide(study_id="s", title="Guide de test", version=2, frozen_at="2025-04-03T10:00:00Z")
    opening = GuideSection(guide_id=guide.id, title="Ouverture", position=0, notes="Présenter l'étude.")
    closing = GuideSection(guide_id=guide.id, title="Clôture", position=1)

    def question(section, text, position, **fields):
        return Question(section_id=section.id, text=text, position=position, **fields)

    q1 = question(opening, "Comment ça va ?", 0, estimated_minutes=2)
    q2 = question(opening, "Parlez-moi de votre travail.", 1, estimated_minutes=3.5,
                  intent="probe")
    q3 = question(closing, "Comment vos revenus ont-ils évolué ?", 0, is_sensitive=True,
                  reminder="Dire qu'aucun montant n'est demandé.", intent="closing", estimated_minutes=2)
    q4 = question(closing, "Autre chose à ajouter ?", 1)
    probes = [Probe(question_id=q1.id, text="Depuis quand ?", position=0),
              Probe(question_id=q1.id, text="Avec qui ?", position=1)]
    return GuideOutline(guide, [
        SectionOutline(opening, [QuestionOutline(q1, probes, []), QuestionOutline(q2, [], [])]),
        SectionOutline(closing, [QuestionOutline(q3, [], []), QuestionOutline(q4, [], [])]),
    ])


def test_guide_cover_sections_and_numbering(outline, study, tmp_path):
    with translated("fr"):
        document, _path = saved(write_guide(outline, study, "fr"), tmp_path)
    assert styled(document, "Title") == ["Guide de test"]
    assert styled(document, "Subtitle") == ["Étude sur la coopérative"]
    lines = texts(document)
    assert "Version 2" in lines
    assert "Figé le 3\u00a0avril\u00a02025" in lines
    # 2 + 3.5 + 2 minutes, one question without an estimate.
    assert f"Durée estimée{NBSP}: environ 7,5{NBSP}min (1 question sans estimation)" in lines
    assert styled(document, "Heading 1") == ["Déroulé de l’entretien"]
    assert styled(document, "Heading 2") == ["Avant de commencer", "Ouverture", "Clôture"]
    assert "Présenter l’étude." in styled(document, "Note")
    numbered = [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.")]
    # Numbers run through the whole guide, across sections.
    assert numbered == [f"1.{NBSP}Comment ça va{NBSP}?", f"2.{NBSP}Parlez-moi de votre travail.",
                        f"3.{NBSP}Comment vos revenus ont-ils évolué{NBSP}?", f"4.{NBSP}Autre chose à ajouter{NBSP}?"]


def test_guide_questions_carry_intent_time_sensitivity_reminder_and_probes(outline, study, tmp_path):
    with translated("fr"):
        document, _path = saved(write_guide(outline, study, "fr"), tmp_path)
    notes = styled(document, "Note")
    assert f"Question principale · environ 2{NBSP}min" in notes
    assert f"Question d’approfondissement · environ 3,5{NBSP}min" in notes
    assert f"Question de clôture · environ 2{NBSP}min" in notes
    assert "Question principale" in notes          # the question without an estimate shows no time
    lines = texts(document)
    sensitive = [index for index, line in enumerate(lines) if "QUESTION SENSIBLE" in line]
    assert len(sensitive) == 1
    assert lines[sensitive[0] - 2].startswith("3.")
    assert f"Rappel{NBSP}: Dire qu’aucun montant n’est demandé." in lines
    relances = lines.index(f"Relances{NBSP}: ")
    assert lines[relances - 2].startswith("1.")
    bullets = styled(document, "List Bullet")
    assert f"Depuis quand{NBSP}?" in bullets and f"Avec qui{NBSP}?" in bullets
    assert not document.tables                      # nothing that splits badly over a page


def test_guide_in_english(outline, study, tmp_path):
    with translated("en"):
        document, _path = saved(write_guide(outline, study, "en"), tmp_path)
    lines = texts(document)
    assert "Frozen on 3 April 2025" in lines
    assert styled(document, "Heading 1") == ["Course of the interview"]
    assert "Follow-up question · about 3.5 min" in styled(document, "Note")
    assert "Probes: " in lines
    # No French spaces in English.
    assert "1.\u00a0Comment ça va ?" in lines


def test_an_unfrozen_empty_guide_says_so(study, tmp_path):
    outline = GuideOutline(Guide(study_id="s", title="Brouillon"), [])
    with translated("en"):
        document, _path = saved(write_guide(outline, study, "en"), tmp_path)
    lines = texts(document)
    assert "Draft: not yet frozen" in lines
    assert "This guide has no questions yet." in lines


# the codebook ----------------------------------------------------------------------------------------
@pytest.fixture
def entries():
    autonomy = Code(study_id="s", name="Autonomie", definition="Maîtrise de son travail.",
                    include_rule="Choix des missions.", exclude_rule="Horaires : voir Équilibre.",
                    example="Je choisis mes clients.")
    freedom = Code(study_id="s", name="Liberté", parent_id=autonomy.id, definition="Choisir.",
                   example="C'est moi qui décide.")
    schedule = Code(study_id="s", name="Horaires", parent_id=freedom.id)
    income = Code(study_id="s", name="Revenus", definition="")
    return [CodebookEntry(autonomy, 0, 2), CodebookEntry(freedom, 1, 5), CodebookEntry(schedule, 2, 1),
            CodebookEntry(income, 0, 4)]


def test_codebook_headings_rules_examples_and_counts(entries, study, tmp_path):
    with translated("fr"):
        document, _path = saved(write_codebook(entries, study, "fr"), tmp_path)
    assert styled(document, "Title") == ["Livre de codes"]
    assert styled(document, "Heading 1") == ["Définitions et règles de codage"]
    assert styled(document, "Heading 2") == ["Vue d’ensemble", "Autonomie", "Revenus"]
    assert styled(document, "Heading 3") == ["Liberté", "Horaires"]
    lines = texts(document)
    assert f"Définition{NBSP}: Maîtrise de son travail." in lines
    assert f"À inclure{NBSP}: Choix des missions." in lines
    assert f"À exclure{NBSP}: Horaires{NBSP}: voir Équilibre." in lines
    assert f"Définition{NBSP}: pas encore rédigée" in lines
    assert styled(document, "Quote") == [f"«{NBSP}Je choisis mes clients.{NBSP}»", f"«{NBSP}C’est moi qui décide.{NBSP}»"]
    notes = styled(document, "Note")
    # A theme with sub-themes counts its whole branch; a code alone, its own passages.
    assert "8 passages codés avec ce thème ou ses sous-thèmes" in notes
    assert "5 passages codés" in notes and "1 passage codé" in notes and "4 passages codés" in notes


def test_codebook_opens_with_an_overview_table(entries, study, tmp_path):
    with translated("fr"):
        document, _path = saved(write_codebook(entries, study, "fr"), tmp_path)
    table = document.tables[0]
    assert table.style.name == "Terrain Table"
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [["Thème", "Sous-thèmes", "Passages codés"], ["Autonomie", "2", "8"], ["Revenus", "0", "4"]]
    assert styled(document, "Caption")[0].startswith("Tableau 1")


def test_empty_codebook(study, tmp_path):
    with translated("en"):
        document, _path = saved(write_codebook([], study, "en"), tmp_path)
    assert "The codebook is empty: no code has been created yet." in texts(document)
    assert not document.tables


def test_codebook_rows_for_a_spreadsheet(entries):
    with translated("en"):
        header, rows = codebook_rows(entries)
    assert header == ["Theme", "Sub-theme", "Definition", "To include", "To exclude", "Example", "Coded passages"]
    assert [row[:2] for row in rows] == [["Autonomie", ""], ["Autonomie", "Liberté"],
                                         ["Autonomie", "Liberté › Horaires"], ["Revenus", ""]]
    assert [row[-1] for row in rows] == [2, 5, 1, 4]


# the quote table -------------------------------------------------------------------------------------
def quote(theme, code, participant, text, quotable=True, **fields):
    return QuoteRow(theme=theme, code=code, participant_code=participant, profile="Salarié·e",
                    territory="Lyon", wave="2025", text=text, quotable=quotable, coder="IM", **fields)


@pytest.fixture
def rows():
    return [quote("Autonomie", "Autonomie", "LYO-01", "Je décide de tout."),
            quote("Autonomie", "Liberté", "LYO-02", "Je choisis mes clients : c'est nouveau.", quotable=False,
                  attributes=(("Genre", "femme"), ("Secteur", "bois"))),
            quote("Revenus", "Revenus", "", "Ça dépend des mois.", memo="à vérifier",
                  attributes=(("Secteur", "graphisme"),))]


def test_quote_table_groups_by_theme_then_code(rows, study, tmp_path):
    with translated("fr"):
        document, _path = saved(write_quotes(rows, study, "fr"), tmp_path)
    assert styled(document, "Heading 1") == ["Passages par thème"]
    assert styled(document, "Heading 2") == ["Autonomie", "Revenus"]
    assert styled(document, "Heading 3") == ["Autonomie", "Liberté", "Revenus"]
    assert len(document.tables) == 3
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Code participant", "Profil", "Territoire", "Vague", "Citable", "Passage"]
    second = [cell.text for cell in document.tables[1].rows[1].cells]
    assert second == ["LYO-02", "Salarié·e", "Lyon", "2025", "Non", f"Je choisis mes clients{NBSP}: c’est nouveau."]
    # A passage from a transcript linked to nobody shows a dash, never an empty source.
    assert document.tables[2].rows[1].cells[0].text == "—"


def test_quote_table_note_says_what_is_included(rows, study, tmp_path):
    with translated("fr"):
        everything, _path = saved(write_quotes(rows, study, "fr"), tmp_path, "all.docx")
        quotable, _path = saved(write_quotes(rows[:1], study, "fr", quotable_only=True), tmp_path, "q.docx")
    assert any(note.startswith("Tous les passages codés figurent ici") for note in styled(everything, "Note"))
    assert any(note.startswith("Seuls figurent les passages marqués citables") for note in styled(quotable, "Note"))
    assert any("n’apparaissent que par leur code" in note for note in styled(quotable, "Note"))
    # Quotable only: the « Citable » column would say « Oui » on every row, so it is left out.
    assert [cell.text for cell in quotable.tables[0].rows[0].cells][-2:] == ["Vague", "Passage"]


def test_quote_table_pages_are_landscape_and_long_passages_may_break(study, tmp_path):
    long_text = "Une longue histoire. " * 120
    with translated("en"):
        document, _path = saved(write_quotes([quote("T", "T", "A-1", long_text), quote("T", "T", "A-2", "court")],
                                             study, "en"), tmp_path)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    rows = document.tables[0].rows
    assert rows[1]._tr.trPr is None or rows[1]._tr.trPr.find(qn("w:cantSplit")) is None
    assert rows[2]._tr.trPr.find(qn("w:cantSplit")) is not None
    # The passage column takes the width the source columns leave.
    widths = [cell.width.cm for cell in rows[0].cells]
    assert widths[-1] > 10


def test_empty_quote_table(study, tmp_path):
    with translated("en"):
        document, _path = saved(write_quotes([], study, "en"), tmp_path)
    assert "No coded passage to show." in texts(document)


def test_quote_rows_table_for_a_spreadsheet(rows):
    with translated("fr"):
        header, table = quote_rows_table(rows)
    assert header == ["Thème", "Code", "Code participant", "Profil", "Territoire", "Vague", "Passage", "Citable",
                      "Codeur·se", "Mémo", "Genre", "Secteur"]
    assert table[0][:10] == ["Autonomie", "Autonomie", "LYO-01", "Salarié·e", "Lyon", "2025", "Je décide de tout.",
                             "Oui", "IM", ""]
    assert table[1][-2:] == ["femme", "bois"]
    assert table[2][-2:] == ["", "graphisme"]
    assert table[2][9] == "à vérifier"


# the summary for stakeholders ------------------------------------------------------------------------
def result(code, label, level, value, target, n, unit="%", small_n=False, reason=""):
    return IndicatorResult(indicator_id=code, code=code, label=label, level=level, dimension="", dimension_label="",
                           unit=unit, target=target, direction="higher", source_kind="manual", source="", value=value,
                           n=n, small_n=small_n, reason=reason)


def theme(name, count, total, definition):
    quotes = (Quote(text="On s'entraide.", participant_code="LYO-07", profile="Salarié·e", territory="Lyon",
                    wave="2025", theme=name),)
    return ThemeSection(name=name, definition=definition, sub_themes=(), carriers=Share(name, count, total),
                        segments=count * 2, by_profile=(), by_territory=(), quotes=quotes, quotable=1)


@pytest.fixture
def report(study):
    safeguards = Safeguards(interviews=9, with_field_note=8, talk_share_mean=0.2, talk_share_min=0.1,
                            talk_share_max=0.3, talk_share_measured=9, talk_share_ceiling=0.25, questions_asked=90,
                            leading_asked=2, guide_version=1, guide_questions=12, guide_flagged=0, guide_set_aside=1,
                            guide_fixed=2, agreement=None, pseudonymised_transcripts=9, quote_consents=7)
    return ReportData(
        study=study, language="fr", scope="toutes vagues", generated_on="2026-11-22",
        waves=[Wave(study_id="s", label="2025"), Wave(study_id="s", label="2026")],
        territories=[Territory(study_id="s", code="LYO", name="Lyon"), Territory(study_id="s", code="DRO",
                                                                                 name="Drôme")],
        stakeholders=[], profiles={}, guide=None,
        sample=Sample(participants=12, withdrawn=1, interviews=9, transcripts=9, coded_transcripts=8,
                      questionnaire_respondents=10),
        safeguards=safeguards,
        indicators=[result("OUT1", "Entretiens réalisés", "output", 9, 12, 9, unit="entretiens"),
                    result("OC1", "Sentiment d'appartenance", "outcome", 75, 60, 3, small_n=True),
                    result("IMP1", "Pérennité", "impact", None, 50, 0, reason="Aucune donnée pour l'instant.")],
        themes=[theme("Entraide", 3, 8, "L'aide concrète entre membres. Elle inclut les conseils."),
                theme("Revenus", 6, 8, "Le niveau et la régularité des revenus")],
        codebook=[], limits=["Les participants n'ont pas été tirés au sort."])


def chart():
    figure = Figure(figsize=(6.0, 3.0))
    figure.add_subplot().bar(["A", "B"], [1, 2])
    return Chart("indicators", "Indicateurs", "Deux barres : A vaut 1, B vaut 2.", "Indicateurs par niveau.",
                 figure, (6.0, 3.0))


def test_summary_sections_and_scope(report, tmp_path):
    with translated("fr"):
        document, _path = saved(write_summary(report, [chart()]), tmp_path)
    assert styled(document, "Title") == ["Étude sur la coopérative"]
    assert styled(document, "Subtitle") == ["Synthèse pour les parties prenantes"]
    assert styled(document, "Heading 1") == ["Principaux résultats"]
    assert styled(document, "Heading 2") == ["La question évaluative", "Périmètre", "Indicateurs", "Thèmes principaux",
                                             "Limites de l’étude"]
    assert styled(document, "Heading 3") == ["Réalisations", "Résultats", "Impact"]
    lines = texts(document)
    assert f"Qu’est-ce qui change au travail{NBSP}?" in lines
    assert "22\u00a0novembre\u00a02026" in lines
    assert f"Territoires{NBSP}: Lyon, Drôme" in lines
    assert f"Participation{NBSP}: 12 participant·e·s, 9 entretiens réalisés" in lines
    assert "1 personne s’est retirée de l’étude ; rien de ce qu’elle a dit n’est utilisé.".replace(" ;", f"{NBSP};") \
        in styled(document, "Note")
    assert styled(document, "List Bullet") == ["Les participants n’ont pas été tirés au sort."]


def test_summary_indicators_by_level_with_targets_and_small_n_warnings(report, tmp_path):
    with translated("fr"):
        document, _path = saved(write_summary(report, []), tmp_path)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert tables[0][0] == ["Indicateur", "Valeur", "Cible", "Cible atteinte", "n"]
    assert tables[0][1] == ["Entretiens réalisés", f"9{NBSP}entretiens", f"≥{NBSP}12{NBSP}entretiens", "Non", "9"]
    assert tables[1][1] == ["Sentiment d’appartenance", f"75{NBSP}%", f"≥{NBSP}60{NBSP}%", "Oui", "3"]
    assert tables[2][1] == ["Pérennité", "—", f"≥{NBSP}50{NBSP}%", "—", "0"]
    notes = styled(document, "Note")
    assert (f"Sentiment d’appartenance{NBSP}: 3 participant·e·s seulement derrière cette valeur (moins de 5){NBSP}: "
            "trop peu pour la publier sans avertissement.") in notes
    assert f"Pérennité{NBSP}: Aucune donnée pour l’instant." in notes


def test_summary_themes_as_shares(report, tmp_path):
    with translated("fr"):
        document, _path = saved(write_summary(report, []), tmp_path)
    themes = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert themes[0] == ["Thème", "Ce qu’il recouvre", "Personnes", "Part"]
    # Most raised first; the definition's first sentence only.
    assert themes[1] == ["Revenus", "Le niveau et la régularité des revenus", "6 sur 8", f"75{NBSP}%"]
    assert themes[2] == ["Entraide", "L’aide concrète entre membres.", "3 sur 8", f"38{NBSP}%"]


def test_summary_keeps_the_indicator_chart_only(report, tmp_path):
    others = [Chart(key, key, "Texte.", "Légende.", Figure(figsize=(6.0, 3.0)), (6.0, 3.0))
              for key in ("sample-quotas", "themes-profile", "themes-territory", "survey-items", "waves")]
    with translated("fr"):
        document, _path = saved(write_summary(report, [chart(), *others]), tmp_path)
    assert [shape._inline.docPr.get("descr") for shape in document.inline_shapes] == [
        "Deux barres : A vaut 1, B vaut 2."]


def test_summary_chart_has_its_caption_and_alternative_text(report, tmp_path):
    with translated("fr"):
        document, _path = saved(write_summary(report, [chart()]), tmp_path)
    shapes = document.inline_shapes
    assert len(shapes) == 1
    assert shapes[0]._inline.docPr.get("descr") == "Deux barres : A vaut 1, B vaut 2."
    assert abs(shapes[0].width.cm - 6.0 * 2.54) < 0.1
    assert any(caption.startswith("Figure 1") and "Indicateurs par niveau." in caption
               for caption in styled(document, "Caption"))


def test_summary_names_no_participant_and_quotes_nothing(report, tmp_path):
    with translated("fr"):
        _document, path = saved(write_summary(report, [chart()]), tmp_path)
    text = text_of(path)
    assert "LYO-07" not in text
    assert "s’entraide" not in text and "s'entraide" not in text


def test_summary_small_group_of_coded_participants_is_flagged(report, tmp_path):
    report.themes = [theme("Entraide", 1, 3, "Aide.")]
    with translated("en"):
        document, _path = saved(write_summary(report, []), tmp_path)
    assert any(note.startswith("Fewer than 5 people") for note in styled(document, "Note"))
