"""A sample round of exchanges on a study, so the Sync screens can be looked at with something in them:
a laptop that sent a bundle (with one record edited on both sides), one not yet registered, a damaged
file, and a field copy with work still to send. Used by ``python -m app.ui.sync``."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from app.services import fieldwork, participants
from app.services.sync import bundle, devices, importer, package
from app.store.project import Project


@dataclass(frozen=True)
class SampleExchange:
    field_path: Path  # the registered laptop's copy, with records not yet sent
    shared: Path  # a sync folder both sides use


def field_interview(project: Project, code: str, interviewer_id: str | None) -> None:
    """A participant met on the laptop: consent, a short interview with notes, the reflexive note."""
    person = participants.add_participant(project, code, None, "", sector="Artisanat")
    participants.record_consent(project, person.id, method="oral", scopes=("interview", "recording"))
    interview = fieldwork.start_interview(project, person.id, interviewer_id=interviewer_id, place="Valence")
    for offset, text in ((60_000, "Parle d’abord de l’isolement avant la coopérative."),
                         (420_000, "Les réunions mensuelles comptent beaucoup."),
                         (900_000, "Hésite sur la question du revenu.")):
        fieldwork.save_note(project, interview.id, None, text, offset)
    fieldwork.finish(project, interview.id, 1_800_000, {})
    fieldwork.save_field_note(project, interview.id, setting="Dans son atelier, calme.",
                              rapport="Bonne, détendue après dix minutes.")


def laptop(analyst: Project, folder: Path, interviewer_name: str, laptop_name: str) -> tuple[Path, str]:
    """A field copy made from a package for this interviewer (the study's first one if there is none)."""
    folder.mkdir(parents=True, exist_ok=True)
    interviewer = analyst.interviewers.first("name = ?", [interviewer_name]) or analyst.interviewers.first()
    written = package.export_package(analyst, folder, interviewer_id=interviewer.id)
    path = folder / f"{laptop_name}.terrain"
    package.create_from_package(path, written.path, name=laptop_name)
    return path, interviewer.id


def sample_exchange(analyst: Project, folder: Path) -> SampleExchange:
    folder.mkdir(parents=True, exist_ok=True)
    shared = folder / "Partage Nextcloud"
    shared.mkdir(exist_ok=True)
    first_path, first_id = laptop(analyst, folder / "Margaux", "Margaux Delorme", "Portable de Margaux")
    second_path, second_id = laptop(analyst, folder / "Nadia", "Nadia Benali", "Portable de Nadia")

    with Project.open(first_path) as field:
        field_interview(field, "T-101", first_id)
        # The same participant edited on the laptop and by the analyst: a conflict to resolve.
        met = next(person for person in field.participants.find(order_by="code") if person.code != "T-101")
        met.sector, met.age_band = "Bâtiment", "35-44"
        field.participants.update(met)
        first_bundle = bundle.export_bundle(field, first_path.parent)
    edited = analyst.participants.get(met.id)
    edited.sector = "Restauration"
    analyst.participants.update(edited)

    with Project.open(second_path) as field:
        field_interview(field, "T-201", second_id)
        second_bundle = bundle.export_bundle(field, second_path.parent)

    damaged = folder / f"{first_bundle.path.stem}-copie.terrain-bundle"  # a stick that lost a byte
    shutil.copy(first_bundle.path, damaged)
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))

    devices.register_device(analyst, first_bundle.path, interviewer_id=first_id)
    outcomes = importer.import_bundles(analyst, [first_bundle.path, second_bundle.path, damaged])

    with Project.open(first_path) as field:
        receipt = next(outcome.receipt for outcome in outcomes if outcome.ok)
        bundle.import_receipt(field, receipt)
        field_interview(field, "T-102", first_id)
    return SampleExchange(first_path, shared)
