"""Measure one interview from its turns: talk, questions, interruptions, third parties, bare « oui ».

Every word figure counts words with ``app.core.words.count_words`` (runs of letters and digits),
as everywhere in Terrain.

The introduction (recording started, the study and consent explained, « Ça vous va ? » —
« Oui. ») is legitimately the interviewer's, so by default it is left out of every figure
(``bias_nlp.md`` §1.3). The rule needs no guide, so it works on any imported transcript: the
introduction is every turn before the interviewer turn that draws the participant's first real
answer, a participant turn of at least ``INTRO_ANSWER_WORDS`` words. It is left out only while it
stays short — at most ``INTRO_MAX_TURNS`` turns and ``INTRO_MAX_SHARE`` of the words —; a longer
opening is the interview itself and everything is counted. ``include_intro=True`` counts
everything.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.diagnostics.explain import figures_of
from app.core.diagnostics.model import FlaggedQuestion, QuestionCounts, TranscriptDiagnostics
from app.core.diagnostics.thresholds import BACKCHANNEL_WORDS
from app.core.diagnostics.turns import is_bare_assent, is_cut_off, read_question
from app.core.questions import check_question, detect_language
from app.core.questions.lexicon import load_lexicon
from app.core.summaries import share
from app.core.transcripts import Turn
from app.core.words import count_words

INTRO_ANSWER_WORDS = 20
INTRO_MAX_TURNS = 6
INTRO_MAX_SHARE = 0.15
# Closed questions are counted on their own; "info" findings are hints, not flags.
_NOT_FLAGGED = ("closed",)
_FLAG_SEVERITIES = ("caution", "alert")


def intro_length(turns: Sequence[Turn], words: Sequence[int]) -> int:
    """How many opening turns form the introduction (0 when there is none to leave out)."""
    for index, (turn, count) in enumerate(zip(turns, words)):
        if turn.speaker_role == "participant" and count >= INTRO_ANSWER_WORDS:
            asking = next((i for i in range(index - 1, -1, -1) if turns[i].speaker_role == "interviewer"), None)
            if not asking:
                return 0
            total = sum(words)
            if asking > INTRO_MAX_TURNS or (total and sum(words[:asking]) > INTRO_MAX_SHARE * total):
                return 0
            return asking
    return 0


def diagnose(turns: Sequence[Turn], *, lang: str = "auto", include_intro: bool = False,
             transcript_id: str = "", title: str = "") -> TranscriptDiagnostics:
    """The diagnostics of one transcript, turns in their order."""
    turns = list(turns)
    all_words = [count_words(turn.text) for turn in turns]
    skipped = 0 if include_intro else intro_length(turns, all_words)
    turns, words = turns[skipped:], all_words[skipped:]
    if lang not in ("fr", "en"):
        lang = detect_language(" ".join(t.text for t in turns if t.speaker_role == "interviewer")[:2000])
    lexicon = load_lexicon(lang)

    interviewer_words = sum(n for turn, n in zip(turns, words) if turn.speaker_role == "interviewer")
    longest, longest_at = 0, None
    for turn, n in zip(turns, words):
        if turn.speaker_role == "interviewer" and n > longest:
            longest, longest_at = n, turn.position

    kinds: dict[int, str] = {}  # index in turns -> "open" / "closed"
    closed = opened = 0
    leading_turns: set[int] = set()
    other_turns: set[int] = set()
    flagged: list[FlaggedQuestion] = []
    for index, turn in enumerate(turns):
        if turn.speaker_role != "interviewer":
            continue
        question = read_question(turn.text, lang, lexicon)
        if question is None:
            continue
        kinds[index] = question.kind
        closed += question.kind == "closed"
        opened += question.kind == "open"
        for finding in check_question(turn.text, lang, lexicon):
            if finding.rule in _NOT_FLAGGED or finding.severity not in _FLAG_SEVERITIES:
                continue
            (leading_turns if finding.rule == "leading" else other_turns).add(index)
            flagged.append(FlaggedQuestion(turn.position, finding.rule, finding.severity, turn.text,
                                           turn.text[finding.start:finding.end], finding.message,
                                           finding.suggestion))

    interruptions = tuple(
        turns[i + 1].position for i in range(len(turns) - 1)
        if turns[i].speaker_role == "participant" and turns[i + 1].speaker_role == "interviewer"
        and is_cut_off(turns[i].text)
    )
    third_party = tuple(turns[i].position for i in kinds if _answered_by_third_party(turns, i))
    answered = bare = 0
    for index, kind in kinds.items():
        following = turns[index + 1] if index + 1 < len(turns) else None
        if kind == "closed" and following is not None and following.speaker_role == "participant":
            answered += 1
            bare += is_bare_assent(following.text, lang)

    total_words = sum(words)
    result = TranscriptDiagnostics(
        transcript_id=transcript_id,
        title=title,
        language=lang,
        include_intro=include_intro,
        intro_turns=skipped,
        counted_turns=len(turns),
        participant_turns=sum(1 for turn in turns if turn.speaker_role == "participant"),
        interviewer_words=interviewer_words,
        total_words=total_words,
        interviewer_word_share=share(interviewer_words, total_words),
        interviewer_time_share=time_share(turns),
        longest_interviewer_turn_words=longest,
        longest_interviewer_turn_position=longest_at,
        questions=QuestionCounts(closed, opened, len(leading_turns), len(other_turns), tuple(flagged)),
        overlaps=sum(1 for turn in turns if turn.overlaps_previous),
        interviewer_overlaps=interviewer_overlaps(turns, words),
        interruptions=len(interruptions),
        interruption_positions=interruptions,
        third_party_answers=len(third_party),
        third_party_positions=third_party,
        closed_answered=answered,
        bare_yes_answers=bare,
        bare_yes_share=share(bare, answered),
    )
    return figures_of(result)


def _answered_by_third_party(turns: list[Turn], question: int) -> bool:
    """After an interviewer question, a third party speaks before the participant — or takes over
    right after the participant's answer was left unfinished (« Ah ça… c'est… »)."""
    for index in range(question + 1, len(turns)):
        role = turns[index].speaker_role
        if role == "interviewer":
            return False
        if role == "third_party":
            return True
        if role == "participant":
            following = turns[index + 1] if index + 1 < len(turns) else None
            return (following is not None and following.speaker_role == "third_party"
                    and is_cut_off(turns[index].text))
    return False


def interviewer_overlaps(turns: Sequence[Turn], words: Sequence[int]) -> int | None:
    """Interviewer turns said over a participant's turn, backchannels (« oui », « hm hm ») left out.

    None when no turn at all is marked as overlapping: the transcript does not record overlaps,
    which is not the same as there being none.
    """
    if not any(turn.overlaps_previous for turn in turns):
        return None
    return sum(
        1 for index in range(1, len(turns))
        if turns[index].overlaps_previous and turns[index].speaker_role == "interviewer"
        and turns[index - 1].speaker_role == "participant" and words[index] > BACKCHANNEL_WORDS
    )


# Time share is given only when nearly every turn has a duration: a few stray timestamps in a
# text transcript would give a misleading figure.
TIMED_TURNS_NEEDED = 0.9


def time_share(turns: Sequence[Turn]) -> float | None:
    """Interviewer share of speaking time; a turn without an end lasts until the next one starts."""
    durations: list[tuple[str, int]] = []
    for index, turn in enumerate(turns):
        end = turn.end_ms
        if end is None and index + 1 < len(turns):
            end = turns[index + 1].start_ms
        if turn.start_ms is not None and end is not None and end >= turn.start_ms:
            durations.append((turn.speaker_role, end - turn.start_ms))
    if not turns or len(durations) < TIMED_TURNS_NEEDED * (len(turns) - 1) or len(durations) < 2:
        return None
    total = sum(duration for _role, duration in durations)
    return share(sum(d for role, d in durations if role == "interviewer"), total)
