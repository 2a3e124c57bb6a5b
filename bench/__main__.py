"""Run Terrain's benchmarks: ``make bench`` (full scale) or ``BENCH_SCALE=small make bench``.

Writes ``bench/results.json`` (a list of {name, value, unit, target, baseline, ratio}) and prints
a table. Progress goes to stderr. Working files live in a temporary folder under ``bench/data``
and are deleted at the end. A missed target shows in the table; it fails the run (exit status 1)
only with ``BENCH_STRICT=1``, since a benchmark reports figures rather than passing or failing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import diagnostics, search_latency, transcript_import
from bench.results import format_table, write_results

BENCH_DIR = Path(__file__).resolve().parent
SEED = 20240108


@dataclass(frozen=True)
class Scale:
    transcripts: int
    words: int


SCALES = {
    "small": Scale(transcripts=100, words=2_000),
    "full": Scale(transcripts=2_000, words=8_000),
}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main() -> int:
    scale_name = os.environ.get("BENCH_SCALE", "full")
    if scale_name not in SCALES:
        progress(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {scale_name!r}")
        return 2
    scale = SCALES[scale_name]
    started = time.perf_counter()
    data_dir = BENCH_DIR / "data"
    data_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="run-") as folder:
        results, project_path, corpus = transcript_import.run(
            Path(folder), scale.transcripts, scale.words, SEED, progress
        )
        results += search_latency.run(project_path, corpus, SEED, progress)
    progress("diagnostics of one interview")
    results += diagnostics.run()  # always a full-length interview: it takes milliseconds
    write_results(results, BENCH_DIR / "results.json")
    print(
        f"Terrain benchmarks, scale {scale_name}: {scale.transcripts:,} transcripts × {scale.words:,} words "
        f"({time.perf_counter() - started:.0f} s in all)\n"
    )
    print(format_table(results))
    missed = any(result.meets_target is False for result in results)
    return 1 if missed and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
