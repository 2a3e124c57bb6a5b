"""Benchmark: interview diagnostics for one interview of about 8,000 words (target: under 100 ms).

    python -m bench.diagnostics [--words N] [--runs N]

The interview comes from ``bench.french.french_transcript`` (a seeded, realistic French
semi-structured interview with timestamps). Two figures, as the median of ``--runs`` runs:

- cold: the question checker's caches and word lists cleared before each run, as for the first
  interview looked at after starting the application;
- warm: caches kept, as when the same interview is shown again or an option is toggled.

Also times the service on a project file (reading the turns from SQLite, then the diagnostics),
which is what the panel does. A benchmark reports figures; it does not fail.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from bench.french import french_transcript
from bench.results import Result, format_table

SEED = 20240108
TARGET_MS = 100.0


def spoken_turns(words: int, seed: int = SEED):
    from app.core.transcripts import Turn

    spoken = french_transcript(random.Random(seed), words)
    return [Turn(transcript_id="bench", position=index, text=turn.text, speaker_label=turn.label,
                 speaker_role=turn.role, start_ms=turn.start_ms, end_ms=turn.end_ms)
            for index, turn in enumerate(spoken)]


def _clear_caches() -> None:
    from app.core.questions import lexicon
    from app.core.questions.checker import clear_cache
    from app.core.questions.text import prepare

    clear_cache()
    prepare.cache_clear()
    lexicon.clear_cache()


def _median_ms(action, runs: int, cold: bool) -> float:
    timings = []
    for _run in range(runs):
        if cold:
            _clear_caches()
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(words: int = 8_000, runs: int = 20) -> list[Result]:
    from app.core.diagnostics import diagnose
    from app.core.transcripts import Transcript
    from app.core.words import count_words
    from app.services.diagnostics import transcript_diagnostics
    from app.store.project import Project

    turns = spoken_turns(words)
    total = sum(count_words(turn.text) for turn in turns)
    cold = _median_ms(lambda: diagnose(turns, lang="fr"), runs, cold=True)
    warm = _median_ms(lambda: diagnose(turns, lang="fr"), runs, cold=False)
    with tempfile.TemporaryDirectory(prefix="terrain-bench-diagnostics-") as folder:
        with Project.create(Path(folder) / "bench.terrain", "Bench") as project:
            transcript = Transcript(study_id=project.study().id, title="bench",
                                    imported_at=datetime.now(timezone.utc).isoformat())
            project.add_transcript(transcript, spoken_turns(words))
            service = _median_ms(lambda: transcript_diagnostics(project, transcript.id), runs, cold=True)
    result = diagnose(turns, lang="fr")
    print(f"interview: {len(turns)} turns, {total:,} words; interviewer share "
          f"{result.interviewer_word_share:.1%}, {result.questions.asked} questions", file=sys.stderr)
    return [
        Result("diagnostics, one 8,000-word interview, cold (ms)", cold, "ms", TARGET_MS),
        Result("diagnostics, same interview, warm (ms)", warm, "ms", TARGET_MS),
        Result("diagnostics service incl. reading turns, cold (ms)", service, "ms", TARGET_MS),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.diagnostics", description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=8_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    print(format_table(run(args.words, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
