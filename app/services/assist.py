"""Assisted coding: segments that may belong to a code, for the analyst to accept or reject.

Each code may carry keywords and example phrases (one per line). A candidate segment is one
sentence of what a participant said (never the interviewer's questions, nor third parties, nor the
words of a participant who withdrew). It scores by the Snowball stems it shares with the keywords
(each keyword found is strong evidence) and with the closest example phrase (cosine of their sets of
stems). Full-text search narrows the turns to read first: only turns holding the start of one of
those stems are split into sentences and stemmed.

Nothing is coded without a decision: ``accept`` codes the segment and records the decision,
``reject`` records that the segment is not to be offered again to that coder for that code. Both
return a Step for undo.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from app.core import stems
from app.core.coding import Code, Coding, SuggestionDecision
from app.i18n import _, ngettext
from app.services.coding import apply_code, full_text_of
from app.services.history import Step
from app.store.project import Project

DEFAULT_LIMIT = 200
# Roles whose words get coded. « unknown » stays: a transcript imported without speaker roles would
# otherwise offer nothing.
CODED_ROLES = ("participant", "unknown")
# An example phrase counts when the sentence shares this much with it (cosine of the sets of stems)
# and at least two stems (one, for an example of one or two meaningful words).
PHRASE_THRESHOLD = 0.25
MIN_PREFIX = 3  # shorter prefixes would make the search read nearly every turn
REASON_PHRASE_CHARS = 50


class AssistError(ValueError):
    """A suggestion refused; the message says why."""


@dataclass(frozen=True)
class Suggestion:
    """A sentence that may belong to the code: [start, end) of the transcript's full text.

    ``score`` runs from 0 to 1; ``reasons`` say, in words, what matched; ``matches`` are the
    [start, end) of the matched words in the full text, for highlighting.
    """

    transcript_id: str
    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...] = ()
    matches: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    transcript_title: str = field(default="", compare=False)
    participant_code: str = field(default="", compare=False)


# a code's hints ------------------------------------------------------------------------------------
def hint_lines(text: str) -> list[str]:
    """The non-empty lines of a keywords or example-phrases field, each once, in their order."""
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


def set_hints(project: Project, code_id: str, keywords: str, example_phrases: str, actor: str = "") -> Code:
    """Change a code's keywords and example phrases; the codebook's changelog records it."""
    code = project.codes.get(code_id)
    if code.deleted_at:
        raise AssistError(_("The code “{name}” is in the bin; restore it first.").format(name=code.name))
    after = {"keywords": "\n".join(hint_lines(keywords)), "example_phrases": "\n".join(hint_lines(example_phrases))}
    changed = {name: [getattr(code, name), value] for name, value in after.items() if getattr(code, name) != value}
    if not changed:
        return code
    code = replace(code, **after)
    with project.transaction():
        project.codes.update(code)
        project.audit("codebook_code_updated", "code", code.id, actor=actor, name=code.name, changes=changed)
    return code


Words = tuple[frozenset[str], ...]  # the keys of each meaningful word of a keyword or phrase


@dataclass(frozen=True)
class _Evidence:
    """A code's keywords and example phrases reduced to their words' keys in one language."""

    keywords: tuple[tuple[str, Words], ...]
    phrases: tuple[tuple[str, Words], ...]

    @property
    def all_stems(self) -> set[str]:
        return {key for _text, words in self.keywords + self.phrases for word in words for key in word}


def _evidence(code: Code, language: str) -> _Evidence:
    # Keywords that are forms of one word (seul, seule) count once: the first one written names them.
    keywords: dict[Words, str] = {}
    for word in hint_lines(code.keywords):
        keywords.setdefault(stems.word_keys(word, language), word)
    phrases = tuple((phrase, stems.word_keys(phrase, language)) for phrase in hint_lines(code.example_phrases))
    return _Evidence(tuple((word, keys) for keys, word in keywords.items() if keys), tuple(p for p in phrases if p[1]))


def _prefix(stem: str) -> str | None:
    """The start every form of a word with this stem shares: Snowball may change a stem's last
    letters (happy -> happi), so two are dropped from longer stems."""
    cut = stem[:-2] if len(stem) > MIN_PREFIX + 2 else stem[:-1] if len(stem) > MIN_PREFIX else stem
    cut = cut.split("'")[-1]
    return cut if len(cut) >= MIN_PREFIX else None


# scoring -------------------------------------------------------------------------------------------
def _score(text: str, offset: int, language: str, evidence: _Evidence) -> tuple[float, tuple, tuple] | None:
    """Score one sentence; None when nothing matches."""
    tokens = stems.tokens(text, language)
    found = {key for token in tokens for key in token.keys}
    if not found:
        return None
    matched: set[str] = set()
    keywords = []
    for keyword, words in evidence.keywords:
        if all(word & found for word in words):
            keywords.append(keyword)
            matched.update(key for word in words for key in word & found)
    sentence_words = len({token.stem for token in tokens})
    best, best_phrase, best_shared = 0.0, "", set()
    for phrase, words in evidence.phrases:
        shared = [word & found for word in words if word & found]
        similarity = len(shared) / math.sqrt(len(words) * sentence_words)
        if len(shared) >= min(2, len(words)) and similarity >= PHRASE_THRESHOLD and similarity > best:
            best, best_phrase, best_shared = similarity, phrase, set().union(*shared)
    if not keywords and not best_phrase:
        return None
    score = 1 - (0.5 ** len(keywords)) * (1 - min(best, 1.0))
    reasons = [_("keyword “{word}”").format(word=word) for word in keywords]
    if best_phrase:
        short = best_phrase if len(best_phrase) <= REASON_PHRASE_CHARS else (
            best_phrase[:REASON_PHRASE_CHARS].rsplit(" ", 1)[0] + "…")
        reasons.append(_("close to the example “{phrase}”").format(phrase=short))
    matched |= best_shared
    spans = tuple((offset + t.start, offset + t.end) for t in tokens if t.keys & matched)
    return score, tuple(reasons), spans


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


# candidate turns -----------------------------------------------------------------------------------
_TURNS = """
    SELECT t.transcript_id, t.char_start, t.text FROM turn t
    JOIN transcript tr ON tr.id = t.transcript_id
    LEFT JOIN interview iv ON iv.id = tr.interview_id
    LEFT JOIN participant p ON p.id = iv.participant_id
    WHERE t.speaker_role IN ('participant', 'unknown') AND (p.id IS NULL OR p.status != 'withdrawn')"""
_TRANSCRIPTS = """
    SELECT tr.id, tr.title, tr.language, coalesce(p.code, '') FROM transcript tr
    LEFT JOIN interview iv ON iv.id = tr.interview_id
    LEFT JOIN participant p ON p.id = iv.participant_id
    WHERE (p.id IS NULL OR p.status != 'withdrawn')"""


def transcript_choices(project: Project) -> list[tuple[str, str]]:
    """(id, title) of the transcripts suggestions may come from: withdrawn participants' left out."""
    return sorted(((row[0], row[1]) for row in project.db.execute(_TRANSCRIPTS)), key=lambda pair: pair[1])


def _candidate_turns(project: Project, prefixes: set[str] | None, transcript_id: str | None):
    """(transcript id, offset, text) of the coded roles' turns, those holding a prefix when given."""
    sql, params = _TURNS, []
    if prefixes:
        sql += " AND t.rowid IN (SELECT rowid FROM turn_fts WHERE turn_fts MATCH ?)"
        params.append(" OR ".join('"' + prefix.replace('"', '""') + '"*' for prefix in sorted(prefixes)))
    if transcript_id:
        sql += " AND t.transcript_id = ?"
        params.append(transcript_id)
    return project.db.execute(sql + " ORDER BY t.transcript_id, t.position", params).fetchall()


def _decided_spans(project: Project, code_id: str, coder_id: str) -> dict[str, list[tuple[int, int]]]:
    """Spans this coder already coded with the code, or decided about: not to be offered again."""
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for transcript_id, start, end in project.db.execute(
            "SELECT transcript_id, start_offset, end_offset FROM coding WHERE code_id = ? AND coder_id = ? "
            "UNION ALL SELECT transcript_id, start_offset, end_offset FROM suggestion_decision "
            "WHERE code_id = ? AND coder_id = ?", [code_id, coder_id, code_id, coder_id]):
        spans[transcript_id].append((start, end))
    return spans


def suggest(project: Project, code_id: str, coder_id: str, transcript_id: str | None = None,
            limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """The sentences most likely to belong to the code, best first, that this coder has neither
    coded with it nor decided about. Empty when the code has no keywords or example phrases."""
    code = project.codes.get(code_id)
    project.coders.get(coder_id)
    if code.deleted_at:
        raise AssistError(_("The code “{name}” is in the bin; restore it first.").format(name=code.name))
    default_language = (project.study().languages or ["fr"])[0]
    transcripts = {row[0]: row[1:] for row in project.db.execute(_TRANSCRIPTS)}
    languages = {language if language in stems.SNOWBALL_LANGUAGES else default_language
                 for _title, language, _code in transcripts.values()} or {default_language}
    evidence = {language: _evidence(code, language) for language in languages}
    wanted = set().union(*(found.all_stems for found in evidence.values()))
    if not wanted:
        return []
    prefixes = {_prefix(stem) for stem in wanted}
    # One stem too short to search for: read every turn rather than miss its sentences.
    searchable = None if None in prefixes else {prefix for prefix in prefixes if prefix}
    decided = _decided_spans(project, code_id, coder_id)
    found: list[Suggestion] = []
    for turn_transcript, offset, text in _candidate_turns(project, searchable, transcript_id):
        if turn_transcript not in transcripts:
            continue
        title, language, participant = transcripts[turn_transcript]
        language = language if language in evidence else default_language
        for start, end in stems.sentences(text):
            sentence = text[start:end]
            if searchable:
                folded = stems.fold_text(sentence)
                if not any(prefix in folded for prefix in searchable):
                    continue
            absolute = (offset + start, offset + end)
            if _overlaps(*absolute, decided.get(turn_transcript, ())):
                continue
            scored = _score(sentence, absolute[0], language, evidence[language])
            if scored is None:
                continue
            score, reasons, spans = scored
            found.append(Suggestion(turn_transcript, absolute[0], absolute[1], sentence, round(score, 4), reasons,
                                    spans, title, participant))
    found.sort(key=lambda s: (-s.score, s.participant_code, s.transcript_title, s.start))
    return found[:limit]


# decisions -----------------------------------------------------------------------------------------
def _check_current(project: Project, suggestion: Suggestion) -> None:
    text = full_text_of(project, suggestion.transcript_id)
    if text[suggestion.start:suggestion.end] != suggestion.text:
        raise AssistError(_("The transcript changed since this suggestion was made: ask for suggestions again."))


def _record(project: Project, suggestion: Suggestion, code_id: str, coder_id: str, decision: str,
            coding_id: str | None) -> tuple[SuggestionDecision, SuggestionDecision | None]:
    """Store a decision; a coder holds one decision per code and span, so their own earlier decision
    on the very same span gives way (it is returned, for undo). Each coder decides for themselves,
    as blind double coding needs."""
    earlier = project.suggestion_decisions.first(
        "code_id = ? AND transcript_id = ? AND coder_id = ? AND start_offset = ? AND end_offset = ?",
        [code_id, suggestion.transcript_id, coder_id, suggestion.start, suggestion.end])
    if earlier is not None:
        project.suggestion_decisions.delete(earlier.id)
    made = SuggestionDecision(code_id=code_id, transcript_id=suggestion.transcript_id, coder_id=coder_id,
                              start_offset=suggestion.start, end_offset=suggestion.end, decision=decision,
                              coding_id=coding_id)
    project.suggestion_decisions.insert(made)
    return made, earlier


def _undo_decisions(made: list[tuple[SuggestionDecision, SuggestionDecision | None, Coding | None]]):
    def undo(project: Project) -> None:
        with project.transaction():
            for decision, earlier, coding in reversed(made):
                project.suggestion_decisions.delete(decision.id)
                if coding is not None:
                    project.codings.delete(coding.id)
                if earlier is not None:
                    project.suggestion_decisions.insert(earlier)
    return undo


def _redo_decisions(made: list[tuple[SuggestionDecision, SuggestionDecision | None, Coding | None]]):
    def redo(project: Project) -> None:
        with project.transaction():
            for decision, earlier, coding in made:
                if earlier is not None:
                    project.suggestion_decisions.delete(earlier.id)
                if coding is not None:
                    project.codings.insert(coding)
                project.suggestion_decisions.insert(decision)
    return redo


def _accept_one(project: Project, suggestion: Suggestion, code_id: str, coder_id: str, actor: str):
    coding = apply_code(project, suggestion.transcript_id, suggestion.start, suggestion.end, code_id, coder_id)
    decision, earlier = _record(project, suggestion, code_id, coder_id, "accepted", coding.id)
    project.audit("suggestion_accepted", "coding", coding.id, actor=actor, code_id=code_id,
                  transcript_id=suggestion.transcript_id, start=suggestion.start, end=suggestion.end)
    return decision, earlier, coding


def accept(project: Project, suggestion: Suggestion, code_id: str, coder_id: str) -> Step:
    """Code the suggested segment for this coder and record the decision; the step undoes both."""
    return accept_many(project, [suggestion], code_id, coder_id)


def accept_many(project: Project, suggestions: list[Suggestion], code_id: str, coder_id: str) -> Step:
    """Accept several suggestions together, as one step. A segment this coder has meanwhile coded
    with the code is refused (one alone) or passed over (among several)."""
    code, coder = project.codes.get(code_id), project.coders.get(coder_id)
    made = []
    with project.transaction():
        for suggestion in suggestions:
            _check_current(project, suggestion)
            coded = _decided_spans(project, code_id, coder_id).get(suggestion.transcript_id, ())
            if _overlaps(suggestion.start, suggestion.end, coded):
                if len(suggestions) == 1:
                    raise AssistError(_("You already coded this segment with “{name}”, or decided about it.")
                                      .format(name=code.name))
                continue
            made.append(_accept_one(project, suggestion, code_id, coder_id, coder.name))
    label = ngettext("accept {n} suggestion for “{name}”", "accept {n} suggestions for “{name}”",
                     len(made)).format(n=len(made), name=code.name)
    return Step(label, undo=_undo_decisions(made), redo=_redo_decisions(made))


def reject(project: Project, suggestion: Suggestion, code_id: str, coder_id: str) -> Step:
    """Record that this segment does not belong to the code, so it is not offered again."""
    code, coder = project.codes.get(code_id), project.coders.get(coder_id)
    with project.transaction():
        decision, earlier = _record(project, suggestion, code_id, coder_id, "rejected", None)
        project.audit("suggestion_rejected", "code", code_id, actor=coder.name,
                      transcript_id=suggestion.transcript_id, start=suggestion.start, end=suggestion.end)
    made = [(decision, earlier, None)]
    return Step(_("reject a suggestion for “{name}”").format(name=code.name), undo=_undo_decisions(made),
                redo=_redo_decisions(made))

