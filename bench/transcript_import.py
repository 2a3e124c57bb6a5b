"""Benchmark: importing transcripts through the project's API against raw sqlite3.

Both sides write the same rows into a fresh database made by the same migrations (so with the
same full-text triggers), one transaction per transcript as the real importer will. The
baseline is the floor the schema allows: prepared tuples and ``executemany``. The ratio between
the two is what the project's layers (dataclasses, conversions, savepoints) cost.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from app.core.study import Study
from app.core.transcripts import Transcript, Turn, assign_char_starts
from app.store.database import create_database
from app.store.project import Project
from bench.fieldwork import turns_for
from bench.french import french_transcript
from bench.results import Result
from bench.seeded import Seeded, iso, origin_for

TARGET_RATIO = 3.0

TRANSCRIPT_COLUMNS = (
    "id", "study_id", "interview_id", "title", "language", "source_name", "source_format", "source_encoding",
    "source_sha256", "imported_at", "pseudonymised", "created_at", "updated_at",
)
TURN_COLUMNS = (
    "id", "transcript_id", "position", "speaker_label", "speaker_role", "start_ms", "end_ms", "char_start",
    "overlaps_previous", "text", "created_at", "updated_at",
)


@dataclass
class PreparedTranscript:
    """One transcript twice over: as records for the project, as tuples for the baseline."""

    transcript: Transcript
    turns: list[Turn]
    speakers: dict[str, str]
    transcript_row: tuple
    turn_rows: list[tuple]
    speaker_rows: list[tuple]


@dataclass
class PreparedCorpus:
    study: Study
    transcripts: list[PreparedTranscript]

    @property
    def turn_count(self) -> int:
        return sum(len(prepared.turns) for prepared in self.transcripts)


def prepare(count: int, words: int, seed: int, progress: Callable[[str], None]) -> PreparedCorpus:
    """Generate the transcripts in memory, before any timing starts."""
    rng = random.Random(seed)
    ids = Seeded(rng)
    origin = origin_for(seed)
    study = Study(**ids.record(origin), title="Banc d'essai : import de transcriptions")
    prepared = []
    for index in range(count):
        moment = origin + timedelta(minutes=index)
        transcript = Transcript(**ids.record(moment), study_id=study.id, title=f"Entretien {index + 1:04d}",
                                imported_at=iso(moment), source_name=f"entretien-{index + 1:04d}.docx",
                                source_format="docx", source_encoding="utf-8", pseudonymised=True)
        turns = turns_for(ids, transcript.id, french_transcript(rng, words), moment)
        assign_char_starts(turns)  # what add_transcript does, so both sides store the same offsets
        speakers = {turn.speaker_label: turn.speaker_role for turn in turns}
        prepared.append(PreparedTranscript(
            transcript, turns, speakers, _row(transcript, TRANSCRIPT_COLUMNS),
            [_row(turn, TURN_COLUMNS) for turn in turns],
            [(transcript.id, label, role) for label, role in speakers.items()],
        ))
        if (index + 1) % max(1, count // 10) == 0:
            progress(f"  generated {index + 1}/{count} transcripts")
    return PreparedCorpus(study, prepared)


def _row(record, columns: tuple[str, ...]) -> tuple:
    return tuple(int(value) if isinstance(value, bool) else value for value in (getattr(record, c) for c in columns))


def import_with_project(path: Path, corpus: PreparedCorpus) -> float:
    """Seconds to store every transcript with ``Project.add_transcript``."""
    study = corpus.study
    with Project.create(path, study.title, id=study.id, created_at=study.created_at, updated_at=study.updated_at) as project:
        started = time.perf_counter()
        for prepared in corpus.transcripts:
            project.add_transcript(prepared.transcript, prepared.turns, prepared.speakers)
        return time.perf_counter() - started


def import_with_sqlite3(path: Path, corpus: PreparedCorpus) -> float:
    """Seconds to store the same rows with plain sqlite3, one transaction per transcript."""
    create_database(path).close()  # the same migrations; the file stays in WAL mode
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")  # as every project connection has it
        study = corpus.study
        conn.execute("INSERT INTO study (id, title, languages, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                     (study.id, study.title, '["fr"]', study.created_at, study.updated_at))
        insert_transcript = _insert_sql("transcript", TRANSCRIPT_COLUMNS)
        insert_turn = _insert_sql("turn", TURN_COLUMNS)
        insert_speaker = "INSERT INTO transcript_speaker (transcript_id, label, role) VALUES (?, ?, ?)"
        started = time.perf_counter()
        for prepared in corpus.transcripts:
            conn.execute("BEGIN")
            conn.execute(insert_transcript, prepared.transcript_row)
            conn.executemany(insert_turn, prepared.turn_rows)
            conn.executemany(insert_speaker, prepared.speaker_rows)
            conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"


def stored_fingerprint(path: Path) -> tuple:
    """Enough of the stored turns to show that both sides wrote the same thing."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT count(*), sum(length(text)), sum(char_start), sum(position), total(start_ms), "
            "(SELECT count(*) FROM transcript), (SELECT count(*) FROM transcript_speaker) FROM turn"
        ).fetchone()
    finally:
        conn.close()


def run(folder: Path, transcripts: int, words: int, seed: int, progress: Callable[[str], None]) -> tuple[list[Result], Path, PreparedCorpus]:
    """Time both imports; returns the results, the project database (kept for search) and the corpus."""
    progress(f"transcript import: generating {transcripts:,} transcripts of about {words:,} words")
    corpus = prepare(transcripts, words, seed, progress)
    progress(f"  {corpus.turn_count:,} turns in memory")
    baseline_path, project_path = folder / "baseline.sqlite", folder / "project.sqlite"
    progress("transcript import: raw sqlite3 baseline...")
    baseline = import_with_sqlite3(baseline_path, corpus)
    progress(f"  {baseline:.2f} s")
    progress("transcript import: Project.add_transcript...")
    measured = import_with_project(project_path, corpus)
    progress(f"  {measured:.2f} s")
    if stored_fingerprint(baseline_path) != stored_fingerprint(project_path):
        raise RuntimeError("the project import and the baseline stored different turns; the comparison is void")
    baseline_path.unlink()
    ratio = measured / baseline
    return [
        Result("transcript_import_seconds", measured, "s", baseline=baseline, ratio=ratio),
        Result("transcript_import_ratio", ratio, "× baseline", target=TARGET_RATIO),
    ], project_path, corpus
