"""Benchmark results: one row per figure, written to ``bench/results.json`` and shown as a table.

Every target is an upper bound (seconds, milliseconds, a ratio to a baseline): a figure meets
its target when it is at most the target.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    name: str
    value: float
    unit: str
    target: float | None = None
    baseline: float | None = None  # measured in the same run, same unit as value
    ratio: float | None = None  # value / baseline

    @property
    def meets_target(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def write_results(results: list[Result], path: Path) -> None:
    rows = [{key: _rounded(value) for key, value in asdict(result).items()} for result in results]
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _rounded(value):
    return round(value, 4) if isinstance(value, float) else value


def format_table(results: list[Result]) -> str:
    header = ("name", "value", "unit", "target", "baseline", "ratio", "")
    rows = [header] + [
        (
            result.name,
            _figure(result.value),
            result.unit,
            _figure(result.target),
            _figure(result.baseline),
            _figure(result.ratio),
            {True: "ok", False: "MISSED", None: ""}[result.meets_target],
        )
        for result in results
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths).rstrip())
    return "\n".join(lines)


def _figure(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"
