"""The Sync area's tables and words: checked by Qt's model tester, read in French."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.sync import fingerprint
from app.services.sync import bundle, conflicts, devices, importer, package
from app.store.project import Project
from app.ui.models.sync import ConflictModel, FieldDeviceModel, JournalModel, QuarantineModel
from app.ui.sync.comparison import ComparisonModel, field_label
from app.ui.sync.devices import device_rows
from app.ui.sync.journal import journal_rows
from app.ui.sync.texts import compact_bundle_summary, kinds_summary, refusal_label


def exchanged(project: Project, tmp_path) -> None:
    """A package out, a bundle in with a conflict on P01, and a damaged bundle refused."""
    alice = project.interviewers.first("name = ?", ["Alice Martin"])
    written = package.export_package(project, tmp_path, interviewer_id=alice.id)
    package.create_from_package(tmp_path / "field.terrain", written.path, name="Portable d’Alice")
    with Project.open(tmp_path / "field.terrain") as field:
        person = field.participants.first("code = 'P01'")
        person.sector = "Bâtiment"
        field.participants.update(person)
        sent = bundle.export_bundle(field, tmp_path)
    here = project.participants.first("code = 'P01'")
    here.sector = "Restauration"
    project.participants.update(here)
    damaged = tmp_path / "abîmé.terrain-bundle"
    damaged.write_bytes(sent.path.read_bytes()[:-40])
    devices.register_device(project, sent.path)
    importer.import_bundles(project, [sent.path, damaged])


def column(model, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_journal_model(qtmodeltester, project, tmp_path):
    exchanged(project, tmp_path)
    model = JournalModel(journal_rows(project))
    qtmodeltester.check(model)
    assert column(model, 1) == ["Paquet terrain reçu", "Accusé de réception écrit", "Paquet terrain reçu",
                                "Paquet d’étude préparé"]
    assert column(model, 3) == ["Refusé", "Fichier écrit", "Importé", "Fichier écrit"]
    assert column(model, 4)[0] == "Fichier endommagé ou illisible"
    assert column(model, 4)[2] == "1 conflit"  # only the counts that are not zero
    assert column(model, 4)[3] == "2 participant·e·s, 2 entretiens, pour Alice Martin"
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_device_and_quarantine_models(qtmodeltester, project, tmp_path):
    exchanged(project, tmp_path)
    devices_model = FieldDeviceModel(device_rows(project))
    qtmodeltester.check(devices_model)
    laptop = next(row for row in devices_model.rows() if row.name == "Portable d’Alice")
    registered = next(device for device in devices.field_devices(project) if device.name == "Portable d’Alice")
    assert laptop.fingerprint == fingerprint(registered.public_key)
    assert laptop.interviewer == ""  # registered without naming who uses it
    assert laptop.last_bundle_at and not laptop.revoked_at
    quarantine_model = QuarantineModel(importer.quarantined(project))
    qtmodeltester.check(quarantine_model)
    assert column(quarantine_model, 1) == ["abîmé.terrain-bundle"]
    assert quarantine_model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole).startswith("abîmé.terrain-bundle")


def test_conflict_models(qtmodeltester, project, tmp_path):
    exchanged(project, tmp_path)
    found = conflicts.open_conflicts(project)
    listed = ConflictModel(found)
    qtmodeltester.check(listed)
    assert column(listed, 0) == ["Participant·e P01"]
    comparison = ComparisonModel()
    comparison.set_conflict(found[0])
    qtmodeltester.check(comparison)
    assert comparison.columnCount() == 2
    assert not any(name.endswith("_id") for name in comparison.fields)  # identifiers only when they differ
    assert field_label("turn 3") == "Tour de parole 3"
    updated = comparison.fields.index("updated_at")
    shown = comparison.index(updated, 0).data()
    assert shown.count(":") == 2  # the seconds tell two close edits apart


def test_words_for_counts_and_refusals():
    assert kinds_summary({"note": 14, "interview": 3, "transcript": 2}) == "3 entretiens, 2 transcriptions, 14 notes"
    assert compact_bundle_summary({"new": 0, "updated": 2, "unchanged": 0, "conflicts": 1}) == "2 mis à jour, 1 conflit"
    assert compact_bundle_summary({"new": 0}) == "rien de nouveau"
    assert refusal_label("unknown_device", "long reason") == "Portable non enregistré"
    assert refusal_label("something_new", "the reason\nin full") == "the reason in full"
