"""A crash in the middle of an import leaves the analyst's database as it was before that bundle.

The import runs in a child process that hangs inside a bundle's transaction (see
tests/fixtures/sync_crash_driver.py) and is killed with SIGKILL, the closest thing to a power cut.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.services.sync import bundle, devices, importer
from app.store.project import Project
from tests.fixtures.sync_setup import add_met_participant, make_loop, snapshot

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "fixtures" / "sync_crash_driver.py"
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")


def _copy(path: Path, target: Path) -> Path:
    shutil.copyfile(path, target)
    if Path(f"{path}-wal").exists():
        shutil.copyfile(f"{path}-wal", f"{target}-wal")
    return target


@pytest.fixture(scope="module")
def field(tmp_path_factory):
    """The analyst's project with two laptops registered, and three bundles not imported yet."""
    loop = make_loop(tmp_path_factory.mktemp("crash"))
    one, two = loop.laptop("portable-1"), loop.laptop("portable-2", "Bruno Petit")
    with Project.open(one) as laptop:
        for number in range(1, 4):
            add_met_participant(laptop, f"NORD-1{number:02d}")
        shared = laptop.participants.first(order_by="code")
        shared.sector = "restauration"
        laptop.participants.update(shared)
        first = bundle.export_bundle(laptop, loop.folder / "one-a.terrain-bundle")
        for number in range(4, 6):
            add_met_participant(laptop, f"NORD-1{number:02d}")
        # Cumulative: the second bundle of this laptop carries the first one's records again.
        later = bundle.export_bundle(laptop, loop.folder / "one-b.terrain-bundle")
    with Project.open(two) as laptop:
        for number in range(1, 4):
            add_met_participant(laptop, f"DROME-2{number:02d}")
        other = bundle.export_bundle(laptop, loop.folder / "two.terrain-bundle")
    with loop.analyst() as analyst:
        devices.register_device(analyst, first.path)
        devices.register_device(analyst, other.path)
    return loop.analyst_path, [first, other, later]


def exchanges(project: Project) -> list[tuple]:
    """What the sync log and the audit trail say happened, without the times."""
    ledger = project.db.execute("SELECT direction, kind, status, file_name FROM sync_ledger").fetchall()
    audit = project.db.execute("SELECT action, entity, entity_id FROM audit_log").fetchall()
    return sorted(ledger) + sorted(audit)


def reference(analyst: Path, folder: Path, bundles: list[Path]) -> tuple[dict, list[tuple]]:
    """The analyst's study after importing these bundles normally, in a copy of its own."""
    path = _copy(analyst, folder / f"reference-{len(bundles)}.terrain")
    with Project.open(path) as project:
        outcomes = importer.import_bundles(project, bundles, receipts=folder / "reference-receipts")
        assert all(outcome.ok for outcome in outcomes)
        return snapshot(project), exchanges(project)


def run_until_killed(project: Path, folder: Path, bundles: list[Path], stop_in: int, after: int) -> dict:
    marker = folder / "inside-the-bundle"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    child = subprocess.Popen(
        [sys.executable, str(DRIVER), str(project), str(folder / "receipts"), str(marker), str(stop_in), str(after),
         *map(str, bundles)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            if child.poll() is not None:
                out, err = child.communicate()
                pytest.fail(f"the import ended before the crash point:\n{out.decode()}\n{err.decode()}")
            if time.monotonic() > deadline:
                pytest.fail("the import never reached the crash point")
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    return json.loads(marker.read_text(encoding="utf-8"))


@pytest.mark.parametrize("stop_in", [1, 3])
def test_a_killed_import_leaves_the_database_as_before_that_bundle(field, tmp_path, stop_in):
    analyst, written = field
    bundles = [export.path for export in written]
    path = _copy(analyst, tmp_path / "analyst.terrain")
    before_state, before_exchanges = reference(analyst, tmp_path, bundles[:stop_in - 1])

    # Stopped just before the bundle's last record, once its new records are written.
    merged = run_until_killed(path, tmp_path, bundles, stop_in, after=written[stop_in - 1].records - 1)
    assert merged.get("new", 0) > 0

    # A file SQLite itself finds sound: the open transaction was rolled back, nothing torn.
    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        check.close()
    with Project.open(path) as project:
        # Bundles taken whole before the crash stay; nothing of the bundle cut short is there.
        assert snapshot(project) == before_state
        assert exchanges(project) == before_exchanges
        imported = [row[0] for row in project.db.execute(
            "SELECT file_name FROM sync_ledger WHERE kind = 'bundle' AND status = 'imported'")]
        assert sorted(imported) == sorted(b.name for b in bundles[:stop_in - 1])
    assert not (tmp_path / "receipts" / f"{bundles[stop_in - 1].stem}.terrain-receipt").exists()

    # Importing again simply finishes the job.
    with Project.open(path) as project:
        outcomes = importer.import_bundles(project, bundles, receipts=tmp_path / "receipts")
        assert [outcome.status for outcome in outcomes] == ["imported"] * len(bundles)
        for outcome in outcomes[:stop_in - 1]:
            assert outcome.counts["new"] == outcome.counts["updated"] == outcome.counts["conflicts"] == 0
        assert outcomes[stop_in - 1].counts["new"] > 0
        after_state = snapshot(project)
    full_state, _exchanges = reference(analyst, tmp_path, bundles)
    assert after_state == full_state
