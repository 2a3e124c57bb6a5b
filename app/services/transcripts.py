"""Changing a transcript's text without losing its codings: editing a turn, pseudonymising.

Both go through the same anchoring (app.core.anchoring): the changes to the full text are worked
out, every coding of the transcript is carried through them, later turns' offsets move, all in
one transaction. A coding whose text was deleted is kept and flagged "orphaned", never dropped.

Pseudonymisation replaces names in the turns themselves, so that analysis, search and every
export read pseudonymised text; what each pseudonym stands for stays in the identity store.
The audit log records counts, never the names.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.core.anchoring import EditScript
from app.core.pseudonyms import (
    Candidate,
    Matcher,
    Pseudonym,
    capitalised_candidates,
    fold,
    identity_terms,
    number_new,
    require_kind,
)
from app.core.pseudonyms import replace as replace_names
from app.core.transcripts import Transcript, Turn, assign_char_starts
from app.i18n import _
from app.store.project import Project

MAX_TURN_CHARS = 200_000


class TranscriptEditError(ValueError):
    """An edit that cannot be made, with a message a person can act on."""


@dataclass(frozen=True)
class EditResult:
    remapped: int  # codings that moved with the text
    orphaned: int  # codings whose text was deleted, now flagged


@dataclass(frozen=True)
class PseudonymisationResult:
    replaced: int  # occurrences replaced in the text
    originals: int  # distinct names and places replaced
    turns: int  # turns whose text changed
    remapped: int
    orphaned: int


# editing -----------------------------------------------------------------------------------------
def edit_turn(project: Project, turn_id: str, new_text: str, actor: str = "") -> EditResult:
    """Give a turn a new text; later turns and the transcript's codings follow."""
    turn = project.turns.get(turn_id)
    text = new_text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TranscriptEditError(_("A turn cannot be left empty: write at least one word, or keep the text."))
    if len(text) > MAX_TURN_CHARS:
        raise TranscriptEditError(_("A turn cannot hold more than {n} characters.").format(n=MAX_TURN_CHARS))
    if text == turn.text:
        return EditResult(0, 0)
    turns = project.turns_of(turn.transcript_id)
    old_length = _full_length(turns)
    # Diffed within the turn only: the person edited this turn, whatever the neighbours say.
    script = EditScript.between(turn.text, text).within(turn.char_start, old_length)
    with project.transaction():
        changed = _apply(project, turns, {turn.id: text}, script)
        project.audit("turn_edited", "turn", turn.id, actor=actor, transcript=turn.transcript_id,
                      remapped=changed.remapped, orphaned=changed.orphaned)
    return changed


def _full_length(turns: list[Turn]) -> int:
    return sum(len(turn.text) for turn in turns) + max(len(turns) - 1, 0)


def _apply(project: Project, turns: list[Turn], new_texts: dict[str, str], script: EditScript) -> EditResult:
    """Write new turn texts, move later turns' offsets and carry the codings (caller's transaction)."""
    before = {turn.id: (turn.text, turn.char_start) for turn in turns}
    for turn in turns:
        turn.text = new_texts.get(turn.id, turn.text)
    assign_char_starts(turns)
    for turn in turns:
        if (turn.text, turn.char_start) != before[turn.id]:
            project.turns.update(turn)
    if _full_length(turns) != script.new_length:
        raise AssertionError("the edit script does not match the new text")
    remapped = orphaned = 0
    for coding in project.codings.find("transcript_id = ?", [turns[0].transcript_id] if turns else [""]):
        was_orphaned = coding.anchor_status == "orphaned"
        span = script.map_span(coding.start_offset, coding.end_offset, was_orphaned)
        if (span.start, span.end, span.orphaned) == (coding.start_offset, coding.end_offset, was_orphaned):
            continue
        if span.orphaned and not was_orphaned:
            orphaned += 1
        elif not span.orphaned:
            remapped += 1
        coding.start_offset, coding.end_offset = span.start, span.end
        coding.anchor_status = "orphaned" if span.orphaned else "ok"
        project.codings.update(coding)
    return EditResult(remapped, orphaned)


# pseudonymisation ------------------------------------------------------------------------------
def _participant_id(project: Project, transcript: Transcript) -> str | None:
    if not transcript.interview_id:
        return None
    return project.interviews.get(transcript.interview_id).participant_id


def suggest_pseudonyms(project: Project, transcript_id: str) -> list[Candidate]:
    """What may need replacing in a transcript, most certain first, each with its count.

    In order: the participant's own names, town and street, then other participants' names
    (members of one cooperative often name each other), the study's list, names already
    replaced in other transcripts, and capitalised words inside sentences.
    """
    transcript = project.transcripts.get(transcript_id)
    texts = [turn.text for turn in project.turns_of(transcript_id)]
    language = transcript.language
    own = _participant_id(project, transcript)
    # The study's territories are named in the report anyway: they identify no one.
    territories = {fold(territory.name) for territory in project.territories.find()}
    proposals: list[tuple[str, str, str]] = []  # (text, kind, source)
    identities = sorted(project.identities.all(), key=lambda identity: identity.participant_id != own)
    for identity in identities:
        address = identity.address if identity.participant_id == own else ""
        proposals += [(text, kind, "identity") for text, kind in identity_terms(identity.full_name, address, language)
                      if fold(text) not in territories]
    proposals += [(term.text, term.kind, "study_list") for term in project.identities.study_terms(transcript.study_id)]
    mapped = {fold(p.original): p for p in project.identities.pseudonyms(transcript.study_id)}
    proposals += [(p.original, p.kind, "mapped") for p in mapped.values()]
    known = [text for text, _kind, _source in proposals] + [territory.name for territory in project.territories.find()]
    proposals += [(c.text, c.kind_guess, "suggested") for c in capitalised_candidates(texts, language, known)]

    counts = Matcher(text for text, _kind, _source in proposals).count(texts)
    candidates: dict[str, Candidate] = {}
    for text, kind, source in proposals:
        key = fold(text)
        if not counts.get(key) or key in candidates:
            continue
        pseudonym = mapped.get(key)
        candidates[key] = Candidate(
            text=text, kind_guess=pseudonym.kind if pseudonym else kind, count=counts[key],
            from_identity=source == "identity", source=source,
            replacement=pseudonym.replacement(language) if pseudonym else "",
        )
    return list(candidates.values())


def preview_pseudonyms(project: Project, transcript_id: str, confirmed: dict[str, str]) -> dict[str, str]:
    """The replacement each confirmed original would get, without writing anything."""
    transcript = project.transcripts.get(transcript_id)
    table = _replacement_table(project, transcript.study_id, confirmed)[0]
    return {original: table[fold(original)].replacement(transcript.language)
            for original in confirmed if fold(original) in table}


def _replacement_table(project: Project, study_id: str,
                       confirmed: dict[str, str]) -> tuple[dict[str, Pseudonym], list[Pseudonym]]:
    for kind in confirmed.values():
        require_kind(kind)
    existing = project.identities.pseudonyms(study_id)
    new = number_new(existing, confirmed)
    by_key = {fold(p.original): p for p in existing + new}
    return {fold(original): by_key[fold(original)] for original in confirmed if fold(original) in by_key}, new


def pseudonymise(project: Project, transcript_id: str, confirmed: dict[str, str],
                 actor: str = "") -> PseudonymisationResult:
    """Replace the confirmed originals (original -> kind) in every turn of the transcript.

    New originals get the study's next numbers; originals already numbered keep theirs. The
    transcript is marked pseudonymised. Codings stay on their words: a coded name becomes a
    coded pseudonym.
    """
    transcript = project.transcripts.get(transcript_id)
    turns = project.turns_of(transcript_id)
    with project.transaction():
        table, new = _replacement_table(project, transcript.study_id, confirmed)
        project.identities.add_pseudonyms(transcript.study_id, new)
        matcher = Matcher(confirmed)
        replacements = {key: pseudonym.replacement(transcript.language) for key, pseudonym in table.items()}
        new_texts, spans, used = {}, [], set()
        for turn in turns:
            text, made = replace_names(turn.text, matcher, replacements)
            if made:
                new_texts[turn.id] = text
                spans += [(turn.char_start + start, turn.char_start + end, len(new)) for start, end, new in made]
                used.update(fold(turn.text[start:end]) for start, end, _new in made)
        script = EditScript.from_replacements(_full_length(turns), spans)
        changed = _apply(project, turns, new_texts, script)
        project.transcripts.update(replace(transcript, pseudonymised=True))
        if new_texts:
            # FTS5 keeps deleted words in its older segments until they are merged: merge them
            # now, or the names would still sit in the search index (about 1 s for 16 M words).
            project.db.execute("INSERT INTO turn_fts (turn_fts) VALUES ('optimize')")
        result = PseudonymisationResult(replaced=len(spans), originals=len(used), turns=len(new_texts),
                                        remapped=changed.remapped, orphaned=changed.orphaned)
        project.audit("transcript_pseudonymised", "transcript", transcript_id, actor=actor,
                      replaced=result.replaced, originals=result.originals, new_pseudonyms=len(new))
    return result


@dataclass(frozen=True)
class Excerpt:
    """An occurrence in its context, as it reads now and as it would read once replaced."""

    turn_position: int
    before: str
    original: str
    replacement: str
    after: str


def preview_excerpts(project: Project, transcript_id: str, confirmed: dict[str, str],
                     limit: int = 40, context: int = 50) -> list[Excerpt]:
    """The first ``limit`` occurrences of the confirmed originals, in the order of the text; the
    words around them read as they will once every confirmed name is replaced."""
    replacements = {fold(original): new for original, new in preview_pseudonyms(project, transcript_id,
                                                                                 confirmed).items()}
    matcher = Matcher(confirmed)

    def replaced(text: str) -> str:
        return replace_names(text, matcher, replacements)[0]

    excerpts = []
    for turn in project.turns_of(transcript_id):
        for occurrence in matcher.find(turn.text):
            if occurrence.key not in replacements:
                continue
            before = turn.text[max(0, occurrence.start - context):occurrence.start]
            after = turn.text[occurrence.end:occurrence.end + context]
            if occurrence.start > context:
                before = "…" + before.split(" ", 1)[-1]
            if occurrence.end + context < len(turn.text):
                after = after.rsplit(" ", 1)[0] + "…"
            excerpts.append(Excerpt(
                turn_position=turn.position, before=replaced(before), after=replaced(after),
                original=turn.text[occurrence.start:occurrence.end], replacement=replacements[occurrence.key],
            ))
            if len(excerpts) >= limit:
                return excerpts
    return excerpts


def add_study_name(project: Project, text: str, kind: str) -> None:
    """Add a name or place to the study's list, looked for in every transcript."""
    if not text.strip():
        raise TranscriptEditError(_("Type the name or the place to add."))
    project.identities.add_study_term(project.study().id, text, kind)


def remove_study_name(project: Project, text: str) -> None:
    project.identities.remove_study_term(project.study().id, text)
