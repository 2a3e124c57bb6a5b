"""Benchmark: field bundles from every laptop of a large study, merged into the analyst's database.

    python -m bench.sync [--devices 100] [--interviews 20] [--words 8000] [--keep DIR] [--profile]

Builds a corpus with ``bench.corpus`` (by default 100 laptops × 20 interviews × about 8,000 words
per transcript), turns each laptop's database into a field copy of the analyst's study
package (``package.adopt_package``: every record it holds is numbered and goes in its first
bundle), then times what the sync loop does at that scale:

- writing each laptop's bundle (signed and encrypted), target under 2 s per laptop;
- importing all the bundles into the analyst's database, target under 60 s;
- importing them all again, which must change nothing, target under 10 s.

About 87 % of the corpus's interviews are completed with a transcript, so the default shape
gives some 1,740 transcripts and 14 million words; ``--interviews 23`` gives the 2,000 transcripts
and 16 million words of the issue's target.

Building the corpus takes minutes: with ``--keep DIR`` it is built once in DIR and reused; each
run works on copies, so the kept corpus stays as generated. Figures are added to
``bench/results.json`` (rows of the same name replaced) and printed as a table.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from app.services.sync import bundle, conflicts, devices, importer, package
from app.store.project import Project
from bench import corpus
from bench.fieldwork import device_name
from bench.results import Result, format_table, write_results

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results.json"
SEED = 20240108
CORPUS_INFO = "corpus.json"

EXPORT_TARGET_S = 2.0
IMPORT_TARGET_S = 60.0
REIMPORT_TARGET_S = 10.0


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The corpus ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    devices: int
    interviews: int
    words: int
    seed: int


@dataclass(frozen=True)
class Corpus:
    folder: Path
    shape: Shape
    transcripts: int
    turns: int
    words: int

    @property
    def analyst(self) -> Path:
        return corpus.analyst_path(self.folder)

    def laptops(self) -> list[Path]:
        return [corpus.field_path(self.folder, device_name(number)) for number in range(1, self.shape.devices + 1)]


def build_or_reuse(folder: Path, shape: Shape) -> Corpus:
    """The corpus of this shape in ``folder``: reused when an earlier run built it there."""
    info_path = folder / CORPUS_INFO
    if info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info["shape"] != asdict(shape):
            raise SystemExit(f"{folder} holds a corpus of another shape ({info['shape']}); choose another folder.")
        found = Corpus(folder, shape, info["transcripts"], info["turns"], info["words"])
        missing = [path for path in [found.analyst, *found.laptops()] if not path.exists()]
        if not missing:
            progress(f"reusing the corpus in {folder}")
            return found
        raise SystemExit(f"{folder} lacks {missing[0].name}: delete the folder to build the corpus again.")
    progress(f"building the corpus in {folder} ({shape.devices} laptops × {shape.interviews} interviews × "
             f"~{shape.words:,} words); this takes minutes")
    started = time.perf_counter()
    built = corpus.generate(folder, shape.devices, shape.interviews, shape.words, shape.seed,
                            workers=min(os.cpu_count() or 1, shape.devices), progress=progress)
    made = Corpus(folder, shape, built.transcripts, built.turns, built.words)
    # Written last: a corpus interrupted half way has no info file and is not mistaken for whole.
    info_path.write_text(json.dumps({"shape": asdict(shape), "transcripts": made.transcripts, "turns": made.turns,
                                     "words": made.words}, indent=2) + "\n", encoding="utf-8")
    progress(f"corpus built in {time.perf_counter() - started:.0f} s")
    return made


def copy_corpus(source: Corpus, folder: Path) -> Corpus:
    """Working copies, so a kept corpus is never turned into field copies itself."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in [source.analyst, *source.laptops()]:
        shutil.copyfile(path, folder / path.name)
    return Corpus(folder, source.shape, source.transcripts, source.turns, source.words)


# The loop ------------------------------------------------------------------------------------------
@dataclass
class Exported:
    name: str
    path: Path
    seconds: float
    records: int
    size: int


def prepare_laptops(work: Corpus, package_path: Path, bundles: Path, profile: bool) -> list[Exported]:
    """Each laptop adopts the study package, then writes its bundle (timed)."""
    exported = []
    for number, path in enumerate(work.laptops(), start=1):
        name = device_name(number)
        with Project.open(path) as laptop:
            package.adopt_package(laptop, package_path, name=name)
            profiler = cProfile.Profile() if profile and number == 1 else None
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            written = bundle.export_bundle(laptop, bundles / f"{name}.terrain-bundle")
            seconds = time.perf_counter() - started
            if profiler:
                profiler.disable()
                show_profile(profiler, f"export of {name}'s bundle")
        exported.append(Exported(name, written.path, seconds, written.records, written.path.stat().st_size))
        if number % 10 == 0 or number == work.shape.devices:
            progress(f"{number} bundles written (last: {seconds:.2f} s, {written.records:,} records)")
    return exported


def timed_import(analyst: Project, paths: list[Path], receipts: Path, profile: str | None):
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    outcomes = importer.import_bundles(analyst, paths, receipts=receipts)
    seconds = time.perf_counter() - started
    if profiler:
        profiler.disable()
        show_profile(profiler, profile)
    refused = [outcome.line() for outcome in outcomes if not outcome.ok]
    if refused:
        raise SystemExit("bundles refused:\n" + "\n".join(refused))
    return seconds, outcomes


def show_profile(profiler: cProfile.Profile, title: str) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)
    progress(f"--- profile: {title} ---\n{out.getvalue()}")


def peak_memory_mb() -> float:
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run(work: Corpus, profile: bool = False) -> list[Result]:
    folder = work.folder
    bundles, receipts = folder / "bundles", folder / "receipts"
    bundles.mkdir(exist_ok=True)
    package_path = folder / "study.terrain-package"
    with Project.open(work.analyst) as analyst:
        package.export_package(analyst, package_path)

    progress("laptops adopt the package and write their bundles")
    exported = prepare_laptops(work, package_path, bundles, profile)
    export_peak = peak_memory_mb()
    times = [item.seconds for item in exported]
    sizes = [item.size for item in exported]

    with Project.open(work.analyst) as analyst:
        for item in exported:
            devices.register_device(analyst, item.path)
        paths = [item.path for item in exported]
        progress(f"importing {len(paths)} bundles")
        import_s, outcomes = timed_import(analyst, paths, receipts, "import of every bundle" if profile else None)
        counts = sum((Counter(outcome.counts) for outcome in outcomes), Counter())
        progress(f"imported in {import_s:.1f} s: {dict(counts)}")
        held = analyst.db.execute("SELECT count(*) FROM transcript").fetchone()[0]
        turns = analyst.db.execute("SELECT count(*) FROM turn").fetchone()[0]
        if (held, turns) != (work.transcripts, work.turns) or counts["held"] or conflicts.conflict_count(analyst):
            raise SystemExit(f"the analyst holds {held} transcripts and {turns} turns, expected {work.transcripts} "
                             f"and {work.turns}; {counts['held']} records held back")
        import_peak = peak_memory_mb()

        progress("importing them all again")
        reimport_s, again = timed_import(analyst, paths, receipts, "second import" if profile else None)
        changed = sum(outcome.counts[key] for outcome in again for key in ("new", "updated", "deleted", "conflicts"))
        if changed:
            raise SystemExit(f"the second import changed {changed} records")
    merged = counts["new"] + counts["updated"]
    return [
        Result("sync_bundle_export_median_s", statistics.median(times), "s"),
        Result("sync_bundle_export_max_s", max(times), "s", target=EXPORT_TARGET_S),
        Result("sync_bundle_size_median_mb", statistics.median(sizes) / 1e6, "MB"),
        Result("sync_bundle_size_total_mb", sum(sizes) / 1e6, "MB"),
        Result("sync_import_all_s", import_s, "s", target=IMPORT_TARGET_S),
        Result("sync_reimport_all_s", reimport_s, "s", target=REIMPORT_TARGET_S),
        Result("sync_records_merged", float(merged), "records"),
        # The corpus's own count; the transcripts and turns checked above show they all arrived.
        Result("sync_words_merged", float(work.words), "words"),
        Result("sync_import_rate", merged / import_s, "records/s"),
        Result("sync_peak_memory_exports_mb", export_peak, "MB"),
        Result("sync_peak_memory_mb", max(import_peak, peak_memory_mb()), "MB"),
    ]


def add_results(results: list[Result], path: Path = RESULTS) -> None:
    """Add these figures to the results file, replacing earlier rows of the same name."""
    earlier = []
    if path.exists():
        try:
            earlier = [Result(**row) for row in json.loads(path.read_text(encoding="utf-8"))]
        except (ValueError, TypeError):
            earlier = []
    names = {result.name for result in results}
    write_results([row for row in earlier if row.name not in names] + results, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sync", description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=100, help="field laptops (default 100)")
    parser.add_argument("--interviews", type=int, default=20, help="interviews per laptop (default 20)")
    parser.add_argument("--words", type=int, default=8000, help="approximate words per transcript (default 8000)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--keep", type=Path, help="folder where the corpus is built once and reused")
    parser.add_argument("--profile", action="store_true", help="print cProfile figures of one export and the imports")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results.json")
    args = parser.parse_args(argv)
    if min(args.devices, args.interviews, args.words) < 1:
        parser.error("--devices, --interviews and --words must be at least 1")
    shape = Shape(args.devices, args.interviews, args.words, args.seed)
    started = time.perf_counter()
    data = BENCH_DIR / "data"
    data.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data, prefix="sync-") as scratch:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            work = copy_corpus(build_or_reuse(args.keep, shape), Path(scratch) / "work")
        else:
            work = build_or_reuse(Path(scratch) / "corpus", shape)
        results = run(work, args.profile)
    if not args.no_save:
        add_results(results)
    print(f"Sync benchmark: {shape.devices} laptops × {shape.interviews} interviews × ~{shape.words:,} words "
          f"({work.transcripts:,} transcripts, {work.turns:,} turns, {work.words:,} words; "
          f"{time.perf_counter() - started:.0f} s in all)\n")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
