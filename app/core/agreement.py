"""Agreement between two coders, with characters as units. Pure: no database, no Qt.

Definitions (the method note of the report states them):

- **Units.** In each transcript that *both* coders coded, the characters (code-point offsets of the
  transcript's full text) covered by at least one coding of either coder, whatever the code. Text
  nobody coded is not counted, so long uncoded passages cannot inflate agreement.
- **Per code.** Each unit gives two binary decisions: coder A applied the code to it or not, and so
  did coder B. That is a 2×2 table (both, A only, B only, neither) from which come percent
  agreement, Cohen's kappa and Krippendorff's alpha (nominal, two coders, no missing data).
- **Overall.** The per-code decisions are pooled: the 2×2 tables of the codes are added, so each
  (unit, code) pair is one binary item, and the three coefficients are computed on the sum. Only
  codes that either coder applied within the units take part: a code nobody applied would add
  nothing but « neither » decisions and inflate agreement. The mean of the per-code kappas (codes
  whose kappa is defined) is given too, since pooling weights frequent codes more.

Coefficients are ``None`` when undefined: no units, or (kappa) an expected agreement of 1, or
(alpha) every value in one category.

Everything works on sorted, merged spans ``[start, end)``: the cost grows with the number of
codings, never with the number of characters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

Span = tuple[int, int]
CodeSpan = tuple[str, int, int]  # (code, start, end)


# Interval arithmetic ---------------------------------------------------------------------------
def merge(spans: Iterable[Span]) -> list[Span]:
    """The union of ``spans`` as sorted, disjoint, non-touching spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def length(spans: Iterable[Span]) -> int:
    return sum(end - start for start, end in spans)


def intersection(x: list[Span], y: list[Span]) -> list[Span]:
    """The intersection of two merged span lists, by a sweep over both."""
    out: list[Span] = []
    i = j = 0
    while i < len(x) and j < len(y):
        start, end = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if start < end:
            out.append((start, end))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return out


def difference(x: list[Span], y: list[Span]) -> list[Span]:
    """``x`` minus ``y`` (both merged), as maximal spans."""
    out: list[Span] = []
    j = 0
    for start, end in x:
        cursor = start
        while j < len(y) and y[j][1] <= cursor:
            j += 1
        k = j
        while k < len(y) and y[k][0] < end:
            if y[k][0] > cursor:
                out.append((cursor, y[k][0]))
            cursor = max(cursor, y[k][1])
            k += 1
        if cursor < end:
            out.append((cursor, end))
    return out


# The 2×2 table and its coefficients --------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """Counts of units: both coders applied the code, A only, B only, neither."""

    both: int = 0
    a_only: int = 0
    b_only: int = 0
    neither: int = 0

    def __add__(self, other: "Table") -> "Table":
        return Table(self.both + other.both, self.a_only + other.a_only, self.b_only + other.b_only,
                     self.neither + other.neither)

    @property
    def units(self) -> int:
        return self.both + self.a_only + self.b_only + self.neither

    @property
    def percent_agreement(self) -> float | None:
        """Share of units on which the coders agree, from 0 to 100."""
        return 100.0 * (self.both + self.neither) / self.units if self.units else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa, (Po − Pe) / (1 − Pe), in the integer form of a 2×2 table:
        2(ad − bc) / ((a + b)(b + d) + (a + c)(c + d)); None when Pe = 1 (the denominator is 0)."""
        a, b, c, d = self.both, self.a_only, self.b_only, self.neither
        denominator = (a + b) * (b + d) + (a + c) * (c + d)
        return 2 * (a * d - b * c) / denominator if denominator else None

    @property
    def alpha(self) -> float | None:
        """Krippendorff's alpha, nominal, two coders, no missing data: 1 − (n − 1)·D / (n₁·n₀),
        where n = 2·units pairable values, D = b + c disagreeing units (each gives one 1–0 pair in
        the coincidence matrix), n₁ = 2a + b + c values « applied » and n₀ = 2d + b + c « not
        applied ». None when every value falls in one category."""
        a, b, c, d = self.both, self.a_only, self.b_only, self.neither
        ones, zeros = 2 * a + b + c, 2 * d + b + c
        if not ones or not zeros:
            return None
        return 1 - (2 * self.units - 1) * (b + c) / (ones * zeros)


def mean_kappa(tables: Iterable[Table]) -> float | None:
    kappas = [table.kappa for table in tables if table.kappa is not None]
    return sum(kappas) / len(kappas) if kappas else None


def pooled(tables: Iterable[Table]) -> Table:
    total = Table()
    for table in tables:
        total = total + table
    return total


# Per transcript and over a corpus ----------------------------------------------------------------
def _by_code(spans: Iterable[CodeSpan]) -> dict[str, list[Span]]:
    grouped: dict[str, list[Span]] = defaultdict(list)
    for code, start, end in spans:
        grouped[code].append((start, end))
    return {code: merge(code_spans) for code, code_spans in grouped.items()}


def transcript_counts(a: list[CodeSpan], b: list[CodeSpan]) -> tuple[int, dict[str, tuple[int, int, int]]]:
    """One transcript both coders coded: its units, and per code applied (both, A only, B only)."""
    units = length(merge([(start, end) for _code, start, end in a] + [(start, end) for _code, start, end in b]))
    by_a, by_b = _by_code(a), _by_code(b)
    counts = {}
    for code in by_a.keys() | by_b.keys():
        spans_a, spans_b = by_a.get(code, []), by_b.get(code, [])
        both = length(intersection(spans_a, spans_b))
        counts[code] = (both, length(spans_a) - both, length(spans_b) - both)
    return units, counts


def code_tables(transcripts: Iterable[tuple[list[CodeSpan], list[CodeSpan]]]) -> tuple[int, dict[str, Table]]:
    """Units and a 2×2 table per code over transcripts given as (A's codings, B's codings).

    A transcript one coder left uncoded is skipped. Units a code was not applied to by either
    coder count as « neither » for that code."""
    units = 0
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for a, b in transcripts:
        if not a or not b:
            continue
        transcript_units, counts = transcript_counts(a, b)
        units += transcript_units
        for code, (both, a_only, b_only) in counts.items():
            entry = sums[code]
            entry[0] += both
            entry[1] += a_only
            entry[2] += b_only
    return units, {code: Table(both, a_only, b_only, units - both - a_only - b_only)
                   for code, (both, a_only, b_only) in sums.items()}


def disagreement_spans(
    a: list[CodeSpan], b: list[CodeSpan], code: str | None = None
) -> Iterator[tuple[str, int, int, str]]:
    """(code, start, end, "a" | "b"): maximal spans of one transcript where exactly one coder
    applied the code, in text order."""
    by_a, by_b = _by_code(a), _by_code(b)
    found = []
    for name in sorted(by_a.keys() | by_b.keys()) if code is None else [code]:
        spans_a, spans_b = by_a.get(name, []), by_b.get(name, [])
        found += [(name, start, end, "a") for start, end in difference(spans_a, spans_b)]
        found += [(name, start, end, "b") for start, end in difference(spans_b, spans_a)]
    return iter(sorted(found, key=lambda item: (item[1], item[2], item[0], item[3])))
