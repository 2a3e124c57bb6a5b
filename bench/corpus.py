"""A synthetic study corpus: one analyst database and one database per field laptop.

    python -m bench.corpus --out DIR --devices 20 --interviews-per-device 100 --words 8000 --seed 1

writes ``DIR/analyst.sqlite`` (the study definition only, as the analyst holds it before any
sync) and ``DIR/field-terrain-NN.sqlite`` for each laptop (the same study definition, as
received in the study package, plus that laptop's own participants, consents, interviews, notes,
field notes and transcripts). The same arguments always give the same table contents: every
id, timestamp and word comes from ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from app.core.sync import Device
from app.store.errors import ProjectError, ProjectExistsError
from bench.fieldwork import DevicePlan, DeviceSummary, build_field_database, device_name
from bench.french import SpokenTurn, french_transcript
from bench.seeded import Seeded, iso, origin_for
from bench.study import build_study, create_study_project

__all__ = ["CorpusInfo", "SpokenTurn", "analyst_path", "field_path", "french_transcript", "generate"]


@dataclass(frozen=True)
class CorpusInfo:
    out: Path
    analyst_path: Path
    field_paths: list[Path]
    study_id: str
    guide_id: str
    participants: int
    transcripts: int
    turns: int
    words: int


def analyst_path(out: Path) -> Path:
    return Path(out) / "analyst.sqlite"


def field_path(out: Path, device: str) -> Path:
    return Path(out) / f"field-{device}.sqlite"


def generate(
    out: Path | str,
    devices: int,
    interviews_per_device: int,
    words: int,
    seed: int,
    *,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> CorpusInfo:
    """Write the corpus into ``out``; refuses to overwrite a database already there."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    definition = build_study(rng, origin_for(seed))
    plans = [
        DevicePlan(number, device_name(number), field_path(out, device_name(number)),
                   (number - 1) % len(definition.territories), rng.getrandbits(64))
        for number in range(1, devices + 1)
    ]
    # Checked before writing anything, so a refusal never leaves half a corpus behind.
    for path in [analyst_path(out), *(plan.path for plan in plans)]:
        if path.exists():
            raise ProjectExistsError(path)
    analyst_device = Device(**Seeded(rng).record(definition.origin), name="analyste", role="analyst",
                            registered_at=iso(definition.origin), is_self=True)
    with create_study_project(analyst_path(out), definition) as project:
        project.devices.insert(analyst_device)

    summaries: list[DeviceSummary] = []
    for summary in _build_devices(plans, definition, interviews_per_device, words, workers):
        summaries.append(summary)
        if progress:
            progress(f"{summary.name}: {summary.transcripts} transcripts, {summary.words:,} words")
    return CorpusInfo(
        out=out,
        analyst_path=analyst_path(out),
        field_paths=[summary.path for summary in summaries],
        study_id=definition.study.id,
        guide_id=definition.guide.id,
        participants=sum(summary.participants for summary in summaries),
        transcripts=sum(summary.transcripts for summary in summaries),
        turns=sum(summary.turns for summary in summaries),
        words=sum(summary.words for summary in summaries),
    )


def _build_devices(plans, definition, interviews, words, workers) -> Iterator[DeviceSummary]:
    arguments = (plans, repeat(definition), repeat(interviews), repeat(words))
    if workers <= 1:
        yield from map(build_field_database, *arguments)
        return
    # Each laptop has its own seed and its own file, so laptops can be built side by side.
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(build_field_database, *arguments)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to write the databases into")
    parser.add_argument("--devices", type=int, default=20, help="field laptops (default 20)")
    parser.add_argument("--interviews-per-device", type=int, default=100, help="default 100")
    parser.add_argument("--words", type=int, default=8000, help="approximate words per transcript (default 8000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes building laptops in parallel (default: one per CPU)")
    parser.add_argument("--replace", action="store_true", help="delete this corpus's databases in --out first")
    args = parser.parse_args(argv)
    if min(args.devices, args.interviews_per_device, args.words, args.workers) < 1:
        parser.error("--devices, --interviews-per-device, --words and --workers must be at least 1")
    if args.replace:
        _remove_corpus(args.out)
    started = time.perf_counter()
    try:
        info = generate(args.out, args.devices, args.interviews_per_device, args.words, args.seed,
                        workers=min(args.workers, args.devices), progress=lambda line: print(line, file=sys.stderr))
    except ProjectError as error:
        print(f"{error}\nUse --replace to overwrite an earlier corpus in {args.out}.", file=sys.stderr)
        return 1
    print(
        f"{len(info.field_paths)} field databases and {info.analyst_path.name} in {info.out}: "
        f"{info.participants:,} participants, {info.transcripts:,} transcripts, {info.turns:,} turns, "
        f"{info.words:,} words, {time.perf_counter() - started:.1f} s"
    )
    return 0


def _remove_corpus(out: Path) -> None:
    for database in [*out.glob("field-*.sqlite"), *out.glob("analyst.sqlite")]:
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            path.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
