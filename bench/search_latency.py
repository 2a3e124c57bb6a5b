"""Benchmark: how long a full-text search over all turns takes, at the median and at p95.

About 200 queries of the kinds an analyst types: single words (accented words typed without
their accents, as people do), two-word phrases taken from the corpus, and prefixes (« coop* »).
Each runs once after a short warm-up, through the application's search service
(``app.services.search``); the time covers the query, the ranking and the keyword in context of
the hits. Searches with stemming on (each word also finds the words of its stem, through a
prefix) are timed apart, so that the main figures stay comparable from run to run.
"""

from __future__ import annotations

import random
import statistics
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.services.search import RANKED_WINDOW, search
from app.store.project import Project
from bench import vocabulary as vocab
from bench.results import Result
from bench.search import search_result, search_turns, typed
from bench.transcript_import import PreparedCorpus

TARGET_P95_MS = 50.0
WARM_UP_QUERIES = 10
STEM_QUERIES = 50
# Typed without accents, each must find the accented word: the index removes diacritics.
ACCENT_CHECKS = [
    "cooperative", "societe", "activite", "equipe", "securite", "remuneration", "precarite", "solidarite",
    "reunion", "benefice",
]


@dataclass(frozen=True)
class Query:
    words: str
    kind: str  # "word", "phrase" or "prefix"


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def single_words() -> list[str]:
    """Every one-word form in the vocabulary, in a fixed order."""
    forms = [form for singular, plural, _gender in vocab.NOUNS for form in (singular, plural)]
    forms += [form for adjective in vocab.ADJECTIVES for form in adjective]
    forms += [form for verb in vocab.VERBS for form in verb]
    return [form for form in dict.fromkeys(forms) if " " not in form and "'" not in form]


def build_queries(rng: random.Random, corpus: PreparedCorpus, count: int = 200) -> list[Query]:
    words = single_words()
    content_words = set(words)
    queries = [Query(word, "word") for word in ACCENT_CHECKS]
    remaining = count - len(queries)
    for _ in range(remaining // 3):
        word = rng.choice(words)
        queries.append(Query(without_accents(word) if rng.random() < 0.5 else word, "word"))
    for _ in range(remaining // 3):
        queries.append(Query(_phrase_from(rng, corpus, content_words), "phrase"))
    while len(queries) < count:
        word = rng.choice([word for word in words if len(word) >= 6])
        stem = word[: rng.randint(4, min(7, len(word) - 1))]
        queries.append(Query(without_accents(stem) if rng.random() < 0.5 else stem, "prefix"))
    rng.shuffle(queries)
    return queries


def _phrase_from(rng: random.Random, corpus: PreparedCorpus, content_words: set[str]) -> str:
    """Two words that follow each other somewhere in the corpus, so the phrase has hits.

    One of them at least is a word of the vocabulary: people search « la coopérative » or
    « équipe solidaire », not « de la ».
    """
    while True:
        turn = rng.choice(rng.choice(corpus.transcripts).turns)
        pieces = turn.text.split()
        if len(pieces) < 2:
            continue
        start = rng.randrange(len(pieces) - 1)
        pair = pieces[start : start + 2]
        if all(piece.isalpha() for piece in pair) and any(piece.lower() in content_words for piece in pair):
            return " ".join(pair).lower()


def run(project_path: Path, corpus: PreparedCorpus, seed: int, progress: Callable[[str], None]) -> list[Result]:
    queries = build_queries(random.Random(seed), corpus)
    progress(f"search latency: {len(queries)} queries over {corpus.turn_count:,} turns")
    with Project.open(project_path) as project:
        for query in queries[:WARM_UP_QUERIES]:
            search_result(project, query.words, query.kind)
        latencies_ms, hit_counts, truncated = [], [], 0
        for query in queries:
            started = time.perf_counter()
            result = search_result(project, query.words, query.kind)
            latencies_ms.append((time.perf_counter() - started) * 1000)
            hit_counts.append(len(result.hits))
            truncated += result.truncated
        stem_ms = _stem_latencies(project, random.Random(seed + 1))
        _check_accents(project)
    p50, p95 = _percentiles(latencies_ms)
    stem_p50, stem_p95 = _percentiles(stem_ms)
    for kind in ("word", "phrase", "prefix"):
        kind_p50, kind_p95 = _percentiles([ms for ms, query in zip(latencies_ms, queries) if query.kind == kind])
        progress(f"  {kind:6}  p50 {kind_p50:.1f} ms, p95 {kind_p95:.1f} ms")
    slowest = max(range(len(queries)), key=latencies_ms.__getitem__)
    progress(
        f"  all     p50 {p50:.1f} ms, p95 {p95:.1f} ms, slowest {latencies_ms[slowest]:.1f} ms "
        f"({typed(queries[slowest].words, queries[slowest].kind)}); "
        f"{sum(1 for count in hit_counts if count == 0)} queries without hits, "
        f"{truncated} ranked among their {RANKED_WINDOW:,} newest matches only"
    )
    progress(f"  stemmed p50 {stem_p50:.1f} ms, p95 {stem_p95:.1f} ms ({len(stem_ms)} one-word queries, stemming on)")
    return [
        Result("search_latency_p50", p50, "ms"),
        Result("search_latency_p95", p95, "ms", target=TARGET_P95_MS),
        Result("search_latency_stemmed_p95", stem_p95, "ms"),
    ]


def _stem_latencies(project: Project, rng: random.Random) -> list[float]:
    words = single_words()
    latencies_ms = []
    for word in [rng.choice(words) for _ in range(STEM_QUERIES)]:
        started = time.perf_counter()
        search(project, word, stem=True)
        latencies_ms.append((time.perf_counter() - started) * 1000)
    return latencies_ms


def _percentiles(latencies_ms: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(latencies_ms, n=100, method="inclusive")
    return cuts[49], cuts[94]


def _check_accents(project: Project) -> None:
    """A fast search that finds nothing proves nothing: the accent checks must find their words,
    and the keyword in context must show the accented form as it is written."""
    for word in ACCENT_CHECKS:
        hits = search_turns(project, word)
        if not any(hit.match.lower() != word and without_accents(hit.match.lower()) == word for hit in hits):
            raise RuntimeError(f"searching {word!r} found no accented form of it; is remove_diacritics on?")
