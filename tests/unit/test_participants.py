"""Participants: codes, identities kept apart, consent, withdrawal and erasure (service and CLI)."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.core.coding import Memo
from app.services import fieldwork
from app.services import participants as people
from app.services.demo import build_demo
from app.store import views
from app.store.project import Project


@pytest.fixture
def demo(tmp_path):
    path = build_demo(tmp_path / "demo.terrain")
    with Project.open(path) as project:
        yield project


def territory(project, code="LYO"):
    return project.territories.first("code = ?", [code])


def test_codes_are_proposed_per_territory_and_duplicates_refused(demo):
    lyon = territory(demo)
    code = people.next_code(demo, lyon.id)
    assert code.startswith("LYO-") and not demo.participants.count("code = ?", [code])
    people.add_participant(demo, code, lyon.id, "client")
    with pytest.raises(people.DuplicateCodeError, match=code):
        people.add_participant(demo, code, lyon.id, "client")
    with pytest.raises(people.InvalidCodeError):
        people.add_participant(demo, "LYO 10", lyon.id, "client")


def test_identity_goes_to_the_identity_store_only(demo):
    participant = people.add_participant(demo, "LYO-50", territory(demo).id, "client", full_name="Odile Vérité",
                                         contact="odile@example.org")
    assert demo.identities.reveal(participant.id).full_name == "Odile Vérité"
    assert "Odile" not in json.dumps(participant.__dict__, ensure_ascii=False)
    assert all("Odile" not in str(row) for row in demo.db.execute("SELECT * FROM audit_log"))


def test_consent_scopes_and_representative(demo):
    participant = people.add_participant(demo, "LYO-51", territory(demo).id, "client")
    assert people.current_consent(demo, participant.id) is None
    with pytest.raises(ValueError, match="behalf"):
        people.record_consent(demo, participant.id, method="witnessed", given_by="representative", scopes=["interview"])
    consent = people.record_consent(demo, participant.id, method="witnessed", given_by="representative",
                                    representative_relation="fille, aidante", scopes=["interview", "recording"],
                                    retention_months=36, text_version="v1.2")
    assert people.current_consent(demo, participant.id).id == consent.id
    assert consent.allows("interview") and consent.allows("recording") and not consent.allows("quotes")
    with pytest.raises(ValueError):
        people.record_consent(demo, participant.id, method="oral", scopes=["everything"])


def test_withdrawal_removes_data_from_analysis_at_once(demo):
    before = views.study_counts(demo.db)
    participant = people.by_code(demo, "LYO-01")
    people.withdraw(demo, participant.id, actor="test")
    after = views.study_counts(demo.db)
    assert after.transcripts == before.transcripts - 1
    assert after.codings < before.codings
    assert people.current_consent(demo, participant.id) is None
    assert demo.audit_log.count("action = 'participant_withdrawn' AND entity_id = ?", [participant.id]) == 1
    with pytest.raises(fieldwork.InterviewError, match="withdrawn"):
        fieldwork.start_interview(demo, participant.id)


def test_erasure_deletes_everything_about_the_participant(demo):
    participant = people.by_code(demo, "DRO-02")
    interviews = [i.id for i in demo.interviews.find("participant_id = ?", [participant.id])]
    transcripts = [t.id for t in demo.transcripts.find("interview_id = ?", [interviews[0]])]
    demo.memos.insert(Memo(study_id=demo.study().id, target_kind="participant", target_id=participant.id,
                           written_on="2025-06-01", body="Mémo"))
    people.erase(demo, participant.id, actor="test")
    for table, column, ids in (("participant", "id", [participant.id]), ("identity", "participant_id", [participant.id]),
                               ("consent", "participant_id", [participant.id]), ("interview", "id", interviews),
                               ("note", "interview_id", interviews), ("field_note", "interview_id", interviews),
                               ("transcript", "id", transcripts), ("turn", "transcript_id", transcripts),
                               ("coding", "transcript_id", transcripts), ("memo", "target_id", [participant.id] + transcripts),
                               ("survey_answer", "participant_id", [participant.id])):
        marks = ",".join("?" for _ in ids)
        assert demo.db.execute(f"SELECT count(*) FROM {table} WHERE {column} IN ({marks})", ids).fetchone()[0] == 0, table
    assert demo.audit_log.count("action = 'participant_erased' AND entity_id = ?", [participant.id]) == 1
    assert demo.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_cli_add_list_withdraw_erase(tmp_path, capsys):
    path = build_demo(tmp_path / "demo.terrain")
    assert main(["participant", "add", str(path), "--code", "BXL-09", "--territory", "BXL",
                 "--profile", "client", "--name", "Anne Cachée", "--consent", "interview,quotes"]) == 0
    capsys.readouterr()
    assert main(["participant", "add", str(path), "--code", "BXL-09", "--territory", "BXL", "--profile", "client"]) == 1
    assert "BXL-09 already exists" in capsys.readouterr().err
    assert main(["participant", "list", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert "Anne" not in out
    row = next(r for r in json.loads(out) if r["code"] == "BXL-09")
    assert row["consent"] == ["interview", "quotes"] and row["territory"] == "BXL"
    assert main(["participant", "withdraw", str(path), "--code", "BXL-09"]) == 0
    assert main(["participant", "erase", str(path), "--code", "BXL-09"]) == 2
    assert main(["participant", "erase", str(path), "--code", "BXL-09", "--yes"]) == 0
    capsys.readouterr()
    assert main(["participant", "withdraw", str(path), "--code", "BXL-09"]) == 1
    assert "No participant has the code BXL-09" in capsys.readouterr().err


def test_cli_refuses_unknown_territory_and_profile(tmp_path, capsys):
    path = build_demo(tmp_path / "demo.terrain")
    assert main(["participant", "add", str(path), "--code", "X-1", "--territory", "PAR", "--profile", "client"]) == 1
    assert "PAR" in capsys.readouterr().err
    assert main(["participant", "add", str(path), "--code", "X-1", "--territory", "LYO", "--profile", "astronaut"]) == 1
    assert "astronaut" in capsys.readouterr().err


def test_withdrawn_data_leaves_every_analysis_view(demo):
    participant = people.by_code(demo, "LYO-01")
    coded_before = sum(row.codings for row in views.code_rows(demo.db))
    people.withdraw(demo, participant.id)
    assert "LYO-01" not in [row.participant_code for row in views.interview_rows(demo.db)]
    assert "LYO-01" not in [row.participant_code for row in views.transcript_rows(demo.db)]
    coded_after = sum(row.codings for row in views.code_rows(demo.db))
    assert 0 < coded_after < coded_before
    assert sum(row.codings for row in views.coder_rows(demo.db)) == coded_after
    # the participant register still shows the person, marked withdrawn, so they can be erased
    assert [row.withdrawn for row in views.participant_rows(demo.db) if row.code == "LYO-01"] == [True]
