"""Benchmark: the Word exports of a large study, timed and their peak memory measured.

    python -m bench.reports [--runs N] [--results PATH]      (BENCH_SCALE=small for a quick run)

Takes the coding benchmark's corpus (2,000 transcripts of about 1,000 words, 1,000 participants
in 3 territories and 2 waves, 50,000 codings) and the indicator benchmark's framework (a
questionnaire, 20 indicators, 12 quotas), then makes it a study with 1,000 quotes to print:
- its 200 codes become 200 main themes: the report prints at most 5 quotes per theme
  (app/services/report_quotes.py, MAX_QUOTES), so 1,000 quotes need 200 themes;
- every participant has a consent (one in ten refuses quotes) and a name and an e-mail in the
  identity store, which the leak check then looks for in every document written;
- in each theme, 5 passages of coder A from 5 different participants who allow quotes are marked
  quotable: 1,000 passages in all;
- the interview diagnostics' tallies are measured once, as importing each transcript does in the
  application (the corpus is written straight into the database, not imported).

Then writes, each in a child process of its own (a fresh interpreter, as a first export after
the application starts; memory of one measurement does not carry into the next):
- the impact report as the application writes it (its 6 charts);
- the impact report with 10 charts (the 6, plus 4 drawn for the first wave), the issue's case;
- the same as the first report after an upgrade of Terrain, when the kept tallies no longer
  count and all 2,000 transcripts go through the question checker again;
- the quote table of the quotable passages, as .docx.
Each is timed (median of ``--runs``) around the export call alone; its peak memory is the child's
own maximum resident size (``RUSAGE_SELF`` read in the child: ``RUSAGE_CHILDREN`` in this process
keeps the largest of all children, so it is reported once, as the peak over the whole run). The
documents written are opened again to count their quotes and pictures, so that the figures are
those of documents that hold what they should. Targets: under 10 s and 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.coding import SCALES, SEED, Scale
from bench.coding import build as build_coded_corpus
from bench.results import Result, format_table, write_results

REPO = Path(__file__).resolve().parents[1]
QUOTES_PER_THEME = 5  # what the report prints at most per theme
QUOTES = 1_000
TARGET_S = 10.0
TARGET_MB = 500.0
REFUSING_QUOTES = 0.1  # share of participants whose consent does not allow quotes
# (kind, what the row says)
MEASUREMENTS = (
    ("report", "impact report, 1,000 quotes, the app's 6 charts"),
    ("report-10-charts", "impact report, 1,000 quotes, 10 charts"),
    ("report-after-upgrade", "impact report, 10 charts, first after an upgrade"),
    ("quote-table", "quote table .docx, 1,000 quotes"),
)


# the corpus ---------------------------------------------------------------------------------------------------
def build(path: Path, scale: Scale, seed: int = SEED, progress=print):
    """The coded corpus made into a study with ``QUOTES`` passages that a report may quote."""
    from app.services.diagnostics import tallies
    from bench.indicators import add_framework

    project = build_coded_corpus(path, scale, seed, progress=progress)
    rng = random.Random(seed + 1)
    with project.transaction():
        # Every code a main theme of its own (positions stay as built: unique, in order).
        project.db.execute("UPDATE code SET parent_id = NULL")
    add_framework(project, seed)
    allowed = _consents_and_identities(project, rng)
    marked = _mark_quotable(project, allowed, rng)
    progress(f"{marked:,} passages marked quotable in {project.codes.count()} main themes")
    started = time.perf_counter()
    measured = len(tallies(project))
    seconds = time.perf_counter() - started
    progress(f"interview diagnostics of {measured:,} transcripts measured and kept in {seconds:.1f} s "
             f"(as at import: {1000 * seconds / max(measured, 1):.1f} ms a transcript)")
    project.db.execute("ANALYZE")
    return project


def _consents_and_identities(project, rng: random.Random) -> set[str]:
    """A consent for everyone (a few refusing quotes) and a name and e-mail in the identity store;
    returns the ids of the participants who may be quoted."""
    from app.core.participants import Consent, Identity

    allowed = set()
    people = project.participants.find(order_by="code")
    with project.transaction():
        consents = []
        for person in people:
            quotes = rng.random() >= REFUSING_QUOTES
            consents.append(Consent(participant_id=person.id, given_on="2024-01-08", method="written",
                                    scope_interview=True, scope_recording=True, scope_quotes=quotes))
            if quotes and person.status != "withdrawn":
                allowed.add(person.id)
        project.consents.insert_many(consents, guarded=False)
    for person in people:
        first, last = _made_up_name(rng), _made_up_name(rng)
        project.identities.put(Identity(participant_id=person.id, full_name=f"{first} {last}",
                                        contact=f"{first.lower()}.{last.lower()}@exemple.org"))
    return allowed


def _made_up_name(rng: random.Random) -> str:
    """A name of three invented syllables: it cannot be a word of the transcripts, where the leak
    check would find it and (rightly) refuse the document."""
    consonants, vowels = "bdfgkmnprtvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(3)).capitalize() + "x"


def _mark_quotable(project, allowed: set[str], rng: random.Random) -> int:
    """In each theme, ``QUOTES_PER_THEME`` of coder A's passages from as many different
    participants (and transcripts, so that no two overlap) who allow quotes."""
    coder_a = project.coders.first("name = 'A'").id
    rows = project.db.execute(
        "SELECT c.id, c.code_id, t.id, iv.participant_id FROM coding c JOIN transcript t ON t.id = c.transcript_id "
        "JOIN interview iv ON iv.id = t.interview_id WHERE c.coder_id = ? AND c.end_offset - c.start_offset >= 80 "
        "ORDER BY c.id", [coder_a]).fetchall()
    by_code: dict[str, list[tuple[str, str, str]]] = {}
    for coding, code, transcript, participant in rows:
        if participant in allowed:
            by_code.setdefault(code, []).append((coding, transcript, participant))
    chosen = []
    for code in sorted(by_code):
        candidates = by_code[code]
        rng.shuffle(candidates)
        people, transcripts, picked = set(), set(), []
        for coding, transcript, participant in candidates:
            if participant not in people and transcript not in transcripts:
                picked.append(coding)
                people.add(participant)
                transcripts.add(transcript)
            if len(picked) == QUOTES_PER_THEME:
                break
        chosen += picked
    with project.transaction():
        project.db.conn.executemany("UPDATE coding SET quotable = 1 WHERE id = ?", [(coding,) for coding in chosen])
    return len(chosen)


# one measurement, in a child process -----------------------------------------------------------------------------
def measure(kind: str, project_path: Path, out: Path) -> dict:
    """Write one document; its time, the process's peak memory, and what the document holds."""
    from app.services import documents, reports
    from app.store.project import Project

    project = Project.open(project_path)
    try:
        if kind in ("report-10-charts", "report-after-upgrade"):
            _four_more_charts(project, reports)
        if kind == "report-after-upgrade":
            # The tallies of another release: measured again, and kept again, by this report.
            with project.transaction():
                project.db.execute("UPDATE diagnostic_figures SET version = 'an older release'")
        started = time.perf_counter()
        if kind.startswith("report"):
            reports.export_report(project, out, language="fr")
        elif kind == "quote-table":
            documents.export_quotes(project, out, quotable_only=True, language="fr")
        else:
            raise ValueError(f"unknown measurement {kind!r}")
        seconds = time.perf_counter() - started
    finally:
        project.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": seconds, "peak_mb": peak_mb, **_contents(out, kind)}


def _four_more_charts(project, reports) -> None:
    """The report's charts, plus four drawn over the first wave: ten in all."""
    from app.exports.charts import build_charts
    from app.services.dashboards import dashboard_data

    first_wave = project.waves.first(order_by="position").id

    def ten_charts(dashboard, max_themes=None):
        return build_charts(dashboard, max_themes) + build_charts(dashboard_data(project, first_wave, None),
                                                                  max_themes)[:4]

    reports.build_charts = ten_charts


def _contents(path: Path, kind: str) -> dict:
    from docx import Document

    document = Document(str(path))
    if kind.startswith("report"):
        quotes = sum(1 for paragraph in document.paragraphs if paragraph.style.name == "Quote")
    else:  # one table row per passage under a header row
        quotes = sum(len(table.rows) - 1 for table in document.tables)
    return {"quotes": quotes, "pictures": len(document.inline_shapes), "bytes": path.stat().st_size}


def run_child(kind: str, project_path: Path, out: Path) -> dict:
    command = [sys.executable, "-m", "bench.reports", "--child", kind, str(project_path), str(out)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# the whole bench -----------------------------------------------------------------------------------------------
def run(folder: Path, scale_name: str, runs: int, progress=print) -> list[Result]:
    started = time.perf_counter()
    project = build(folder / "reports.terrain", SCALES[scale_name], progress=progress)
    project_path = project.path
    project.close()
    progress(f"built in {time.perf_counter() - started:.0f} s")
    results: list[Result] = []
    for kind, label in MEASUREMENTS:
        figures = []
        for number in range(runs):
            figures.append(run_child(kind, project_path, folder / f"{kind}-{number}.docx"))
            progress(f"{label}: {figures[-1]['seconds']:.2f} s, {figures[-1]['peak_mb']:.0f} MB, "
                     f"{figures[-1]['quotes']:,} quotes, {figures[-1]['pictures']} pictures")
        last = figures[-1]
        results += [
            Result(f"{label}: time", round(statistics.median(f["seconds"] for f in figures), 3), "s", TARGET_S),
            Result(f"{label}: peak memory", round(max(f["peak_mb"] for f in figures), 1), "MB", TARGET_MB),
            Result(f"{label}: quotes", last["quotes"], "quotes"),
            Result(f"{label}: pictures", last["pictures"], "charts"),
            Result(f"{label}: file size", round(last["bytes"] / 1e6, 2), "MB"),
        ]
    # The largest resident size of all the children: the worst of the measurements above.
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    results.append(Result("peak memory of any export process", round(children_mb, 1), "MB", TARGET_MB))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="child processes per measurement (median time)")
    parser.add_argument("--results", type=Path, help="also write the figures as JSON to this file")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, project_path, out = args.child
        print(json.dumps(measure(kind, Path(project_path), Path(out))))
        return 0
    scale_name = os.environ.get("BENCH_SCALE", "full")
    if scale_name not in SCALES:
        print(f"BENCH_SCALE must be one of {', '.join(SCALES)}, not {scale_name!r}", file=sys.stderr)
        return 2
    data_dir = Path(__file__).resolve().parent / "data"
    data_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=data_dir, prefix="reports-") as folder:
        results = run(Path(folder), scale_name, args.runs, lambda message: print(message, file=sys.stderr, flush=True))
    if args.results:
        write_results(results, args.results)
    scale = SCALES[scale_name]
    print(f"Word exports, scale {scale_name}: {scale.transcripts:,} transcripts, {scale.codings:,} codings, "
          f"{QUOTES:,} quotable passages in {QUOTES // QUOTES_PER_THEME} themes\n")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
