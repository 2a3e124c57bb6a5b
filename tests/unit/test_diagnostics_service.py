"""Diagnostics over a project: the demo's flawed interviews are flagged, withdrawn participants
leave the aggregates, the CLI keeps its JSON contract, and real interviews give the published
interviewer shares."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.cli import main
from app.core.diagnostics import diagnose
from app.core.transcripts import Turn
from app.services import diagnostics as service
from app.services import participants as people
from app.services.demo import build_demo
from app.store.project import Project


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.terrain")


@pytest.fixture
def demo(demo_path):
    with Project.open(demo_path) as project:
        yield project


@pytest.fixture
def fresh_demo(tmp_path):
    with Project.open(build_demo(tmp_path / "demo.terrain")) as project:
        yield project


def transcript_id(project: Project, code: str) -> str:
    return next(t.id for t in project.transcripts.find() if t.title.startswith(code))


def interviewer_id(project: Project, name: str) -> str:
    return next(i.id for i in project.interviewers.find() if i.name == name)


# The demo's flawed interviews ---------------------------------------------------------------------

def test_dro01_interviewer_talks_too_much(demo):
    whole = service.transcript_diagnostics(demo, transcript_id(demo, "DRO-01"), include_intro=True)
    assert whole.interviewer_word_share == pytest.approx(0.51, abs=0.01)
    assert whole.figure("interviewer_word_share").level == "alert"
    default = service.transcript_diagnostics(demo, transcript_id(demo, "DRO-01"))
    assert default.intro_turns == 2
    assert default.figure("interviewer_word_share").level == "alert"
    assert default.figure("interviewer_time_share").level == "alert"
    assert default.figure("interruption_share").level == "alert"  # she finishes the participant's sentences
    assert default.interruptions >= 5


def test_lyo01_leading_questions_and_bare_yes_are_found(demo):
    result = service.transcript_diagnostics(demo, transcript_id(demo, "LYO-01"))
    assert result.questions.leading >= 3
    assert result.figure("leading_questions").level == "alert"
    assert result.figure("closed_question_share").level == "alert"
    leading = {f.excerpt for f in result.questions.flagged if f.rule == "leading"}
    assert {"vous ne trouvez pas", "j’imagine", "non"} <= leading
    assert result.bare_yes_answers >= 2  # two bare « Oui. »
    assert result.figure("interviewer_word_share").level == "ok"  # leading is not the same as talking


def test_dro02_third_party_answers(demo):
    result = service.transcript_diagnostics(demo, transcript_id(demo, "DRO-02"))
    assert result.third_party_answers > 0
    turns = {t.position: t for t in demo.turns_of(transcript_id(demo, "DRO-02"))}
    asked = [turns[p].text for p in result.third_party_positions]
    assert any("vous les voyez" in text for text in asked)
    assert result.figure("third_party_answers").level in ("caution", "alert")


def test_the_calm_interviews_stay_fine(demo):
    for code in ("BXL-01", "LYO-02"):
        result = service.transcript_diagnostics(demo, transcript_id(demo, code))
        assert result.figure("interviewer_word_share").level == "ok"
        assert result.questions.leading == 0 and result.third_party_answers == 0


# Aggregates and withdrawal ------------------------------------------------------------------------

def test_interviewer_feedback_over_their_interviews_in_date_order(demo):
    feedback = service.interviewer_feedback(demo, interviewer_id(demo, "Julien Peyrac"))
    assert feedback.interviewer_name == "Julien Peyrac"
    assert [i.participant_code for i in feedback.interviews] == ["LYO-01", "BXL-03"]
    shares = [i.diagnostics.interviewer_word_share for i in feedback.interviews]
    summary = feedback.summary("interviewer_word_share")
    assert summary.mean == pytest.approx(sum(shares) / 2)
    assert (summary.minimum, summary.maximum) == (min(shares), max(shares))
    assert summary.measured == 2 and summary.level == "ok"
    assert feedback.summary("leading_questions").maximum >= 3
    assert feedback.summary("overlap_share").mean is None  # the demo does not mark overlaps


def test_withdrawn_participants_leave_every_aggregate(fresh_demo):
    lyo01 = transcript_id(fresh_demo, "LYO-01")
    julien = interviewer_id(fresh_demo, "Julien Peyrac")
    assert lyo01 in {d.transcript_id for d in service.all_diagnostics(fresh_demo)}
    people.withdraw(fresh_demo, people.by_code(fresh_demo, "LYO-01").id)
    assert lyo01 not in {d.transcript_id for d in service.all_diagnostics(fresh_demo)}
    feedback = service.interviewer_feedback(fresh_demo, julien)
    assert [i.participant_code for i in feedback.interviews] == ["BXL-03"]
    assert dict((i, n) for i, _name, n in service.interviewers_with_interviews(fresh_demo))[julien] == 1
    with pytest.raises(service.WithdrawnTranscriptError, match="LYO-01"):
        service.transcript_diagnostics(fresh_demo, lyo01)


def test_unknown_ids_are_refused_with_a_message(demo):
    with pytest.raises(service.UnknownTranscriptError, match="nope"):
        service.transcript_diagnostics(demo, "nope")
    with pytest.raises(service.UnknownInterviewerError):
        service.interviewer_feedback(demo, "nope")


# The command line ---------------------------------------------------------------------------------

REQUIRED = {"transcript_id", "title", "interviewer_word_share", "interviewer_time_share",
            "longest_interviewer_turn_words", "questions", "overlaps", "interruptions", "third_party_answers",
            "bare_yes_share", "figures"}


def _check_object(item: dict) -> None:
    assert REQUIRED <= set(item)
    assert 0.0 <= item["interviewer_word_share"] <= 1.0
    assert item["interviewer_time_share"] is None or 0.0 <= item["interviewer_time_share"] <= 1.0
    assert isinstance(item["longest_interviewer_turn_words"], int)
    assert {"closed", "open", "leading", "flagged"} <= set(item["questions"])
    for flag in item["questions"]["flagged"]:
        assert {"position", "rule", "text"} <= set(flag)
    for key in ("overlaps", "interruptions", "third_party_answers"):
        assert isinstance(item[key], int)
    assert item["bare_yes_share"] is None or 0.0 <= item["bare_yes_share"] <= 1.0
    for figure in item["figures"]:
        assert {"name", "value", "level", "threshold", "explanation"} <= set(figure)
        assert figure["level"] in ("ok", "caution", "alert", None)
        assert {"ok_max", "caution_max", "unit"} <= set(figure["threshold"])


def test_cli_json_contract_for_every_transcript(demo_path, capsys):
    assert main(["diagnostics", str(demo_path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert isinstance(payload, list) and len(payload) == 6
    for item in payload:
        _check_object(item)
    dro01 = next(item for item in payload if item["title"].startswith("DRO-01"))
    assert dro01["intro_turns"] == 2
    share = next(f for f in dro01["figures"] if f["name"] == "interviewer_word_share")
    assert share["level"] == "alert" and share["threshold"]["ok_max"] == 0.25
    assert share["value"] == dro01["interviewer_word_share"]


def test_cli_json_for_one_transcript_with_the_introduction(demo_path, capsys):
    with Project.open(demo_path) as project:
        tid = transcript_id(project, "DRO-01")
    assert main(["diagnostics", str(demo_path), "--transcript", tid, "--json", "--include-intro"]) == 0
    item = json.loads(capsys.readouterr().out)
    _check_object(item)
    assert item["transcript_id"] == tid and item["intro_turns"] == 0 and item["include_intro"] is True
    assert item["interviewer_word_share"] == pytest.approx(0.514, abs=0.005)


def test_cli_text_and_errors(demo_path, capsys):
    assert main(["diagnostics", str(demo_path)]) == 0
    out = capsys.readouterr().out
    assert "LYO-01" in out and "Leading questions" in out and "To work on" in out
    assert main(["diagnostics", str(demo_path), "--explain"]) == 0
    assert "Fine up to 25%; worth a look up to 35%; to work on above." in capsys.readouterr().out
    assert main(["diagnostics", str(demo_path), "--transcript", "nope"]) == 1
    assert "No transcript has the id nope" in capsys.readouterr().err


def test_cli_interviewer_feedback(demo_path, capsys):
    assert main(["diagnostics", str(demo_path), "--interviewer", "julien peyrac", "--json"]) == 0
    feedback = json.loads(capsys.readouterr().out)
    assert feedback["interviewer_name"] == "Julien Peyrac"
    assert [i["participant"] for i in feedback["interviews"]] == ["LYO-01", "BXL-03"]
    assert "never compared" in feedback["note"]
    assert main(["diagnostics", str(demo_path), "--interviewer", "Personne"]) == 1
    assert "Julien Peyrac" in capsys.readouterr().err


# Real interviews (../shared/data/transcripts) -----------------------------------------------------

def read_turns_file(path: Path, interviewer: str) -> list[Turn]:
    """The ``Speaker: text`` renderings: one turn per line; « [overlap] » marks overlapping speech
    and « [pause] » a pause (annotations, not words)."""
    turns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or ":" not in line:
            continue
        label, text = line.split(":", 1)
        overlap = "[overlap]" in text
        text = re.sub(r"\s*\[(?:overlap|pause)\]\s*", " ", text).strip()
        role = "interviewer" if label == interviewer else "participant"
        turns.append(Turn(transcript_id="real", position=len(turns), text=text, speaker_label=label,
                          speaker_role=role, overlaps_previous=overlap))
    return turns


@pytest.mark.parametrize(("name", "interviewer", "expected"), [
    ("cfpp2000_Mira_F_88_14e-v2", "Sonia Branca-Rosoff (ENQ)", 0.24),
    ("eslo1_ESLO1_INTPERS_419_C", "PB", 0.19),
])
def test_interviewer_share_on_real_interviews(shared_data, name, interviewer, expected):
    path = shared_data / "transcripts" / "fr" / f"{name}.turns.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    whole = diagnose(read_turns_file(path, interviewer), lang="fr", include_intro=True)
    assert whole.interviewer_word_share == pytest.approx(expected, abs=0.03)
    assert whole.figure("interviewer_word_share").level == "ok"
    default = diagnose(read_turns_file(path, interviewer), lang="fr")
    assert default.intro_turns == 0  # these open straight on a question: nothing to leave out


def test_real_unpunctuated_interview_still_finds_questions(shared_data):
    path = shared_data / "transcripts" / "fr" / "eslo1_ESLO1_INTPERS_419_C.turns.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    result = diagnose(read_turns_file(path, "PB"), lang="fr")
    assert result.questions.asked >= 50
    assert result.overlaps > 0 and result.interviewer_overlaps is not None
    assert result.figure("overlap_share").level == "ok"  # « oui », « hm hm » over the answers are listening
