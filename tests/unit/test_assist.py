"""Assisted coding: words reduced to stems, suggestions scored and placed exactly, and decisions."""

from __future__ import annotations


import pytest

from app.core import stems
from app.core.transcripts import Transcript, Turn
from app.services import assist, codebook, participants
from app.services.assist import AssistError
from app.services.coding import code_descendants, codebook_changelog, full_text_of
from app.store.project import Project

INTERVIEWER = "Vous sentez-vous seule dans votre travail ?"
LONELY = "Oui, je me sens très seule."
WEATHER = "La météo était belle ce jour-là."
BOTH = "L’isolement et la solitude me pèsent."


def code_named(project: Project, name: str):
    return project.codes.first("name = ?", [name])


def coder_named(project: Project, name: str):
    return project.coders.first("name = ?", [name])


def transcript_of(project: Project, code: str) -> str:
    return project.db.execute(
        "SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
        "JOIN participant p ON p.id = iv.participant_id WHERE p.code = ?", [code]).fetchone()[0]


def small_transcript(project: Project) -> str:
    """A transcript of three turns: a question, an answer of three sentences, a closing question."""
    transcript = Transcript(study_id=project.study().id, title="Essai", imported_at="2025-06-01T10:00:00Z")
    turns = [Turn(transcript_id="", position=0, text=INTERVIEWER, speaker_label="Enquêtrice",
                  speaker_role="interviewer"),
             Turn(transcript_id="", position=0, text=f"{LONELY} {WEATHER} {BOTH}", speaker_label="P",
                  speaker_role="participant"),
             Turn(transcript_id="", position=0, text="Et la solitude, vous en parlez à vos collègues ?",
                  speaker_label="Enquêtrice", speaker_role="interviewer")]
    project.add_transcript(transcript, turns)
    return transcript.id


@pytest.fixture
def lonely(demo):
    """The demo, the code « Isolement » with keywords, and the small transcript."""
    code = code_named(demo, "Isolement")
    assist.set_hints(demo, code.id, "seul\nisolement\nsolitude", "Je me sens seule face à mes décisions.")
    return demo, code_named(demo, "Isolement"), coder_named(demo, "Inès Moreau"), small_transcript(demo)


# stems -----------------------------------------------------------------------------------------------
@pytest.fixture
def offline(monkeypatch):
    """Stemming must never reach for nltk data: a download attempt fails the test."""
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    stems._stemmer.cache_clear()
    stems.stem.cache_clear()
    yield


def test_french_elision_is_undone_and_offsets_point_at_the_word(offline):
    text = "L’emploi, c'est d’abord qu’on s’entraide jusqu’à aujourd’hui."
    found = stems.tokens(text, "fr")
    assert [token.text for token in found] == ["emploi", "abord", "entraide", "aujourd’hui"]
    assert all(text[token.start:token.end] == token.text for token in found)


def test_accents_and_inflections_meet_on_one_stem(offline):
    assert stems.stem("sécurité", "fr") == stems.stem("Sécurités", "fr")
    assert stems.stems("securite", "fr") & stems.stems("sécurité", "fr")  # a keyword typed without accents
    assert stems.stem("isolée", "fr") == stems.stem("isolement", "fr")
    assert stems.stem("revenus", "fr") == stems.stem("revenu", "fr")
    assert stems.stem("cooperatives", "en") == stems.stem("cooperative", "en")


def test_stopwords_are_left_out(offline):
    assert "le" in stems.stopwords("fr") and "the" in stems.stopwords("en")
    assert [t.folded for t in stems.tokens("Je suis dans la coopérative avec eux", "fr")] == ["cooperative"]
    assert [t.folded for t in stems.tokens("I don't know what the workers said", "en")] == ["know", "workers", "said"]


def test_sentences_are_trimmed_spans():
    text = "  Bonjour. Je suis « contente » ! Et vous ?\nOui… bien sûr.  Fin"
    spans = stems.sentences(text)
    assert [text[a:b] for a, b in spans] == ["Bonjour.", "Je suis « contente » !", "Et vous ?", "Oui…",
                                             "bien sûr.", "Fin"]


# suggestions ----------------------------------------------------------------------------------------
def test_keyword_sentences_are_suggested_best_first_and_others_left_out(lonely):
    demo, code, coder, transcript_id = lonely
    assist.set_hints(demo, code.id, "seul\nisolement\nsolitude", "")
    found = assist.suggest(demo, code.id, coder.id, transcript_id)
    texts = [s.text for s in found]
    assert texts == [BOTH, LONELY]  # two keywords before one; the weather matches nothing
    assert found[0].score > found[1].score > 0
    assert any("isolement" in reason for reason in found[0].reasons)
    full = full_text_of(demo, transcript_id)
    for suggestion in found:
        assert full[suggestion.start:suggestion.end] == suggestion.text
        assert all(full[a:b].lower().startswith(("seul", "isol", "solit")) for a, b in suggestion.matches)


def test_the_interviewers_words_are_never_suggested(lonely):
    demo, code, coder, transcript_id = lonely
    found = assist.suggest(demo, code.id, coder.id)
    roles = {}
    for turn in demo.turns.find():
        roles.setdefault(turn.transcript_id, []).append((turn.char_start, turn.char_end, turn.speaker_role))
    assert found
    for suggestion in found:
        role = [r for a, b, r in roles[suggestion.transcript_id] if a <= suggestion.start and suggestion.end <= b]
        assert role in (["participant"], ["unknown"])
    assert INTERVIEWER not in [s.text for s in found]


def test_offsets_slice_the_full_text_exactly_across_the_demo(lonely):
    demo, code, coder, _transcript = lonely
    found = assist.suggest(demo, code.id, coder.id)
    assert len({s.transcript_id for s in found}) >= 3
    texts = {}
    for suggestion in found:
        text = texts.setdefault(suggestion.transcript_id, full_text_of(demo, suggestion.transcript_id))
        assert text[suggestion.start:suggestion.end] == suggestion.text


def test_example_phrases_alone_find_close_sentences(demo):
    code = code_named(demo, "Irrégularité des revenus")
    coder = coder_named(demo, "Bastien Lefèvre")
    assist.set_hints(demo, code.id, "", "Certains mois, mon revenu dépend de ce que je facture.")
    found = assist.suggest(demo, code.id, coder.id)
    assert any("si tu factures pas pendant trois mois" in s.text for s in found)
    assert all(len(s.reasons) == 1 and "Certains mois" in s.reasons[0] for s in found)
    assert all(0 < s.score < 1 for s in found)


def test_already_coded_spans_are_not_offered(lonely):
    demo, code, coder, _transcript = lonely
    coded = [(g.transcript_id, g.start_offset, g.end_offset) for g in
             demo.codings.find("code_id = ? AND coder_id = ?", [code.id, coder.id])]
    assert coded
    for suggestion in assist.suggest(demo, code.id, coder.id):
        assert not any(t == suggestion.transcript_id and a < suggestion.end and suggestion.start < b
                       for t, a, b in coded)


def test_suggesting_codes_nothing(lonely):
    demo, code, coder, _transcript = lonely
    before = demo.codings.count()
    assert assist.suggest(demo, code.id, coder.id)
    assert demo.codings.count() == before and demo.suggestion_decisions.count() == 0


def test_a_code_without_hints_suggests_nothing(demo):
    code = code_named(demo, "Ancrage territorial")
    assert assist.suggest(demo, code.id, coder_named(demo, "Inès Moreau").id) == []


def test_a_binned_code_is_refused(lonely):
    demo, code, coder, _transcript = lonely
    codebook.delete_code(demo, code.id)
    with pytest.raises(AssistError):
        assist.suggest(demo, code.id, coder.id)


def test_withdrawn_participants_are_left_out(lonely):
    demo, code, coder, _transcript = lonely
    found = assist.suggest(demo, code.id, coder.id)
    withdrawn = transcript_of(demo, "LYO-01")
    assert withdrawn in {s.transcript_id for s in found}
    participants.withdraw(demo, demo.participants.first("code = 'LYO-01'").id)
    assert withdrawn not in {s.transcript_id for s in assist.suggest(demo, code.id, coder.id)}


# decisions -------------------------------------------------------------------------------------------
def test_rejected_is_not_offered_again_and_undo_brings_it_back(lonely):
    demo, code, coder, transcript_id = lonely
    first = assist.suggest(demo, code.id, coder.id, transcript_id)[0]
    step = assist.reject(demo, first, code.id, coder.id)
    decision = demo.suggestion_decisions.first()
    assert (decision.decision, decision.coder_id, decision.coding_id) == ("rejected", coder.id, None)
    assert first not in assist.suggest(demo, code.id, coder.id, transcript_id)
    other = coder_named(demo, "Bastien Lefèvre")
    assert first in assist.suggest(demo, code.id, other.id, transcript_id)  # a decision is one coder's
    step.undo(demo)
    assert demo.suggestion_decisions.count() == 0
    assert first in assist.suggest(demo, code.id, coder.id, transcript_id)


def test_two_coders_decide_on_the_same_span_each_for_themselves(lonely):
    demo, code, coder, transcript_id = lonely
    other = coder_named(demo, "Bastien Lefèvre")
    first = assist.suggest(demo, code.id, coder.id, transcript_id)[0]
    assist.reject(demo, first, code.id, coder.id)
    assist.accept(demo, first, code.id, other.id)
    decisions = {d.coder_id: d.decision for d in demo.suggestion_decisions.find()}
    assert decisions == {coder.id: "rejected", other.id: "accepted"}


def test_accept_makes_exactly_one_coding_with_the_coder(lonely):
    demo, code, coder, transcript_id = lonely
    before = demo.codings.count()
    first = assist.suggest(demo, code.id, coder.id, transcript_id)[0]
    step = assist.accept(demo, first, code.id, coder.id)
    assert demo.codings.count() == before + 1
    made = demo.codings.first("transcript_id = ?", [transcript_id])
    assert (made.code_id, made.coder_id, made.start_offset, made.end_offset) == (code.id, coder.id, first.start,
                                                                                 first.end)
    decision = demo.suggestion_decisions.first()
    assert (decision.decision, decision.coding_id) == ("accepted", made.id)
    assert first not in assist.suggest(demo, code.id, coder.id, transcript_id)
    with pytest.raises(AssistError):
        assist.accept(demo, first, code.id, coder.id)  # twice: refused, not coded twice
    assert demo.codings.count() == before + 1
    step.undo(demo)
    assert demo.codings.count() == before and demo.suggestion_decisions.count() == 0
    step.redo(demo)
    assert demo.codings.get(made.id) == made and demo.suggestion_decisions.count() == 1


def test_accept_many_is_one_step(lonely):
    demo, code, coder, transcript_id = lonely
    found = assist.suggest(demo, code.id, coder.id, transcript_id)
    before = demo.codings.count()
    step = assist.accept_many(demo, found, code.id, coder.id)
    assert demo.codings.count() == before + len(found) == before + 2
    assert assist.suggest(demo, code.id, coder.id, transcript_id) == []
    step.undo(demo)
    assert demo.codings.count() == before


def test_a_stale_suggestion_is_refused(lonely):
    demo, code, coder, transcript_id = lonely
    first = assist.suggest(demo, code.id, coder.id, transcript_id)[0]
    moved = assist.Suggestion(first.transcript_id, first.start + 1, first.end + 1, first.text, first.score)
    with pytest.raises(AssistError):
        assist.accept(demo, moved, code.id, coder.id)
    assert demo.codings.count("transcript_id = ?", [transcript_id]) == 0


def test_set_hints_is_logged_in_the_codebook_history(demo):
    code = code_named(demo, "Entraide entre membres")
    assist.set_hints(demo, code.id, " entraide \n\nentraide\ncoup de main", "On s’aide entre nous.")
    stored = demo.codes.get(code.id)
    assert (stored.keywords, stored.example_phrases) == ("entraide\ncoup de main", "On s’aide entre nous.")
    event = codebook_changelog(demo)[-1]
    assert event.entity_id == code.id and "keywords" in event.detail["changes"]
    assert code_descendants(demo, code.id) == []  # a leaf code: nothing else changed


def test_forms_of_one_keyword_count_once_and_accents_are_optional(lonely):
    demo, code, coder, transcript_id = lonely
    assist.set_hints(demo, code.id, "seul\nseule\nseuls", "")
    found = assist.suggest(demo, code.id, coder.id, transcript_id)
    assert [(s.text, len(s.reasons)) for s in found] == [(LONELY, 1)]
    assist.set_hints(demo, code.id, "isolement\nsolitude", "")
    unaccented = assist.suggest(demo, code.id, coder.id, transcript_id)
    assist.set_hints(demo, code.id, "ISOLEMENT\nsolitude", "")
    assert [s.text for s in assist.suggest(demo, code.id, coder.id, transcript_id)] == [s.text for s in unaccented]
    assist.set_hints(demo, code.id, "securite", "")
    sentence = "La sécurité du statut compte."
    assert assist._score(sentence, 0, "fr", assist._evidence(demo.codes.get(code.id), "fr")) is not None
