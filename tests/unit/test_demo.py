"""The demo study is complete and realistic enough for every area to show real data."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from app.cli import main
from app.core.transcripts import full_text
from app.core.words import count_words
from app.services.demo import build_demo
from app.store.project import Project


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    return build_demo(tmp_path_factory.mktemp("demo") / "demo.terrain")


@pytest.fixture
def demo(demo_path):
    with Project.open(demo_path) as project:
        yield project


def test_study_has_an_evaluative_question_waves_and_three_territories(demo):
    study = demo.study()
    assert study.evaluative_question.strip().endswith("?")
    assert demo.territories.count() == 3
    assert demo.waves.count() >= 2


def test_indicator_framework_has_at_least_two_indicators_per_level(demo):
    levels = Counter(indicator.level for indicator in demo.indicators.find())
    assert all(levels[level] >= 2 for level in ("output", "outcome", "impact")), levels


def test_guide_has_about_fifteen_questions_in_sections(demo):
    guide = demo.current_guide()
    sections = demo.sections_of(guide.id)
    questions = [q for s in sections for q in demo.questions_of(s.id)]
    assert len(sections) >= 3
    assert 13 <= len(questions) <= 18
    assert any(q.is_sensitive for q in questions)
    assert guide.is_frozen, "the guide was used in interviews, so it is frozen"


def test_participants_have_profiles_and_most_have_consent(demo):
    participants = demo.participants.find()
    assert len(participants) >= 12
    assert all(p.profile and p.territory_id for p in participants)
    consented = {c.participant_id for c in demo.consents.find() if c.allows("interview")}
    interviewed = {i.participant_id for i in demo.interviews.find()}
    assert len(consented) >= 12
    assert interviewed <= consented, "nobody is interviewed without consent to the interview"


def test_interviews_have_transcripts_of_800_to_1500_words(demo):
    transcripts = demo.transcripts.find()
    assert demo.interviews.count() >= 6
    assert len(transcripts) >= 6
    for transcript in transcripts:
        words = count_words(full_text(demo.turns_of(transcript.id)))
        assert 800 <= words <= 1500, (transcript.title, words)


def interviewer_share(project, transcript_id) -> float:
    words = Counter()
    for turn in project.turns_of(transcript_id):
        words[turn.speaker_role] += count_words(turn.text)
    return words["interviewer"] / sum(words.values())


def test_deliberate_flaws_are_there_for_the_diagnostics(demo):
    transcripts = demo.transcripts.find()
    shares = [interviewer_share(demo, t.id) for t in transcripts]
    assert max(shares) > 0.35, "one interviewer talks too much"
    assert sum(share <= 0.30 for share in shares) >= 3, "most interviews are well conducted"
    third_party_turns = demo.turns.count("speaker_role = 'third_party'")
    assert third_party_turns >= 2, "a relative answers in one interview"
    interviewer_questions = [t.text for t in demo.turns.find("speaker_role = 'interviewer'")]
    assert any("pas que" in q or ", non ?" in q or "n’est-ce pas" in q for q in interviewer_questions)


def test_codebook_and_two_coders_on_the_same_transcripts(demo):
    codes = demo.codes.find()
    assert len(codes) >= 12 and all(code.definition for code in codes)
    coders = demo.coders.find()
    assert len(coders) == 2
    codings = demo.codings.find()
    assert len(codings) >= 30
    by_coder = {coder.id: {c.transcript_id for c in codings if c.coder_id == coder.id} for coder in coders}
    shared = set.intersection(*by_coder.values())
    assert len(shared) >= 2, "both coders coded the same transcripts"


def test_codings_point_at_participant_speech(demo):
    for coding in demo.codings.find():
        turns = demo.turns_of(coding.transcript_id)
        text = full_text(turns)
        assert 0 <= coding.start_offset < coding.end_offset <= len(text)
        assert text[coding.start_offset:coding.end_offset].strip()


def test_some_interview_still_misses_its_field_note(demo):
    completed = demo.interviews.find("status = 'completed'")
    with_note = {note.interview_id for note in demo.field_notes.find()}
    assert any(interview.id not in with_note for interview in completed)
    assert len(with_note) >= 4


def test_identities_never_leak_into_other_tables(demo):
    secrets = demo.identities.all_strings()
    assert len(secrets) >= 12
    tables = [row[0] for row in demo.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'turn_fts%' AND name != 'identity'"
    )]
    for table in tables:
        for row in demo.db.execute(f"SELECT * FROM {table}"):
            blob = " ".join(str(value) for value in row)
            leaked = [secret for secret in secrets if secret in blob]
            assert leaked == [], f"{table} holds identity strings {leaked}"


def test_cli_demo_then_info_shows_counts(tmp_path, capsys):
    path = tmp_path / "demo.terrain"
    assert main(["demo", str(path)]) == 0
    capsys.readouterr()
    assert main(["info", str(path), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    assert counts["participants"] >= 12 and counts["interviews"] >= 6 and counts["codings"] >= 30
    assert counts["words"] >= 6 * 800


def test_demo_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "demo.terrain"
    path.write_text("mine", encoding="utf-8")
    assert main(["demo", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == "mine"


def test_memos_point_at_their_objects(demo):
    memos = demo.memos.find()
    assert {memo.target_kind for memo in memos} >= {"project", "code", "transcript"}
    for memo in memos:
        if memo.target_kind == "code":
            assert demo.codes.get(memo.target_id)
        if memo.target_kind == "transcript":
            assert demo.transcripts.get(memo.target_id)


def test_only_the_interview_with_a_relative_has_third_party_answers(demo):
    flagged = {note.interview_id for note in demo.notes.find("answered_by_third_party = 1")}
    with_third_party_turns = {
        transcript.interview_id
        for transcript in demo.transcripts.find()
        if demo.turns.count("transcript_id = ? AND speaker_role = 'third_party'", [transcript.id])
    }
    assert flagged == with_third_party_turns and len(flagged) == 1
