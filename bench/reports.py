"""Benchmark: the impact report with 1,000 quotes and 10 charts.

    python -m bench.reports [--runs N]          (BENCH_SCALE=small for a quick run)

Takes the coding benchmark's corpus (2,000 transcripts, 1,000 participants, 200 codes, 50,000
codings), makes its 200 codes main themes (the report quotes up to five passages per main theme),
gives every participant a consent to quotes and marks six passages of each theme quotable: the
report then holds 200 theme sections and 1,000 quotes. Its charts are the six of the dashboards
plus four drawn for the first wave, ten in all. Each run writes the report in a fresh process,
the way a person exports it, and reports the time from reading the project to the checked file
in place, and the process's peak memory. Aim (issue): under 10 s and 500 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.core.participants import Consent
from app.store.project import Project
from bench.coding import SCALES, build
from bench.results import Result, format_table

TARGET_SECONDS, TARGET_MB = 10.0, 500.0
QUOTABLE_PER_THEME = 6


def prepare(path: Path, scale_name: str, progress=print) -> None:
    project = build(path, SCALES[scale_name], progress=progress)
    with project.transaction():
        project.db.execute("UPDATE code SET parent_id = NULL")
        people = [row[0] for row in project.db.execute("SELECT id FROM participant WHERE status != 'withdrawn'")]
        project.consents.insert_many([Consent(participant_id=person, given_on="2025-01-01", method="written",
                                              scope_interview=True, scope_recording=True, scope_quotes=True)
                                      for person in people], guarded=False)
        # Six passages per theme, from different transcripts, by the first coder.
        project.db.execute(f"""
            UPDATE coding SET quotable = 1 WHERE id IN (
                SELECT id FROM (
                    SELECT g.id, row_number() OVER (PARTITION BY g.code_id ORDER BY g.transcript_id) AS rank
                    FROM coding g JOIN coder k ON k.id = g.coder_id WHERE k.name = 'A'
                ) WHERE rank <= {QUOTABLE_PER_THEME})""")
    project.close()


def write_once(path: Path, out: Path) -> dict:
    """In this process: the report with ten charts, written and checked; its figures as a dict."""
    from app.exports.charts import build_charts
    from app.exports.docx.report import write_report
    from app.i18n import translated
    from app.services.dashboards import dashboard_data
    from app.services.export_files import write_checked
    from app.services.report_data import report_data

    started = time.perf_counter()
    with Project.open(path) as project:
        first_wave = project.waves.first(order_by="position").id

        def save(temporary: Path) -> None:
            with translated("fr"):
                data = report_data(project, "fr")
                charts = build_charts(data.dashboard) + build_charts(dashboard_data(project, first_wave))[:4]
                write_report(data, charts, None).save(temporary)
                save.quotes = sum(len(theme.quotes) for theme in data.themes)
                save.charts = len(charts)

        write_checked(project, out, save)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "quotes": save.quotes, "charts": save.charts,
            "bytes": out.stat().st_size}


def run(folder: Path, scale_name: str, runs: int, progress=print) -> list[Result]:
    path = folder / "report-bench.terrain"
    progress("building the corpus…")
    prepare(path, scale_name, progress)
    measures = []
    for number in range(runs):
        out = folder / f"rapport-{number}.docx"
        child = subprocess.run([sys.executable, "-m", "bench.reports", "--child", str(path), str(out)],
                               capture_output=True, text=True, check=True)
        measures.append(json.loads(child.stdout.strip().splitlines()[-1]))
        progress(f"run {number + 1}: {measures[-1]['seconds']:.2f} s, {measures[-1]['peak_mb']:.0f} MB")
    last = measures[-1]
    return [
        Result("report_seconds", round(statistics.median(m["seconds"] for m in measures), 2), "s", TARGET_SECONDS),
        Result("report_peak_memory", round(max(m["peak_mb"] for m in measures)), "MB", TARGET_MB),
        Result("report_quotes", last["quotes"], "quotes"),
        Result("report_charts", last["charts"], "charts"),
        Result("report_size", round(last["bytes"] / 1024 / 1024, 1), "MB"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(write_once(Path(args.child[0]), Path(args.child[1]))))
        return 0
    scale = os.environ.get("BENCH_SCALE", "full")
    with tempfile.TemporaryDirectory() as folder:
        results = run(Path(folder), scale, args.runs, progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(format_table(results))
    return 0 if all(result.meets_target is not False for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
