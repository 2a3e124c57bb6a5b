"""Benchmark: applying a code in the coding workbench shows within one frame.

    QT_QPA_PLATFORM=offscreen python -m bench.coding_gui [--words 8000] [--codings 50] [--runs 50]

Builds a project with one transcript of about 8,000 words of spoken French and about 50 codings,
opens the workbench on it, then applies a code to a fresh selection ``--runs`` times and reports,
at the median and at p95:

* the work on the GUI thread when a code is applied (the coding drawn, the panel refreshed, the
  write handed to the background writer), against the target of 16 ms, one frame at 60 Hz;
* the same plus a full repaint of the window, the frame the person then sees;
* the time from the apply until the background writer has stored the coding and said so on the
  GUI thread (the repaint above included).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app.core.coding import Coder, Coding
from app.core.records import utc_now
from app.core.transcripts import Transcript, Turn
from app.services import codebook
from app.store.project import Project
from bench.french import french_transcript, word_count
from bench.results import Result, format_table

FRAME_MS = 16.0
COLOURS = ["#F9C74F", "#90BE6D", "#577590", "#F3722C", "#43AA8B", "#F94144", "#9B5DE5", "#00BBF9", "#F15BB5",
           "#8AC926"]


def build_project(path: Path, words: int, codings: int, seed: int) -> tuple[str, list[str], str]:
    """One study, twenty themes, one coder, one transcript and ``codings`` codings on whole words."""
    rng = random.Random(seed)
    with Project.create(path, "Banc d’essai du codage") as project:
        study_id = project.study().id
        coder = project.coders.insert(Coder(study_id=study_id, name="Camille Martin", initials="CM"))
        code_ids = [codebook.add_code(project, f"Thème {number + 1:02d}", colour=COLOURS[number % len(COLOURS)]).id
                    for number in range(20)]
        spoken = french_transcript(rng, words)
        turns = [Turn(transcript_id="", position=0, text=turn.text, speaker_label=turn.label,
                      speaker_role=turn.role, start_ms=turn.start_ms, end_ms=turn.end_ms) for turn in spoken]
        transcript = project.add_transcript(
            Transcript(study_id=study_id, title="Entretien de banc d’essai", imported_at=utc_now()), turns)
        text = "\n".join(turn.text for turn in turns)
        project.codings.insert_many(
            Coding(transcript_id=transcript.id, code_id=rng.choice(code_ids), coder_id=coder.id,
                   start_offset=start, end_offset=end) for start, end in word_spans(text, codings, rng))
        print(f"transcript: {sum(word_count(turn.text) for turn in turns):,} words, {len(text):,} characters, "
              f"{len(turns)} turns, {codings} codings", file=sys.stderr)
        return transcript.id, code_ids, coder.id


def word_spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Spans of 5 to 60 whole words, anywhere in the text."""
    starts = [index for index in range(len(text)) if (index == 0 or text[index - 1].isspace())
              and not text[index].isspace()]
    spans = []
    for _ in range(count):
        first = rng.randrange(len(starts) - 61)
        last = first + rng.randint(5, 60)
        end = starts[last] - 1
        while end > starts[first] and text[end - 1].isspace():
            end -= 1
        spans.append((starts[first], end))
    return spans


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run(words: int, codings: int, runs: int, seed: int) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.ui.coding.workbench import CodingWorkbench

    application = QApplication.instance() or QApplication([])
    rng = random.Random(seed + 1)
    with tempfile.TemporaryDirectory(prefix="terrain-coding-bench-") as folder:
        path = Path(folder) / "bench.terrain"
        transcript_id, code_ids, coder_id = build_project(path, words, codings, seed)
        project = Project.open(path)
        workbench = CodingWorkbench()
        workbench.resize(1280, 800)
        workbench.show()
        started = time.perf_counter()
        workbench.set_project(project, coder_id)
        workbench.show_transcript(transcript_id)
        application.processEvents()
        opening_ms = (time.perf_counter() - started) * 1000
        text = workbench.view.offsets.full_text
        spans = word_spans(text, runs, rng)
        gui_ms, frame_ms, stored_ms = [], [], []
        for start, end in spans:
            workbench.view.select_span(start, end)
            application.processEvents()
            began = time.perf_counter()
            coding = workbench.apply_code(rng.choice(code_ids))
            gui_ms.append((time.perf_counter() - began) * 1000)
            workbench.repaint()
            frame_ms.append((time.perf_counter() - began) * 1000)
            if coding is None:
                raise RuntimeError("the workbench refused a coding")
            workbench.writer.wait_idle(10)
            stored_ms.append((time.perf_counter() - began) * 1000)
        stored = project.codings.count("transcript_id = ?", [transcript_id])
        workbench.shutdown()
        workbench.close()
        project.close()
    if stored != codings + runs:
        raise RuntimeError(f"expected {codings + runs} codings stored, found {stored}")
    return [
        Result("coding workbench: open an 8,000-word transcript", opening_ms, "ms"),
        Result("apply a code: GUI-thread work, median", statistics.median(gui_ms), "ms", FRAME_MS),
        Result("apply a code: GUI-thread work, p95", percentile(gui_ms, 0.95), "ms", FRAME_MS),
        Result("apply a code: with the window repainted, median", statistics.median(frame_ms), "ms"),
        Result("apply a code: with the window repainted, p95", percentile(frame_ms, 0.95), "ms"),
        Result("apply a code: stored by the background writer, median", statistics.median(stored_ms), "ms"),
        Result("apply a code: stored by the background writer, p95", percentile(stored_ms, 0.95), "ms"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.coding_gui", description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=8000)
    parser.add_argument("--codings", type=int, default=50, help="codings on the transcript before the runs")
    parser.add_argument("--runs", type=int, default=50, help="codes applied and timed")
    parser.add_argument("--seed", type=int, default=20240108)
    args = parser.parse_args(argv)
    results = run(args.words, args.codings, args.runs, args.seed)
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
