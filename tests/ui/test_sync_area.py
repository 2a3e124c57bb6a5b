"""The Sync area driven as a person would: the whole loop from the analyst's project to a field
laptop and back, on real files, with the file choosers answered by the test."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog

from app.services import fieldwork, participants
from app.services.sync import bundle, conflicts, devices, importer, package
from app.services.sync import folder as folder_service
from app.store.project import Project
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.sync.dialogs import PackageDialog, RegisterDeviceDialog


# answering the dialogs ---------------------------------------------------------------------------
def answer_open(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def answer_open_many(monkeypatch, paths: list[Path]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(p) for p in paths], ""))


def answer_save(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def answer_folder(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(path))


def accept_package_dialog(monkeypatch, interviewer_id: str | None, folder: Path) -> None:
    def run(dialog: PackageDialog) -> int:
        dialog.choose_interviewer(interviewer_id)
        answer_folder(monkeypatch, folder)
        dialog.choose_folder()  # the « Change… » button, answered above
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PackageDialog, "exec", run)


def accept_registration(monkeypatch, interviewer_id: str | None, seen: list) -> None:
    def run(dialog: RegisterDeviceDialog) -> int:
        seen.append(dialog.fingerprint.text())
        dialog.choose_interviewer(interviewer_id)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RegisterDeviceDialog, "exec", run)


def field_work(project: Project, code: str, interviewer_id: str) -> str:
    """A participant met on the laptop, with consent, an interview and a note."""
    person = participants.add_participant(project, code, None, "entrepreneur")
    participants.record_consent(project, person.id, method="oral")
    interview = fieldwork.start_interview(project, person.id, interviewer_id=interviewer_id)
    fieldwork.save_note(project, interview.id, None, "A parlé de la coopérative.", 60_000)
    fieldwork.finish(project, interview.id, 600_000, {})
    return interview.id


def alice(project: Project):
    return project.interviewers.first("name = ?", ["Alice Martin"])


def field_copy(analyst: Project, tmp_path: Path, name: str = "Portable d’Alice") -> Path:
    written = package.export_package(analyst, tmp_path, interviewer_id=alice(analyst).id)
    path = tmp_path / f"{name}.terrain"
    package.create_from_package(path, written.path, name=name)
    return path


# the whole loop ----------------------------------------------------------------------------------
def test_the_loop_package_field_bundle_analyst_receipt(window, project, messages, monkeypatch, qtbot, tmp_path):
    analyst_path = project.path
    window.show_area("sync")
    area = window.area("sync")
    assert area.pages.currentWidget() is area.analyst
    assert area.identity.fingerprint_label.text() == "—"  # no keys before the first package

    # The analyst prepares Alice's package from the dialog.
    accept_package_dialog(monkeypatch, alice(project).id, tmp_path / "clé USB")
    (tmp_path / "clé USB").mkdir()
    written = area.analyst.prepare_package()
    assert written is not None and written.path.parent == tmp_path / "clé USB" and written.path.exists()
    assert (written.participants, written.interviews, written.interviewer) == (2, 2, "Alice Martin")
    kind, title, text = messages[-1]
    assert kind == "information" and "2 participant·e·s et 2 entretiens" in text and str(written.path) in text
    analyst_print = area.identity.fingerprint_label.text()
    assert len(analyst_print.split()) == 5  # the keys exist now, and the fingerprint shows
    assert area.analyst.journal.model.rowCount() == 1

    # On the laptop: File › New project from a study package, then the project opens on its Sync area.
    field_path = tmp_path / "terrain" / "Alice.terrain"
    field_path.parent.mkdir()
    answer_open(monkeypatch, written.path)
    answer_save(monkeypatch, field_path.with_suffix(""))  # the suffix is added
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Portable d’Alice", True))
    window.from_package_action.trigger()
    assert window.project.path == field_path
    assert window.current_area() is area and area.pages.currentWidget() is area.field
    field = window.project
    assert devices.role(field) == "field"
    assert "2 participant·e·s à rencontrer" in messages[-1][2]
    assert area.identity.name_label.text() == "Portable d’Alice"
    laptop_print = area.identity.fingerprint_label.text()
    assert analyst_print in area.identity.analyst_label.text()
    assert area.field.pending_label.text() == "Tout a été reçu par l’analyste."
    assert not area.field.write_button.isEnabled()

    # Field work, then the bundle, encrypted, saved where the person chooses.
    field_work(field, "P10", alice(field).id)
    area.load(field)
    pending = area.field.pending_label.text()
    assert pending.startswith("À envoyer\u00a0: 1 entretien") and "1 consentement" in pending
    assert area.field.encrypt_box.isChecked()
    bundle_path = tmp_path / "clé USB" / "alice.terrain-bundle"
    answer_save(monkeypatch, bundle_path)
    with qtbot.waitSignal(area.changed):
        exported = area.field.write_bundle()
    assert exported.path == bundle_path and exported.encrypted and bundle_path.exists()
    assert "chiffré pour l’analyste" in messages[-1][2]
    journal = area.field.journal.model
    assert [journal.index(r, 1).data() for r in range(journal.rowCount())] == [
        "Paquet terrain écrit", "Paquet d’étude ouvert"]
    assert bundle.pending_counts(field)  # still pending until the receipt

    # Back at the analyst's: the laptop is not registered yet, so the bundle is refused.
    analyst = Project.open(analyst_path)
    analyst_window = MainWindow(analyst, Settings(tmp_path / "analyst.ini"))
    qtbot.addWidget(analyst_window)
    analyst_window.show_area("sync")
    page = analyst_window.area("sync").analyst
    answer_open_many(monkeypatch, [bundle_path])
    outcomes = page.import_bundles()
    assert [(o.status, o.reason_code) for o in outcomes] == [("refused", "unknown_device")]
    assert page.result_dialog.isVisible() and "refusé" in page.result_dialog.text()
    assert analyst.participants.first("code = 'P10'") is None
    assert page.tabs.tabText(page.QUARANTINE) == "Quarantaine (1)"
    assert page.journal.model.index(0, 3).data() == "Refusé"
    assert page.journal.model.index(0, 4).data() == "Portable non enregistré"
    assert "Portable d’Alice" in page.journal.detail.toPlainText()
    assert "empreinte" in page.journal.detail.toPlainText()  # the reason in full, with what to do

    # Register it from the quarantine tab, after comparing fingerprints; the bundle is taken again.
    page.tabs.setCurrentIndex(page.QUARANTINE)
    quarantine = page.quarantine
    assert quarantine.register_button.isEnabled()
    shown = []
    accept_registration(monkeypatch, alice(analyst).id, shown)
    quarantine.register_button.click()
    assert shown == [laptop_print]  # what the analyst compares is what the laptop shows
    retried = page.quarantine.result_dialog.outcomes
    assert [o.status for o in retried] == ["imported"]
    assert retried[0].counts["new"] > 0
    assert analyst.participants.first("code = 'P10'") is not None
    assert page.tabs.tabText(page.QUARANTINE) == "Quarantaine"
    assert quarantine.count() == 0
    device_rows = page.devices.model.rows()
    registered = next(row for row in device_rows if row.name == "Portable d’Alice")
    assert (registered.fingerprint, registered.interviewer) == (laptop_print, "Alice Martin")
    assert registered.last_bundle_at
    receipt = retried[0].receipt
    assert receipt is not None and receipt.exists()

    # The receipt goes back to the laptop: everything is delivered.
    answer_open(monkeypatch, receipt)
    area.field.read_receipt()
    assert "marqués comme livrés" in messages[-1][2]
    assert area.field.pending_label.text() == "Tout a été reçu par l’analyste."
    assert bundle.pending_counts(field) == {}
    analyst_window.close()
    analyst.close()


def test_importing_the_same_bundle_twice_changes_nothing(window, project, messages, monkeypatch, tmp_path):
    field_path = field_copy(project, tmp_path)
    with Project.open(field_path) as field:
        field_work(field, "P11", alice(field).id)
        written = bundle.export_bundle(field, tmp_path)
    devices.register_device(project, written.path)
    window.show_area("sync")
    page = window.area("sync").analyst
    first = page.import_bundles([written.path])
    second = page.import_bundles([written.path])
    assert first[0].ok and first[0].counts["new"] > 0
    assert second[0].ok and (second[0].counts["new"], second[0].counts["updated"]) == (0, 0)
    assert second[0].counts["unchanged"] == first[0].counts["new"]
    assert f"{first[0].counts['new']} inchangés" in page.result_dialog.text()


# conflicts ---------------------------------------------------------------------------------------
def test_a_conflict_is_shown_side_by_side_and_resolved(window, project, messages, qtbot, tmp_path):
    field_path = field_copy(project, tmp_path)
    with Project.open(field_path) as field:
        on_laptop = field.participants.first("code = 'P01'")
        on_laptop.sector = "Bâtiment"
        field.participants.update(on_laptop)
        written = bundle.export_bundle(field, tmp_path)
    here = project.participants.first("code = 'P01'")
    here.sector = "Restauration"
    project.participants.update(here)
    devices.register_device(project, written.path)
    importer.import_bundles(project, [written.path])

    window.show_area("sync")
    page = window.area("sync").analyst
    assert page.tabs.tabText(page.CONFLICTS) == "Conflits (1)"
    page.tabs.setCurrentIndex(page.CONFLICTS)
    panel = page.conflicts
    assert panel.count() == 1 and panel.title_label.text() == "Participant·e P01"
    table = panel.comparison
    assert table.columnCount() == 2 and len(panel.keep_buttons) == 2
    headers = [table.headerData(c, Qt.Orientation.Horizontal) for c in range(2)]
    laptop_column = next(c for c, header in enumerate(headers) if header.startswith("Portable d’Alice"))
    assert any("en usage jusqu’à votre choix" in header for header in headers)
    sector_row = table.fields.index("sector")
    assert table.headerData(sector_row, Qt.Orientation.Vertical) == "Secteur"
    assert {table.index(sector_row, c).data() for c in range(2)} == {"Bâtiment", "Restauration"}
    assert table.index(sector_row, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # differs: highlighted
    code_row = table.fields.index("code")
    assert table.index(code_row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    panel.only_differing.setChecked(True)
    assert "code" not in table.fields and "sector" in table.fields

    with qtbot.waitSignal(window.area("sync").changed):
        panel.keep_buttons[laptop_column].click()
    assert conflicts.conflict_count(project) == 0
    assert project.participants.first("code = 'P01'").sector == "Bâtiment"
    assert page.tabs.tabText(page.CONFLICTS) == "Conflits"
    assert not panel.empty_label.isHidden() and panel.splitter.isHidden()


def test_no_conflict_says_what_a_conflict_is(window):
    window.show_area("sync")
    panel = window.area("sync").analyst.conflicts
    assert panel.count() == 0
    assert ("Le même enregistrement a été modifié sur deux appareils\u00a0; Terrain garde les deux versions "
            "jusqu’à votre choix.") in panel.empty_label.text()


# devices -----------------------------------------------------------------------------------------
def test_registering_from_a_bundle_then_revoking(window, project, messages, monkeypatch, tmp_path):
    field_path = field_copy(project, tmp_path)
    with Project.open(field_path) as field:
        field_work(field, "P12", alice(field).id)
        written = bundle.export_bundle(field, tmp_path)
    window.show_area("sync")
    page = window.area("sync").analyst
    panel = page.devices
    before = panel.model.rowCount()
    answer_open(monkeypatch, written.path)
    accept_registration(monkeypatch, None, [])
    panel.register_button.click()
    assert panel.model.rowCount() == before + 1
    row = next(position for position, device in enumerate(panel.model.rows()) if device.name == "Portable d’Alice")
    panel.view.selectRow(row)
    assert panel.revoke_button.isEnabled()
    panel.revoke_button.click()  # the question is answered Yes by the fixture
    assert messages[-1][0] == "question"
    assert next(d for d in devices.field_devices(project) if d.name == "Portable d’Alice").revoked_at
    outcome = page.import_bundles([written.path])[0]
    assert outcome.reason_code == "revoked_device"


# errors and the sync folder ------------------------------------------------------------------------
def test_a_damaged_receipt_is_refused_in_a_message(window, project, messages, monkeypatch, tmp_path):
    field_path = field_copy(project, tmp_path)
    window.open_project(field_path)
    window.show_area("sync")
    page = window.area("sync").field
    junk = tmp_path / "accusé.terrain-receipt"
    junk.write_bytes(b"not a receipt at all")
    answer_open(monkeypatch, junk)
    page.read_receipt()
    kind, title, text = messages[-1]
    assert kind == "critical" and title == "Lire un accusé de réception" and "accusé.terrain-receipt" in text


def test_new_project_never_replaces_an_existing_file(window, project, messages, monkeypatch, tmp_path):
    written = package.export_package(project, tmp_path, interviewer_id=alice(project).id)
    existing = tmp_path / "déjà là.terrain"
    existing.write_bytes(b"keep me")
    answer_open(monkeypatch, written.path)
    answer_save(monkeypatch, existing)
    window.from_package_action.trigger()
    assert messages[-1][0] == "critical" and "existe déjà" in messages[-1][2]
    assert existing.read_bytes() == b"keep me" and window.project is project


def test_the_sync_folder_loop_with_the_interview_hook(window, project, messages, monkeypatch, qtbot, tmp_path):
    shared = tmp_path / "Nextcloud"
    shared.mkdir()
    field_path = field_copy(project, tmp_path)
    window.show()
    window.show_area("sync")
    analyst_page = window.area("sync").analyst
    assert not analyst_page.poll_timer.isActive()  # no folder yet
    answer_folder(monkeypatch, shared)
    analyst_page.folder_bar.choose_button.click()
    assert folder_service.sync_folder(project) == shared
    assert analyst_page.poll_timer.isActive()  # read every 30 s while the area is shown
    assert str(shared) in analyst_page.folder_bar.where_label.text()

    # The laptop uses the same folder; closing the reflexive note of an interview writes its bundle there.
    field = Project.open(field_path)
    field_window = MainWindow(field, Settings(tmp_path / "field.ini"))
    qtbot.addWidget(field_window)
    field_window.show_area("sync")
    field_window.area("sync").field.folder_bar.choose_button.click()
    interview_id = field_work(field, "P13", alice(field).id)
    from app.ui.field.field_note import FieldNoteDialog

    note = FieldNoteDialog(field, interview_id, field_window)
    note.editors["setting"].setPlainText("Dans un café, bruyant.")
    note.done(0)
    written = list((shared / "bundles").glob("*.terrain-bundle"))
    assert len(written) == 1
    assert written[0].name in field_window.statusBar().currentMessage()

    # The analyst's timer finds it: refused (unknown laptop) and moved to the folder's quarantine.
    analyst_page.poll()
    assert analyst_page.quarantine.count() == 1
    assert "1 refusé" in analyst_page.folder_bar.status_label.text()
    item = analyst_page.quarantine.current()
    assert item.path.parent == shared / "quarantine" and item.reason_code == "unknown_device"
    accept_registration(monkeypatch, alice(project).id, [])
    analyst_page.quarantine.register_and_retry()
    assert project.participants.first("code = 'P13'") is not None
    receipts = list((shared / "receipts").glob("*.terrain-receipt"))
    assert len(receipts) == 1  # where the laptop looks for it

    # The laptop reads its receipt from the folder.
    field_page = field_window.area("sync").field
    field_page.folder_bar.read_button.click()
    assert field_page.pending_label.text() == "Tout a été reçu par l’analyste."
    assert "1 accusé de réception lu" in field_page.folder_bar.status_label.text()

    window.show_area("study")
    assert not analyst_page.poll_timer.isActive()  # stops when the area is hidden
    field_window.close()
    field.close()


def test_the_hook_never_loses_the_interview_when_the_folder_is_gone(window, project, messages, qtbot, tmp_path):
    shared = tmp_path / "clé"
    shared.mkdir()
    field_path = field_copy(project, tmp_path)
    window.open_project(field_path)
    field = window.project
    folder_service.set_sync_folder(field, shared)
    interview_id = field_work(field, "P14", alice(field).id)
    shared.rmdir()  # the stick was pulled out
    from app.ui.field.field_note import FieldNoteDialog

    note = FieldNoteDialog(field, interview_id, window)
    note.editors["setting"].setPlainText("Chez elle.")
    note.done(0)
    kind, title, text = messages[-1]
    assert kind == "critical" and "L’entretien est bien enregistré sur ce portable" in text
    assert fieldwork.field_note_of(field, interview_id).setting == "Chez elle."
    assert field.interviews.get(interview_id).status == "completed"


def test_the_field_side_writes_into_the_sync_folder_unencrypted_when_asked(window, project, messages, tmp_path):
    shared = tmp_path / "partage"
    shared.mkdir()
    window.open_project(field_copy(project, tmp_path))
    field = window.project
    folder_service.set_sync_folder(field, shared)
    field_work(field, "P15", alice(field).id)
    window.show_area("sync")
    page = window.area("sync").field
    page.encrypt_box.setChecked(False)
    written = page.write_bundle()
    assert written.path.parent == shared / "bundles" and not written.encrypted
    assert "non chiffré" in messages[-1][2]


def test_a_newer_package_updates_the_study_on_the_laptop(window, project, messages, monkeypatch, tmp_path):
    field_path = field_copy(project, tmp_path)
    study = project.study()
    study.description = "Description revue par l’analyste."
    project.studies.update(study)
    (tmp_path / "plus récent").mkdir()
    newer = package.export_package(project, tmp_path / "plus récent", interviewer_id=alice(project).id)
    window.open_project(field_path)  # the analyst's project closes: the laptop's opens
    window.show_area("sync")
    page = window.area("sync").field
    answer_open(monkeypatch, newer.path)
    page.update_study()
    assert messages[-1][1] == "Étude mise à jour" and "L’étude est à jour" in messages[-1][2]
    assert window.project.study().description == "Description revue par l’analyste."
    page.update_study()  # the same package again changes nothing
    assert "avait déjà été ouvert" in messages[-1][2]


def test_reading_the_folder_by_hand_shows_what_came(window, project, messages, tmp_path):
    shared = tmp_path / "partage"
    shared.mkdir()
    folder_service.set_sync_folder(project, shared)
    field_path = field_copy(project, tmp_path)
    with Project.open(field_path) as field:
        folder_service.set_sync_folder(field, shared)
        field_work(field, "P16", alice(field).id)
        written = folder_service.write_bundle_to_folder(field)
    devices.register_device(project, written.path)
    window.show_area("sync")
    page = window.area("sync").analyst
    page.folder_bar.read_button.click()
    assert page.result_dialog is not None and "1 paquet importé" in page.result_dialog.heading.text()
    assert project.participants.first("code = 'P16'") is not None
    assert "Relevé le" in page.folder_bar.status_label.text()
    page.folder_bar.read_button.click()  # nothing new the second time: the bundle is recognised
    assert "rien de nouveau" in page.folder_bar.status_label.text()
