"""Benchmark: the coding workbench's reads over a large coded corpus.

    python -m bench.coding [--runs N]          (BENCH_SCALE=small for a quick run)

Builds, from a seed, a project of 2,000 transcripts of about 1,000 words (1,000 participants in
3 territories and 4 profiles, each interviewed in 2 waves; 1 % of them withdrawn), 200 codes in a
tree (20 themes of 9 sub-themes), 2 coders and 50,000 codings, written with executemany in one
transaction. Then times, as the median of ``--runs`` runs: the codebook with its counts (what
the codebook panel runs), the code × attribute matrix, co-occurrence, agreement over the whole
corpus, and the segments of one code with their context. A benchmark reports figures; it does
not fail.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.core.coding import Code, Coder, Coding
from app.core.interviews import Interview, Interviewer
from app.core.participants import Participant
from app.core.study import Territory, VocabularyItem, Wave
from app.core.transcripts import Transcript, Turn, full_text
from app.store.project import Project
from bench.agreement import random_codings
from bench.french import french_transcript
from bench.results import Result, format_table
from bench.seeded import Seeded, iso

SEED = 20240108
ORIGIN = datetime(2024, 1, 8, 8, 30, tzinfo=timezone.utc)
TERRITORIES = (("LYO", "Lyon"), ("DRO", "Drôme"), ("BXL", "Bruxelles"))
PROFILES = (("entrepreneur", "Entrepreneur·e-salarié·e"), ("associe", "Associé·e"),
            ("permanent", "Salarié·e permanent·e"), ("partenaire", "Partenaire"))
THEMES, SUBTHEMES = 20, 9  # 20 × (1 + 9) = 200 codes
TARGETS_S = {"codebook": 0.200, "matrix": 0.300, "agreement": 2.0}


@dataclass(frozen=True)
class Scale:
    transcripts: int
    codings: int
    words: int


SCALES = {"full": Scale(transcripts=2_000, codings=50_000, words=1_000),
          "small": Scale(transcripts=200, codings=5_000, words=1_000)}


def build(path: Path, scale: Scale, seed: int = SEED, progress=print) -> Project:
    """The coded corpus, the same table contents for the same seed."""
    rng = random.Random(seed)
    ids = Seeded(rng)

    def made(minutes: int = 0) -> dict:
        return ids.record(ORIGIN + timedelta(minutes=minutes))

    project = Project.create(path, "Banc d'essai du codage")
    study = project.study().id
    with project.transaction():
        territories = [Territory(**made(), study_id=study, code=code, name=name) for code, name in TERRITORIES]
        project.territories.insert_many(territories, guarded=False)
        project.vocabulary.insert_many([VocabularyItem(**made(), study_id=study, kind="profile", key=key, label=label,
                                                       position=position)
                                        for position, (key, label) in enumerate(PROFILES)], guarded=False)
        waves = [Wave(**made(), study_id=study, label=f"Vague {number}", position=number) for number in (1, 2)]
        project.waves.insert_many(waves, guarded=False)
        interviewers = [Interviewer(**made(), study_id=study, name=f"Enquêteur·rice {n}") for n in range(1, 5)]
        project.interviewers.insert_many(interviewers, guarded=False)
        people = []
        for number in range(scale.transcripts // 2):
            territory = territories[number % len(territories)]
            people.append(Participant(
                **made(), study_id=study, code=f"{TERRITORIES[number % 3][0]}-{number:04d}", territory_id=territory.id,
                profile=PROFILES[rng.randrange(len(PROFILES))][0],
                status="withdrawn" if rng.random() < 0.01 else "active"))
        project.participants.insert_many(people, guarded=False)

        progress(f"writing {scale.transcripts:,} transcripts of about {scale.words:,} words…")
        transcripts, shortest = [], None
        for index in range(scale.transcripts):
            person, wave = people[index // 2], waves[index % 2]
            moment = ORIGIN + timedelta(days=index % 300)
            interview = Interview(**made(index), study_id=study, participant_id=person.id, wave_id=wave.id,
                                  interviewer_id=interviewers[index % len(interviewers)].id, status="completed",
                                  started_at=iso(moment))
            project.interviews.insert(interview, guarded=False)
            transcript = Transcript(**made(index), study_id=study, interview_id=interview.id,
                                    title=f"{person.code} — {wave.label}", imported_at=iso(moment))
            turns = [Turn(**made(index), transcript_id="", position=0, text=turn.text, speaker_label=turn.label,
                          speaker_role=turn.role, start_ms=turn.start_ms, end_ms=turn.end_ms)
                     for turn in french_transcript(rng, scale.words)]
            project.add_transcript(transcript, turns, guarded=False)
            transcripts.append(transcript)
            length = len(full_text(turns))
            shortest = length if shortest is None else min(shortest, length)

        codes: list[Code] = []
        for theme in range(THEMES):
            parent = Code(**made(), study_id=study, name=f"Thème {theme + 1:02d}", position=len(codes))
            codes.append(parent)
            codes += [Code(**made(), study_id=study, name=f"Thème {theme + 1:02d}.{sub + 1}", parent_id=parent.id,
                           position=len(codes) + sub) for sub in range(SUBTHEMES)]
        project.codes.insert_many(codes, guarded=False)
        coders = [Coder(**made(), study_id=study, name=name) for name in ("A", "B")]
        project.coders.insert_many(coders, guarded=False)

        # The agreement benchmark's generator: B re-codes most of A's passages, edges shifted. A
        # shifted span can start past the end of the text it may use (then it ends before it
        # starts): such a span, rare, is left out.
        corpus = random_codings(rng, len(transcripts), scale.codings, len(codes), shortest)
        rows = [Coding(**made(), transcript_id=transcripts[index].id, code_id=codes[code].id, coder_id=coder.id,
                       start_offset=start, end_offset=end)
                for index, spans in corpus.items()
                for coder, coder_spans in zip(coders, spans)
                for code, start, end in coder_spans if start < end]
        project.codings.insert_many(rows, guarded=False)
    project.db.execute("ANALYZE")
    progress(f"{len(rows):,} codings in {len(transcripts):,} transcripts, {len(codes)} codes")
    return project


def median_seconds(function, runs: int) -> tuple[float, object]:
    function()  # warm the page cache, as a panel opened a second time would find it
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(folder: Path, scale: Scale, runs: int, progress=print) -> list[Result]:
    from app.services import matrices
    from app.services.agreement import agreement
    from app.store import views

    started = time.perf_counter()
    project = build(folder / "coding.terrain", scale, progress=progress)
    progress(f"built in {time.perf_counter() - started:.1f} s; timing {runs} runs of each…")
    try:
        busiest = project.db.execute("SELECT code_id FROM coding GROUP BY code_id ORDER BY count(*) DESC, code_id "
                                     "LIMIT 1").fetchone()[0]
        theme = project.codes.first("parent_id IS NULL", order_by="position").id
        timings = [
            ("codebook with counts (views.code_rows)", lambda: views.code_rows(project.db), TARGETS_S["codebook"]),
            ("code × territory matrix, codings", lambda: matrices.code_by_attribute(project, "territory"),
             TARGETS_S["matrix"]),
            ("code × wave matrix, participants",
             lambda: matrices.code_by_attribute(project, "wave", count="participants"), TARGETS_S["matrix"]),
            ("participants × themes (framework)", lambda: matrices.participants_by_theme(project), None),
            ("co-occurrence, overlapping codings", lambda: matrices.cooccurrence(project), None),
            ("co-occurrence, same transcript", lambda: matrices.cooccurrence(project, scope="transcript"), None),
            ("agreement over the corpus", lambda: agreement(project, "A", "B"), TARGETS_S["agreement"]),
            ("segments of the most coded code, with context", lambda: matrices.retrieve(project, busiest), None),
            ("segments of a theme with its sub-themes",
             lambda: matrices.retrieve(project, theme, with_subthemes=True), None),
        ]
        results = []
        for name, function, target in timings:
            seconds, result = median_seconds(function, runs)
            size = f" ({len(result):,} segments)" if name.startswith("segments") else ""
            progress(f"{name}: {seconds * 1000:.1f} ms{size}")
            results.append(Result(name, seconds * 1000, "ms", None if target is None else target * 1000))
    finally:
        project.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.coding", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    scale_name = os.environ.get("BENCH_SCALE", "full")
    if scale_name not in SCALES:
        print(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {scale_name!r}", file=sys.stderr)
        return 2
    scale = SCALES[scale_name]
    data_dir = Path(__file__).resolve().parent / "data"
    data_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="coding-") as folder:
        results = run(Path(folder), scale, args.runs, lambda message: print(message, file=sys.stderr, flush=True))
    print(f"Coding workbench, scale {scale_name}: {scale.transcripts:,} transcripts, {scale.codings:,} codings, "
          f"{THEMES * (1 + SUBTHEMES)} codes\n")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
