"""The codebook for readers: what each theme means, what goes in and what stays out, an example.

A reader of the report checks here how a theme was coded; a second coder learns the rules from
it. Main themes are Heading 2 and their sub-themes Heading 3, so that Word's navigation pane
shows the tree; an overview table opens the document with how much each theme holds.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from app.core.numbers import format_number
from app.core.report import CodebookEntry
from app.core.study import Study
from app.exports.docx.document import new_document
from app.exports.docx.writer import Writer
from app.i18n import _, ngettext

PATH_SEPARATOR = " › "


def write_codebook(entries: list[CodebookEntry], study: Study, language: str,
                   template: Path | str | None = None) -> Document:
    """The codebook as a Word document, in ``language`` (call inside ``translated(language)``)."""
    title = _("Codebook")
    # The footer repeats the short title on every page; the file's properties carry the study too.
    document = new_document(language, template, title=title, organisation=study.organisation)
    document.core_properties.title = f"{title} – {study.title}"
    writer = Writer(document, language)
    themes = [entry for entry in entries if entry.depth == 0]
    writer.title_page(title, study.title, [
        ngettext("{n} main theme", "{n} main themes", len(themes)).format(n=len(themes)),
        ngettext("{n} code in all", "{n} codes in all", len(entries)).format(n=len(entries)),
    ])
    if not entries:
        writer.paragraph(_("The codebook is empty: no code has been created yet."))
        return writer.finish()
    writer.heading(_("Overview"), 2)
    writer.table([_("Theme"), _("Sub-themes"), _("Coded passages")], overview_rows(entries, language),
                 widths_cm=[9.4, 3.2, 3.8], numeric=(1, 2),
                 caption=_("Main themes, with their sub-themes and the passages coded with them"))
    writer.note(_("Passages are counted under the theme and each of its sub-themes; the words of participants "
                  "who withdrew are not counted."))
    writer.heading(_("Definitions and rules"), 1)
    for theme, branch in _branches(entries):
        _entry(writer, theme, language, branch_total=sum(entry.segments for entry in branch) if len(branch) > 1
               else None)
        for entry in branch[1:]:
            _entry(writer, entry, language)
    return writer.finish()


def overview_rows(entries: list[CodebookEntry], language: str) -> list[list[str]]:
    """One row per main theme: its name, how many sub-themes, passages coded with it or below it."""
    rows: list[list[str]] = []
    for theme, branch in _branches(entries):
        rows.append([theme.code.name, format_number(len(branch) - 1, 0, language),
                     format_number(sum(entry.segments for entry in branch), 0, language)])
    return rows


def _branches(entries: list[CodebookEntry]) -> list[tuple[CodebookEntry, list[CodebookEntry]]]:
    """Each main theme with itself and everything below it (entries come depth first)."""
    branches: list[tuple[CodebookEntry, list[CodebookEntry]]] = []
    for entry in entries:
        if entry.depth == 0 or not branches:
            branches.append((entry, [entry]))
        else:
            branches[-1][1].append(entry)
    return branches


def _entry(writer: Writer, entry: CodebookEntry, language: str, branch_total: int | None = None) -> None:
    """One code: its heading, definition, rules and example, and how many passages it holds
    (for a theme with sub-themes, the passages of the whole branch, which is what a reader expects)."""
    code = entry.code
    writer.heading(code.name, min(entry.depth + 2, 3))
    writer.label_value(_("Definition"), code.definition.strip() or _("not written yet"))
    if code.include_rule.strip():
        writer.label_value(_("To include"), code.include_rule.strip())
    if code.exclude_rule.strip():
        writer.label_value(_("To exclude"), code.exclude_rule.strip())
    if code.example.strip():
        writer.quote(code.example.strip(), _("Example"))
    if branch_total is None:
        writer.note(ngettext("{n} coded passage", "{n} coded passages", entry.segments).format(
            n=format_number(entry.segments, 0, language)))
    else:
        writer.note(ngettext("{n} passage coded with this theme or its sub-themes",
                             "{n} passages coded with this theme or its sub-themes", branch_total).format(
            n=format_number(branch_total, 0, language)))


def codebook_rows(entries: list[CodebookEntry]) -> tuple[list[str], list[list[str | int]]]:
    """The codebook as a table for a spreadsheet: one row per code, sub-themes under their theme."""
    header = [_("Theme"), _("Sub-theme"), _("Definition"), _("To include"), _("To exclude"), _("Example"),
              _("Coded passages")]
    paths: dict[str, list[str]] = {}
    rows: list[list[str | int]] = []
    for entry in entries:
        code = entry.code
        path = paths.get(code.parent_id, []) + [code.name] if entry.depth else [code.name]
        paths[code.id] = path
        rows.append([path[0], PATH_SEPARATOR.join(path[1:]), code.definition, code.include_rule, code.exclude_rule,
                     code.example, entry.segments])
    return header, rows
