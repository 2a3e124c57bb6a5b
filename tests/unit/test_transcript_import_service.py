"""The import service and `terrain import-transcript`: attaching, roles, the JSON contract."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.core.labelled_text import parse_labelled_text
from app.core.transcript_formats import SpokenTurn, propose_roles, summarise_speakers
from app.core.transcript_formats.labels import assemble
from app.core.transcript_formats.plain_text import text_pieces
from app.paths import resource_path
from app.services.transcript_import import TranscriptImportError, import_transcript, load_transcript
from fixtures.small_study import build_small_study

INTERVIEW = ("Enquêtrice : Bonjour, est-ce que vous pouvez vous présenter ?\n"
             "Karim : Oui, je suis couvreur, depuis douze ans, dans la coopérative.\n"
             "Sa compagne : Il travaille trop.\n"
             "Enquêtrice : Qu'est-ce qui a changé pour vous ?\n"
             "Karim : Je me sens moins seul, on se parle, on s'entraide entre associés.\n"
             "Sa compagne : Oui.\n")


@pytest.fixture
def project(tmp_path):
    project = build_small_study(tmp_path / "s.terrain")
    yield project
    project.close()


@pytest.fixture
def interview_file(tmp_path):
    path = tmp_path / "P02 entretien.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    return path


def spoken(*pairs):
    return [SpokenTurn(label, text) for label, text in pairs]


def test_roles_from_labels_that_name_them():
    turns = spoken(("Interviewer 2", "Tell me."), ("Marc", "Well I started in 2015 as a roofer."), ("R", "Yes."),
                   ("Marc", "and so on and on"))
    assert propose_roles(turns) == {"Interviewer 2": "interviewer", "Marc": "third_party", "R": "participant"}


def test_without_role_labels_the_one_asking_questions_is_the_interviewer():
    turns = spoken(("AB", "comment vous êtes arrivé là"), ("CD", "par un ami il m'en a parlé un jour au marché"),
                   ("AB", "et vous faisiez quoi avant"), ("CD", "j'étais maçon"), ("EF", "oui maçon"),
                   ("AB", "avez-vous aimé"), ("CD", "beaucoup"))
    assert propose_roles(turns) == {"AB": "interviewer", "CD": "participant", "EF": "third_party"}


def test_when_every_label_names_an_interviewer_questions_decide():
    turns = spoken(("I", "So how did you start?"), ("E", "By chance, a friend told me about it."), ("I", "Why?"))
    assert propose_roles(turns) == {"I": "interviewer", "E": "participant"}


def test_naming_the_interviewers_makes_the_one_who_says_most_the_participant():
    turns = spoken(("A", "bonjour"), ("B", "un deux trois quatre"), ("C", "un deux"), ("", "préambule"))
    assert propose_roles(turns, ["A"]) == {"A": "interviewer", "B": "participant", "C": "third_party", "": "unknown"}


def test_a_single_unlabelled_voice_is_the_participant():
    assert propose_roles(spoken(("", "Ma réponse écrite, est-ce clair ?"))) == {"": "participant"}


def test_speaker_summaries_count_turns_words_questions_and_keep_the_first_words():
    turns = spoken(("I", "Comment ça a commencé ?"), ("E", "Par hasard."), ("I", "Et pourquoi rester, vraiment ?"))
    first, second = summarise_speakers(turns, first_words=6)
    assert (first.label, first.turns, first.words, first.questions) == ("I", 2, 8, 2)
    assert (first.first_words, first.said_more) == ("Comment ça a commencé ? Et", True)
    assert (second.first_words, second.said_more) == ("Par hasard.", False)


def test_the_demo_transcripts_read_as_the_demo_reads_them():
    for path in sorted(resource_path("demo", "fr").glob("transcripts/*.txt")):
        text = path.read_text(encoding="utf-8")
        demo = [(turn.label, " ".join(turn.text.split()), turn.start_ms) for turn in parse_labelled_text(text)]
        ours = [(turn.label, " ".join(turn.text.split()), turn.start_ms) for turn in assemble(text_pieces(text))]
        assert ours == demo, path.name


def test_import_for_a_participant_creates_a_completed_interview(project, interview_file):
    result = import_transcript(project, interview_file, participant_code="P02")
    interview = project.interviews.get(result.transcript.interview_id)
    participant = project.participants.get(interview.participant_id)
    assert (participant.code, interview.status, interview.started_at) == ("P02", "completed", None)
    assert interview.guide_id == project.current_guide().id
    assert result.roles == {"Enquêtrice": "interviewer", "Karim": "participant", "Sa compagne": "third_party"}
    turns = project.turns_of(result.transcript.id)
    assert [turn.speaker_role for turn in turns][:3] == ["interviewer", "participant", "third_party"]
    assert project.speakers_of(result.transcript.id) == result.roles
    assert result.transcript.language == "fr" and result.transcript.title == "P02 entretien"
    event = project.audit_log.first("action = 'transcript_imported'")
    assert event.entity_id == result.transcript.id


def test_import_into_an_existing_interview_or_none(project, interview_file, tmp_path):
    interview = project.interviews.first("status = 'planned'")
    result = import_transcript(project, interview_file, interview_id=interview.id)
    assert project.transcripts.get(result.transcript.id).interview_id == interview.id
    other = tmp_path / "other.txt"
    other.write_text("I: How did it start?\nE: By chance.\n", encoding="utf-8")
    alone = import_transcript(project, other, title="  Loose notes ")
    assert (alone.transcript.interview_id, alone.transcript.title, alone.transcript.language) == (None, "Loose notes", "en")


def test_roles_confirmed_in_the_dialog_override_the_proposal(project, interview_file):
    loaded = load_transcript(interview_file)
    result = import_transcript(project, loaded, roles={"Karim": "interviewer", "Enquêtrice": "participant"})
    assert result.roles == {"Enquêtrice": "participant", "Karim": "interviewer", "Sa compagne": "third_party"}


def test_the_same_file_twice_is_refused(project, interview_file):
    first = import_transcript(project, interview_file)
    with pytest.raises(TranscriptImportError, match="already imported"):
        import_transcript(project, interview_file)
    assert project.transcripts.count("source_sha256 = ?", [first.transcript.source_sha256]) == 1


def test_interviewer_labels_match_without_regard_to_case(interview_file):
    assert load_transcript(interview_file, ["karim"]).proposed_roles["Karim"] == "interviewer"


# the command line -----------------------------------------------------------------------------------
@pytest.fixture
def project_path(tmp_path):
    path = tmp_path / "cli.terrain"
    build_small_study(path).close()
    return path


def test_cli_json_contract(project_path, interview_file, capsys):
    assert main(["import-transcript", str(project_path), str(interview_file), "--participant", "P01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"transcript_id", "turns", "speakers", "roles", "encoding", "format"}
    assert (out["turns"], out["encoding"], out["format"]) == (6, "utf-8", "txt")
    assert out["speakers"] == ["Enquêtrice", "Karim", "Sa compagne"]
    assert out["roles"]["Enquêtrice"] == "interviewer"


def test_cli_interviewer_option_is_repeatable(project_path, interview_file, capsys):
    argv = ["import-transcript", str(project_path), str(interview_file), "--interviewer", "Karim",
            "--interviewer", "Sa compagne", "--json"]
    assert main(argv) == 0
    roles = json.loads(capsys.readouterr().out)["roles"]
    assert roles == {"Enquêtrice": "participant", "Karim": "interviewer", "Sa compagne": "interviewer"}


def test_cli_text_output_and_errors_on_stderr(project_path, interview_file, tmp_path, capsys):
    assert main(["import-transcript", str(project_path), str(interview_file)]) == 0
    out = capsys.readouterr().out
    assert "P02 entretien.txt imported: 6 turns (txt, utf-8)." in out and "Karim: participant" in out
    empty = tmp_path / "vide.srt"
    empty.write_bytes(b"")
    assert main(["import-transcript", str(project_path), str(empty)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "vide.srt" in captured.err and "empty" in captured.err


def test_cli_refuses_interview_and_participant_together(project_path, interview_file, capsys):
    with pytest.raises(SystemExit):
        main(["import-transcript", str(project_path), str(interview_file), "--interview", "x", "--participant", "P01"])
    assert "not allowed with argument" in capsys.readouterr().err
