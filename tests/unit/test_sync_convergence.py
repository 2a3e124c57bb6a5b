"""Bundles imported in any order give the analyst the same study, and a second import changes nothing.

Three field copies of the small study (two for Alice Martin, so they share her participants, and
one for Bruno Petit) follow a random script of field work interleaved with bundles and receipts.
One analyst copy takes the bundles as they are written, the way the analyst would; fresh copies
of the analyst's project then take the same bundles in random orders. The study tables and the
open conflicts must agree in every copy.

The orders are any the analyst could meet: a laptop that read the receipt for a bundle writes
later bundles that leave out what was acknowledged, and that receipt proves the analyst took the
acknowledged bundle first. So a bundle comes after every bundle whose receipt its laptop had read
when writing it; apart from that the order is random.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from app.services import fieldwork, participants
from app.services.sync import bundle, conflicts, devices, importer
from app.services.sync.errors import SyncError
from app.store.project import Project
from tests.fixtures.sync_setup import add_met_participant, make_loop, snapshot

# The tables that hold what the study knows; what an import leaves about itself is not compared.
STUDY_TABLES = ("participant", "consent", "interview", "interview_section_time", "note", "field_note",
                "survey_answer", "transcript", "transcript_speaker", "turn", "interviewer")
# Audit events the analyst's project writes about its own imports and registrations.
OWN_AUDIT = ("bundle_imported", "device_registered")
LAPTOPS = (("portable-1", "Alice Martin"), ("portable-2", "Alice Martin"), ("portable-3", "Bruno Petit"))
FIELDS = ("sector", "seniority", "age_band")
VALUES = ("restauration", "maraîchage", "3 ans", "12 ans", "25-34", "")
NOTE_TEXTS = ("Hésite longuement.", "Parle du collectif.", "Rit en évoquant ses débuts.")
FIELD_NOTE_PROMPTS = tuple(name for name, _prompt in fieldwork.FIELD_NOTE_PROMPTS)


@dataclass
class Template:
    """The analyst's project and its field copies, built once and copied for every example."""

    folder: Path
    analyst: Path
    laptops: list[Path]

    def copy_into(self, target: Path) -> tuple[Path, list[Path]]:
        return _copy(self.analyst, target), [_copy(path, target) for path in self.laptops]

    def fresh_analyst(self, target: Path, name: str) -> Path:
        return _copy(self.analyst, target, name)


def _copy(path: Path, folder: Path, name: str | None = None) -> Path:
    """A closed project file copied with its WAL, if SQLite left one."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or path.name)
    shutil.copyfile(path, target)
    wal = Path(f"{path}-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}-wal"))
    return target


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Template:
    loop = make_loop(tmp_path_factory.mktemp("convergence"))
    laptops = [loop.laptop(name, interviewer) for name, interviewer in LAPTOPS]
    return Template(loop.folder, loop.analyst_path, laptops)


# The script ----------------------------------------------------------------------------------------
laptop_numbers = st.integers(0, len(LAPTOPS) - 1)
pick = st.integers(0, 3)  # small, so two laptops often pick the same participant
edits = st.tuples(st.just("edit"), laptop_numbers, pick, st.sampled_from(FIELDS), st.sampled_from(VALUES))
# Edits and bundles are listed twice: concurrent edits between bundles are where conflicts come from.
steps = st.one_of(
    st.tuples(st.just("add"), laptop_numbers),
    edits,
    edits,
    st.tuples(st.just("bundle"), laptop_numbers),
    st.tuples(st.just("note"), laptop_numbers, pick, st.sampled_from(NOTE_TEXTS)),
    st.tuples(st.just("field_note"), laptop_numbers, pick, st.sampled_from(FIELD_NOTE_PROMPTS),
              st.sampled_from(NOTE_TEXTS)),
    st.tuples(st.just("erase"), laptop_numbers, pick),
    st.tuples(st.just("bundle"), laptop_numbers),
    st.tuples(st.just("receipt"), laptop_numbers, pick),
)


@dataclass
class Run:
    """Where the script is: the bundles written so far and the receipts the analyst gave back."""

    folder: Path
    analyst: Path
    laptops: list[Path]
    bundles: list[Path] = field(default_factory=list)
    receipts: dict[int, list[tuple[Path, Path]]] = field(default_factory=dict)  # (bundle, its receipt)
    acknowledged: dict[int, set[Path]] = field(default_factory=dict)  # bundles whose receipt a laptop read
    after: dict[Path, set[Path]] = field(default_factory=dict)  # bundle -> bundles the analyst took before it
    added: dict[int, int] = field(default_factory=dict)
    first_bundle: dict[int, Path] = field(default_factory=dict)


def play(run: Run, step: tuple) -> None:
    action, number = step[0], step[1]
    if action == "bundle":
        write_bundle(run, number)
        return
    if action == "receipt":
        mine = run.receipts.get(number, [])
        if mine:
            acknowledged, receipt = mine[step[2] % len(mine)]
            with Project.open(run.laptops[number]) as laptop:
                bundle.import_receipt(laptop, receipt)
            run.acknowledged.setdefault(number, set()).add(acknowledged)
        return
    with Project.open(run.laptops[number]) as laptop:
        if action == "add":
            run.added[number] = run.added.get(number, 0) + 1
            # Each laptop numbers its own recruits, as the field screens do, so codes never collide.
            add_met_participant(laptop, f"NORD-{number + 1}{run.added[number]:02d}")
            return
        if action == "edit":
            # The package's participants (P01, P03…) come first, so the two copies of Alice's
            # package often edit the same person.
            people = laptop.participants.find(order_by="code DESC")
            if people:
                person = people[step[2] % len(people)]
                setattr(person, step[3], step[4])
                laptop.participants.update(person)
            return
        # By the participant's code, not by id: ids are random in each session's template, and a
        # script must pick the same interview whenever Hypothesis replays it.
        interviews = laptop.interviews.find(
            order_by="(SELECT code FROM participant WHERE participant.id = interview.participant_id), id")
        if action == "erase":
            people = laptop.participants.find(order_by="code DESC")
            if people:
                participants.erase(laptop, people[step[2] % len(people)].id)
        elif interviews and action == "note":
            fieldwork.save_note(laptop, interviews[step[2] % len(interviews)].id, None, step[3], 1000)
        elif interviews and action == "field_note":
            fieldwork.save_field_note(laptop, interviews[step[2] % len(interviews)].id, **{step[3]: step[4]})


def write_bundle(run: Run, number: int) -> None:
    """The laptop writes what is pending; the analyst takes it at once and writes a receipt."""
    with Project.open(run.laptops[number]) as laptop:
        try:
            written = bundle.export_bundle(laptop, run.folder / f"bundle-{len(run.bundles):02d}.terrain-bundle")
        except SyncError:
            return  # nothing pending
    run.bundles.append(written.path)
    run.after[written.path] = set(run.acknowledged.get(number, set()))
    with Project.open(run.analyst) as analyst:
        if number not in run.first_bundle:
            devices.register_device(analyst, written.path)
            run.first_bundle[number] = written.path
        [outcome] = importer.import_bundles(analyst, [written.path], receipts=run.folder / "receipts")
    assert outcome.ok, outcome.reason
    run.receipts.setdefault(number, []).append((written.path, outcome.receipt))


def possible_order(run: Run, priority: list[Path]) -> list[Path]:
    """The bundles in the order of ``priority`` as far as receipts allow: a bundle is taken once
    every bundle acknowledged to its laptop before it was written has been taken."""
    order: list[Path] = []
    waiting = list(priority)
    while waiting:
        ready = next(path for path in waiting if run.after[path] <= set(order))
        waiting.remove(ready)
        order.append(ready)
    return order


# What is compared ----------------------------------------------------------------------------------
def study_state(project: Project) -> dict:
    state = {table: sorted(project.db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
             for table in STUDY_TABLES}
    marks = ",".join("?" for _ in OWN_AUDIT)
    state["audit_log"] = sorted(project.db.execute(
        f"SELECT * FROM audit_log WHERE action NOT IN ({marks})", OWN_AUDIT).fetchall(), key=repr)
    state["open_conflicts"] = sorted(
        (view.kind, view.record_id, tuple(sorted(version.hash for version in view.versions)), view.held_hash)
        for view in conflicts.open_conflicts(project))
    return state


def import_in_order(template: Template, folder: Path, name: str, bundles: list[Path], run: Run) -> Path:
    """A fresh analyst project that registers every laptop, then takes the bundles in this order."""
    path = template.fresh_analyst(folder, name)
    with Project.open(path) as analyst:
        for written in run.first_bundle.values():
            devices.register_device(analyst, written)
        outcomes = importer.import_bundles(analyst, bundles, receipts=folder / f"{name}-receipts")
    assert all(outcome.ok for outcome in outcomes), [outcome.reason for outcome in outcomes]
    return path


# No shrinking: it replays whole scripts on real files (about 0.2 s each) and can take minutes,
# while a failing script of at most 20 steps reads well as it is.
@settings(max_examples=25, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), script=st.lists(steps, min_size=6, max_size=20), laptop_count=st.integers(2, 3))
def test_bundles_in_any_order_converge_and_a_second_import_changes_nothing(template, data, script, laptop_count):
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        analyst, laptops = template.copy_into(folder)
        run = Run(folder, analyst, laptops[:laptop_count])
        for step in script:
            if step[1] < laptop_count:
                play(run, step)
        # Every laptop sends what it still holds at the end, so the analyst has the whole story.
        for number in range(laptop_count):
            write_bundle(run, number)
        if not run.bundles:
            return

        with Project.open(run.analyst) as project:
            expected = study_state(project)
        # Shown by --hypothesis-show-statistics: how often the script reached the interesting cases.
        event(f"{len(run.bundles)} bundles")
        event("with open conflicts" if expected["open_conflicts"] else "without conflicts")
        orders = [possible_order(run, data.draw(st.permutations(run.bundles), label=f"priority {n}"))
                  for n in (1, 2)]
        for n, order in enumerate(orders, start=1):
            path = import_in_order(template, folder, f"analyst-{n}.terrain", order, run)
            with Project.open(path) as project:
                assert study_state(project) == expected, [b.name for b in order]

        with Project.open(path) as project:
            before = snapshot(project)
            again = importer.import_bundles(project, run.bundles, receipts=folder / "again")
            assert all(outcome.ok for outcome in again)
            assert all(outcome.counts["new"] == outcome.counts["updated"] == outcome.counts["deleted"]
                       == outcome.counts["conflicts"] == 0 for outcome in again)
            assert snapshot(project) == before
            assert study_state(project) == expected


def test_the_analyst_holds_each_laptops_records_when_no_two_laptops_touched_them(template, tmp_path):
    """The comparison above is not vacuous: field work done on one laptop only arrives as it was."""
    analyst, laptops = template.copy_into(tmp_path)
    run = Run(tmp_path, analyst, laptops)
    for step in (("add", 0), ("add", 2), ("note", 2, 0, NOTE_TEXTS[0]), ("bundle", 0), ("receipt", 0, 0),
                 ("edit", 0, 0, "sector", "maraîchage"), ("add", 0), ("bundle", 2), ("bundle", 0)):
        play(run, step)
    with Project.open(laptops[0]) as one, Project.open(laptops[2]) as three:
        field_rows = {row for laptop in (one, three)
                      for row in laptop.db.execute("SELECT * FROM participant").fetchall()}
        field_notes = {row for row in three.db.execute("SELECT * FROM note").fetchall()}
    order = possible_order(run, list(reversed(run.bundles)))
    assert order == [run.bundles[1], run.bundles[0], run.bundles[2]]  # the receipt keeps one bundle last
    path = import_in_order(template, tmp_path, "reordered.terrain", order, run)
    with Project.open(path) as project:
        held = set(project.db.execute("SELECT * FROM participant").fetchall())
        assert field_rows <= held
        assert field_notes <= set(project.db.execute("SELECT * FROM note").fetchall())
        assert conflicts.conflict_count(project) == 0
        assert study_state(project) == study_state_of(run.analyst)


def study_state_of(path: Path) -> dict:
    with Project.open(path) as project:
        return study_state(project)


def test_an_erasure_that_arrives_before_the_record_it_erases_keeps_it_erased(template, tmp_path):
    """A laptop's later bundle (carrying a tombstone) imported before its earlier one (carrying
    the record) must not bring an erased participant back: the right to erasure depends on it.

    Both orders must end with the participant gone, as they do when the bundles come in order.
    """
    analyst, laptops = template.copy_into(tmp_path)
    run = Run(tmp_path, analyst, laptops)
    play(run, ("add", 2))
    play(run, ("bundle", 2))  # the participant and its consent
    with Project.open(laptops[2]) as laptop:
        erased = laptop.participants.first("code = 'NORD-301'").id
        participants.erase(laptop, erased)
    play(run, ("bundle", 2))  # no receipt read: the same records again, now as tombstones
    earlier, later = run.bundles
    with Project.open(run.analyst) as project:
        assert project.participants.count("id = ?", [erased]) == 0  # taken in order: erased
    path = import_in_order(template, tmp_path, "later-first.terrain", [later, earlier], run)
    with Project.open(path) as project:
        assert project.participants.count("id = ?", [erased]) == 0
        assert project.consents.count("participant_id = ?", [erased]) == 0
        assert study_state(project) == study_state_of(run.analyst)
