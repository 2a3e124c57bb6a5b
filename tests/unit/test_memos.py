"""Memos on the demo study: writing, editing, deleting with undo, and the analytic journal."""

from __future__ import annotations

import argparse
import json
import shutil

import pytest

from app import cli_memos
from app.i18n import set_language
from app.services import memos, participants
from app.services.memos import MemoError
from app.store.project import Project


@pytest.fixture
def demo_path(demo_file, tmp_path):
    copy = tmp_path / "demo.terrain"
    shutil.copy(demo_file, copy)
    return copy


@pytest.fixture
def demo(demo_path):
    with Project.open(demo_path) as project:
        yield project


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("en")


def participant(project: Project, code: str):
    return project.participants.first("code = ?", [code])


def transcript_of(project: Project, code: str) -> str:
    return project.db.execute(
        "SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
        "JOIN participant p ON p.id = iv.participant_id WHERE p.code = ?", [code]).fetchone()[0]


# writing ---------------------------------------------------------------------------------------------
def test_add_memo_on_each_kind_of_target_and_audit_it(demo):
    code = demo.codes.first("name = 'Isolement'")
    person = participant(demo, "LYO-01")
    made = [
        memos.add_memo(demo, "project", None, "Plan", "Relire les entretiens de Lyon.", "Inès Moreau", "2025-06-01"),
        memos.add_memo(demo, "code", code.id, "Frontière", "Voir Liberté d’organisation.", "Bastien Lefèvre"),
        memos.add_memo(demo, "transcript", transcript_of(demo, "BXL-03"), "Ton", "Entretien détendu.", "Inès Moreau"),
        memos.add_memo(demo, "participant", person.id, "Parcours", "Ancienne salariée.", "Inès Moreau"),
    ]
    for memo in made:
        stored = demo.memos.get(memo.id)
        assert stored == memo
        assert demo.audit_log.count("action = 'memo_added' AND entity_id = ?", [memo.id]) == 1
    assert made[0].target_id is None and made[0].written_on == "2025-06-01"
    assert len(made[1].written_on) == 10  # today, as an ISO date


def test_add_memo_refuses_what_it_cannot_attach(demo):
    before = demo.memos.count()
    with pytest.raises(MemoError):
        memos.add_memo(demo, "code", "no-such-code", "T", "B", "A")
    with pytest.raises(MemoError):
        memos.add_memo(demo, "project", "something", "T", "B", "A")
    with pytest.raises(MemoError):
        memos.add_memo(demo, "theme", None, "T", "B", "A")
    with pytest.raises(MemoError):
        memos.add_memo(demo, "project", None, "  ", "", "A")
    with pytest.raises(MemoError):
        memos.add_memo(demo, "project", None, "T", "B", "A", written_on="03/06/2025")
    person = participant(demo, "DRO-01")
    participants.withdraw(demo, person.id)
    with pytest.raises(MemoError, match="DRO-01"):
        memos.add_memo(demo, "participant", person.id, "T", "B", "A")
    with pytest.raises(MemoError, match="DRO-01"):
        memos.add_memo(demo, "transcript", transcript_of(demo, "DRO-01"), "T", "B", "A")
    assert demo.memos.count() == before


def test_several_memos_per_object_newest_first(demo):
    code = demo.codes.first("name = 'Isolement'")
    older = memos.add_memo(demo, "code", code.id, "Ancien", "a", "A", "2025-05-01")
    newer = memos.add_memo(demo, "code", code.id, "Récent", "b", "A", "2025-07-01")
    other = demo.codes.first("name = 'Ancrage territorial'")
    memos.add_memo(demo, "code", other.id, "Autre", "c", "A", "2025-08-01")
    found = memos.memos_of(demo, "code", code.id)
    assert [m.id for m in found][:1] == [newer.id]
    assert older.id in [m.id for m in found] and all(m.target_id == code.id for m in found)
    dates = [m.written_on for m in found]
    assert dates == sorted(dates, reverse=True)
    projects = memos.memos_of(demo, "project", None)
    assert projects and all(m.target_kind == "project" for m in projects)


def test_update_memo_changes_fields_and_logs_them(demo):
    memo = memos.add_memo(demo, "project", None, "Plan", "v1", "Inès Moreau", "2025-06-01")
    after = memos.update_memo(demo, memo.id, body="v2", written_on="2025-06-02", actor="Inès Moreau")
    stored = demo.memos.get(memo.id)
    assert (stored.body, stored.written_on, stored.title) == ("v2", "2025-06-02", "Plan") == (
        after.body, after.written_on, after.title)
    event = demo.audit_log.first("action = 'memo_updated' AND entity_id = ?", [memo.id])
    assert event.detail["fields"] == ["body", "written_on"]
    assert memos.update_memo(demo, memo.id, body="v2") == stored  # nothing changed: nothing logged
    assert demo.audit_log.count("action = 'memo_updated' AND entity_id = ?", [memo.id]) == 1
    with pytest.raises(MemoError):
        memos.update_memo(demo, memo.id, title="", body="")


def test_delete_memo_returns_a_step_that_puts_it_back(demo):
    memo = memos.add_memo(demo, "project", None, "À jeter", "brouillon", "A", "2025-06-01")
    step = memos.delete_memo(demo, memo.id, actor="A")
    assert demo.memos.count("id = ?", [memo.id]) == 0
    assert demo.audit_log.count("action = 'memo_deleted' AND entity_id = ?", [memo.id]) == 1
    step.undo(demo)
    assert demo.memos.get(memo.id) == memo
    step.redo(demo)
    assert demo.memos.count("id = ?", [memo.id]) == 0


# the journal -----------------------------------------------------------------------------------------
def test_journal_is_ordered_by_date_and_labels_each_entry(demo, english):
    code = demo.codes.first("name = 'Isolement'")
    memos.add_memo(demo, "code", code.id, "Tard", "x", "Inès Moreau", "2025-09-01")
    memos.add_memo(demo, "participant", participant(demo, "LYO-02").id, "Tôt", "x", "Inès Moreau", "2025-01-15")
    entries = memos.journal(demo)
    dates = [entry.written_on for entry in entries]
    assert dates == sorted(dates)
    assert len(entries) == demo.memos.count()
    assert entries[0].title == "Tôt" and entries[0].about == "Participant LYO-02"
    assert entries[-1].title == "Tard" and entries[-1].about == "Code “Isolement”"
    about = {entry.target_kind: entry.about for entry in entries}
    assert about["project"] == "The whole study"
    assert about["transcript"].startswith("Transcript ")


def test_journal_filters(demo):
    memos.add_memo(demo, "project", None, "Juin", "x", "Claire", "2025-06-10")
    memos.add_memo(demo, "project", None, "Juillet", "x", "Claire", "2025-07-10")
    june = memos.journal(demo, since="2025-06-01", until="2025-06-30")
    assert [e.title for e in june] == ["Juin"]
    assert {e.title for e in memos.journal(demo, author="Claire")} == {"Juin", "Juillet"}
    assert all(e.target_kind == "code" for e in memos.journal(demo, kind="code"))
    assert memos.journal(demo, kind="code")
    with pytest.raises(MemoError):
        memos.journal(demo, since="juin")


def test_journal_leaves_out_withdrawn_participants_and_their_transcripts(demo):
    person = participant(demo, "BXL-01")
    transcript_id = transcript_of(demo, "BXL-01")
    on_person = memos.add_memo(demo, "participant", person.id, "Sur elle", "x", "A", "2025-06-01")
    on_transcript = memos.add_memo(demo, "transcript", transcript_id, "Sur l’entretien", "x", "A", "2025-06-01")
    coding = demo.codings.first("transcript_id = ?", [transcript_id])
    on_coding = memos.add_memo(demo, "coding", coding.id, "Sur un segment", "x", "A", "2025-06-01")
    shown = {entry.memo_id for entry in memos.journal(demo)}
    assert {on_person.id, on_transcript.id, on_coding.id} <= shown
    participants.withdraw(demo, person.id)
    shown = {entry.memo_id for entry in memos.journal(demo)}
    assert shown.isdisjoint({on_person.id, on_transcript.id, on_coding.id})
    assert demo.memos.count("id = ?", [on_person.id]) == 1  # kept in the file, only left out


def test_journal_never_shows_a_real_name(demo):
    names = demo.identities.all_strings()
    assert names, "the demo should hold identities for this test to mean something"
    for person in demo.participants.find():
        memos.add_memo(demo, "participant", person.id, "Note", "Relire.", "Inès Moreau", "2025-06-01")
    entries = memos.journal(demo)
    text = json.dumps([entry.as_json() for entry in entries], ensure_ascii=False)
    assert "Participant LYO-01" in text
    assert [name for name in names if name in text] == []


# the command line ----------------------------------------------------------------------------------
def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli_memos.add_commands(parser.add_subparsers(dest="command"))
    return cli_memos.run(parser.parse_args(argv))


def test_cli_memo_add_list_and_journal(demo_path, capsys, english):
    assert run_cli(["memo", "add", str(demo_path), "--on", "code:Isolement", "--title", "Limite",
                    "--body", "Ne pas confondre avec l’autonomie.", "--author", "Inès Moreau",
                    "--date", "2025-06-05"]) == 0
    assert "Code “Isolement”" in capsys.readouterr().out
    assert run_cli(["memo", "add", str(demo_path), "--on", "participant:LYO-01", "--title", "Parcours",
                    "--body", "x", "--date", "2025-06-06"]) == 0
    capsys.readouterr()
    assert run_cli(["memo", "list", str(demo_path), "--on", "code:Isolement", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [entry["title"] for entry in listed][:1] == ["Limite"]
    assert all(entry["target_kind"] == "code" for entry in listed) and len(listed) == 2
    assert run_cli(["journal", str(demo_path), "--since", "2025-06-01", "--json"]) == 0
    journal = json.loads(capsys.readouterr().out)
    assert [(e["written_on"], e["title"], e["about"]) for e in journal] == [
        ("2025-06-05", "Limite", "Code “Isolement”"), ("2025-06-06", "Parcours", "Participant LYO-01")]
    assert run_cli(["journal", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert "2025-05-20" in text and "Participant LYO-01 — Parcours" in text
    with Project.open(demo_path) as project:
        names = project.identities.all_strings()
    assert [name for name in names if name in text] == []


def test_cli_refuses_an_unknown_target(demo_path, capsys, english):
    assert run_cli(["memo", "add", str(demo_path), "--on", "code:Nope", "--title", "x"]) == 1
    assert "Nope" in capsys.readouterr().err
    assert run_cli(["memo", "add", str(demo_path), "--on", "theme", "--title", "x"]) == 1
    assert "code:NAME" in capsys.readouterr().err
