"""The whole sync loop on real files: package down, bundle up, receipt back."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from app.services import participants
from app.services.sync import bundle, conflicts, devices, importer, package
from app.services.sync.container import SyncFileError, open_parts, read_container
from app.services.sync.errors import SyncError
from app.store.project import Project
from tests.fixtures.sync_setup import add_met_participant, make_loop, snapshot


@pytest.fixture
def loop(tmp_path):
    return make_loop(tmp_path)


def registered_bundle(loop, laptop_path, *, register=True):
    """Write the laptop's bundle and, the first time, register the laptop on the analyst side."""
    with Project.open(laptop_path) as laptop:
        written = bundle.export_bundle(laptop, loop.folder)
    if register:
        with loop.analyst() as analyst:
            devices.register_device(analyst, written.path)
    return written.path


def test_the_package_makes_a_field_copy_with_the_definition_and_the_interviewers_participants(loop):
    laptop_path = loop.laptop("portable-1")
    with loop.analyst() as analyst, Project.open(laptop_path) as laptop:
        assert devices.role(laptop) == "field"
        assert laptop.study().id == analyst.study().id
        for table in ("wave", "territory", "guide", "question", "probe", "code", "indicator", "quota", "interviewer"):
            mine = laptop.db.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()
            theirs = analyst.db.execute(f"SELECT id FROM {table} ORDER BY id").fetchall()
            assert mine == theirs, table
        alice = analyst.interviewers.first("name = 'Alice Martin'")
        assigned = {row[0] for row in analyst.db.execute(
            "SELECT participant_id FROM interview WHERE interviewer_id = ?", [alice.id])}
        assert {p.id for p in laptop.participants.find()} == assigned
        assert laptop.db.execute("SELECT count(*) FROM identity").fetchone()[0] == 0
        assert analyst.db.execute("SELECT count(*) FROM identity").fetchone()[0] > 0
        # What came in the package is not this laptop's to send back.
        assert bundle.pending_counts(laptop) == {}
        assert devices.analyst_device(laptop).public_key == devices.this_device(analyst).public_key


def test_a_bundle_from_an_unregistered_laptop_is_refused_then_imported_once_registered(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        new_id = add_met_participant(laptop, "NORD-101", full_name="Josiane Vercoutre")
        assert bundle.pending_counts(laptop)["participant"] == 1
        written = bundle.export_bundle(laptop, loop.folder)
    assert written.encrypted
    with loop.analyst() as analyst:
        before = snapshot(analyst)
        [refused] = importer.import_bundles(analyst, [written.path])
        assert refused.status == "refused" and refused.reason_code == "unknown_device"
        assert "portable-1" in refused.reason
        assert snapshot(analyst) == before
        assert refused.quarantined.exists()
        assert (refused.quarantined.parent / f"{written.path.name}.reason.txt").read_text(encoding="utf-8")
        assert [q.path.name for q in importer.quarantined(analyst)] == [written.path.name]

        devices.register_device(analyst, written.path)
        [outcome] = importer.import_bundles(analyst, [written.path])
        assert outcome.ok, outcome.reason
        assert outcome.counts["new"] >= 3  # participant, consent, audit events
        assert analyst.participants.get(new_id).code == "NORD-101"
        assert outcome.receipt is not None and outcome.receipt.exists()
        assert importer.quarantined(analyst) == []
    with Project.open(laptop_path) as laptop:
        result = bundle.import_receipt(laptop, outcome.receipt)
        assert result.acknowledged == outcome.counts["new"]
        assert bundle.pending_counts(laptop) == {}
        assert bundle.import_receipt(laptop, outcome.receipt).status == "already"
        with pytest.raises(SyncError):
            bundle.export_bundle(laptop, loop.folder)


def test_no_identity_leaves_the_laptop(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        add_met_participant(laptop, "NORD-102", full_name="Gwendoline Kerbrat")
        written = bundle.export_bundle(laptop, loop.folder, encrypt=False)
        names = [row[0] for row in laptop.db.execute("SELECT full_name FROM identity")]
    assert names == ["Gwendoline Kerbrat"]
    with zipfile.ZipFile(written.path) as archive:
        raw = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Gwendoline" not in raw and b"Kerbrat" not in raw and b"06 11 22 33 44" not in raw


def test_an_encrypted_bundle_shows_nothing_without_the_analysts_key(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        add_met_participant(laptop, "NORD-103")
        written = bundle.export_bundle(laptop, loop.folder)
    with zipfile.ZipFile(written.path) as archive:
        raw = b"".join(archive.read(name) for name in archive.namelist() if name.startswith("parts/"))
    assert b"NORD-103" not in raw
    container = read_container(written.path, "bundle")
    with pytest.raises(SyncFileError):
        open_parts(container, None)


def test_the_same_bundle_twice_changes_nothing(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        add_met_participant(laptop, "NORD-104")
    path = registered_bundle(loop, laptop_path)
    with loop.analyst() as analyst:
        [first] = importer.import_bundles(analyst, [path])
        after_first = snapshot(analyst)
        [second] = importer.import_bundles(analyst, [path])
        assert second.ok and second.counts["new"] == second.counts["updated"] == 0
        assert second.counts["unchanged"] == sum(first.counts.values())
        assert snapshot(analyst) == after_first


def test_overlapping_bundles_give_the_same_database_in_either_order(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        person = add_met_participant(laptop, "NORD-105")
        first = bundle.export_bundle(laptop, loop.folder / "b1.terrain-bundle")
        record = laptop.participants.get(person)
        record.seniority, record.sector = "3 ans", "bâtiment"
        laptop.participants.update(record)
        add_met_participant(laptop, "NORD-106")
        second = bundle.export_bundle(laptop, loop.folder / "b2.terrain-bundle")
    with loop.analyst() as analyst:
        devices.register_device(analyst, first.path)
    results = []
    for order in ([first.path, second.path], [second.path, first.path]):
        copy = loop.folder / f"analyst-{len(results)}.terrain"
        shutil.copy(loop.analyst_path, copy)
        with Project.open(copy) as analyst:
            assert all(outcome.ok for outcome in importer.import_bundles(analyst, order))
            assert analyst.participants.get(person).sector == "bâtiment"
            assert analyst.participants.count("code = 'NORD-106'") == 1
            results.append(snapshot(analyst))
    assert results[0] == results[1]
    assert results[0]["sync_conflict"] == []


def test_a_deletion_on_the_laptop_travels_as_a_tombstone(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        person = add_met_participant(laptop, "NORD-107")
    path = registered_bundle(loop, laptop_path)
    with loop.analyst() as analyst:
        assert importer.import_bundles(analyst, [path])[0].ok
        assert analyst.participants.count("id = ?", [person]) == 1
    with Project.open(laptop_path) as laptop:
        participants.erase(laptop, person)
        second = bundle.export_bundle(laptop, loop.folder / "after-erase.terrain-bundle")
    with loop.analyst() as analyst:
        [outcome] = importer.import_bundles(analyst, [second.path])
        assert outcome.ok and outcome.counts["deleted"] >= 1
        assert analyst.participants.count("id = ?", [person]) == 0
        # An older bundle arriving late does not bring the participant back.
        importer.import_bundles(analyst, [path])
        assert analyst.participants.count("id = ?", [person]) == 0


def test_two_laptops_editing_one_participant_make_a_conflict_with_both_versions(loop):
    one, two = loop.laptop("portable-1"), loop.laptop("portable-2")
    with loop.analyst() as analyst:
        shared = analyst.participants.get(analyst.db.execute(
            "SELECT participant_id FROM interview i JOIN interviewer r ON r.id = i.interviewer_id "
            "WHERE r.name = 'Alice Martin' ORDER BY participant_id LIMIT 1").fetchone()[0])
    for path, sector in ((one, "restauration"), (two, "maraîchage")):
        with Project.open(path) as laptop:
            record = laptop.participants.get(shared.id)
            record.sector = sector
            laptop.participants.update(record)
    first, second = registered_bundle(loop, one), registered_bundle(loop, two)
    with loop.analyst() as analyst:
        outcomes = importer.import_bundles(analyst, [first, second])
        assert [o.ok for o in outcomes] == [True, True]
        assert outcomes[1].counts["conflicts"] == 1
        [conflict] = conflicts.open_conflicts(analyst)
        assert conflict.kind == "participant" and conflict.label == shared.code
        assert "sector" in conflict.fields
        assert {v.values["sector"] for v in conflict.versions} == {"restauration", "maraîchage"}
        assert {v.device_name for v in conflict.versions} == {"portable-1", "portable-2"}
        held = analyst.participants.get(shared.id).sector
        assert held in {"restauration", "maraîchage"}
        keep = next(v for v in conflict.versions if v.values["sector"] != held)
        conflicts.resolve(analyst, conflict.id, keep.hash, actor="analyste")
        assert analyst.participants.get(shared.id).sector == keep.values["sector"]
        assert conflicts.open_conflicts(analyst) == []
        # Importing both again changes nothing and opens no new conflict.
        importer.import_bundles(analyst, [first, second])
        assert conflicts.conflict_count(analyst) == 0
        assert analyst.participants.get(shared.id).sector == keep.values["sector"]


def test_an_edit_made_from_the_analysts_current_version_applies_without_conflict(loop):
    laptop_path = loop.laptop("portable-1")
    with loop.analyst() as analyst:
        shared_id = analyst.db.execute(
            "SELECT participant_id FROM interview i JOIN interviewer r ON r.id = i.interviewer_id "
            "WHERE r.name = 'Alice Martin' ORDER BY participant_id LIMIT 1").fetchone()[0]
    with Project.open(laptop_path) as laptop:
        record = laptop.participants.get(shared_id)
        record.seniority = "12 ans"
        laptop.participants.update(record)
    path = registered_bundle(loop, laptop_path)
    with loop.analyst() as analyst:
        [outcome] = importer.import_bundles(analyst, [path])
        assert outcome.counts["updated"] == 1 and outcome.counts["conflicts"] == 0
        assert analyst.participants.get(shared_id).seniority == "12 ans"


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_bundle_is_refused_and_the_database_is_unchanged(loop, damage):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        add_met_participant(laptop, "NORD-108")
    path = registered_bundle(loop, laptop_path)
    data = path.read_bytes()
    if damage == "flip":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]
    elif damage == "truncate":
        data = data[: len(data) * 2 // 3]
    else:
        data = b""
    path.write_bytes(data)
    with loop.analyst() as analyst:
        before = snapshot(analyst)
        [outcome] = importer.import_bundles(analyst, [path])
        assert outcome.status == "refused" and outcome.reason and path.name in outcome.reason
        assert snapshot(analyst) == before


def test_a_bundle_for_another_study_is_refused(tmp_path):
    ours, theirs = make_loop(tmp_path / "ours"), make_loop(tmp_path / "theirs")
    laptop_path = theirs.laptop("portable-x")
    with Project.open(laptop_path) as laptop:
        add_met_participant(laptop, "NORD-109")
        written = bundle.export_bundle(laptop, theirs.folder, encrypt=False)
    with ours.analyst() as analyst:
        devices.ensure_this_device(analyst, "analyst")
        before = snapshot(analyst)
        [outcome] = importer.import_bundles(analyst, [written.path])
        assert outcome.reason_code == "another_study"
        assert snapshot(analyst) == before


def test_a_refused_bundle_does_not_stop_the_others(loop):
    one, two = loop.laptop("portable-1"), loop.laptop("portable-2")
    with Project.open(one) as laptop:
        add_met_participant(laptop, "NORD-110")
    with Project.open(two) as laptop:
        add_met_participant(laptop, "NORD-111")
    good = registered_bundle(loop, one)
    with Project.open(two) as laptop:
        unknown = bundle.export_bundle(laptop, loop.folder).path
    with loop.analyst() as analyst:
        outcomes = importer.import_bundles(analyst, [unknown, good])
        assert [o.status for o in outcomes] == ["refused", "imported"]
        assert analyst.participants.count("code = 'NORD-110'") == 1


def test_a_package_updates_definitions_without_touching_field_data(loop):
    laptop_path = loop.laptop("portable-1")
    with Project.open(laptop_path) as laptop:
        person = add_met_participant(laptop, "NORD-112")
    with loop.analyst() as analyst:
        study = analyst.study()
        study.evaluative_question = "Une question reformulée ?"
        analyst.studies.update(study)
        alice = analyst.interviewers.first("name = 'Alice Martin'")
        newer = package.export_package(analyst, loop.folder / "newer.terrain-package", interviewer_id=alice.id)
    with Project.open(laptop_path) as laptop:
        result = package.import_package(laptop, newer.path)
        assert result.status == "imported"
        assert laptop.study().evaluative_question == "Une question reformulée ?"
        assert laptop.participants.count("id = ?", [person]) == 1
        assert bundle.pending_counts(laptop)["participant"] == 1
        assert package.import_package(laptop, newer.path).status == "already"


def test_the_analysts_project_cannot_write_a_bundle_and_a_field_copy_cannot_import_one(loop):
    laptop_path = loop.laptop("portable-1")
    with loop.analyst() as analyst, pytest.raises(SyncError):
        bundle.export_bundle(analyst, loop.folder)
    with Project.open(laptop_path) as laptop, pytest.raises(SyncError):
        importer.import_bundles(laptop, [])
