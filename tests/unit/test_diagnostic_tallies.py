"""The diagnostics' tallies kept per transcript: the same figures as the diagnostics, measured once,
measured again whenever the transcript changes or the checker does, and given even when the
project cannot be written to."""

from __future__ import annotations

import pytest

from app.core.diagnostics import TranscriptTally
from app.services import diagnostics as service
from app.services import participants as people
from app.services.demo import build_demo
from app.services.transcript_import import import_transcript
from app.services.transcripts import edit_turn
from app.store.project import Project


@pytest.fixture
def demo(tmp_path):
    with Project.open(build_demo(tmp_path / "demo.terrain")) as project:
        yield project


def kept(project: Project) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in project.db.execute(
        "SELECT transcript_id, version, questions_leading FROM diagnostic_figures")}


def lyo01(project: Project) -> str:
    return next(t.id for t in project.transcripts.find() if t.title.startswith("LYO-01"))


def test_tallies_are_the_diagnostics_figures_and_are_kept(demo):
    expected = [TranscriptTally.of(d) for d in service.all_diagnostics(demo)]
    assert kept(demo) == {}
    assert service.tallies(demo) == expected
    assert set(kept(demo)) == {t.transcript_id for t in expected}
    assert {version for version, _leading in kept(demo).values()} == {service.TALLY_VERSION}
    # Read back from the table the second time, not measured again.
    demo.db.execute("UPDATE diagnostic_figures SET questions_leading = 99")
    assert {t.questions_leading for t in service.tallies(demo)} == {99}


def test_some_transcripts_only(demo):
    wanted = lyo01(demo)
    [tally] = service.tallies(demo, [wanted])
    assert tally.transcript_id == wanted and tally.questions_leading >= 3
    assert set(kept(demo)) == {wanted}


def test_an_edited_turn_is_measured_again(demo):
    transcript = lyo01(demo)
    before = service.tallies(demo, [transcript])[0]
    flagged = service.transcript_diagnostics(demo, transcript).questions.flagged
    leading = next(f for f in flagged if f.rule == "leading")
    turn = demo.turns.first("transcript_id = ? AND position = ?", [transcript, leading.position])
    edit_turn(demo, turn.id, "Comment décririez-vous cette période ?")
    assert transcript not in kept(demo)  # the edit dropped the kept figures
    after = service.tallies(demo, [transcript])[0]
    assert after.questions_leading == before.questions_leading - 1
    assert kept(demo)[transcript][1] == after.questions_leading


def test_a_change_of_language_or_of_checker_measures_again(demo):
    transcript = lyo01(demo)
    service.tallies(demo)
    demo.db.execute("UPDATE transcript SET language = 'en' WHERE id = ?", [transcript])
    assert transcript not in kept(demo)
    demo.db.execute("UPDATE diagnostic_figures SET version = '0.0.1/1', questions_leading = 99")
    assert 99 not in {t.questions_leading for t in service.tallies(demo)}
    assert {version for version, _leading in kept(demo).values()} == {service.TALLY_VERSION}


def test_withdrawn_participants_are_left_out(demo):
    transcript = lyo01(demo)
    people.withdraw(demo, people.by_code(demo, "LYO-01").id)
    assert transcript not in {t.transcript_id for t in service.tallies(demo)}
    assert service.tallies(demo, [transcript]) == []


def test_an_imported_transcript_is_measured_at_once(demo, tmp_path):
    file = tmp_path / "entretien.txt"
    file.write_text("I : Vous ne trouvez pas que c’est mieux ici, non ?\nE : Oui.\n"
                    "I : Comment se passe une journée ?\nE : Je commence tôt, puis je vois les clients.\n",
                    encoding="utf-8")
    result = import_transcript(demo, file, interviewers=["I"])
    assert result.transcript.id in kept(demo)
    [tally] = service.tallies(demo, [result.transcript.id])
    assert (tally.questions_open, tally.questions_leading) == (1, 1)


def test_a_project_that_cannot_be_written_still_gets_its_figures(demo):
    expected = [TranscriptTally.of(d) for d in service.all_diagnostics(demo)]
    demo.db.execute("PRAGMA query_only = ON")
    try:
        assert service.tallies(demo) == expected
    finally:
        demo.db.execute("PRAGMA query_only = OFF")
    assert kept(demo) == {}
