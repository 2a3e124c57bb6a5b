"""Interview diagnostics on small transcripts worked out by hand, in French and in English.

Words are counted as runs of letters and digits (``count_words``): « d’accord » is two words,
« est-ce » two, « 20 » one.
"""

from __future__ import annotations

import pytest

from app.core.diagnostics import (
    FIGURE_NAMES,
    THRESHOLDS,
    Threshold,
    diagnose,
    intro_length,
    is_bare_assent,
    is_cut_off,
    read_question,
    time_share,
)
from app.core.questions import load_lexicon
from app.core.transcripts import Turn
from app.core.words import count_words
from app.i18n import set_language

ROLES = {"I": "interviewer", "P": "participant", "T": "third_party", "U": "unknown"}


def turns(*spoken, times=None, overlaps=()) -> list[Turn]:
    """("I", text), ("P", text)… -> turns in order; ``times`` gives (start, end) in seconds per turn."""
    made = []
    for position, (who, text) in enumerate(spoken):
        start = end = None
        if times is not None and times[position] is not None:
            start, end = (None if t is None else int(t * 1000) for t in times[position])
        made.append(Turn(transcript_id="t", position=position, text=text, speaker_label=who,
                         speaker_role=ROLES[who], start_ms=start, end_ms=end,
                         overlaps_previous=position in overlaps))
    return made


def figure(result, name):
    return result.figure(name)


# Interviewer share of words and of time -----------------------------------------------------------

def test_word_share_in_french_counts_runs_of_letters_and_digits():
    spoken = turns(
        ("I", "Comment êtes-vous arrivée ici ?"),                                      # 5 words
        ("P", "Par une amie, il y a 6 ans, qui travaillait déjà dans la coopérative."),  # 14 words
        ("I", "D’accord."),                                                            # 2 words
        ("P", "Voilà, c’est tout."),                                                   # 4 words
    )
    result = diagnose(spoken, lang="fr", include_intro=True)
    assert (result.interviewer_words, result.total_words) == (7, 25)
    assert result.interviewer_word_share == pytest.approx(7 / 25)
    assert figure(result, "interviewer_word_share").level == "caution"  # 28 %


def test_word_share_in_english_and_its_levels():
    spoken = turns(
        ("I", "What happened then?"),                                                   # 3
        ("P", "We moved to the co-op in 2019 because my old job had closed down and I "
              "wanted to keep working with people I knew."),                          # 25
    )
    result = diagnose(spoken, lang="en", include_intro=True)
    assert result.interviewer_word_share == pytest.approx(3 / 28)
    assert figure(result, "interviewer_word_share").level == "ok"
    talkative = diagnose(turns(("I", "So tell me, what happened then, and why, and how did it go?"),
                               ("P", "Well, it went fine.")), lang="en", include_intro=True)
    assert talkative.interviewer_word_share == pytest.approx(13 / 17)
    assert figure(talkative, "interviewer_word_share").level == "alert"


def test_talk_share_thresholds_are_those_of_the_research_notes():
    threshold = THRESHOLDS["interviewer_word_share"]
    assert [threshold.level(v) for v in (0.0, 0.25, 0.2501, 0.35, 0.3501, 1.0, None)] == [
        "ok", "ok", "caution", "caution", "alert", "alert", None]
    assert THRESHOLDS["interviewer_time_share"] == threshold


def test_time_share_uses_ends_or_the_next_start():
    spoken = turns(("I", "Comment ça va ?"), ("P", "Bien."), ("I", "Et ensuite ?"), ("P", "Rien."),
                   times=[(0, 10), (10, None), (40, 45), (45, 75)])
    # interviewer 10 + 5 = 15 s; participant 30 (until the next start) + 30 = 60 s
    assert time_share(spoken) == pytest.approx(15 / 75)
    assert diagnose(spoken, lang="fr", include_intro=True).interviewer_time_share == pytest.approx(0.2)


def test_time_share_is_none_without_timestamps_or_with_a_few_stray_ones():
    assert time_share(turns(("I", "Why?"), ("P", "Because."))) is None
    stray = turns(("I", "a"), ("P", "b"), ("I", "c"), ("P", "d"), times=[(0, 5), None, None, None])
    assert time_share(stray) is None
    result = diagnose(stray, lang="en", include_intro=True)
    assert figure(result, "interviewer_time_share").value is None
    assert figure(result, "interviewer_time_share").level is None
    assert "timestamp" in figure(result, "interviewer_time_share").detail


# Longest interviewer turn -------------------------------------------------------------------------

def test_longest_interviewer_turn_in_words_and_where_it_is():
    long_turn = " ".join(["mot"] * 70) + " ?"
    result = diagnose(turns(("I", "Comment ?"), ("P", "Ainsi."), ("I", long_turn), ("P", "Oui.")),
                      lang="fr", include_intro=True)
    assert result.longest_interviewer_turn_words == 70
    assert result.longest_interviewer_turn_position == 2
    assert figure(result, "longest_interviewer_turn_words").level == "caution"  # 61–100 words
    assert THRESHOLDS["longest_interviewer_turn_words"].level(101) == "alert"


# Questions: open, closed, leading, flagged --------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("Est-ce que vous aimez ce travail ?", "closed"),
    ("Vous avez fait des formations ?", "closed"),
    ("Comment ça se passe pour vous ?", "open"),
    ("Pouvez-vous me raconter votre arrivée ?", "open"),
    ("Et le transport ?", "open"),                       # an echo probe invites talk
    ("et quelle peinture vous faisiez", "open"),         # oral transcript, no « ? »
    ("est-ce que vous avez jamais envie d'aller ailleurs", "closed"),
    ("vous faites quoi le week-end", "open"),
    ("Donc vous vous sentez moins isolée.", None),       # a reformulation, not a question
    ("C’est noté. Merci beaucoup.", None),
    ("ah", None),                                        # a backchannel in an unpunctuated file
    ("d'accord", None),
    ("vous êtes née ici", None),                         # intonation only: cannot be told apart
])
def test_reading_french_interviewer_turns(text, kind):
    read = read_question(text, "fr", load_lexicon("fr"))
    assert (read.kind if read else None) == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Do you like the workshop?", "closed"),
    ("What did you think of the workshop?", "open"),
    ("Could you tell me about your first week?", "open"),
    ("so what did you do then", "open"),
    ("do you like it", "closed"),
    ("right", None),
    ("That makes sense.", None),
])
def test_reading_english_interviewer_turns(text, kind):
    read = read_question(text, "en", load_lexicon("en"))
    assert (read.kind if read else None) == kind


def test_closed_share_leading_and_flagged_in_french():
    spoken = turns(
        ("I", "Comment êtes-vous arrivée dans la coopérative ?"),
        ("P", "Par une amie."),
        ("I", "Et vous ne trouvez pas que la coopérative vous a aidée ?"),
        ("P", "Si."),
        ("I", "Et c’est plus rassurant, non ?"),
        ("P", "Oui."),
        ("I", "Vous avez eu affaire à l’EHPAD ?"),
        ("P", "Non."),
        ("I", "Donc vous êtes contente."),
        ("P", "Oui."),
    )
    result = diagnose(spoken, lang="fr", include_intro=True)
    q = result.questions
    assert (q.open, q.closed, q.leading, q.other_flagged) == (1, 3, 2, 1)
    assert figure(result, "closed_question_share").value == pytest.approx(3 / 4)
    assert figure(result, "closed_question_share").level == "alert"
    assert figure(result, "leading_questions").level == "caution"  # 2: worth a look
    leading = [(f.position, f.excerpt) for f in q.flagged if f.rule == "leading"]
    assert leading == [(2, "vous ne trouvez pas"), (4, "non")]
    jargon = [f for f in q.flagged if f.rule == "jargon"]
    assert [(f.position, f.excerpt) for f in jargon] == [(6, "EHPAD")]
    assert jargon[0].text == "Vous avez eu affaire à l’EHPAD ?" and jargon[0].message
    assert not any(f.rule == "closed" for f in q.flagged)  # closed questions are counted, not listed


def test_closed_share_leading_and_flagged_in_english():
    spoken = turns(
        ("I", "What was your first week like?"),
        ("P", "Busy."),
        ("I", "Don't you think the co-op made it easier?"),
        ("P", "Yes."),
        ("I", "Did the SROI report help?"),
        ("P", "No."),
    )
    result = diagnose(spoken, lang="en", include_intro=True)
    q = result.questions
    assert (q.open, q.closed, q.leading) == (1, 2, 1)
    assert [f.position for f in q.flagged if f.rule == "leading"] == [2]
    assert [f.excerpt for f in q.flagged if f.rule == "jargon"] == ["SROI"]


def test_three_leading_questions_make_an_alert():
    leading = THRESHOLDS["leading_questions"]
    assert [leading.level(n) for n in (0, 1, 2, 3)] == ["ok", "caution", "caution", "alert"]


# Interruptions and overlaps -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "cut"), [
    ("Le week-end, on va chez ma fi-", True),
    ("Et j’avais besoin de…", True),
    ("Et j’avais besoin de...", True),
    ("At weekends we go to my daugh—", True),
    ("c'est à côt- ", True),
    ("C’est tout.", False),
    ("c'est-à-dire", False),
    ("Je sais pas encore", False),
])
def test_cut_off_turns(text, cut):
    assert is_cut_off(text) is cut


def test_interruptions_are_cut_off_answers_followed_by_the_interviewer():
    spoken = turns(
        ("I", "Et le week-end ?"),
        ("P", "On va chez ma fi-"),
        ("I", "Chez votre fille, c’est bien. Et le dimanche ?"),   # cuts in
        ("P", "Le dimanche, je…"),
        ("P", "je me repose."),                                     # she goes on: no interruption
        ("I", "Comment ?"),
        ("P", "Au jardin."),
    )
    result = diagnose(spoken, lang="fr", include_intro=True)
    assert result.interruptions == 1 and result.interruption_positions == (2,)
    assert result.participant_turns == 4
    assert figure(result, "interruption_share").value == pytest.approx(1 / 4)
    assert figure(result, "interruption_share").level == "alert"
    english = diagnose(turns(("I", "And weekends?"), ("P", "We go to my daugh—"), ("I", "Lovely. And Sundays?"),
                             ("P", "We rest.")), lang="en", include_intro=True)
    assert english.interruption_positions == (2,)


def test_overlaps_counted_and_talking_over_leaves_out_backchannels():
    spoken = turns(
        ("I", "Comment ça se passe ?"),
        ("P", "Ça se passe bien mais"),
        ("I", "oui"),                                     # backchannel over her: not counted
        ("P", "on manque de temps"),
        ("I", "et vous faites comment alors"),           # talks over her
        ("P", "on s'organise"),
        overlaps={2, 4, 5},
    )
    result = diagnose(spoken, lang="fr", include_intro=True)
    assert result.overlaps == 3
    assert result.interviewer_overlaps == 1
    assert figure(result, "overlap_share").value == pytest.approx(1 / 3)
    assert figure(result, "overlap_share").level == "alert"


def test_overlaps_not_marked_are_not_measured():
    result = diagnose(turns(("I", "Why?"), ("P", "Because.")), lang="en", include_intro=True)
    assert result.overlaps == 0 and result.interviewer_overlaps is None
    assert figure(result, "overlap_share").value is None and figure(result, "overlap_share").level is None


# Third parties ------------------------------------------------------------------------------------

def test_third_party_answers_in_french():
    spoken = turns(
        ("I", "Les autres membres, vous les voyez ?"),
        ("T", "Elle veut dire qu’elle les voit pas tellement."),       # answers first: counted
        ("P", "Oui, Manon."),
        ("I", "Comment êtes-vous arrivée dans la coopérative ?"),
        ("P", "Ah ça… c’est…"),
        ("T", "C’est moi qui lui en ai parlé."),                         # takes over: counted
        ("I", "Et vos revenus, comment ont-ils évolué ?"),
        ("P", "C’est un petit complément."),
        ("T", "Trois cents euros de plus."),                             # after a full answer: not counted
        ("I", "Et la santé ?"),
        ("P", "Ça va."),
    )
    result = diagnose(spoken, lang="fr", include_intro=True)
    assert result.third_party_answers == 2
    assert result.third_party_positions == (0, 3)
    assert figure(result, "third_party_answers").level == "caution"


def test_third_party_answers_in_english():
    spoken = turns(("I", "How is your appetite these days?"), ("U", "[inaudible]"), ("T", "He hardly eats."),
                   ("P", "I eat enough."), ("I", "And sleep?"), ("P", "Fine."))
    result = diagnose(spoken, lang="en", include_intro=True)
    assert result.third_party_positions == (0,)
    assert THRESHOLDS["third_party_answers"].level(3) == "alert"


# Bare yes after closed questions ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "bare"), [
    ("Oui.", "fr", True),
    ("Ouais, voilà.", "fr", True),
    ("Si, si.", "fr", True),
    ("Euh oui", "fr", True),
    ("D’accord.", "fr", True),
    ("Oui, globalement.", "fr", False),       # a nuance
    ("Oui, oui, très bien.", "fr", False),    # four words
    ("Non.", "fr", False),
    ("Yeah, sure.", "en", True),
    ("Yes.", "en", True),
    ("Yes, mostly.", "en", False),
])
def test_bare_assent(text, lang, bare):
    assert is_bare_assent(text, lang) is bare


def test_bare_yes_share_counts_answers_to_closed_questions_only():
    spoken = turns(
        ("I", "Vous êtes satisfaite de l’accompagnement ?"), ("P", "Oui."),           # bare
        ("I", "C’est vraiment positif pour vous ?"), ("P", "Oui, globalement."),       # not bare
        ("I", "Vous avez fait des formations ?"), ("P", "Une, sur les prix."),         # not bare
        ("I", "Comment ça s’est passé ?"), ("P", "Oui."),                              # open: not counted
        ("I", "Vous en avez parlé à d’autres ?"), ("T", "Oui."),                      # not the participant
    )
    result = diagnose(spoken, lang="fr", include_intro=True)
    assert (result.bare_yes_answers, result.closed_answered) == (1, 3)
    assert figure(result, "bare_yes_share").value == pytest.approx(1 / 3)
    assert figure(result, "bare_yes_share").level == "alert"
    english = diagnose(turns(("I", "Did you like it?"), ("P", "Yeah."), ("I", "Was it useful?"),
                             ("P", "It was, for the accounts.")), lang="en", include_intro=True)
    assert english.bare_yes_share == pytest.approx(0.5)


def test_bare_yes_share_is_not_measured_without_closed_questions():
    result = diagnose(turns(("I", "Comment ?"), ("P", "Oui.")), lang="fr", include_intro=True)
    assert result.bare_yes_share is None and figure(result, "bare_yes_share").level is None


# The introduction ---------------------------------------------------------------------------------

INTRO = (
    ("I", "Voilà, ça enregistre. Je vous rappelle le cadre : l’étude porte sur la coopérative, tout est "
          "anonyme et vous pouvez arrêter quand vous voulez. Ça vous va ?"),
    ("P", "Oui, oui, ça me va."),
    ("I", "Pour commencer, pouvez-vous vous présenter ?"),
    ("P", "Je suis graphiste depuis dix ans, je travaille surtout pour des associations et des théâtres, "
          "et je suis dans la coopérative depuis deux ans."),
    ("I", "Comment y êtes-vous arrivée ?"),
    ("P", "Par une copine qui y était déjà depuis longtemps et qui m’en disait beaucoup de bien à chaque fois."),
) + (
    ("I", "Et ensuite ?"),
    ("P", "Ensuite j’ai signé le contrat d’appui, on a fait le budget de la première année ensemble, puis j’ai "
          "commencé à facturer mes premiers clients par la coopérative, ce qui m’a beaucoup soulagée."),
) * 4


def test_the_introduction_is_left_out_by_default_and_counted_on_demand():
    spoken = turns(*INTRO)
    words = [count_words(turn.text) for turn in spoken]
    assert intro_length(spoken, words) == 2  # up to the question that draws the first real answer
    left_out = diagnose(spoken, lang="fr")
    counted = diagnose(spoken, lang="fr", include_intro=True)
    assert (left_out.intro_turns, left_out.counted_turns, left_out.include_intro) == (2, 12, False)
    assert (counted.intro_turns, counted.counted_turns, counted.include_intro) == (0, 14, True)
    assert left_out.interviewer_word_share < counted.interviewer_word_share
    assert left_out.questions.asked == 6 and counted.questions.asked == 7


def test_a_long_opening_is_the_interview_itself():
    short_answers = [("I", "Vous habitez ici ?"), ("P", "Oui.")] * 5
    spoken = turns(*short_answers, *INTRO[2:])
    words = [count_words(turn.text) for turn in spoken]
    assert intro_length(spoken, words) == 0  # more than six turns: nothing is left out
    assert intro_length(turns(("I", "Bonjour."), ("P", "Bonjour.")), [1, 1]) == 0  # no real answer at all
    short_interview = turns(*INTRO[:6])
    # the opening would be more than 15 % of the words: it is the interview itself
    assert intro_length(short_interview, [count_words(t.text) for t in short_interview]) == 0


# Figures, wording, languages ----------------------------------------------------------------------

def test_every_figure_has_a_level_a_threshold_and_an_explanation():
    result = diagnose(turns(*INTRO), lang="fr")
    assert [f.name for f in result.figures] == list(FIGURE_NAMES)
    for item in result.figures:
        assert isinstance(item.threshold, Threshold)
        assert item.label and len(item.explanation) > 80
        assert item.level in ("ok", "caution", "alert", None)
        assert bool(item.tip) == (item.level in ("caution", "alert"))


def test_figures_speak_the_interface_language():
    spoken = turns(*INTRO)
    set_language("fr")
    french = diagnose(spoken, lang="fr").figure("interviewer_word_share")
    set_language("en")
    english = diagnose(spoken, lang="fr").figure("interviewer_word_share")
    assert english.label == "Interviewer's share of the words"
    assert french.label == "Part des mots de l’enquêteur·rice"
    assert "80/20" in french.explanation and "\u00a0%" in french.explanation


def test_empty_transcript():
    result = diagnose([], lang="fr")
    assert result.interviewer_word_share is None and result.questions.asked == 0
    assert all(f.level in ("ok", None) for f in result.figures)
