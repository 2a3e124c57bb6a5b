"""Editing the codebook: a tree of codes, a bin with undo, merges, splits, and CSV exchange.

Every edit is one transaction and writes an audit entry (action ``codebook_*``, the actor, what
changed), so a report can state how the codebook evolved (``app.services.coding.codebook_changelog``).
A code in the bin keeps its codings; restoring it brings them back into analysis.
"""

from __future__ import annotations

import colorsys
import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.core.coding import Code
from app.core.records import utc_now
from app.i18n import _
from app.services.blind import is_blind, visible_coder_ids
from app.services.coding import Segment, binned_codes, code_ancestors, code_descendants, live_codes, segments
from app.store.project import Project

# Files written before assisted coding have no keywords or example phrases: those two columns may be
# missing on import, and then the codes keep theirs.
REQUIRED_COLUMNS = ("name", "parent", "definition", "include", "exclude", "example", "colour")
CSV_COLUMNS = REQUIRED_COLUMNS + ("keywords", "example_phrases")
# CSV column -> Code field
_FIELDS = {"definition": "definition", "include": "include_rule", "exclude": "exclude_rule",
           "example": "example", "colour": "colour", "keywords": "keywords", "example_phrases": "example_phrases"}
EDITABLE = ("name", "definition", "include_rule", "exclude_rule", "example", "colour", "keywords",
            "example_phrases")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
DEFAULT_COLOUR = "#888888"


class CodebookError(ValueError):
    """An edit of the codebook refused; the message says why and what to do."""


class CodebookFileError(CodebookError):
    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = Path(path), line
        where = (_("{path}, line {line}").format(path=path, line=line) if line
                 else str(path))
        super().__init__(_("{where}: {message}").format(where=where, message=message))


@dataclass
class ImportResult:
    created: list[str]
    updated: list[str]


@dataclass(frozen=True)
class MergeDetails:
    """What a merge moves from the source to the target, read before the merge so that it can be
    put back exactly: the codings, the sub-codes, and the indicator links the target gains."""

    source_id: str
    target_id: str
    coding_ids: tuple[str, ...] = ()
    child_ids: tuple[str, ...] = ()
    indicator_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class BinnedCode:
    """A code in the bin, with the codings it keeps there (ready to come back with it)."""

    code: Code
    codings: int


@dataclass(frozen=True)
class Placement:
    """Where a code sits in the tree: its parent and its position among its siblings."""

    parent_id: str | None
    position: int


# checks ------------------------------------------------------------------------------------------
def _check_name(project: Project, name: str, own_id: str | None = None) -> str:
    name = name.strip()
    if not name:
        raise CodebookError(_("A code needs a name."))
    clash = project.codes.first("name = ? AND deleted_at IS NULL AND id != ?", [name, own_id or ""])
    if clash:
        raise CodebookError(_("The codebook already has a code named “{name}”; choose another name or merge "
                              "the two codes.").format(name=name))
    return name


def _check_colour(colour: str) -> str:
    if not _COLOUR.match(colour):
        raise CodebookError(_("“{colour}” is not a colour: write it as #RRGGBB (for example #F9C74F).")
                            .format(colour=colour))
    return colour.upper()


def _live(project: Project, code_id: str) -> Code:
    code = project.codes.get(code_id)
    if code.deleted_at:
        raise CodebookError(_("The code “{name}” is in the bin; restore it first.").format(name=code.name))
    return code


def _log(project: Project, action: str, code: Code, actor: str, **detail) -> None:
    project.audit(f"codebook_{action}", "code", code.id, actor=actor, name=code.name, **detail)


def _next_position(project: Project, parent_id: str | None) -> int:
    """A place after every sibling: positions need not run 0, 1, 2… (an imported codebook numbers
    its codes through the whole file), so counting the siblings could put a new code first."""
    last = project.db.execute("SELECT max(position) FROM code WHERE parent_id IS ?", [parent_id]).fetchone()[0]
    return 0 if last is None else last + 1


def _lines(text: str) -> str:
    """Keywords and example phrases: one per line, without blank lines or stray spaces."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# edits -------------------------------------------------------------------------------------------
def add_code(project: Project, name: str, parent_id: str | None = None, *, definition: str = "",
             include_rule: str = "", exclude_rule: str = "", example: str = "", colour: str = DEFAULT_COLOUR,
             keywords: str = "", example_phrases: str = "", actor: str = "") -> Code:
    """A new code, last among its siblings (``parent_id`` None: a top-level theme)."""
    name = _check_name(project, name)
    colour = _check_colour(colour)
    if parent_id:
        _live(project, parent_id)
    position = _next_position(project, parent_id)
    code = Code(study_id=project.study().id, name=name, parent_id=parent_id, definition=definition,
                include_rule=include_rule, exclude_rule=exclude_rule, example=example, colour=colour,
                position=position, keywords=_lines(keywords), example_phrases=_lines(example_phrases))
    with project.transaction():
        project.codes.insert(code)
        _log(project, "code_added", code, actor, parent_id=parent_id)
    return code


def update_code(project: Project, code_id: str, *, actor: str = "", **changes) -> Code:
    """Change a code's name, definition, rules, example, colour, keywords or example phrases; the
    log keeps old and new values."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}; editable fields are {EDITABLE}")
    code = _live(project, code_id)
    if "name" in changes:
        changes["name"] = _check_name(project, changes["name"], code.id)
    if "colour" in changes:
        changes["colour"] = _check_colour(changes["colour"])
    for field_name in ("keywords", "example_phrases"):
        if field_name in changes:
            changes[field_name] = _lines(changes[field_name])
    changed = {field: [getattr(code, field), value] for field, value in changes.items()
               if getattr(code, field) != value}
    if not changed:
        return code
    for field, (_old, new) in changed.items():
        setattr(code, field, new)
    with project.transaction():
        project.codes.update(code)
        _log(project, "code_updated", code, actor, changes=changed)
    return code


def move_code(project: Project, code_id: str, parent_id: str | None, position: int | None = None,
              actor: str = "") -> Code:
    """Re-parent a code (None: top level), optionally at a position among its new siblings."""
    code = _live(project, code_id)
    if parent_id:
        parent = _live(project, parent_id)
        if code.id in code_ancestors(project, parent_id):
            raise CodebookError(_("“{name}” cannot go under “{parent}”, which is one of its own sub-codes.")
                                .format(name=code.name, parent=parent.name))
    old_parent = code.parent_id
    siblings = [c.id for c in project.codes.find("parent_id IS ? AND deleted_at IS NULL AND id != ?",
                                                 [parent_id, code.id], order_by="position, name")]
    siblings.insert(len(siblings) if position is None else max(0, min(position, len(siblings))), code.id)
    now = utc_now()
    with project.transaction():
        project.db.execute("UPDATE code SET parent_id = ?, updated_at = ? WHERE id = ?", [parent_id, now, code.id])
        project.db.conn.executemany("UPDATE code SET position = ? WHERE id = ?",
                                    [(index, sibling) for index, sibling in enumerate(siblings)])
        _log(project, "code_moved", code, actor, from_parent_id=old_parent, to_parent_id=parent_id)
    return project.codes.get(code.id)


def merge_codes(project: Project, source_id: str, target_id: str, actor: str = "") -> Code:
    """Fold ``source`` into ``target``: its codings, sub-codes and indicator links move to the
    target, and the source goes to the bin."""
    source, target = _live(project, source_id), _live(project, target_id)
    if source.id == target.id:
        raise CodebookError(_("A code cannot be merged into itself."))
    if source.id in code_ancestors(project, target.id):
        raise CodebookError(_("“{source}” cannot be merged into its own sub-code “{target}”; move the sub-code "
                              "out first.").format(source=source.name, target=target.name))
    now = utc_now()
    with project.transaction():
        moved = project.db.execute("UPDATE coding SET code_id = ?, updated_at = ? WHERE code_id = ?",
                                   [target.id, now, source.id]).rowcount
        project.db.execute("UPDATE code SET parent_id = ?, updated_at = ? WHERE parent_id = ?",
                           [target.id, now, source.id])
        project.db.execute("INSERT OR IGNORE INTO code_indicator (code_id, indicator_id) "
                           "SELECT ?, indicator_id FROM code_indicator WHERE code_id = ?", [target.id, source.id])
        project.db.execute("UPDATE code SET deleted_at = ?, updated_at = ? WHERE id = ?", [now, now, source.id])
        _log(project, "codes_merged", source, actor, into_id=target.id, into=target.name, codings_moved=moved)
    return project.codes.get(target.id)


def delete_code(project: Project, code_id: str, actor: str = "") -> None:
    """Put a code and its sub-codes in the bin; their codings stay, out of analysis until restored."""
    code = _live(project, code_id)
    now = utc_now()
    subtree = [code.id] + [c for c in code_descendants(project, code.id) if not project.codes.get(c).deleted_at]
    with project.transaction():
        project.db.conn.executemany("UPDATE code SET deleted_at = ?, updated_at = ? WHERE id = ?",
                                    [(now, now, c) for c in subtree])
        _log(project, "code_deleted", code, actor, with_subcodes=len(subtree) - 1)


def restore_code(project: Project, code_id: str, actor: str = "") -> Code:
    """Take a code out of the bin, with the sub-codes binned together with it. If its parent is
    still in the bin, it goes under the nearest ancestor outside the bin (or to the top level)."""
    code = project.codes.get(code_id)
    if not code.deleted_at:
        return code
    _check_name(project, code.name, code.id)
    parent = code.parent_id
    while parent and project.codes.get(parent).deleted_at:
        parent = project.codes.get(parent).parent_id
    batch = [code.id] + [c for c in code_descendants(project, code.id)
                         if project.codes.get(c).deleted_at == code.deleted_at]
    now = utc_now()
    with project.transaction():
        project.db.conn.executemany("UPDATE code SET deleted_at = NULL, updated_at = ? WHERE id = ?",
                                    [(now, c) for c in batch])
        project.db.execute("UPDATE code SET parent_id = ? WHERE id = ?", [parent, code.id])
        _log(project, "code_restored", code, actor, parent_id=parent, with_subcodes=len(batch) - 1)
    return project.codes.get(code.id)


def merge_details(project: Project, source_id: str, target_id: str) -> MergeDetails:
    """What ``merge_codes(source, target)`` would move, read before merging (for undo)."""
    def ids(sql: str, params: list) -> tuple[str, ...]:
        return tuple(row[0] for row in project.db.execute(sql, params).fetchall())

    return MergeDetails(
        source_id, target_id,
        coding_ids=ids("SELECT id FROM coding WHERE code_id = ? ORDER BY id", [source_id]),
        child_ids=ids("SELECT id FROM code WHERE parent_id = ? ORDER BY id", [source_id]),
        indicator_ids=ids("SELECT indicator_id FROM code_indicator WHERE code_id = ? AND indicator_id NOT IN "
                          "(SELECT indicator_id FROM code_indicator WHERE code_id = ?) ORDER BY indicator_id",
                          [source_id, target_id]))


def placements(project: Project, parent_ids: Iterable[str | None]) -> dict[str, Placement]:
    """Where every code under these parents sits (None: the top level), binned codes included, so
    that a move can be undone to the exact order it found."""
    found: dict[str, Placement] = {}
    for parent_id in set(parent_ids):
        for code_id, parent, position in project.db.execute(
                "SELECT id, parent_id, position FROM code WHERE parent_id IS ?", [parent_id]).fetchall():
            found[code_id] = Placement(parent, position)
    return found


def place_codes(project: Project, code_id: str, where: dict[str, Placement], actor: str = "") -> Code:
    """Put ``code_id`` and its siblings back where ``where`` says (an undone move), in one edit."""
    code = _live(project, code_id)
    target = where[code_id].parent_id
    if target and code.id in code_ancestors(project, target):
        raise CodebookError(_("“{name}” cannot go under “{parent}”, which is one of its own sub-codes.")
                            .format(name=code.name, parent=project.codes.get(target).name))
    with project.transaction():
        project.db.conn.executemany("UPDATE code SET parent_id = ?, position = ? WHERE id = ?",
                                    [(spot.parent_id, spot.position, key) for key, spot in where.items()])
        project.db.execute("UPDATE code SET updated_at = ? WHERE id = ?", [utc_now(), code.id])
        _log(project, "code_moved", code, actor, from_parent_id=code.parent_id, to_parent_id=target)
    return project.codes.get(code.id)


def related_colour(colour: str) -> str:
    """A colour of the same family, a little lighter (or darker, for an already light one): what a
    code split off another gets unless the analyst picks one."""
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    lightness = lightness - 0.08 if lightness > 0.72 else lightness + 0.10
    red, green, blue = colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation)
    return "#" + "".join(f"{round(value * 255):02X}" for value in (red, green, blue))


def split_candidates(project: Project, code_id: str, viewer: str = "") -> list[Segment]:
    """The segments of a code that a split may hand to a new code, as ``viewer`` (a coder's name)
    may see them: in blind mode, another coder's codings stay hidden until both are done."""
    found = segments(project, code_id=code_id)
    coder = project.coders.first("name = ?", [viewer]) if viewer else None
    if coder is None or not is_blind(project):
        return found
    visible: dict[str, set[str] | None] = {}
    for transcript_id in {segment.transcript_id for segment in found}:
        visible[transcript_id] = visible_coder_ids(project, transcript_id, coder.id)
    return [segment for segment in found
            if visible[segment.transcript_id] is None or segment.coder_id in visible[segment.transcript_id]]


def split_code(project: Project, code_id: str, new_name: str, coding_ids: Iterable[str], actor: str = "", *,
               colour: str | None = None) -> Code:
    """Split a code in two: a new sibling named ``new_name`` takes the chosen codings (and the
    same indicator links); the rest stay with the code. Returns the new code, to be defined."""
    source = _live(project, code_id)
    name = _check_name(project, new_name)
    new = Code(study_id=source.study_id, name=name, parent_id=source.parent_id,
               colour=_check_colour(colour) if colour else related_colour(source.colour),
               position=_next_position(project, source.parent_id))
    return split_into(project, code_id, new, coding_ids, actor)


def split_into(project: Project, code_id: str, new: Code, coding_ids: Iterable[str], actor: str = "") -> Code:
    """The work of a split, with the new code given as a record (redoing a split stores the same code)."""
    source = _live(project, code_id)
    _check_name(project, new.name, new.id)
    chosen = sorted(set(coding_ids))
    if not chosen:
        raise CodebookError(_("Choose at least one segment for the new code."))
    marks = ",".join("?" * len(chosen))
    found = project.db.execute(f"SELECT count(*) FROM coding WHERE code_id = ? AND id IN ({marks})",
                               [source.id, *chosen]).fetchone()[0]
    if found != len(chosen):
        raise CodebookError(_("Some of the chosen segments are not coded with “{name}” any more; "
                              "open the split again.").format(name=source.name))
    now = utc_now()
    with project.transaction():
        project.codes.insert(new)
        project.db.execute(f"UPDATE coding SET code_id = ?, updated_at = ? WHERE id IN ({marks})",
                           [new.id, now, *chosen])
        project.db.execute("INSERT OR IGNORE INTO code_indicator (code_id, indicator_id) "
                           "SELECT ?, indicator_id FROM code_indicator WHERE code_id = ?", [new.id, source.id])
        _log(project, "code_split", source, actor, new_id=new.id, new_name=new.name, coding_ids=chosen)
    return project.codes.get(new.id)


def indicator_ids_of(project: Project, code_id: str) -> list[str]:
    """The indicators a code informs, in the framework's order."""
    return [indicator.id for indicator in project.indicators_of_code(code_id)]


def set_code_indicators(project: Project, code_id: str, indicator_ids: Iterable[str], actor: str = "") -> None:
    """Link a code to exactly these indicators (the evidence it brings to each); logs what changed."""
    code = _live(project, code_id)
    wanted = set(indicator_ids)
    for indicator_id in wanted:
        project.indicators.get(indicator_id)
    current = set(indicator_ids_of(project, code.id))
    added, removed = sorted(wanted - current), sorted(current - wanted)
    if not added and not removed:
        return
    labels = {i.id: f"{i.code} {i.label}".strip() for i in project.indicators.find()}
    with project.transaction():
        project.db.conn.executemany("DELETE FROM code_indicator WHERE code_id = ? AND indicator_id = ?",
                                    [(code.id, indicator_id) for indicator_id in removed])
        project.db.conn.executemany("INSERT INTO code_indicator (code_id, indicator_id) VALUES (?, ?)",
                                    [(code.id, indicator_id) for indicator_id in added])
        _log(project, "code_indicators_set", code, actor, added=[labels[i] for i in added],
             removed=[labels[i] for i in removed], added_ids=added, removed_ids=removed)


def bin_contents(project: Project) -> list[BinnedCode]:
    """The bin, most recently binned first, each code with its codings (one query for the counts)."""
    # Through the index on coding.code_id: only the codings of binned codes are read.
    counts = dict(project.db.execute(
        "SELECT code_id, count(*) FROM coding WHERE code_id IN (SELECT id FROM code WHERE deleted_at IS NOT NULL) "
        "GROUP BY code_id").fetchall())
    return [BinnedCode(code, counts.get(code.id, 0)) for code in binned_codes(project)]


# undoing edits -----------------------------------------------------------------------------------
# Each inverse is an edit of its own, logged like the others: the changelog tells the whole story,
# undos included.
def discard_new_code(project: Project, code_id: str, actor: str = "") -> None:
    """Take back the creation of a code: it goes for good, which only a code never used may do."""
    code = project.codes.get(code_id)
    if project.codings.count("code_id = ?", [code.id]) or project.codes.count("parent_id = ?", [code.id]):
        raise CodebookError(_("“{name}” has codings or sub-codes now: put it in the bin instead.")
                            .format(name=code.name))
    with project.transaction():
        project.codes.delete(code.id)
        _log(project, "code_add_undone", code, actor)


def readd_code(project: Project, code: Code, actor: str = "") -> Code:
    """Store again a code whose creation was taken back, with the same id and place."""
    _check_name(project, code.name, code.id)
    with project.transaction():
        project.codes.insert(code)
        _log(project, "code_added", code, actor, parent_id=code.parent_id)
    return project.codes.get(code.id)


def unmerge_codes(project: Project, details: MergeDetails, actor: str = "") -> Code:
    """Undo a merge: the source leaves the bin and gets back exactly its codings, sub-codes and
    indicator links. Returns the source."""
    source = project.codes.get(details.source_id)
    _check_name(project, source.name, source.id)
    now = utc_now()

    def marks(ids: tuple[str, ...]) -> str:
        return ",".join("?" * len(ids))

    with project.transaction():
        project.db.execute("UPDATE code SET deleted_at = NULL, updated_at = ? WHERE id = ?", [now, source.id])
        if details.coding_ids:
            project.db.execute(f"UPDATE coding SET code_id = ?, updated_at = ? WHERE code_id = ? "
                               f"AND id IN ({marks(details.coding_ids)})",
                               [source.id, now, details.target_id, *details.coding_ids])
        if details.child_ids:
            project.db.execute(f"UPDATE code SET parent_id = ?, updated_at = ? WHERE id IN "
                               f"({marks(details.child_ids)})", [source.id, now, *details.child_ids])
        project.db.conn.executemany("DELETE FROM code_indicator WHERE code_id = ? AND indicator_id = ?",
                                    [(details.target_id, indicator) for indicator in details.indicator_ids])
        _log(project, "codes_unmerged", source, actor, from_id=details.target_id,
             codings_moved=len(details.coding_ids))
    return project.codes.get(source.id)


def unsplit_code(project: Project, source_id: str, new_id: str, coding_ids: Iterable[str],
                 actor: str = "") -> Code:
    """Undo a split: the codings go back to the source and the new code goes for good."""
    source, new = _live(project, source_id), project.codes.get(new_id)
    chosen = sorted(set(coding_ids))
    others = project.db.execute(
        f"SELECT count(*) FROM coding WHERE code_id = ? AND id NOT IN ({','.join('?' * len(chosen))})",
        [new.id, *chosen]).fetchone()[0]
    if others or project.codes.count("parent_id = ?", [new.id]):
        raise CodebookError(_("“{name}” has other codings or sub-codes now: merge it back into “{source}” "
                              "instead.").format(name=new.name, source=source.name))
    with project.transaction():
        project.db.execute(f"UPDATE coding SET code_id = ?, updated_at = ? WHERE id IN ({','.join('?' * len(chosen))})",
                           [source.id, utc_now(), *chosen])
        project.codes.delete(new.id)
        _log(project, "split_undone", source, actor, new_name=new.name, codings_moved=len(chosen))
    return project.codes.get(source.id)


# CSV ---------------------------------------------------------------------------------------------
def export_csv(project: Project, path: Path | str) -> int:
    """Write the codebook (outside the bin) as UTF-8 CSV, parents before children; returns the rows."""
    codes = live_codes(project)
    names = {code.id: code.name for code in codes}
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for code in codes:
            writer.writerow([code.name, names.get(code.parent_id, ""),
                             *(getattr(code, _FIELDS[column]) for column in CSV_COLUMNS[2:])])
    return len(codes)


def _read_rows(path: Path) -> tuple[tuple[str, ...], list[tuple[int, dict[str, str]]]]:
    """The columns the file has (the required ones and any optional ones) and its rows by line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CodebookFileError(path, None, _("cannot read the file ({reason}).")
                                .format(reason=error.strerror or error)) from error
    if b"\x00" in data:
        raise CodebookFileError(path, None, _("this is not a text file; give a CSV file saved as UTF-8."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CodebookFileError(path, data[:error.start].count(b"\n") + 1,
                                _("the file is not UTF-8 text; save it as “CSV UTF-8”.")) from error
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise CodebookFileError(path, 1, _("the header must name the columns {columns}; missing: {missing}.")
                                .format(columns=",".join(REQUIRED_COLUMNS), missing=", ".join(missing)))
    columns = tuple(column for column in CSV_COLUMNS if column in header)
    rows, line = [], reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            rows.append((start, {column: (cells[header.index(column)] if header.index(column) < len(cells) else "")
                                 for column in columns}))
    return columns, rows


def import_csv(project: Project, path: Path | str, actor: str = "") -> ImportResult:
    """Create or update codes by name from a CSV file, all or nothing; refusals name the file and line.
    A file without the keywords or example_phrases columns leaves those of existing codes as they are."""
    path = Path(path)
    columns, rows = _read_rows(path)
    existing = {code.name: code for code in project.codes.find("deleted_at IS NULL")}
    lines: dict[str, int] = {}
    for line, row in rows:
        name = row["name"] = row["name"].strip()
        row["parent"] = row["parent"].strip()
        if not name:
            raise CodebookFileError(path, line, _("the code has no name."))
        if name in lines:
            raise CodebookFileError(path, line, _("the code “{name}” already appears on line {first}.")
                                    .format(name=name, first=lines[name]))
        lines[name] = line
        colour = row["colour"].strip() or (existing[name].colour if name in existing else DEFAULT_COLOUR)
        try:
            row["colour"] = _check_colour(colour)
        except CodebookError as error:
            raise CodebookFileError(path, line, str(error)) from error
    by_id = {code.id: code.name for code in existing.values()}
    parents = {name: by_id.get(code.parent_id) for name, code in existing.items()}
    for line, row in rows:
        if row["parent"] and row["parent"] not in lines and row["parent"] not in existing:
            raise CodebookFileError(path, line, _("the parent “{parent}” is neither in the file nor in the codebook.")
                                    .format(parent=row["parent"]))
        parents[row["name"]] = row["parent"] or None
    for line, row in rows:
        seen, name = [], row["name"]
        while name and name not in seen:
            seen.append(name)
            name = parents.get(name)
        if name:
            raise CodebookFileError(path, line, _("the parents form a cycle: {cycle}.")
                                    .format(cycle=" → ".join(seen[seen.index(name):] + [name])))
    result = ImportResult([], [])
    with project.transaction():
        ids = {name: code.id for name, code in existing.items()}
        for position, (_line, row) in enumerate(rows):
            values = {_FIELDS[column]: row[column] for column in _FIELDS if column in columns}
            for column in ("keywords", "example_phrases"):
                if column in values:
                    values[column] = _lines(values[column])
            code = existing.get(row["name"])
            if code is None:
                code = Code(study_id=project.study().id, name=row["name"], position=position, **values)
                project.codes.insert(code)
                result.created.append(code.name)
            else:
                if any(getattr(code, field) != value for field, value in values.items()):
                    result.updated.append(code.name)
                for field, value in values.items():
                    setattr(code, field, value)
                code.position = position
                project.codes.update(code)
            ids[code.name] = code.id
        for _line, row in rows:
            parent_id = ids[row["parent"]] if row["parent"] else None
            if existing.get(row["name"]) and existing[row["name"]].parent_id != parent_id \
                    and row["name"] not in result.updated:
                result.updated.append(row["name"])
            project.db.execute("UPDATE code SET parent_id = ? WHERE id = ?", [parent_id, ids[row["name"]]])
        project.audit("codebook_imported", "codebook", "", actor=actor, file=path.name,
                      created=result.created, updated=result.updated)
    return result
