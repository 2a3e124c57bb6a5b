"""Agreement between two coders as the agreement screen shows it: blind mode taken into account.

While blind coding is on, two coders' work on a transcript may be compared only once both of them
are done with it: before that, the figures or the passages in disagreement would show each of them
what the other coded. So here agreement and the disagreements count only those transcripts, and
the screen says how many shared transcripts wait. With blind coding off, the figures are those of
``app.services.agreement`` (and of ``terrain agreement``) unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core import agreement as core
from app.services import agreement, blind
from app.services.agreement import AgreementReport, CodeAgreement, Disagreement
from app.store.project import Project
from app.store.views import _KEPT_TRANSCRIPTS

NOT_STARTED, STARTED, DONE = "not_started", "started", "done"


@dataclass(frozen=True)
class PassStatus:
    """Where each of the two coders stands on one transcript."""

    transcript_id: str
    title: str
    a: str  # NOT_STARTED, STARTED or DONE
    b: str
    compared: bool  # counted in the agreement shown


@dataclass(frozen=True)
class Comparison:
    report: AgreementReport
    disagreements: list[Disagreement]
    blind: bool
    shared: int  # transcripts both coders coded
    left_out: int  # of those, the ones blind mode keeps out until both coders are done
    passes: list[PassStatus] = field(default_factory=list)


def default_pair(project: Project) -> tuple[str, str] | None:
    """The names of the two coders who coded the most transcripts in common (by name on a tie),
    or None when the project has fewer than two coders."""
    coders = project.coders.find(order_by="name")
    if len(coders) < 2:
        return None
    rows = project.db.execute(f"""
        WITH kept AS ({_KEPT_TRANSCRIPTS}),
             worked AS (SELECT DISTINCT coder_id, transcript_id FROM coding
                        WHERE transcript_id IN (SELECT id FROM kept))
        SELECT x.coder_id, y.coder_id, count(*) FROM worked x
        JOIN worked y ON y.transcript_id = x.transcript_id AND y.coder_id > x.coder_id
        GROUP BY x.coder_id, y.coder_id""").fetchall()
    names = {coder.id: coder.name for coder in coders}
    best = sorted(((-count, *sorted((names[x], names[y]))) for x, y, count in rows if x in names and y in names))
    if best:
        return best[0][1], best[0][2]
    return coders[0].name, coders[1].name


def comparable_transcripts(project: Project, coder_a: str, coder_b: str) -> set[str] | None:
    """The transcripts whose codings may be compared: None for all of them (blind coding off),
    else those both coders marked done."""
    if not blind.is_blind(project):
        return None
    id_a, id_b = agreement.coder_id(project, coder_a), agreement.coder_id(project, coder_b)
    rows = project.db.execute(
        "SELECT transcript_id FROM coding_pass WHERE coder_id IN (?, ?) AND done_at IS NOT NULL "
        "GROUP BY transcript_id HAVING count(DISTINCT coder_id) = 2", [id_a, id_b]).fetchall()
    return {row[0] for row in rows}


def compare(project: Project, coder_a: str, coder_b: str) -> Comparison:
    """Agreement, the passages in disagreement and where each coder stands, for the screen."""
    id_a, id_b = agreement._coders(project, coder_a, coder_b)
    keep = comparable_transcripts(project, coder_a, coder_b)
    spans = agreement._spans(project, id_a, id_b)
    shared = {transcript_id for transcript_id, (a, b) in spans.items() if a and b}
    if keep is None:
        report = agreement.agreement(project, coder_a, coder_b)
        found = agreement.disagreements(project, coder_a, coder_b)
    else:
        report = _report(project, coder_a, coder_b, {t: s for t, s in spans.items() if t in keep})
        found = [d for d in agreement.disagreements(project, coder_a, coder_b) if d.transcript_id in keep]
    compared = shared if keep is None else shared & keep
    return Comparison(report=report, disagreements=found, blind=keep is not None, shared=len(shared),
                      left_out=len(shared - compared), passes=_passes(project, id_a, id_b, spans, compared))


def _report(project: Project, coder_a: str, coder_b: str, spans: dict) -> AgreementReport:
    """The report of ``agreement.agreement`` over some transcripts only."""
    units, tables = core.code_tables(spans.values())
    names = agreement._code_names(project)
    ordered = sorted(tables, key=lambda code_id: (*names[code_id], code_id))
    return AgreementReport(
        coder_a=coder_a, coder_b=coder_b, units=units,
        transcripts=sum(1 for a, b in spans.values() if a and b),
        codes=[CodeAgreement(code_id, names[code_id][1], tables[code_id]) for code_id in ordered])


def _passes(project: Project, id_a: str, id_b: str, spans: dict, compared: set[str]) -> list[PassStatus]:
    """Every transcript either coder worked on or marked, by title."""
    passes = {(row.coder_id, row.transcript_id): row for row in project.coding_passes.find(
        "coder_id IN (?, ?)", [id_a, id_b])}
    kept = {row[0]: row[1] for row in project.db.execute(
        f"WITH kept AS ({_KEPT_TRANSCRIPTS}) SELECT tr.id, tr.title FROM transcript tr "
        "WHERE tr.id IN (SELECT id FROM kept)").fetchall()}
    worked = {transcript_id for transcript_id in spans} | {transcript_id for _coder, transcript_id in passes}

    def status(coder: str, transcript_id: str, codings: list) -> str:
        found = passes.get((coder, transcript_id))
        if found is not None and found.done_at:
            return DONE
        return STARTED if codings or found is not None else NOT_STARTED

    rows = []
    for transcript_id in worked & kept.keys():
        a, b = spans.get(transcript_id, ([], []))
        rows.append(PassStatus(transcript_id, kept[transcript_id], status(id_a, transcript_id, a),
                               status(id_b, transcript_id, b), transcript_id in compared))
    return sorted(rows, key=lambda row: (row.title, row.transcript_id))
