"""Benchmark: agreement between two coders over a whole corpus (target: under 2 s).

    python -m bench.agreement [--transcripts N] [--codings N] [--codes N] [--chars N] [--runs N]

Defaults: 2,000 transcripts of about 8,000 characters each (16 M characters), 200 codes and
50,000 codings, half by each coder. Coder B re-codes most of A's passages with shifted edges and
sometimes another code, and adds passages of their own, so the tables hold every kind of cell.
Times the service (reading the codings from SQLite, then the interval arithmetic) and the pure
computation alone, as the median of ``--runs`` runs. A benchmark reports figures; it does not fail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.results import Result, format_table

SEED = 20240108
TARGET_S = 2.0


def random_codings(rng: random.Random, transcripts: int, codings: int, codes: int, chars: int):
    """transcript index -> (A's spans, B's spans) as (code index, start, end)."""
    corpus = {index: ([], []) for index in range(transcripts)}
    for _ in range(codings // 2):
        index = rng.randrange(transcripts)
        length = rng.randint(40, 1_200)
        start = rng.randrange(0, chars - length)
        code = rng.randrange(codes)
        corpus[index][0].append((code, start, start + length))
        if rng.random() < 0.8:  # B codes the same passage, edges moved, sometimes with another code
            b_start = min(chars - 1, max(0, start + rng.randint(-80, 80)))
            b_end = min(chars, max(b_start + 1, start + length + rng.randint(-80, 80)))
            b_code = code if rng.random() < 0.7 else rng.randrange(codes)
            corpus[index][1].append((b_code, b_start, b_end))
        else:  # B codes somewhere else in the transcript
            b_start = rng.randrange(0, chars - length)
            corpus[index][1].append((rng.randrange(codes), b_start, b_start + length))
    return corpus


def build_project(path: Path, corpus: dict, codes: int):
    from app.core.coding import Code, Coder, Coding
    from app.core.transcripts import Transcript
    from app.store.project import Project

    project = Project.create(path, "Agreement benchmark")
    study_id = project.study().id
    with project.transaction():
        coders = [Coder(study_id=study_id, name=name) for name in ("A", "B")]
        project.coders.insert_many(coders)
        code_records = [Code(study_id=study_id, name=f"code {index}", position=index) for index in range(codes)]
        project.codes.insert_many(code_records)
        transcripts = [Transcript(study_id=study_id, title=f"T{index:05d}", imported_at="2025-01-01T00:00:00")
                       for index in range(len(corpus))]
        project.transcripts.insert_many(transcripts)
        rows = []
        for index, spans in corpus.items():
            for coder, coder_spans in zip(coders, spans):
                rows += [Coding(transcript_id=transcripts[index].id, code_id=code_records[code].id,
                                coder_id=coder.id, start_offset=start, end_offset=end)
                         for code, start, end in coder_spans]
        project.codings.insert_many(rows, guarded=False)
    return project


def _median_seconds(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(folder: Path, transcripts: int, codings: int, codes: int, chars: int, runs: int, progress=print):
    from app.core.agreement import code_tables
    from app.services.agreement import agreement

    corpus = random_codings(random.Random(SEED), transcripts, codings, codes, chars)
    progress(f"writing {transcripts:,} transcripts, {codings:,} codings, {codes} codes…")
    project = build_project(folder / "agreement.terrain", corpus, codes)
    try:
        service, report = _median_seconds(lambda: agreement(project, "A", "B"), runs)
        pure, _ = _median_seconds(lambda: code_tables(corpus.values()), runs)
    finally:
        project.close()
    overall = report.overall
    progress(f"{report.units:,} characters in {report.transcripts:,} transcripts; {len(report.codes)} codes; "
             f"overall kappa {overall.kappa:.3f}, alpha {overall.alpha:.3f}, mean kappa {report.mean_kappa:.3f}")
    return [
        Result("agreement: service over the corpus", service, "s", TARGET_S),
        Result("agreement: interval arithmetic alone", pure, "s"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transcripts", type=int, default=2_000)
    parser.add_argument("--codings", type=int, default=50_000)
    parser.add_argument("--codes", type=int, default=200)
    parser.add_argument("--chars", type=int, default=8_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data_dir = Path(__file__).resolve().parent / "data"
    data_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="agreement-") as folder:
        results = run(Path(folder), args.transcripts, args.codings, args.codes, args.chars, args.runs,
                      lambda message: print(message, file=sys.stderr, flush=True))
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
