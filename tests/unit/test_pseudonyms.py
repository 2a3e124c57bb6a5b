"""Pseudonymisation: whole words, accents and case, one number per original for the whole study,
codings kept on their words, and the mapping nowhere but in the identity store."""

from __future__ import annotations

import pytest

from app.core.coding import Code, Coder, Coding
from app.core.participants import Identity, Participant
from app.core.pseudonyms import (
    Matcher,
    Pseudonym,
    capitalised_candidates,
    fold,
    identity_terms,
    number_new,
    replace,
)
from app.core.interviews import Interview
from app.core.transcripts import Transcript, Turn, full_text
from app.services import transcripts as service
from app.store.project import Project

IDENTITY_TABLES = {"identity", "pseudonym", "pseudonym_term"}


# the pure part ---------------------------------------------------------------------------------
def occurrences(term: str, text: str) -> list[str]:
    return [text[o.start:o.end] for o in Matcher([term]).find(text)]


def test_originals_are_compared_without_case_accents_or_spacing():
    assert fold("Élodie") == fold("ELODIE") == fold("elodie") == "elodie"
    assert fold("Le  Poët-Laval") == fold("le poet-laval")
    assert fold("l’Isère") == fold("l'Isere")


def test_whole_words_only():
    text = "Marc et Marcel, puis Marc-Antoine, enfin Marc."
    assert occurrences("Marc", text) == ["Marc", "Marc"]
    assert occurrences("Isère", "l’Isère, la Bisère") == ["Isère"]


def test_accents_and_capitals_written_differently_still_match():
    text = "Elodie, ÉLODIE et E\u0301lodie sont venues."
    assert occurrences("Élodie", text) == ["Elodie", "ÉLODIE", "E\u0301lodie"]


def test_a_capitalised_original_leaves_the_common_word_alone():
    assert occurrences("Pierre", "Pierre a posé la pierre.") == ["Pierre"]
    assert occurrences("rue des Potiers", "j’habite Rue des potiers") == ["Rue des potiers"]


def test_longer_originals_win_and_spaces_may_differ():
    matcher = Matcher(["Idrissi", "El Idrissi"])
    text = "Mme El\u00a0Idrissi, puis Idrissi."
    assert [text[o.start:o.end] for o in matcher.find(text)] == ["El\u00a0Idrissi", "Idrissi"]


def test_originals_sharing_their_beginnings_are_each_found_whole():
    matcher = Matcher(["Jean", "Jeanne", "Jean Pierre", "Jean-Pierre", "Jeannette", "Jea"])
    text = "Jean, Jeanne, Jean Pierre, Jean-Pierre, Jeannette, Jean Pierres, Jeannot, Jea."
    assert [text[o.start:o.end] for o in matcher.find(text)] == [
        "Jean", "Jeanne", "Jean Pierre", "Jean-Pierre", "Jeannette", "Jean", "Jea"]
    # The same with the accents of a decomposed text.
    assert occurrences("Jérôme", "Je\u0301ro\u0302me et Jérôme") == ["Je\u0301ro\u0302me", "Jérôme"]


def test_placeholders_are_never_replaced_again():
    text, made = replace("[Prénom 1] et Prénom", Matcher(["Prénom"]), {"prenom": "[Prénom 2]"})
    assert text == "[Prénom 1] et [Prénom 2]" and len(made) == 1


def test_numbers_are_given_once_for_the_whole_study():
    existing = [Pseudonym(original="Sandrine", kind="first_name", number=1)]
    new = number_new(existing, {"SANDRINE": "last_name", "Dieulefit": "town", "Manon": "first_name"})
    assert [(p.original, p.number) for p in new] == [("Dieulefit", 2), ("Manon", 3)]
    assert new[0].replacement("fr") == "[Ville 2]" and new[1].replacement("en") == "[First name 3]"
    with pytest.raises(ValueError):
        number_new([], {"Lyon": "city"})


def test_capitalised_words_inside_sentences_are_suggested():
    texts = [
        "Alors, je suis couturière. Mais c’est Sandrine qui m’aide. J’ai travaillé à Montélimar.",
        "Oui, Madame. Coopérative est un beau mot, la coopérative aussi. Il y a Manon, et Instagram.",
        "Bourdeaux est loin. Dimanche, je couds.",
    ]
    found = {c.text: c.kind_guess for c in capitalised_candidates(texts, "fr")}
    assert found == {"Sandrine": "first_name", "Montélimar": "town", "Manon": "first_name"}


def test_an_identity_gives_names_town_and_street():
    assert identity_terms("Monique Faure", "11 rue des Potiers, 26220 Dieulefit") == [
        ("Monique", "first_name"), ("Faure", "last_name"), ("Dieulefit", "town"), ("rue des Potiers", "place")]
    assert identity_terms("Yasmina El Idrissi", "rue de la Clé-des-Champs 9, 1070 Anderlecht")[:3] == [
        ("Yasmina", "first_name"), ("El Idrissi", "last_name"), ("Idrissi", "last_name")]


# through the service ---------------------------------------------------------------------------
@pytest.fixture
def study(tmp_path):
    project = Project.create(tmp_path / "pseudo.terrain", "Étude")
    sid = project.study().id
    monique = Participant(study_id=sid, code="DRO-02")
    project.participants.insert(monique)
    project.identities.put(Identity(participant_id=monique.id, full_name="Monique Faure",
                                    address="11 rue des Potiers, 26220 Dieulefit"))
    interview = Interview(study_id=sid, participant_id=monique.id)
    project.interviews.insert(interview)
    first = add_transcript(project, sid, interview.id, [
        "Depuis quand cousez-vous à Dieulefit ?",
        "Depuis vingt ans. Mais c’est Sandrine qui m’aide pour l’ordinateur, et Marcel pour les livraisons.",
        "Et Sandrine, elle est dans la coopérative ?",
        "Oui, SANDRINE aussi. Je connais tout Dieulefit, vous savez.",
    ])
    second = add_transcript(project, sid, None, ["Vous connaissez Sandrine ?", "Oui, et Manon, à Crest."],
                            language="en")
    code, coder = Code(study_id=sid, name="Entraide"), Coder(study_id=sid, name="Claire")
    project.codes.insert(code)
    project.coders.insert(coder)
    yield project, first, second, code, coder
    project.close()


def add_transcript(project, sid, interview_id, texts, language="fr") -> Transcript:
    transcript = Transcript(study_id=sid, interview_id=interview_id, title="T", imported_at="2025-05-07T10:00:00Z",
                            language=language)
    project.add_transcript(transcript, [Turn(transcript_id="", position=0, text=text) for text in texts])
    return transcript


def code_words(project, transcript, code, coder, words) -> Coding:
    text = full_text(project.turns_of(transcript.id))
    start = text.index(words)
    coding = Coding(transcript_id=transcript.id, code_id=code.id, coder_id=coder.id, start_offset=start,
                    end_offset=start + len(words))
    project.codings.insert(coding)
    return coding


def test_suggestions_come_from_the_identity_and_the_text(study):
    project, first, *_ = study
    candidates = {c.text: c for c in service.suggest_pseudonyms(project, first.id)}
    assert candidates["Dieulefit"].from_identity and candidates["Dieulefit"].count == 2
    assert candidates["Dieulefit"].kind_guess == "town"
    assert candidates["Sandrine"].count == 3 and not candidates["Sandrine"].from_identity
    assert "Monique" not in candidates  # her name is not in the text


def test_pseudonymising_replaces_names_and_keeps_codings_on_their_words(study):
    project, first, _second, code, coder = study
    plain = code_words(project, first, code, coder, "Je connais tout")
    with_name = code_words(project, first, code, coder, "c’est Sandrine qui m’aide")
    later = code_words(project, first, code, coder, "vous savez.")
    result = service.pseudonymise(project, first.id, {"Sandrine": "first_name", "Dieulefit": "town"})
    assert (result.replaced, result.originals, result.turns, result.orphaned) == (5, 2, 4, 0)
    text = full_text(project.turns_of(first.id))
    assert "Sandrine" not in text and "SANDRINE" not in text and "Dieulefit" not in text
    assert "Marcel" in text
    assert "c’est [Prénom 1] qui m’aide" in text and "tout [Ville 2], vous" in text

    def coded(coding):
        stored = project.codings.get(coding.id)
        assert stored.anchor_status == "ok"
        return text[stored.start_offset:stored.end_offset]

    assert coded(plain) == "Je connais tout" and coded(later) == "vous savez."
    assert coded(with_name) == "c’est [Prénom 1] qui m’aide"
    assert project.transcripts.get(first.id).pseudonymised


def test_the_same_original_reads_the_same_in_every_transcript(study):
    project, first, second, *_ = study
    service.pseudonymise(project, first.id, {"Sandrine": "first_name", "Dieulefit": "town"})
    candidates = {c.text: c for c in service.suggest_pseudonyms(project, second.id)}
    assert candidates["Sandrine"].source == "mapped" and candidates["Sandrine"].replacement == "[First name 1]"
    preview = service.preview_pseudonyms(project, second.id, {"Sandrine": "first_name", "Crest": "town"})
    assert preview == {"Sandrine": "[First name 1]", "Crest": "[Town 3]"}
    service.pseudonymise(project, second.id, {"sandrine": "last_name", "Manon": "first_name", "Crest": "town"})
    assert full_text(project.turns_of(second.id)) == (
        "Vous connaissez [First name 1] ?\nOui, et [First name 3], à [Town 4].")
    assert [(p.original, p.number) for p in project.identities.pseudonyms(project.study().id)] == [
        ("Sandrine", 1), ("Dieulefit", 2), ("Manon", 3), ("Crest", 4)]


def test_pseudonymising_again_changes_nothing(study):
    project, first, *_ = study
    confirmed = {"Sandrine": "first_name", "Dieulefit": "town"}
    service.pseudonymise(project, first.id, confirmed)
    before = full_text(project.turns_of(first.id))
    assert service.pseudonymise(project, first.id, confirmed).replaced == 0
    assert full_text(project.turns_of(first.id)) == before


def test_the_study_list_is_looked_for_in_every_transcript(study):
    project, first, second, *_ = study
    service.add_study_name(project, "Marcel", "first_name")
    assert {c.text: c.source for c in service.suggest_pseudonyms(project, first.id)}["Marcel"] == "study_list"
    service.remove_study_name(project, "Marcel")
    assert project.identities.study_terms(project.study().id) == []


def test_the_mapping_lives_in_the_identity_store_only(study):
    """Every table but the identity store's, the search index's own tables included."""
    project, first, second, *_ = study
    service.add_study_name(project, "Manon", "first_name")
    service.pseudonymise(project, first.id, {"Sandrine": "first_name", "Dieulefit": "town", "Monique": "first_name"})
    service.pseudonymise(project, second.id, {"Sandrine": "first_name", "Manon": "first_name", "Crest": "town"})
    names = ("sandrine", "dieulefit", "manon", "crest")
    tables = [row[0] for row in project.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    leaks = []
    for table in tables:
        if table in IDENTITY_TABLES:
            continue
        for row in project.db.execute(f"SELECT * FROM {table}"):
            for value in row:
                raw = value if isinstance(value, bytes) else str(value).encode("utf-8")
                leaks += [(table, name) for name in names if name.encode() in raw.lower()]
    assert leaks == []
    assert {p.original for p in project.identities.pseudonyms(project.study().id)} >= {"Sandrine", "Crest"}


def test_unknown_kinds_are_refused_before_anything_is_written(study):
    project, first, *_ = study
    before = full_text(project.turns_of(first.id))
    with pytest.raises(ValueError):
        service.pseudonymise(project, first.id, {"Sandrine": "person"})
    assert full_text(project.turns_of(first.id)) == before
    assert project.identities.pseudonyms(project.study().id) == []


def test_every_coding_of_the_demo_keeps_its_words_when_all_suggestions_are_applied(tmp_path):
    from app.services.demo import build_demo

    with Project.open(build_demo(tmp_path / "demo.terrain")) as project:
        checked = with_names = 0
        for transcript in project.transcripts.find():
            turns = project.turns_of(transcript.id)
            old = full_text(turns)
            confirmed = {c.text: c.kind_guess for c in service.suggest_pseudonyms(project, transcript.id)}
            matcher = Matcher(confirmed)
            names = [(turn.char_start + o.start, turn.char_start + o.end)
                     for turn in turns for o in matcher.find(turn.text)]
            codings = {c.id: c for c in project.codings.find("transcript_id = ?", [transcript.id])}
            service.pseudonymise(project, transcript.id, confirmed)
            new = full_text(project.turns_of(transcript.id))
            assert not any(name in new for name in confirmed)
            for coding in project.codings.find("transcript_id = ?", [transcript.id]):
                before = codings[coding.id]
                quote = old[before.start_offset:before.end_offset]
                assert coding.anchor_status == "ok"
                if not any(s < before.end_offset and before.start_offset < e for s, e in names):
                    assert new[coding.start_offset:coding.end_offset] == quote
                else:  # a quote with a name in it reads the same, the name replaced
                    table = {fold(p.original): p.replacement(transcript.language)
                             for p in project.identities.pseudonyms(transcript.study_id)}
                    assert new[coding.start_offset:coding.end_offset] == replace(quote, matcher, table)[0]
                    with_names += 1
                checked += 1
        assert checked >= 20 and with_names >= 1
