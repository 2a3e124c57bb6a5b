"""Real files no one here wrote (../shared/data/transcripts): every format imports, roles come out
right, and the interviewer's share of the words matches what was measured by hand."""

from __future__ import annotations

import hashlib

import pytest

from app.core.words import count_words
from app.services.transcript_import import import_transcript, load_transcript
from app.store.project import Project

REAL_FILES = {
    # path: (format, encoding, turns, words found in the text)
    "fr/eslo1_ESLO1_INTPERS_419_C.trs": ("trs", "iso-8859-1", 320, "depuis combien de temps vous êtes à Orléans"),
    "fr/eslo1_ESLO1_MAG_625_C.trs": ("trs", "iso-8859-1", 40, "une sorte de biscotte euh spéciale"),
    "fr/cfpp2000_Mira_F_88_14e-v2.TextGrid": ("textgrid", "utf-8", 519, "c'était le réalisme socialiste"),
    "fr/cfpp2000_Louise_Liotard_F_85_et_Jeanne_Mallet_F_75_SO-2-v2.TextGrid":
        ("textgrid", "utf-8", 272, "est-ce que vous avez des animaux"),
    "en/qualcoder_ID1_at_33f8bfbe.docx": ("docx", "utf-8", 1, "I'm happy to pay €200."),
    "en/qualcoder_ID2_at_33f8bfbe.odt": ("odt", "utf-8", 1, "The course cost €200.00 and I do not want"),
    "en/qualcoder_transcript_at_33f8bfbe.txt": ("txt", "utf-8", 7, "I am struggling with the lecture slides."),
    "en/pdpilot_P1.turns.txt": ("txt", "utf-8", 95, "So now you can stop sharing your screen"),
}
MIRA = "fr/cfpp2000_Mira_F_88_14e-v2.TextGrid"
ESLO = "fr/eslo1_ESLO1_INTPERS_419_C.trs"
LOUISE = "fr/cfpp2000_Louise_Liotard_F_85_et_Jeanne_Mallet_F_75_SO-2-v2.TextGrid"


@pytest.fixture
def project(tmp_path):
    with Project.create(tmp_path / "real.terrain", "Fichiers réels") as project:
        yield project


def interviewer_word_share(project: Project, transcript_id: str) -> float:
    turns = project.turns_of(transcript_id)
    interviewer = sum(count_words(turn.text) for turn in turns if turn.speaker_role == "interviewer")
    return interviewer / sum(count_words(turn.text) for turn in turns)


@pytest.mark.parametrize("relative", sorted(REAL_FILES))
def test_every_real_file_imports_with_its_provenance(shared_data, project, relative):
    path = shared_data / "transcripts" / relative
    kind, encoding, turn_count, words = REAL_FILES[relative]
    result = import_transcript(project, path)
    stored = project.transcripts.get(result.transcript.id)
    assert (stored.source_name, stored.source_format, stored.source_encoding) == (path.name, kind, encoding)
    assert stored.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    turns = project.turns_of(stored.id)
    assert len(turns) == result.turns == turn_count
    assert words in "\n".join(turn.text for turn in turns)
    assert set(project.speakers_of(stored.id)) == {turn.speaker_label for turn in turns}
    assert stored.language == relative[:2]


def test_interviewer_word_shares_match_the_hand_measured_figures(shared_data, project):
    mira = import_transcript(project, shared_data / "transcripts" / MIRA)
    eslo = import_transcript(project, shared_data / "transcripts" / ESLO)
    assert mira.roles == {"Sonia Branca-Rosoff (ENQ)": "interviewer", "Mira": "participant"}
    assert eslo.roles == {"PB": "interviewer", "419PERS": "participant"}
    assert interviewer_word_share(project, mira.transcript.id) == pytest.approx(0.24, abs=0.03)
    assert interviewer_word_share(project, eslo.transcript.id) == pytest.approx(0.19, abs=0.03)


def test_naming_the_interviewer_gives_the_same_share(shared_data, project):
    result = import_transcript(project, shared_data / "transcripts" / MIRA, interviewers=["Sonia Branca-Rosoff (ENQ)"])
    assert result.roles["Mira"] == "participant"
    assert interviewer_word_share(project, result.transcript.id) == pytest.approx(0.24, abs=0.03)


def test_roles_on_the_multi_party_recording(shared_data):
    loaded = load_transcript(shared_data / "transcripts" / LOUISE)
    roles = loaded.proposed_roles
    assert roles["Mat Pires (ENQ)"] == "interviewer"
    assert list(roles.values()).count("participant") == 1
    assert list(roles.values()).count("third_party") == 3


def test_overlapping_speech_is_marked_in_transcriber_and_praat_files(shared_data):
    eslo = load_transcript(shared_data / "transcripts" / ESLO).parsed.turns
    overlapped = [turn for turn in eslo if turn.overlaps_previous]
    # The first overlap of the interview: « de parents » said while PB says « oui ».
    assert (overlapped[0].label, overlapped[0].text, overlapped[0].start_ms) == ("PB", "oui", 11_041)
    mira = load_transcript(shared_data / "transcripts" / MIRA).parsed.turns
    assert any(turn.overlaps_previous for turn in mira)
    assert all(turn.start_ms is not None and turn.end_ms >= turn.start_ms for turn in eslo + mira)


@pytest.mark.parametrize("stem", ["eslo1_ESLO1_INTPERS_419_C", "eslo1_ESLO1_MAG_625_C", "cfpp2000_Mira_F_88_14e-v2"])
def test_turns_agree_with_the_derived_one_line_per_turn_files(shared_data, stem):
    folder = shared_data / "transcripts" / "fr"
    source = next(path for path in folder.glob(f"{stem}.*") if not path.name.endswith(".turns.txt"))
    derived = []
    for line in (folder / f"{stem}.turns.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            label, _colon, text = line.partition(": ")
            derived.append((label, " ".join(text.replace("[overlap]", "").split())))
    turns = [(turn.label, turn.text) for turn in load_transcript(source).parsed.turns]
    # The derived Mira file stops one interval before the TextGrid's end.
    assert turns[:len(derived)] == derived and len(turns) - len(derived) <= 1
