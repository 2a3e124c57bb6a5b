"""The list and dashboard queries: joins, counts, and withdrawn participants kept out of analysis."""


import pytest

from app.core.summaries import share
from app.store import views

from fixtures.small_study import build_small_study


@pytest.fixture
def project(tmp_path):
    project = build_small_study(tmp_path / "small.terrain")
    yield project
    project.close()


def test_share_of_nothing_is_none():
    assert share(1, 4) == 0.25
    assert share(0, 0) is None


def test_indicators_come_outputs_first_with_readable_sources(project):
    rows = views.indicator_rows(project.db)
    assert [row.level for row in rows] == ["output", "outcome", "outcome", "impact"]
    by_code = {row.code: row for row in rows}
    assert by_code["E1"].source_label == "Appartenance"  # a theme is named, not shown as an id
    assert by_code["E1"].dimension == "Social"  # the vocabulary label, not the key


def test_participants_show_codes_labels_and_latest_consent(project):
    rows = {row.code: row for row in views.participant_rows(project.db)}
    assert list(rows) == ["P01", "P02", "P03", "P04", "P05"]
    assert rows["P04"].profile == "Équipe d’appui"
    assert rows["P03"].consent_scopes == ("interview",)
    assert rows["P05"].withdrawn and not rows["P01"].withdrawn
    assert rows["P01"].completed_interviews == 1


def test_participant_rows_never_carry_real_names(project):
    text = repr(views.participant_rows(project.db)) + repr(views.interview_rows(project.db))
    assert "Nom réel" not in text


def test_quotas_count_active_participants_and_those_interviewed(project):
    rows = {row.territory: row for row in views.quota_rows(project.db)}
    assert (rows["Lille Métropole"].recruited, rows["Lille Métropole"].interviewed) == (2, 2)
    # P05 (withdrawn) does not count; P03 is recruited but not yet interviewed.
    assert (rows["Drôme rurale"].recruited, rows["Drôme rurale"].interviewed) == (1, 0)


def test_interview_rows_join_names_notes_and_field_notes(project):
    rows = {row.participant_code: row for row in views.interview_rows(project.db)}
    assert rows["P01"].interviewer == "Alice Martin" and rows["P01"].notes == 3
    assert rows["P01"].has_field_note and not rows["P02"].has_field_note
    assert rows["P03"].started_at is None


def test_notes_of_interview_are_in_time_order_with_their_question(project):
    first = next(row for row in views.interview_rows(project.db) if row.participant_code == "P01")
    notes = views.notes_of_interview(project.db, first.id)
    assert [note.offset_ms for note in notes] == [65_000, 1_250_000, 2_000_000]
    assert notes[0].question == "Racontez-moi votre parcours."
    assert notes[2].third_party and notes[2].question == ""


def test_transcript_rows_count_turns_and_words(project):
    rows = views.transcript_rows(project.db)
    assert [row.participant_code for row in rows] == ["P01", "P02"], "P05 withdrew: left out"
    assert (rows[0].turns, rows[0].words, rows[0].interviewer_words) == (2, 20, 4)
    assert rows[0].interviewer_share == pytest.approx(4 / 20)


def test_code_rows_count_analysable_codings_and_name_linked_indicators(project):
    rows = {row.name: row for row in views.code_rows(project.db)}
    assert rows["Appartenance"].codings == 2, "the withdrawn participant's coding is left out"
    assert rows["Appartenance"].indicators == ("E1 Sentiment d’appartenance",)
    assert rows["Isolement rompu"].parent_id == rows["Appartenance"].id


def test_analysis_leaves_out_withdrawn_participants(project):
    counts = views.study_counts(project.db)
    assert (counts.participants, counts.withdrawn_participants) == (4, 1)
    assert (counts.interviews, counts.completed_interviews) == (3, 2)
    assert (counts.transcripts, counts.words, counts.codings) == (2, 40, 4)
    themes = {row.name: row.codings for row in views.theme_counts(project.db)}
    assert themes == {"Appartenance": 2, "Isolement rompu": 1, "Revenu": 1}


def test_coder_counts_leave_out_withdrawn_participants(project):
    analysed = {row.name: row.codings for row in views.coder_rows(project.db)}
    stored = dict(project.db.execute(
        "SELECT k.name, count(*) FROM coding g JOIN coder k ON k.id = g.coder_id GROUP BY k.name").fetchall())
    assert stored == {"Claire": 3, "David": 3}
    assert analysed == {"Claire": 2, "David": 2}


def test_empty_ledger_and_empty_project(tmp_path, project):
    assert views.ledger_rows(project.db) == []
    from app.store.project import Project

    with Project.create(tmp_path / "empty.terrain", "Vide") as empty:
        counts = views.study_counts(empty.db)
        assert counts.participants == counts.words == counts.codings == 0
        assert views.theme_counts(empty.db) == []
