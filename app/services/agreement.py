"""Agreement between two coders over a project, and the passages they disagree on.

The definitions (character units covered by either coder in transcripts both coded; per-code 2×2
tables; pooled overall) are in ``app.core.agreement``. Here: which codings count. Transcripts of
withdrawn participants are left out (their words may no longer be analysed), and so are the codes
in the bin with their codings, as if they had never been applied.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from app.core import agreement as core
from app.core.transcripts import full_text
from app.i18n import _
from app.store.errors import RecordNotFoundError
from app.store.project import Project
from app.store.views import _KEPT_TRANSCRIPTS

UNIT = "character"
EXCERPT_CHARS = 200

_CODINGS = f"""
    WITH kept AS ({_KEPT_TRANSCRIPTS})
    SELECT g.transcript_id, g.coder_id, g.code_id, g.start_offset, g.end_offset
    FROM coding g JOIN code c ON c.id = g.code_id
    WHERE c.deleted_at IS NULL AND g.anchor_status = 'ok' AND g.coder_id IN (?, ?)
      AND g.transcript_id IN (SELECT id FROM kept)
"""


class UnknownCoderError(RecordNotFoundError):
    """A coder name that the project does not know, or one that two coders share."""


@dataclass(frozen=True)
class CodeAgreement:
    code_id: str
    code: str
    table: core.Table

    @property
    def units(self) -> int:
        return self.table.units

    def as_json(self) -> dict:
        return {"code": self.code, "kappa": self.table.kappa, "alpha": self.table.alpha,
                "percent_agreement": self.table.percent_agreement, "units": self.table.units}


@dataclass(frozen=True)
class AgreementReport:
    coder_a: str
    coder_b: str
    units: int  # characters counted, over the transcripts both coders coded
    transcripts: int  # transcripts both coders coded
    codes: list[CodeAgreement] = field(default_factory=list)
    unit: str = UNIT

    @property
    def overall(self) -> core.Table:
        """The per-code tables added up: every (character, code) pair is one binary decision."""
        return core.pooled(code.table for code in self.codes)

    @property
    def mean_kappa(self) -> float | None:
        return core.mean_kappa(code.table for code in self.codes)

    def as_json(self) -> dict:
        overall = self.overall
        return {
            "unit": self.unit,
            "codes": [code.as_json() for code in self.codes],
            "overall": {"kappa": overall.kappa, "alpha": overall.alpha,
                        "percent_agreement": overall.percent_agreement,
                        "units": self.units, "mean_kappa": self.mean_kappa},
        }


@dataclass(frozen=True)
class Disagreement:
    """A maximal passage where exactly one coder applied the code: ``text`` is its beginning."""

    transcript_id: str
    start: int
    end: int
    code: str
    coded_by: str  # "a" or "b"
    text: str
    code_id: str = ""

    def as_json(self) -> dict:
        return asdict(self)


def coder_id(project: Project, name: str) -> str:
    """The id of the coder called ``name``; refuses, naming it, a name unknown or shared."""
    coders = project.coders.find("name = ?", [name.strip()])
    if not coders:
        known = ", ".join(coder.name for coder in project.coders.find(order_by="name")) or "—"
        raise UnknownCoderError(_("No coder is called {name} (known: {known}).").format(name=name, known=known))
    if len(coders) > 1:
        raise UnknownCoderError(_("Several coders are called {name}; rename one of them.").format(name=name))
    return coders[0].id


def _coders(project: Project, coder_a: str, coder_b: str) -> tuple[str, str]:
    id_a, id_b = coder_id(project, coder_a), coder_id(project, coder_b)
    if id_a == id_b:
        raise UnknownCoderError(_("Agreement needs two different coders, not {name} twice.").format(name=coder_a))
    return id_a, id_b


def _spans(project: Project, id_a: str, id_b: str) -> dict[str, tuple[list, list]]:
    """transcript id -> (A's codings, B's codings) as (code id, start, end), analysable ones only."""
    spans: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for transcript_id, coder, code_id, start, end in project.db.execute(_CODINGS, [id_a, id_b]).fetchall():
        spans[transcript_id][0 if coder == id_a else 1].append((code_id, start, end))
    return spans


def _code_names(project: Project) -> dict[str, tuple[int, str]]:
    rows = project.db.execute("SELECT id, position, name FROM code WHERE deleted_at IS NULL").fetchall()
    return {code_id: (position, name) for code_id, position, name in rows}


def agreement(project: Project, coder_a_name: str, coder_b_name: str) -> AgreementReport:
    """Agreement of two coders, named as in the project, per code (codebook order) and overall."""
    id_a, id_b = _coders(project, coder_a_name, coder_b_name)
    spans = _spans(project, id_a, id_b)
    units, tables = core.code_tables(spans.values())
    names = _code_names(project)
    ordered = sorted(tables, key=lambda code_id: (*names[code_id], code_id))
    return AgreementReport(
        coder_a=coder_a_name, coder_b=coder_b_name, units=units,
        transcripts=sum(1 for a, b in spans.values() if a and b),
        codes=[CodeAgreement(code_id, names[code_id][1], tables[code_id]) for code_id in ordered],
    )


def disagreements(project: Project, coder_a: str, coder_b: str, code: str | None = None) -> list[Disagreement]:
    """Passages to reconcile, transcript by transcript in text order. ``code`` is a code's name or id."""
    id_a, id_b = _coders(project, coder_a, coder_b)
    names = _code_names(project)
    code_id = None
    if code is not None:
        code_id = code if code in names else next((cid for cid, (_p, name) in names.items() if name == code), None)
        if code_id is None:
            raise RecordNotFoundError(_("No code is called {name}.").format(name=code))
    titles = dict(project.db.execute("SELECT id, title FROM transcript").fetchall())
    found: list[Disagreement] = []
    for transcript_id, (a, b) in sorted(_spans(project, id_a, id_b).items(),
                                        key=lambda item: (titles.get(item[0], ""), item[0])):
        if not a or not b:
            continue
        passages = list(core.disagreement_spans(a, b, code_id))
        if not passages:
            continue
        text = full_text(project.turns_of(transcript_id))
        for cid, start, end, coded_by in passages:
            found.append(Disagreement(transcript_id, start, end, names[cid][1], coded_by,
                                      _excerpt(text[start:end]), cid))
    return found


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"
