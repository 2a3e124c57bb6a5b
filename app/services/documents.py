"""The interviewer's guide, the codebook and the quote table as files for report writers.

The format follows the file's suffix: Word (.docx) for all three, Excel (.xlsx) and CSV for the
codebook and the quote table. Every file is written beside its final place, scanned for stored
identity strings, and only then put in place: a failed export leaves no partial file and the
previous file untouched. The quote table names participants by code only; its texts are
pseudonymised again on the way out, and a passage counts as quotable only while its
participant's current consent still allows quotes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from app.core.coding import Code
from app.core.quote_table import QuoteRow
from app.core.report import CodebookEntry
from app.exports.docx.codebook import codebook_rows, write_codebook
from app.exports.docx.guide import write_guide
from app.exports.docx.quotes import quote_rows_table, quotes_note, write_quotes
from app.exports.tables import Sheet, write_csv, write_xlsx
from app.i18n import LANGUAGES, _, translated
from app.services.coding import live_codes, segments
from app.services.guides import load_outline
from app.services import export_files as shared
from app.services.leaks import ExportError, IdentityMask
from app.services.participants import current_consent
from app.store.project import Project

WORD, EXCEL, CSV = ".docx", ".xlsx", ".csv"
TABLE_FORMATS = (WORD, EXCEL, CSV)


# One error for every export: the message names the file and the problem.
DocumentError = ExportError


# exports -----------------------------------------------------------------------------------------
def export_guide(project: Project, out: Path | str, guide_id: str | None = None,
                 template: Path | str | None = None) -> Path:
    """The interviewer's guide (the current one by default) as a printable Word document, in the
    guide's own language."""
    out = shared.check_destination(out, (WORD,))
    guide = project.guides.first("id = ?", [guide_id]) if guide_id else project.current_guide()
    if guide is None and guide_id:
        raise DocumentError(_("{file}: no interview guide has the id {id}.").format(file=out, id=guide_id))
    if guide is None:
        raise DocumentError(_("{file}: the study has no interview guide to export yet.").format(file=out))
    study = project.study()
    language = guide.language if guide.language in LANGUAGES else shared.document_language(project, None, out)
    outline = load_outline(project, guide.id)

    def write(path: Path) -> None:
        with translated(language):
            write_guide(outline, study, language, template).save(path)

    return shared.write_checked(project, out, write)


def export_codebook(project: Project, out: Path | str, language: str | None = None,
                    template: Path | str | None = None) -> Path:
    """The codebook: definitions, rules, examples and how many passages each code holds."""
    out = shared.check_destination(out, TABLE_FORMATS)
    language = shared.document_language(project, language, out)
    entries = codebook_entries(project, language)
    study = project.study()

    def write(path: Path) -> None:
        with translated(language):
            if out.suffix.lower() == WORD:
                write_codebook(entries, study, language, template).save(path)
                return
            header, rows = codebook_rows(entries)
            if out.suffix.lower() == EXCEL:
                write_xlsx(path, [Sheet(_("Codebook"), header, rows)])
            else:
                write_csv(path, header, rows)

    return shared.write_checked(project, out, write)


def export_quotes(project: Project, out: Path | str, wave_id: str | None = None, quotable_only: bool = False,
                  language: str | None = None, template: Path | str | None = None) -> Path:
    """The quote table: coded passages by theme and code, with their source and attributes."""
    out = shared.check_destination(out, TABLE_FORMATS)
    language = shared.document_language(project, language, out)
    if wave_id is not None and project.waves.first("id = ?", [wave_id]) is None:
        raise DocumentError(_("{file}: no wave has the id {id}.").format(file=out, id=wave_id))
    study = project.study()
    with translated(language):
        rows = quote_rows(project, wave_id=wave_id, quotable_only=quotable_only, language=language)

    def write(path: Path) -> None:
        with translated(language):
            if out.suffix.lower() == WORD:
                write_quotes(rows, study, language, template, quotable_only=quotable_only).save(path)
                return
            header, table = quote_rows_table(rows)
            if out.suffix.lower() == EXCEL:
                note = [[line] for line in quotes_note(quotable_only)]
                write_xlsx(path, [Sheet(_("Quotes"), header, table), Sheet(_("About this table"), [_("Note")], note)])
            else:
                write_csv(path, header, table)

    return shared.write_checked(project, out, write)


# the data ----------------------------------------------------------------------------------------
def codebook_entries(project: Project, language: str = "fr", coded: list | None = None) -> list[CodebookEntry]:
    """The live codebook, depth first, with each code's number of coded passages (withdrawn
    participants' words left out; ``coded``: the segments to count, when not all of them). Examples are often passages lifted from a transcript: any
    name the identity store knows is masked in them, as in a quote; the other fields are the
    analysts' own words, which the read-back check still covers."""
    mask = IdentityMask(project, language)
    codes = live_codes(project)
    counts = Counter(segment.code_id for segment in (segments(project) if coded is None else coded))
    depths = _depths(codes)
    return [CodebookEntry(code=replace(code, example=mask(code.example)),
                          depth=depths[code.id], segments=counts.get(code.id, 0)) for code in codes]


def quote_rows(project: Project, wave_id: str | None = None, quotable_only: bool = False,
               language: str = "fr") -> list[QuoteRow]:
    """The quote table's rows, by theme and code in codebook order, then by participant; texts and
    memos with every name the identity store knows masked."""
    mask = IdentityMask(project, language)
    codes = live_codes(project)
    order = {code.id: index for index, code in enumerate(codes)}
    themes = _main_themes(codes)
    names = {code.id: code.name for code in codes}
    initials = {coder.id: shared.initials(coder.name, coder.initials) for coder in project.coders.find()}
    territories = {territory.code: territory.name for territory in project.territories.find()}
    labels = _labels(project)
    participants = {participant.code: participant for participant in project.participants.find()}
    may_quote: dict[str, bool] = {}
    rows: list[tuple[int, int, QuoteRow]] = []
    for segment in segments(project, wave_id=wave_id):
        participant = participants.get(segment.participant_code) if segment.participant_code else None
        allowed = participant is not None and _allows_quotes(project, participant.id, may_quote)
        quotable = segment.quotable and allowed
        if quotable_only and not quotable:
            continue
        row = QuoteRow(
            theme=names[themes[segment.code_id]], code=segment.code, participant_code=segment.participant_code,
            profile=labels["profile"].get(segment.profile, segment.profile),
            territory=territories.get(segment.territory, segment.territory), wave=segment.wave,
            text=mask(segment.text), quotable=quotable,
            coder=initials.get(segment.coder_id, ""), memo=mask(segment.memo),
            attributes=_attributes(participant, labels) if participant else ())
        rows.append((order[themes[segment.code_id]], order[segment.code_id], row))
    # A stable sort keeps the service's order (participant, transcript, position) inside a code.
    rows.sort(key=lambda item: (item[0], item[1]))
    return [row for _theme, _code, row in rows]


def _allows_quotes(project: Project, participant_id: str, cache: dict[str, bool]) -> bool:
    if participant_id not in cache:
        consent = current_consent(project, participant_id)
        cache[participant_id] = consent is not None and consent.allows("quotes")
    return cache[participant_id]


def _depths(codes: list[Code]) -> dict[str, int]:
    """0 for a main theme; parents come before their children in ``codes``."""
    depths: dict[str, int] = {}
    for code in codes:
        depths[code.id] = depths[code.parent_id] + 1 if code.parent_id in depths else 0
    return depths


def _main_themes(codes: list[Code]) -> dict[str, str]:
    """Each code's main theme: the top-level code above it (itself for a main theme)."""
    themes: dict[str, str] = {}
    for code in codes:
        themes[code.id] = themes[code.parent_id] if code.parent_id in themes else code.id
    return themes


def _labels(project: Project) -> dict[str, dict[str, str]]:
    """The study's lists, by kind: stored key -> label shown."""
    labels: dict[str, dict[str, str]] = {"profile": {}, "gender": {}, "age_band": {}}
    for item in project.vocabulary.find(order_by="position"):
        labels.setdefault(item.kind, {})[item.key] = item.label
    return labels


def _attributes(participant, labels: dict[str, dict[str, str]]) -> tuple[tuple[str, str], ...]:
    """The participant's descriptive attributes as (translated name, label), the empty ones left out."""
    pairs = [(_("Gender"), labels["gender"].get(participant.gender, participant.gender)),
             (_("Age band"), labels["age_band"].get(participant.age_band, participant.age_band)),
             (_("Seniority"), participant.seniority),
             (_("Sector"), participant.sector)]
    pairs += [(str(name), _plain(value)) for name, value in sorted(participant.attributes.items())]
    return tuple((name, value) for name, value in pairs if value)


def _plain(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


# writing -----------------------------------------------------------------------------------------
