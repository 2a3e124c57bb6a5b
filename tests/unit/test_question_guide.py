"""Guide-level checks: the funnel, sensitive topics, the share of closed questions, the duration."""

from __future__ import annotations

from app.core.questions import GUIDE_RULES, GuideQuestion, GuideReport, check_guide

OPEN_EASY = "Comment avez-vous connu la coopérative ?"
OPEN_DAY = "Pouvez-vous me raconter une journée ordinaire ?"
OPEN_TEAM = "Comment décririez-vous l’ambiance dans l’équipe ?"
OPEN_FUTURE = "Comment voyez-vous votre avenir ?"
CLOSING = "Y a-t-il autre chose que vous aimeriez ajouter ?"


def guide(*texts, sections=None) -> list[GuideQuestion]:
    return [GuideQuestion(id=f"q{index + 1}", text=text, section=sections[index] if sections else 0)
            for index, text in enumerate(texts)]


def rules(report: GuideReport) -> list[tuple[str, str | None]]:
    return [(f.rule, f.question_id) for f in report.findings]


def test_opening_closed_question():
    report = check_guide(guide("Est-ce que vous aimez votre travail ?", OPEN_DAY, OPEN_TEAM))
    assert ("opening_closed", "q1") in rules(report)


def test_open_opening_question_is_fine():
    report = check_guide(guide(OPEN_EASY, OPEN_DAY, OPEN_TEAM))
    assert report.findings == []


def test_opening_on_a_sensitive_topic_from_the_word_lists():
    report = check_guide(guide("Parlez-moi de vos dettes.", OPEN_DAY, OPEN_TEAM))
    assert ("opening_sensitive", "q1") in rules(report)


def test_opening_marked_sensitive_by_the_author():
    questions = guide("Comment allez-vous en ce moment ?", OPEN_DAY, OPEN_TEAM)
    questions[0] = GuideQuestion(id="q1", text=questions[0].text, section=0, is_sensitive=True)
    assert ("opening_sensitive", "q1") in rules(check_guide(questions))


def test_sensitive_topic_before_rapport():
    report = check_guide(guide(OPEN_EASY, "Comment gérez-vous votre argent ?", OPEN_DAY, OPEN_TEAM, OPEN_FUTURE))
    assert ("sensitive_before_rapport", "q2") in rules(report)


def test_sensitive_topic_in_a_first_section_of_several():
    report = check_guide(guide(OPEN_EASY, OPEN_DAY, OPEN_TEAM, "How do you manage money?", OPEN_FUTURE,
                               sections=[0, 0, 0, 0, 1]))
    assert ("sensitive_before_rapport", "q4") in rules(report)


def test_sensitive_topic_later_is_fine():
    report = check_guide(guide(OPEN_EASY, OPEN_DAY, OPEN_TEAM, OPEN_FUTURE, "Comment gérez-vous votre argent ?",
                               sections=[0, 0, 1, 1, 2]))
    assert not [f for f in report.findings if "sensitive" in f.rule]


def test_specific_closed_question_before_the_general_one_on_the_same_theme():
    report = check_guide(guide(OPEN_EASY, "Le transport vous pose-t-il problème ?",
                               "Comment se passent vos trajets et le transport au quotidien ?"))
    findings = [f for f in report.findings if f.rule == "specific_before_general"]
    assert [(f.question_id, f.severity) for f in findings] == [("q2", "caution")]
    assert "transport" in findings[0].message


def test_general_question_first_then_specific_is_the_funnel():
    report = check_guide(guide(OPEN_EASY, "Comment se passent vos trajets et le transport au quotidien ?",
                               "Le transport vous pose-t-il problème ?"))
    assert "specific_before_general" not in [f.rule for f in report.findings]


def test_specific_before_general_in_english_uses_english_stems():
    report = check_guide(guide("How did you hear about us?", "Do you use the minibus?",
                               "Tell me how you get around, by minibus or otherwise."), lang="en")
    assert ("specific_before_general", "q2") in rules(report)


def test_share_of_closed_main_questions():
    report = check_guide(guide(OPEN_EASY, "Avez-vous des collègues ?", "Aimez-vous votre poste ?", OPEN_TEAM))
    assert report.closed_share == 0.5
    assert ("closed_share", None) in rules(report)


def test_few_closed_questions_is_fine_and_probes_do_not_count():
    questions = guide(OPEN_EASY, OPEN_DAY, "Avez-vous des collègues ?", OPEN_TEAM, "Et ensuite ?",
                      "Vous y allez souvent ?")
    questions[5] = GuideQuestion(id="q6", text=questions[5].text, section=0, intent="probe")
    report = check_guide(questions)
    assert report.closed_share == 0.2
    assert "closed_share" not in [f.rule for f in report.findings]


def test_estimated_duration_uses_defaults_when_missing():
    questions = [
        GuideQuestion("a", OPEN_EASY, 0, estimated_minutes=10),
        GuideQuestion("b", OPEN_DAY, 0),
        GuideQuestion("c", "Pouvez-vous m’en dire plus ?", 0, intent="probe"),
        GuideQuestion("d", CLOSING, 1, intent="closing"),
    ]
    assert check_guide(questions).estimated_minutes == 10 + 5 + 1 + 2


def test_question_findings_for_every_question():
    report = check_guide(guide(OPEN_EASY, "Est-ce que vous avez aimé l’atelier ?"))
    assert set(report.question_findings) == {"q1", "q2"}
    assert report.question_findings["q1"] == []
    assert [f.rule for f in report.question_findings["q2"]] == ["closed"]


def test_empty_guide_and_blank_questions():
    assert check_guide([]) == GuideReport([], {}, 0.0, 0.0)
    report = check_guide(guide("", "   ", OPEN_EASY))
    assert report.findings == [] and report.question_findings["q1"] == []


def test_study_words_reach_every_question():
    questions = guide(OPEN_EASY, "Que pensez-vous du PTCE ?", "Comment voyez-vous la Coop des Bois ?")
    before = check_guide(questions).question_findings
    assert [f.rule for f in before["q2"]] == ["jargon"] and before["q3"] == []
    report = check_guide(questions, extra={"jargon": ["Coop des Bois"], "protected": ["PTCE"]})
    assert [f.rule for f in report.question_findings["q3"]] == ["jargon"]
    assert report.question_findings["q2"] == []


def test_mixed_language_guide_checks_each_question_in_its_language():
    report = check_guide(guide(OPEN_EASY, "Do you like the workshop?", OPEN_TEAM))
    assert [f.rule for f in report.question_findings["q2"]] == ["closed"]


def test_guide_rules_are_the_documented_ones():
    assert GUIDE_RULES == ("opening_closed", "opening_sensitive", "sensitive_before_rapport",
                           "specific_before_general", "closed_share")


def test_framing_words_of_the_interview_name_no_theme():
    # « Avant de commencer… » and « Pour commencer… » share a word, not a theme.
    report = check_guide(guide("Avant de commencer, avez-vous des questions sur l’étude ?",
                               "Pour commencer, pouvez-vous me parler de votre activité ?"))
    assert "specific_before_general" not in [f.rule for f in report.findings]
    report = check_guide(guide("Before we start, do you have any questions about the study?",
                               "To start with, could you tell me about your work?"), lang="en")
    assert "specific_before_general" not in [f.rule for f in report.findings]
