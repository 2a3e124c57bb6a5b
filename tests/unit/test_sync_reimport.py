"""Importing bundles already imported changes nothing, even for a record once held back.

The situation the convergence test met by chance: two laptops share Alice's participants. One
writes a field note on P01's interview and sends it, then erases P01 (which deletes the note) and
sends again; the other erases P01 too. When the analyst takes the second laptop's erasure first,
the field note arrives for an interview that is gone: it is held back. Its own laptop's deletion
then makes it stale, so importing every bundle again must find nothing left to do.
"""

from __future__ import annotations

from pathlib import Path

from app.services import fieldwork, participants
from app.services.sync import bundle, devices, importer
from app.store.project import Project
from tests.fixtures.sync_setup import make_loop, snapshot


def send(laptop_path: Path, out: Path) -> Path:
    with Project.open(laptop_path) as laptop:
        return bundle.export_bundle(laptop, out).path


def erase_p01(laptop_path: Path) -> None:
    with Project.open(laptop_path) as laptop:
        participants.erase(laptop, laptop.participants.first("code = 'P01'").id)


def test_a_field_note_held_back_then_deleted_on_its_laptop_is_not_taken_on_a_second_import(tmp_path):
    loop = make_loop(tmp_path)
    writer, eraser = loop.laptop("portable-1"), loop.laptop("portable-2")
    with Project.open(writer) as laptop:
        interview = laptop.interviews.first("participant_id = (SELECT id FROM participant WHERE code = 'P01')")
        fieldwork.save_field_note(laptop, interview.id, steering="Parle du collectif.")
    with_note = send(writer, loop.folder / "writer-1.terrain-bundle")
    erase_p01(writer)
    note_deleted = send(writer, loop.folder / "writer-2.terrain-bundle")  # no receipt read: carries it all again
    erase_p01(eraser)
    erased = send(eraser, loop.folder / "eraser-1.terrain-bundle")

    order = [erased, with_note, note_deleted]
    with Project.open(loop.analyst_path) as analyst:
        for first in (with_note, erased):
            devices.register_device(analyst, first)
        outcomes = importer.import_bundles(analyst, order, receipts=loop.folder / "receipts")
        assert all(outcome.ok for outcome in outcomes)
        assert outcomes[1].counts["held"] == 1  # the field note: its interview was erased just before

        before = snapshot(analyst)
        again = importer.import_bundles(analyst, order, receipts=loop.folder / "again")
        assert all(outcome.ok and outcome.counts["held"] == 0 for outcome in again)
        after = snapshot(analyst)
        assert set(after["sync_seen"]) - set(before["sync_seen"]) == set()  # names the row, when it fails
        assert after == before
