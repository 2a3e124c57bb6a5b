"""Indicator values checked against values worked out by hand.

The study below is small enough to count on paper: two waves, two territories, six
participants (one withdrawn), a questionnaire of four items, a theme with a sub-theme, and
figures typed in. Each expected value is written as the sum it comes from.
"""

from __future__ import annotations

import pytest

from app.core import indicators as rules
from app.core.coding import Code, Coder, Coding
from app.core.guide import Questionnaire, QuestionnaireItem
from app.core.indicators import Answer, CodedTranscript, ManualFigure
from app.core.interviews import FieldNote, Interview, SurveyAnswer
from app.core.participants import Participant
from app.core.study import Indicator, IndicatorValue, Territory, VocabularyItem, Wave
from app.core.transcripts import Transcript, Turn
from app.services.indicators import IndicatorError, compute_indicators, find_territory, find_wave, results_by_wave
from app.store.project import Project

AGREE = ["Pas du tout", "Plutôt pas", "Neutre", "Plutôt", "Tout à fait"]


# the rules alone ---------------------------------------------------------------------------------
def answers(*numbers, wave="w1"):
    return [Answer(f"p{i}", wave, "t", number=n, answered_at=f"2025-0{1 + i % 9}-01") for i, n in enumerate(numbers)]


def test_mean_of_a_scale_item():
    computed = rules.survey_value(answers(5, 4, 4, 2, 1), "mean", "scale5", AGREE)
    assert computed.value == pytest.approx((5 + 4 + 4 + 2 + 1) / 5) and computed.n == 5
    assert dict(computed.distribution) == {"Pas du tout": 1, "Plutôt pas": 1, "Neutre": 0, "Plutôt": 2, "Tout à fait": 1}


def test_share_at_least_a_threshold_counts_the_threshold_itself():
    computed = rules.survey_value(answers(5, 4, 4, 2, 1, 3), "share_at_least", "scale5", AGREE, threshold=4)
    assert computed.value == pytest.approx(100 * 3 / 6) and computed.n == 6


def test_share_at_least_without_a_threshold_is_not_computed():
    computed = rules.survey_value(answers(5, 4), "share_at_least", "scale5", AGREE)
    assert computed.value is None and "threshold" in computed.reason


def test_distribution_headline_is_the_top_two_answers_by_default():
    computed = rules.survey_value(answers(5, 4, 3, 1), "distribution", "scale5", AGREE)
    assert computed.value == pytest.approx(100 * 2 / 4)


def test_distribution_of_a_multiple_choice_counts_each_choice_and_the_named_ones():
    given = [Answer("a", None, None, text="AG\nAteliers"), Answer("b", None, None, text="Ateliers"),
             Answer("c", None, None, text="Aucun"), Answer("d", None, None, text="")]
    computed = rules.survey_value(given, "distribution", "multiple", ["AG", "Ateliers", "Aucun"],
                                  counted=["AG", "Ateliers"])
    assert dict(computed.distribution) == {"AG": 1, "Ateliers": 2, "Aucun": 1}
    # d left the item blank: three respondents, two of whom took part in something.
    assert computed.n == 3 and computed.value == pytest.approx(100 * 2 / 3)


def test_a_mean_of_a_choice_item_says_why_it_cannot_be():
    computed = rules.survey_value([Answer("a", None, None, text="AG")], "mean", "single", ["AG"])
    assert computed.value is None and computed.reason


def test_nobody_answered():
    computed = rules.survey_value([], "mean", "scale5", AGREE)
    assert computed.value is None and computed.n == 0 and computed.reason


def test_latest_answer_per_participant_over_waves():
    given = [Answer("a", "w1", None, 2, answered_at="2025-03-01"), Answer("a", "w2", None, 5, answered_at="2026-03-01"),
             Answer("b", "w1", None, 3, answered_at="2025-03-02")]
    kept = rules.latest_per_participant(given)
    assert sorted((a.participant_id, a.number) for a in kept) == [("a", 5), ("b", 3)]


def test_theme_share_counts_participants_once_and_includes_sub_themes():
    transcripts = [
        CodedTranscript("a", "w1", "t", {"parent": 2}),
        CodedTranscript("a", "w2", "t", {"child": 1}),
        CodedTranscript("b", "w1", "t", {"child": 3}),
        CodedTranscript("c", "w1", "t", {"other": 1}),
    ]
    share = rules.theme_value(transcripts, {"parent", "child"}, "share_of_participants")
    assert share.value == pytest.approx(100 * 2 / 3) and share.n == 3 and share.note == "2/3"
    segments = rules.theme_value(transcripts, {"parent", "child"}, "segments")
    assert segments.value == 2 + 1 + 3 and segments.n == 3


def test_theme_without_coded_transcripts_is_not_computed():
    computed = rules.theme_value([], {"x"}, "share_of_participants")
    assert computed.value is None and computed.n == 0 and "coded" in computed.reason


def test_manual_figures_for_a_wave_and_a_territory_and_how_territories_combine():
    figures = [ManualFigure("w1", "lyo", 22, "agenda Lyon", wave_position=0),
               ManualFigure("w1", "dro", 9, "agenda Drôme", wave_position=0),
               ManualFigure("w2", "lyo", 24, wave_position=1), ManualFigure("w2", "dro", 12, wave_position=1),
               ManualFigure("w2", None, 40, "bilan annuel", wave_position=1)]
    assert rules.manual_value(figures, "w1", "lyo").value == 22
    assert rules.manual_value(figures, "w1", "lyo").note == "agenda Lyon"
    no_total = rules.manual_value(figures, "w1", None)
    assert no_total.value is None and no_total.reason
    assert rules.manual_value(figures, "w1", None, "sum").value == 22 + 9
    assert rules.manual_value(figures, "w1", None, "mean").value == pytest.approx((22 + 9) / 2)
    # A figure for the whole study wins over any combination of the territories'.
    assert rules.manual_value(figures, "w2", None, "sum").value == 40
    # All waves: the latest wave's figure.
    assert rules.manual_value(figures, None, "dro").value == 12
    assert rules.manual_value(figures, None, None).value == 40


def test_small_n_applies_to_rates_and_means_only():
    assert rules.is_small(4, "survey_item", 5) and rules.is_small(1, "theme", 5)
    assert not rules.is_small(5, "survey_item", 5)
    assert not rules.is_small(2, "count", 5) and not rules.is_small(None, "manual", 5)


def test_attainment_and_target_in_both_directions():
    def result(value, target, direction):
        return rules.IndicatorResult("i", "X", "x", "outcome", "", "", "%", target, direction, "theme", "", value, 10)

    assert result(30, 60, "higher").attainment == pytest.approx(0.5)
    assert result(30, 60, "higher").target_met is False
    assert result(20, 25, "lower").target_met is True
    assert result(50, 25, "lower").attainment == pytest.approx(0.5)
    assert result(None, 25, "lower").target_met is None


# the service on a study worked out by hand -------------------------------------------------------
@pytest.fixture
def study(tmp_path):
    """Two waves (W1, W2), territories NORD and SUD, participants:

    | code | territory | profile | W1: interview, scale answer, coded | W2 |
    | A    | NORD      | es      | yes, 5, theme "child"              | interview, 4 (no transcript) |
    | B    | NORD      | es      | yes, 2, other theme                | answer 3 outside an interview, on 2026-03-10 |
    | C    | SUD       | perm    | yes, 4, theme "parent"             | — |
    | D    | SUD       | es      | no interview; answer 1 on 2025-03-20 | — |
    | E    | SUD       | es      | interview abandoned                | — |
    | X    | NORD      | es      | withdrawn: interview, answer 1, theme | — |
    """
    project = Project.create(tmp_path / "hand.terrain", "Étude calculée à la main")
    sid = project.study().id
    w1 = project.waves.insert(Wave(study_id=sid, label="W1", starts_on="2025-03-01", ends_on="2025-06-30", position=0))
    w2 = project.waves.insert(Wave(study_id=sid, label="W2", starts_on="2026-03-01", ends_on="2026-06-30", position=1))
    nord = project.territories.insert(Territory(study_id=sid, code="NORD", name="Nord"))
    sud = project.territories.insert(Territory(study_id=sid, code="SUD", name="Sud"))
    project.vocabulary.insert(VocabularyItem(study_id=sid, kind="dimension", key="social", label="Social"))
    people = {}
    for code, territory, profile in (("A", nord, "es"), ("B", nord, "es"), ("C", sud, "perm"), ("D", sud, "es"),
                                     ("E", sud, "es"), ("X", nord, "es")):
        people[code] = project.participants.insert(
            Participant(study_id=sid, code=code, territory_id=territory.id, profile=profile))
    questionnaire = project.questionnaires.insert(Questionnaire(study_id=sid, title="Q"))
    scale = project.questionnaire_items.insert(QuestionnaireItem(
        questionnaire_id=questionnaire.id, name="autonomie", label="Autonomie", item_type="scale5", position=0,
        choices=AGREE))
    coder = project.coders.insert(Coder(study_id=sid, name="Ana"))
    parent = project.codes.insert(Code(study_id=sid, name="Appartenance"))
    child = project.codes.insert(Code(study_id=sid, name="Entraide", parent_id=parent.id))
    other = project.codes.insert(Code(study_id=sid, name="Revenus"))
    binned = project.codes.insert(Code(study_id=sid, name="Ancien", deleted_at="2025-01-01T00:00:00"))

    def interview(code, wave, day, status="completed", theme=None, answer=None, note=False):
        record = project.interviews.insert(Interview(
            study_id=sid, participant_id=people[code].id, wave_id=wave.id, status=status,
            started_at=f"{day}T10:00:00", ended_at=f"{day}T11:00:00" if status == "completed" else None))
        if answer is not None:
            project.survey_answers.insert(SurveyAnswer(participant_id=people[code].id, item_id=scale.id,
                                                       interview_id=record.id, value_number=answer,
                                                       answered_at=f"{day}T11:00:00"))
        if note:
            project.field_notes.insert(FieldNote(study_id=sid, interview_id=record.id, written_at=f"{day}T12:00:00"))
        if theme is not None:
            transcript = Transcript(study_id=sid, interview_id=record.id, title=code, imported_at=f"{day}T13:00:00")
            project.add_transcript(transcript, [Turn(transcript_id="", position=0, text="un deux trois quatre",
                                                     speaker_label="P", speaker_role="participant")])
            project.codings.insert(Coding(transcript_id=transcript.id, code_id=theme.id, coder_id=coder.id,
                                          start_offset=0, end_offset=3))
            # A coding in the bin and an orphaned one: neither counts.
            project.codings.insert(Coding(transcript_id=transcript.id, code_id=binned.id, coder_id=coder.id,
                                          start_offset=4, end_offset=8))
            project.codings.insert(Coding(transcript_id=transcript.id, code_id=parent.id, coder_id=coder.id,
                                          start_offset=0, end_offset=2, anchor_status="orphaned"))
        return record

    interview("A", w1, "2025-04-01", theme=child, answer=5, note=True)
    interview("B", w1, "2025-04-02", theme=other, answer=2)
    interview("C", w1, "2025-04-03", theme=parent, answer=4, note=True)
    interview("E", w1, "2025-04-04", status="abandoned")
    interview("X", w1, "2025-04-05", theme=parent, answer=1)
    interview("A", w2, "2026-04-01", answer=4)
    project.survey_answers.insert(SurveyAnswer(participant_id=people["D"].id, item_id=scale.id, value_number=1,
                                               answered_at="2025-03-20T09:00:00"))
    project.survey_answers.insert(SurveyAnswer(participant_id=people["B"].id, item_id=scale.id, value_number=3,
                                               answered_at="2026-03-10T09:00:00"))
    project.participants.update(_withdrawn(people["X"]))

    def indicator(code, level, kind, ref="", unit="", target=None, direction="higher", **params):
        return project.indicators.insert(Indicator(
            study_id=sid, code=code, label=code.lower(), level=level, source_kind=kind, source_ref=ref, unit=unit,
            target=target, direction=direction, dimension="social", source_params=params))

    indicator("HELD", "output", "count", "interviews_held", "entretiens", 4)
    indicator("MET", "output", "count", "participants_met")
    indicator("MET_PERM", "output", "count", "participants_met", profile="perm")
    indicator("NOTES", "output", "count", "field_notes")
    indicator("TRANS", "output", "count", "transcripts")
    indicator("MEAN", "outcome", "survey_item", "autonomie", "score /5", 4, aggregate="mean")
    indicator("AGREE", "outcome", "survey_item", "autonomie", "%", 50, aggregate="share_at_least", threshold=4)
    indicator("BELONG", "impact", "theme", parent.id, "%", 50, aggregate="share_of_participants")
    indicator("SEGMENTS", "impact", "theme", parent.id, aggregate="segments")
    manual = indicator("EVENTS", "output", "manual", unit="ateliers", target=10, combine="sum")
    project.indicator_values.insert(IndicatorValue(indicator_id=manual.id, wave_id=w1.id, territory_id=nord.id,
                                                   value=7, source_note="agenda Nord"))
    project.indicator_values.insert(IndicatorValue(indicator_id=manual.id, wave_id=w1.id, territory_id=sud.id,
                                                   value=5, source_note="agenda Sud"))
    yield project
    project.close()


def _withdrawn(participant):
    participant.status, participant.withdrawn_at = "withdrawn", "2025-05-01T00:00:00"
    return participant


def values(project, wave=None, territory=None):
    wave_id = find_wave(project, wave).id if wave else None
    territory_id = find_territory(project, territory).id if territory else None
    return {r.code: r for r in compute_indicators(project, wave_id, territory_id)}


def test_counts_per_wave_leave_out_the_withdrawn_and_unfinished_interviews(study):
    w1 = values(study, "W1")
    # Completed in W1: A, B, C (E abandoned, X withdrawn).
    assert (w1["HELD"].value, w1["MET"].value, w1["MET_PERM"].value) == (3, 3, 1)
    assert (w1["NOTES"].value, w1["TRANS"].value) == (2, 3)
    both = values(study)
    # All waves: A twice, B, C.
    assert (both["HELD"].value, both["MET"].value) == (4, 3)
    assert not any(r.small_n for r in both.values() if r.source_kind == "count")


def test_survey_values_per_wave_and_territory(study):
    w1 = values(study, "W1")
    # W1 answers: A 5, B 2, C 4, D 1 (outside an interview, dated in W1); X withdrawn.
    assert w1["MEAN"].value == pytest.approx((5 + 2 + 4 + 1) / 4) and w1["MEAN"].n == 4
    assert w1["AGREE"].value == pytest.approx(100 * 2 / 4)
    assert w1["MEAN"].small_n and "4" in w1["MEAN"].warning
    nord = values(study, "W1", "nord")
    assert nord["MEAN"].value == pytest.approx((5 + 2) / 2) and nord["MEAN"].n == 2
    w2 = values(study, "W2")
    # W2: A 4 in an interview, B 3 on 2026-03-10 outside one.
    assert w2["MEAN"].value == pytest.approx((4 + 3) / 2)
    # All waves: the latest answer of each: A 4, B 3, C 4, D 1.
    assert values(study)["MEAN"].value == pytest.approx((4 + 3 + 4 + 1) / 4)


def test_theme_values_read_sub_themes_and_skip_binned_and_orphaned_codings(study):
    w1 = values(study, "W1")
    # Coded transcripts in W1: A (child), B (other), C (parent). A and C carry the theme.
    assert w1["BELONG"].value == pytest.approx(100 * 2 / 3) and w1["BELONG"].n == 3
    assert w1["SEGMENTS"].value == 2  # one on A (child) + one on C; orphaned ones not counted
    sud = values(study, "W1", "SUD")
    assert sud["BELONG"].value == 100 and sud["BELONG"].n == 1 and sud["BELONG"].small_n
    w2 = values(study, "W2")
    assert w2["BELONG"].value is None and w2["BELONG"].reason


def test_manual_figures_added_up_over_territories(study):
    assert values(study, "W1")["EVENTS"].value == 7 + 5
    assert values(study, "W1", "SUD")["EVENTS"].value == 5
    assert values(study, "W2")["EVENTS"].value is None


def test_results_are_in_level_order_with_json_fields(study):
    results = compute_indicators(study)
    levels = [r.level for r in results]
    assert levels == sorted(levels, key=("output", "outcome", "impact").index)
    data = results[0].to_json()
    assert {"id", "level", "dimension", "label", "value", "unit", "target", "source", "n"} <= set(data)
    assert data["dimension"] == "Social"
    missing = next(r for r in compute_indicators(study, find_wave(study, "W2").id) if r.value is None).to_json()
    assert missing["value"] is None and missing["reason"]


def test_results_by_wave_follow_the_wave_order(study):
    series = results_by_wave(study)
    assert [wave.label for wave, _results in series] == ["W1", "W2"]
    assert {r.code: r.value for r in series[1][1]}["HELD"] == 1


def test_small_n_threshold_is_the_studys(study):
    record = study.study()
    record.small_n_threshold = 2
    study.studies.update(record)
    nord = values(study, "W1", "NORD")
    assert not nord["MEAN"].small_n  # two respondents, threshold two


def test_unknown_wave_or_territory_names_the_ones_that_exist(study):
    with pytest.raises(IndicatorError, match="W1, W2"):
        find_wave(study, "2031")
    with pytest.raises(IndicatorError, match="NORD, SUD"):
        find_territory(study, "EST")
