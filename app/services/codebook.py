"""Editing the codebook: a tree of codes, a bin with undo, merges, and CSV exchange.

Every edit is one transaction and writes an audit entry (action ``codebook_*``, the actor, what
changed), so a report can state how the codebook evolved (``app.services.coding.codebook_changelog``).
A code in the bin keeps its codings; restoring it brings them back into analysis.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from app.core.coding import Code
from app.core.records import utc_now
from app.i18n import _
from app.services.coding import code_ancestors, code_descendants, live_codes
from app.store.project import Project

CSV_COLUMNS = ("name", "parent", "definition", "include", "exclude", "example", "colour")
# CSV column -> Code field
_FIELDS = {"definition": "definition", "include": "include_rule", "exclude": "exclude_rule",
           "example": "example", "colour": "colour"}
EDITABLE = ("name", "definition", "include_rule", "exclude_rule", "example", "colour")
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


# edits -------------------------------------------------------------------------------------------
def add_code(project: Project, name: str, parent_id: str | None = None, *, definition: str = "",
             include_rule: str = "", exclude_rule: str = "", example: str = "", colour: str = DEFAULT_COLOUR,
             actor: str = "") -> Code:
    name = _check_name(project, name)
    colour = _check_colour(colour)
    if parent_id:
        _live(project, parent_id)
    position = project.codes.count("parent_id IS ?", [parent_id])
    code = Code(study_id=project.study().id, name=name, parent_id=parent_id, definition=definition,
                include_rule=include_rule, exclude_rule=exclude_rule, example=example, colour=colour,
                position=position)
    with project.transaction():
        project.codes.insert(code)
        _log(project, "code_added", code, actor, parent_id=parent_id)
    return code


def update_code(project: Project, code_id: str, *, actor: str = "", **changes) -> Code:
    """Change a code's name, definition, rules, example or colour; the log keeps old and new values."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"cannot update {sorted(unknown)}; editable fields are {EDITABLE}")
    code = _live(project, code_id)
    if "name" in changes:
        changes["name"] = _check_name(project, changes["name"], code.id)
    if "colour" in changes:
        changes["colour"] = _check_colour(changes["colour"])
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


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
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
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise CodebookFileError(path, 1, _("the header must name the columns {columns}; missing: {missing}.")
                                .format(columns=",".join(CSV_COLUMNS), missing=", ".join(missing)))
    rows, line = [], reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            rows.append((start, {column: (cells[header.index(column)] if header.index(column) < len(cells) else "")
                                 for column in CSV_COLUMNS}))
    return rows


def import_csv(project: Project, path: Path | str, actor: str = "") -> ImportResult:
    """Create or update codes by name from a CSV file, all or nothing; refusals name the file and line."""
    path = Path(path)
    rows = _read_rows(path)
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
            values = {_FIELDS[column]: row[column] for column in _FIELDS}
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
