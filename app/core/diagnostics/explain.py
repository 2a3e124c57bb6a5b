"""The figures of an interview in plain words: a label, what it means and why it matters, the
counts behind it, and a tip for next time. Translated when built, in the interface language.

The wording is for an interviewer's own training: it describes the interview, never the person,
and never compares interviewers.
"""

from __future__ import annotations

from dataclasses import replace

from app.core.diagnostics.model import Figure, Threshold, TranscriptDiagnostics
from app.core.diagnostics.thresholds import THRESHOLDS
from app.core.summaries import share
from app.i18n import N_, _, current_language, ngettext

LABELS = {
    "interviewer_word_share": N_("Interviewer's share of the words"),
    "interviewer_time_share": N_("Interviewer's share of the speaking time"),
    "longest_interviewer_turn_words": N_("Longest interviewer turn"),
    "closed_question_share": N_("Closed questions"),
    "leading_questions": N_("Leading questions"),
    "flagged_question_share": N_("Questions flagged for wording"),
    "interruption_share": N_("Answers cut off"),
    "overlap_share": N_("Talking over the participant"),
    "third_party_answers": N_("Answers given by someone else"),
    "bare_yes_share": N_("Bare “yes” after closed questions"),
}

EXPLANATIONS = {
    "interviewer_word_share": N_(
        "The share of all the words that the interviewer spoke. A research interview gathers the "
        "participant's own account: practitioners aim at about 20% interviewer talk (the 80/20 rule, "
        "“listen more, talk less”). The more the interviewer speaks, the more the answers take up "
        "the interviewer's words and views."),
    "interviewer_time_share": N_(
        "The same share measured in speaking time, from the transcript's timestamps. Slow or hesitant "
        "speech weighs more in time than in words: the two figures together show who held the floor."),
    "longest_interviewer_turn_words": N_(
        "The interviewer's longest turn, in words (100 words take about 40 seconds). Long explanations, "
        "opinions or stories of one's own take the floor from the participant and tell them what is "
        "expected."),
    "closed_question_share": N_(
        "Among the interviewer's questions, the share that can be answered with yes or no. A closed "
        "question is fine to confirm a point, but it cuts the story short and invites a plain “yes”; a "
        "semi-structured interview rests on open questions (how, what, tell me about)."),
    "leading_questions": N_(
        "Questions that suggest the answer (“don't you think…”, “I imagine”, “…, right?”). People tend "
        "to give the answer they are led to, all the more when they are tired, unsure or grateful: "
        "such answers cannot be reported as their view."),
    "flagged_question_share": N_(
        "Questions the question checker flags for another reason: a loaded or vague word, jargon, two "
        "questions in one, a presupposition, a very long question. Each makes the answer harder to "
        "give or to read; the list says why and offers a neutral wording."),
    "interruption_share": N_(
        "Answers the interviewer cut into: the participant's turn stops mid-sentence (a dash or “…”) "
        "and the interviewer speaks next, often finishing the sentence for them. It tells the person "
        "their words matter less, and puts the interviewer's version in their mouth."),
    "overlap_share": N_(
        "Times the interviewer started speaking while the participant was still talking, as marked in "
        "the transcript (a short “mm” or “yes” while listening is not counted). Talking over someone "
        "takes the floor from them."),
    "third_party_answers": N_(
        "Questions put to the participant that someone else answered (a relative, a carer), either "
        "first or by taking over an unfinished answer. Answers given for someone differ "
        "systematically from their own: record them as such, and turn back to the person."),
    "bare_yes_share": N_(
        "Among the participant's answers straight after a closed question, the share that are a bare "
        "“yes” (“yes”, “yeah”, “right”, three words at most). Many people agree with whatever is put "
        "to them: a bare yes says little about what they think."),
}

TIPS = {
    "interviewer_word_share": N_(
        "Ask, then wait: a few seconds of silence often bring more than a new question. Keep your "
        "own views and stories for after the recording."),
    "longest_interviewer_turn_words": N_(
        "Keep the context to one sentence before the question; a long preamble can wait for the "
        "end of the interview."),
    "closed_question_share": N_(
        "Start questions with “how”, “what”, “tell me about”; keep yes-or-no questions to confirm "
        "what was said."),
    "leading_questions": N_(
        "Ask without suggesting an answer: “How is it going?” rather than “It's better, isn't it?”."),
    "flagged_question_share": N_(
        "Read the flagged questions: each comes with a neutral wording to try next time."),
    "interruption_share": N_(
        "Let the person finish; after a pause, echo their last words (“At your daughter's…?”) rather "
        "than completing them."),
    "overlap_share": N_(
        "Wait for the end of the answer before speaking; a nod is enough to show you are listening."),
    "third_party_answers": N_(
        "Address the person and ask them first; if a relative answers, thank them, note it, and ask "
        "the person again. Consider meeting the person alone next time."),
    "bare_yes_share": N_(
        "After a bare “yes”, invite more (“What do you mean?”, “How so?”), and ask open questions first."),
}
TIPS["interviewer_time_share"] = TIPS["interviewer_word_share"]

LEVEL_LABELS = {"ok": N_("Fine"), "caution": N_("Worth a look"), "alert": N_("To work on")}


def level_label(level: str | None) -> str:
    return _(LEVEL_LABELS[level]) if level else _("Not measured")


def value_text(value: float | None, unit: str) -> str:
    """A figure as a reader says it: 47 %, 79 words, 3 (no locale grouping: CLI and tooltips)."""
    if value is None:
        return "—"
    if unit == "fraction":
        return _("{percent}%").format(percent=round(value * 100))
    if unit == "words":
        return ngettext("{n} word", "{n} words", int(value)).format(n=int(value))
    return str(int(value))


def threshold_text(threshold: Threshold) -> str:
    ok = value_text(threshold.ok_max, threshold.unit)
    caution = value_text(threshold.caution_max, threshold.unit)
    if threshold.unit == "count" and threshold.ok_max == 0:
        return _("Fine at none; worth a look up to {caution}; to work on above.").format(caution=caution)
    return _("Fine up to {ok}; worth a look up to {caution}; to work on above.").format(ok=ok, caution=caution)


def grouped(number: int) -> str:
    """1 328 in French (narrow no-break space), 1,328 in English."""
    text = f"{number:,}"
    return text.replace(",", "\u202f") if current_language() == "fr" else text


def _of(part: int, whole: int) -> str:
    return _("{part} of {whole}").format(part=grouped(part), whole=grouped(whole))


def _measures(d: TranscriptDiagnostics) -> dict[str, tuple[float | None, str]]:
    """name -> (value, detail)."""
    q = d.questions
    answers = d.participant_turns
    time_detail = "" if d.interviewer_time_share is not None else _("No timestamps in this transcript.")
    longest = ("" if d.longest_interviewer_turn_position is None
               else _("Turn {n}.").format(n=d.longest_interviewer_turn_position + 1))
    overlaps = (_("This transcript does not mark overlapping speech.") if d.interviewer_overlaps is None
                else _("Participant's turns: {counts}.").format(counts=_of(d.interviewer_overlaps, answers)))
    return {
        "interviewer_word_share": (d.interviewer_word_share, _("Words: {counts}.").format(
            counts=_of(d.interviewer_words, d.total_words))),
        "interviewer_time_share": (d.interviewer_time_share, time_detail),
        "longest_interviewer_turn_words": (d.longest_interviewer_turn_words, longest),
        "closed_question_share": (share(q.closed, q.asked), _("Questions: {counts}.").format(
            counts=_of(q.closed, q.asked))),
        "leading_questions": (q.leading, _("Questions asked: {n}.").format(n=q.asked)),
        "flagged_question_share": (share(q.other_flagged, q.asked), _("Questions: {counts}.").format(
            counts=_of(q.other_flagged, q.asked))),
        "interruption_share": (share(d.interruptions, answers), _("Participant's turns: {counts}.").format(
            counts=_of(d.interruptions, answers))),
        "overlap_share": (None if d.interviewer_overlaps is None else share(d.interviewer_overlaps, answers),
                          overlaps),
        "third_party_answers": (d.third_party_answers, _("Questions asked: {n}.").format(n=q.asked)),
        "bare_yes_share": (d.bare_yes_share, _("Answers to closed questions: {counts}.").format(
            counts=_of(d.bare_yes_answers, d.closed_answered)) if d.closed_answered
            else _("The participant answered no closed question straight away.")),
    }


def figures_of(d: TranscriptDiagnostics) -> TranscriptDiagnostics:
    """The same diagnostics with their figures filled in, in reading order."""
    figures = []
    for name, (value, detail) in _measures(d).items():
        threshold = THRESHOLDS[name]
        level = threshold.level(value)
        figures.append(Figure(
            name=name, label=_(LABELS[name]), value=value, level=level, threshold=threshold,
            explanation=_(EXPLANATIONS[name]), detail=detail,
            tip=_(TIPS[name]) if level in ("caution", "alert") else "",
        ))
    return replace(d, figures=tuple(figures))


def intro_note(d: TranscriptDiagnostics) -> str:
    """Says what was counted: the whole transcript, or all but its introduction."""
    if d.include_intro:
        return _("Every turn is counted, the introduction included.")
    if not d.intro_turns:
        return _("Every turn is counted: no short introduction was found to leave out.")
    return ngettext(
        "The introduction (the first turn: recording, study and consent) is left out of these figures.",
        "The introduction (the first {n} turns: recording, study and consent) is left out of these figures.",
        d.intro_turns,
    ).format(n=d.intro_turns)


TRAINING_NOTE = N_(
    "These figures describe how interviews went, to help an interviewer practise: they are not a "
    "score, and interviewers are never compared with one another.")
