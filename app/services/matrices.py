"""Retrieval and matrices: coded segments with their context, codes crossed with participant
attributes, participants × themes (framework analysis) and code co-occurrence, and the segments
behind any cell.

Every count here covers the same codings as ``coding.segments``: not those of withdrawn
participants, of codes in the bin, or whose text an edit deleted (anchor "orphaned"). So a
cell's click-through lists exactly the codings that were counted (the tests check it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from app.core.coding import Code
from app.i18n import _
from app.services import coding, framework
from app.services.coding import Segment, full_texts
from app.store.project import Project

ATTRIBUTES = ("territory", "profile", "wave", "interviewer")
COUNTS = ("codings", "participants", "transcripts")
SCOPES = ("overlap", "transcript")
THEMES = ("top", "all")
CONTEXT_WORDS = 8

# The attribute of the transcript's interview or participant that a column stands for.
_ATTRIBUTE_COLUMN = {"territory": "p.territory_id", "profile": "p.profile", "wave": "iv.wave_id",
                     "interviewer": "iv.interviewer_id"}

class MatrixError(ValueError):
    """A matrix asked for with an unknown option; the message says which ones exist."""


# keys --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CodeKey:
    """A theme as a row (or column) of a matrix, in codebook order."""

    id: str
    name: str
    depth: int
    colour: str
    parent_id: str | None = None


@dataclass(frozen=True)
class ColumnKey:
    """One value of a participant attribute; ``value`` is "" for codings where it is not stated."""

    value: str
    label: str


@dataclass(frozen=True)
class ParticipantKey:
    id: str
    code: str
    territory: str
    profile: str


# results -----------------------------------------------------------------------------------------
@dataclass
class Matrix:
    """Themes × the values of one attribute: ``counts[row][column]`` with totals.

    With ``count`` "participants" or "transcripts" the totals count each one once, so a row total
    can be less than the sum of its cells (someone interviewed in two waves).
    """

    attribute: str
    count: str
    rows: list[CodeKey]
    columns: list[ColumnKey]
    counts: list[list[int]]
    row_totals: list[int]
    column_totals: list[int]
    total: int

    def cell(self, code_id: str, value: str) -> int:
        row = next(i for i, key in enumerate(self.rows) if key.id == code_id)
        column = next(i for i, key in enumerate(self.columns) if key.value == value)
        return self.counts[row][column]

    def as_json(self) -> dict:
        return {
            "by": self.attribute, "count": self.count,
            "columns": [{"value": key.value, "label": key.label} for key in self.columns],
            "rows": [{"code_id": key.id, "code": key.name, "depth": key.depth, "counts": counts, "total": total}
                     for key, counts, total in zip(self.rows, self.counts, self.row_totals)],
            "column_totals": self.column_totals, "total": self.total,
        }


@dataclass(frozen=True)
class FrameworkEntry:
    codings: int
    summary: str = ""
    author: str = ""


@dataclass
class FrameworkMatrix:
    """Participants × themes: each cell's codings and the analyst's summary of it."""

    participants: list[ParticipantKey]
    themes: list[CodeKey]
    cells: dict[tuple[str, str], FrameworkEntry]  # (participant id, code id)
    with_subthemes: bool  # a top-level theme's cell counts its sub-themes' codings too

    def entry(self, participant_id: str, code_id: str) -> FrameworkEntry:
        return self.cells.get((participant_id, code_id), FrameworkEntry(0))


@dataclass
class CooccurrenceMatrix:
    """Codes × codes, symmetric. Scope "overlap": pairs of codings by the same coder whose spans
    overlap, the diagonal being the code's codings. Scope "transcript": transcripts where one
    coder applied both codes, the diagonal being the transcripts coded with the code."""

    scope: str
    codes: list[CodeKey]
    counts: list[list[int]]

    def cell(self, code_a: str, code_b: str) -> int:
        index = {key.id: i for i, key in enumerate(self.codes)}
        return self.counts[index[code_a]][index[code_b]]

    def as_json(self) -> dict:
        return {"scope": self.scope, "codes": [{"code_id": key.id, "code": key.name} for key in self.codes],
                "counts": self.counts}


@dataclass(frozen=True)
class Passage:
    """A segment as retrieval shows it: its text with a few words of context from the same turn.

    For a co-occurrence cell, ``partner`` is the overlapping coding of the other code and the
    span covers both codings.
    """

    segment: Segment
    start: int
    end: int
    text: str
    before: str
    after: str
    partner: Segment | None = None

    @property
    def transcript_id(self) -> str:
        return self.segment.transcript_id


# the codebook as rows --------------------------------------------------------------------------
def code_keys(project: Project) -> list[CodeKey]:
    """The live codes in codebook order, each with its depth in the tree."""
    codes = coding.live_codes(project)
    parents = {code.id: code.parent_id for code in codes}
    return [CodeKey(code.id, code.name, _depth(code, parents), code.colour, code.parent_id) for code in codes]


def _depth(code: Code, parents: dict[str, str | None]) -> int:
    depth, parent = 0, code.parent_id
    while parent in parents and depth < len(parents):
        depth, parent = depth + 1, parents[parent]
    return depth


def _top_of(keys: list[CodeKey]) -> dict[str, str]:
    """code id -> the id of its top-level theme (itself for a top-level theme)."""
    parents = {key.id: key.parent_id for key in keys}
    top = {}
    for key in keys:
        current, steps = key.id, 0
        while parents.get(current) in parents and steps < len(parents):
            current, steps = parents[current], steps + 1
        top[key.id] = current
    return top


# code × attribute --------------------------------------------------------------------------------
def attribute_columns(project: Project, attribute: str) -> list[ColumnKey]:
    """Every value the study defines for an attribute, in the study's order."""
    _check(attribute, ATTRIBUTES, _("attribute"))
    db = project.db
    if attribute == "territory":
        rows = db.execute("SELECT id, coalesce(nullif(name, ''), code) FROM territory ORDER BY name, code")
    elif attribute == "profile":
        rows = db.execute("SELECT key, coalesce(nullif(label, ''), key) FROM vocabulary "
                          "WHERE kind = 'profile' ORDER BY position, key")
    elif attribute == "wave":
        rows = db.execute("SELECT id, label FROM wave ORDER BY position, label")
    else:
        rows = db.execute("SELECT id, name FROM interviewer ORDER BY name")
    return [ColumnKey(value, label) for value, label in rows.fetchall()]


def code_by_attribute(project: Project, attribute: str, coder_id: str | None = None,
                      count: str = "codings") -> Matrix:
    """Live codes (codebook order) × the values of a participant attribute.

    ``count`` is "codings", "participants" (distinct participants with such a coding) or
    "transcripts". Values the study defines are all shown, even when empty; a column "Not
    stated" gathers codings whose participant (or interview) lacks the attribute, when any do.
    """
    _check(attribute, ATTRIBUTES, _("attribute"))
    _check(count, COUNTS, _("count"))
    rows = code_keys(project)
    live = {key.id for key in rows}
    kept = _kept_transcripts(project, attribute)
    codings: dict[tuple[str, str], int] = defaultdict(int)
    distinct: dict[tuple[str, str], set] = defaultdict(set)  # the participants or transcripts of a cell
    for code_id, transcript_id, n in _codings_per_transcript(project, coder_id):
        where = kept.get(transcript_id)
        if where is None or code_id not in live:
            continue
        value, participant_id = where
        codings[code_id, value] += n
        if count == "transcripts":
            distinct[code_id, value].add(transcript_id)
        elif count == "participants" and participant_id is not None:
            distinct[code_id, value].add(participant_id)
    values_seen = {value for _code, value in codings}
    columns = attribute_columns(project, attribute)
    known = {key.value for key in columns}
    columns += [ColumnKey("", _("Not stated"))] if "" in values_seen - known else []
    # A value no longer defined (a vocabulary entry removed) still gets its own column.
    columns += [ColumnKey(value, value) for value in sorted(values_seen - known - {""})]
    if count == "codings":
        counts = [[codings.get((row.id, key.value), 0) for key in columns] for row in rows]
        row_totals = [sum(line) for line in counts]
        column_totals = [sum(column) for column in zip(*counts)] if rows else [0] * len(columns)
        total = sum(row_totals)
    else:
        # Someone counted in two cells of a row (interviewed in both waves) counts once in its total.
        empty: set = set()
        cells = [[distinct.get((row.id, key.value), empty) for key in columns] for row in rows]
        counts = [[len(cell) for cell in line] for line in cells]
        row_totals = [len(set().union(*line)) for line in cells]
        column_totals = [len(set().union(*column)) for column in zip(*cells)] if rows else [0] * len(columns)
        total = len(set().union(*(cell for line in cells for cell in line)))
    return Matrix(attribute=attribute, count=count, rows=rows, columns=columns, counts=counts,
                  row_totals=row_totals, column_totals=column_totals, total=total)


def _kept_transcripts(project: Project, attribute: str | None = None) -> dict[str, tuple[str, str | None]]:
    """transcript id -> (its value of the attribute or "", its participant's id), for the
    transcripts that may be analysed (not a withdrawn participant's)."""
    column = _ATTRIBUTE_COLUMN[attribute] if attribute else "''"
    rows = project.db.execute(f"""
        SELECT tr.id, coalesce({column}, ''), p.id FROM transcript tr
        LEFT JOIN interview iv ON iv.id = tr.interview_id
        LEFT JOIN participant p ON p.id = iv.participant_id
        WHERE p.id IS NULL OR p.status != 'withdrawn'
    """)
    return {transcript_id: (value, participant_id) for transcript_id, value, participant_id in rows}


def _codings_per_transcript(project: Project, coder_id: str | None):
    """(code id, transcript id, codings) for the codings whose text is still there.

    One pass over the coding table; the transcripts' attributes are joined afterwards from a
    small lookup. Joining them in SQL costs four index searches per coding, which at 50,000
    codings took most of the 300 ms a matrix may take. NOT INDEXED: walking an index for the
    grouping order then fetching each row is slower than reading the table once.
    """
    sql = ("SELECT code_id, transcript_id, count(*) FROM coding NOT INDEXED WHERE anchor_status = 'ok'"
           + (" AND coder_id = ?" if coder_id else "") + " GROUP BY code_id, transcript_id")
    return project.db.execute(sql, [coder_id] if coder_id else []).fetchall()


# participants × themes (framework analysis) -------------------------------------------------------
def participants_by_theme(project: Project, coder_id: str | None = None, themes: str = "top") -> FrameworkMatrix:
    """Participants (with a transcript that may be analysed, or a summary) × themes.

    ``themes`` "top": the top-level themes, each cell counting the theme's and its sub-themes'
    codings; "all": every live code with its own codings.
    """
    _check(themes, THEMES, _("themes"))
    keys = code_keys(project)
    top = _top_of(keys)
    with_subthemes = themes == "top"
    columns = [key for key in keys if key.depth == 0] if with_subthemes else keys
    counts: dict[tuple[str, str], int] = defaultdict(int)
    kept = _kept_transcripts(project)
    for code_id, transcript_id, n in _codings_per_transcript(project, coder_id):
        participant_id = kept.get(transcript_id, ("", None))[1]
        if participant_id is None or code_id not in top:
            continue
        counts[participant_id, top[code_id] if with_subthemes else code_id] += n
    notes = framework.summaries(project)
    shown = {key.id for key in columns}
    cells = {}
    for (participant_id, code_id), n in counts.items():
        cells[participant_id, code_id] = FrameworkEntry(n)
    for (code_id, participant_id), note in notes.items():
        if code_id in shown:
            cells[participant_id, code_id] = FrameworkEntry(counts.get((participant_id, code_id), 0),
                                                            note.summary, note.author)
    return FrameworkMatrix(participants=_framework_participants(project), themes=columns, cells=cells,
                           with_subthemes=with_subthemes)


def _framework_participants(project: Project) -> list[ParticipantKey]:
    rows = project.db.execute("""
        SELECT p.id, p.code, coalesce(nullif(t.name, ''), t.code, ''), coalesce(v.label, p.profile)
        FROM participant p
        LEFT JOIN territory t ON t.id = p.territory_id
        LEFT JOIN vocabulary v ON v.study_id = p.study_id AND v.kind = 'profile' AND v.key = p.profile
        WHERE p.status != 'withdrawn' AND (
            EXISTS (SELECT 1 FROM interview iv JOIN transcript tr ON tr.interview_id = iv.id
                    WHERE iv.participant_id = p.id)
            OR EXISTS (SELECT 1 FROM framework_cell f WHERE f.participant_id = p.id))
        ORDER BY p.code
    """).fetchall()
    return [ParticipantKey(*row) for row in rows]


# co-occurrence -----------------------------------------------------------------------------------
def cooccurrence(project: Project, coder_id: str | None = None, scope: str = "overlap") -> CooccurrenceMatrix:
    """Codes × codes. Only one coder's codings are paired with each other: two coders' different
    codes on one passage are a disagreement, not a co-occurrence."""
    _check(scope, SCOPES, _("scope"))
    keys = code_keys(project)
    index = {key.id: i for i, key in enumerate(keys)}
    counts = [[0] * len(keys) for _key in keys]
    spans = _spans(project, coder_id)
    if scope == "overlap":
        for group in spans.values():
            for code_id, _start, _end, _coding in group:
                counts[index[code_id]][index[code_id]] += 1
            for first, second in _overlapping_pairs(group):
                a, b = index[first[0]], index[second[0]]
                if a != b:
                    counts[a][b] += 1
                    counts[b][a] += 1
    else:
        # A transcript counts once for a pair of codes, whichever coder (or both) applied them.
        coded: dict[str, list[set[int]]] = defaultdict(list)
        for (transcript_id, _coder), group in spans.items():
            coded[transcript_id].append({index[code_id] for code_id, *_rest in group})
        for code_sets in coded.values():
            pairs = set()
            for codes in code_sets:
                pairs.update(combinations(sorted(codes), 2))
            for a, b in pairs:
                counts[a][b] += 1
                counts[b][a] += 1
            for a in set().union(*code_sets):
                counts[a][a] += 1
    return CooccurrenceMatrix(scope=scope, codes=keys, counts=counts)


def _spans(project: Project, coder_id: str | None, code_ids: tuple[str, ...] = ()) -> dict[tuple, list]:
    """(transcript id, coder id) -> [(code id, start, end, coding id)] by start, analysable codings."""
    sql = "SELECT transcript_id, coder_id, code_id, start_offset, end_offset, id FROM coding WHERE anchor_status = 'ok'"
    params: list = []
    if coder_id:
        sql += " AND coder_id = ?"
        params.append(coder_id)
    if code_ids:
        sql += f" AND code_id IN ({','.join('?' * len(code_ids))})"
        params.extend(code_ids)
    kept = _kept_transcripts(project)
    live = {row[0] for row in project.db.execute("SELECT id FROM code WHERE deleted_at IS NULL")}
    groups: dict[tuple, list] = defaultdict(list)
    for transcript_id, coder, code_id, start, end, coding_id in project.db.execute(sql, params):
        if transcript_id in kept and code_id in live:
            groups[transcript_id, coder].append((code_id, start, end, coding_id))
    for group in groups.values():
        group.sort(key=lambda span: (span[1], span[2]))
    return groups


def _overlapping_pairs(group: list[tuple]):
    """Each pair of spans (sorted by start) that share at least one character, once."""
    active: list[tuple] = []
    for span in group:
        active = [other for other in active if other[2] > span[1]]
        for other in active:
            yield other, span
        active.append(span)


# retrieval ---------------------------------------------------------------------------------------
def retrieve(project: Project, code_id: str | None = None, coder_id: str | None = None,
             territory_id: str | None = None, profile: str | None = None, wave_id: str | None = None,
             with_subthemes: bool = False, context_words: int = CONTEXT_WORDS) -> list[Passage]:
    """Coded segments with their context and source, filtered by participant attributes.

    ``with_subthemes`` adds the codings of the code's sub-themes (at any depth).
    """
    filters = {"coder_id": coder_id, "territory_id": territory_id, "profile": profile, "wave_id": wave_id}
    if code_id is None or not with_subthemes:
        found = coding.segments(project, code_id=code_id, **filters)
    else:
        found = [segment for each in [code_id, *coding.code_descendants(project, code_id)]
                 for segment in coding.segments(project, code_id=each, **filters)]
        found.sort(key=_reading_order)
    return with_context(project, found, context_words)


def _reading_order(segment: Segment) -> tuple:
    # The order of coding.segments: participant, transcript, position.
    return (segment.participant_code == "", segment.participant_code, segment.transcript_title,
            segment.transcript_id, segment.start, segment.end, segment.code)


def with_context(project: Project, found: list[Segment], context_words: int = CONTEXT_WORDS) -> list[Passage]:
    texts = full_texts(project, {segment.transcript_id for segment in found})
    return [_passage(texts.get(segment.transcript_id, ""), segment, segment.start, segment.end, context_words)
            for segment in found]


def _passage(text: str, segment: Segment, start: int, end: int, context_words: int,
             partner: Segment | None = None) -> Passage:
    before, after = context(text, start, end, context_words)
    return Passage(segment, start, end, text[start:end], before, after, partner)


def context(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> tuple[str, str]:
    """Up to ``words`` words either side of [start, end), not crossing into another turn; "…"
    marks that the turn goes on beyond them."""
    if words <= 0:
        return "", ""
    turn_start = text.rfind("\n", 0, start) + 1
    turn_end = text.find("\n", end)
    turn_end = len(text) if turn_end < 0 else turn_end
    window = 16 * words  # enough characters for that many words, without reading a whole long turn
    low, high = max(turn_start, start - window), min(turn_end, end + window)
    words_before, words_after = text[low:start].split(), text[end:high].split()
    if low > turn_start and words_before and not text[low - 1].isspace():
        words_before.pop(0)  # cut in the middle of a word
    if high < turn_end and words_after and not text[high].isspace():
        words_after.pop()
    kept_before, kept_after = words_before[-words:], words_after[:words]
    # Keep the spacing at the edges: « l’ » runs into the coded word, « est » does not.
    head = " ".join(kept_before)
    if head and text[start - 1:start].isspace():
        head += " "
    if head and len(text[turn_start:start].split()) > len(kept_before):
        head = "…" + head
    tail = " ".join(kept_after)
    if tail and text[end:end + 1].isspace():
        tail = " " + tail
    if tail and len(text[end:turn_end].split()) > len(kept_after):
        tail += "…"
    return head, tail


# the segments behind a cell ----------------------------------------------------------------------
def cell_segments(project: Project, row_code_id: str, column: tuple[str, str] | str, coder_id: str | None = None,
                  *, with_subthemes: bool = False, scope: str = "overlap",
                  context_words: int = CONTEXT_WORDS) -> list[Passage]:
    """The passages counted in one cell.

    ``column`` is (attribute, value) for a code × attribute matrix ("" for « not stated »),
    ("participant", participant id) for a framework cell (``with_subthemes`` as the matrix had
    it), or another code's id for a co-occurrence cell: then one passage per counted pair (the
    row code's coding, its partner, the span covering both) or, on the diagonal, the code's
    codings. In the "transcript" scope, a co-occurrence cell gives both codes' codings in the
    transcripts counted.
    """
    if isinstance(column, str):
        return _cooccurring(project, row_code_id, column, coder_id, scope, context_words)
    attribute, value = column
    codes = [row_code_id, *(coding.code_descendants(project, row_code_id) if with_subthemes else [])]
    found = [segment for code_id in codes for segment in coding.segments(project, code_id=code_id, coder_id=coder_id)]
    if attribute == "participant":
        kept = _transcripts_of_participant(project, value)
    else:
        _check(attribute, ATTRIBUTES, _("attribute"))
        kept = _transcripts_with(project, attribute, value)
    found = sorted((segment for segment in found if segment.transcript_id in kept), key=_reading_order)
    return with_context(project, found, context_words)


def _transcripts_with(project: Project, attribute: str, value: str) -> set[str]:
    column = _ATTRIBUTE_COLUMN[attribute]
    rows = project.db.execute(
        f"SELECT tr.id FROM transcript tr LEFT JOIN interview iv ON iv.id = tr.interview_id "
        f"LEFT JOIN participant p ON p.id = iv.participant_id WHERE coalesce({column}, '') = ?", [value])
    return {row[0] for row in rows}


def _transcripts_of_participant(project: Project, participant_id: str) -> set[str]:
    rows = project.db.execute("SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
                              "WHERE iv.participant_id = ?", [participant_id])
    return {row[0] for row in rows}


def _cooccurring(project: Project, code_a: str, code_b: str, coder_id: str | None, scope: str,
                 context_words: int) -> list[Passage]:
    _check(scope, SCOPES, _("scope"))
    segments_by_id = {segment.coding_id: segment
                      for code_id in {code_a, code_b}
                      for segment in coding.segments(project, code_id=code_id, coder_id=coder_id)}
    spans = _spans(project, coder_id, tuple({code_a, code_b}))
    texts = full_texts(project, {transcript_id for transcript_id, _coder in spans})

    def text_of(transcript_id: str) -> str:
        return texts.get(transcript_id, "")

    passages: list[Passage] = []
    if code_a == code_b or scope == "transcript":
        for (transcript_id, _coder), group in spans.items():
            present = {span[0] for span in group}
            if code_a == code_b or present >= {code_a, code_b}:
                passages += [_passage(text_of(transcript_id), segments_by_id[span[3]], span[1], span[2],
                                      context_words) for span in group]
    else:
        for (transcript_id, _coder), group in spans.items():
            for first, second in _overlapping_pairs(group):
                if {first[0], second[0]} != {code_a, code_b}:
                    continue
                mine, theirs = (first, second) if first[0] == code_a else (second, first)
                passages.append(_passage(text_of(transcript_id), segments_by_id[mine[3]], min(first[1], second[1]),
                                         max(first[2], second[2]), context_words, segments_by_id[theirs[3]]))
    passages.sort(key=lambda passage: (*_reading_order(passage.segment)[:4], passage.start, passage.end))
    return passages


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise MatrixError(_("Unknown {what} “{value}”: choose one of {allowed}.").format(
            what=what, value=value, allowed=", ".join(allowed)))
