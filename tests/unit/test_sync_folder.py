"""Sync folder mode: laptops and the analyst exchanging through one shared folder."""

from __future__ import annotations

import pytest

from app.services.sync import bundle, devices, folder
from app.services.sync.errors import SyncError
from app.store.project import Project
from tests.fixtures.sync_setup import add_met_participant, make_loop


def test_bundles_and_receipts_go_round_through_the_shared_folder(tmp_path):
    loop = make_loop(tmp_path / "study")
    shared = tmp_path / "Nextcloud"
    shared.mkdir()
    one, two = loop.laptop("portable-1"), loop.laptop("portable-2", "Bruno Petit")
    for path, code in ((one, "NORD-301"), (two, "DROME-302")):
        with Project.open(path) as laptop:
            folder.set_sync_folder(laptop, shared)
            add_met_participant(laptop, code)
            written = folder.write_bundle_to_folder(laptop)
            assert written is not None and written.path.parent == shared / "bundles"
            assert folder.write_bundle_to_folder(laptop) is not None  # still pending until a receipt
    with loop.analyst() as analyst:
        folder.set_sync_folder(analyst, shared)
        first = folder.run_folder(analyst)
        assert [o.reason_code for o in first.bundles] == ["unknown_device"] * 4
        assert list((shared / "bundles").iterdir()) == []  # refused ones moved to quarantine
        for quarantined in (shared / "quarantine").glob("*.terrain-bundle"):
            card = devices.read_card(quarantined)
            if not analyst.devices.first("id = ?", [card.device_id]):
                devices.register_device(analyst, quarantined)
    for path in (one, two):
        with Project.open(path) as laptop:
            folder.write_bundle_to_folder(laptop)
    with loop.analyst() as analyst:
        second = folder.run_folder(analyst)
        assert [o.ok for o in second.bundles] == [True, True]
        assert analyst.participants.count("code IN ('NORD-301', 'DROME-302')") == 2
        assert folder.run_folder(analyst).bundles == []  # nothing new the second time
    for path in (one, two):
        with Project.open(path) as laptop:
            run = folder.run_folder(laptop)
            assert run.receipts == 1 and run.problems == []
            assert bundle.pending_counts(laptop) == {}
            assert folder.write_bundle_to_folder(laptop) is None


def test_an_unreachable_folder_says_so(tmp_path):
    loop = make_loop(tmp_path)
    gone = tmp_path / "usb"
    gone.mkdir()
    with loop.analyst() as analyst:
        folder.set_sync_folder(analyst, gone)
        gone.rmdir()
        with pytest.raises(SyncError, match="usb"):
            folder.run_folder(analyst)
