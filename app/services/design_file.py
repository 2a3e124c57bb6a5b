"""A study's design as a JSON file, to carry a framework from one year or one organisation to the next.

The file holds the study's fields, waves, territories, stakeholder groups, participant profiles,
dimensions and indicators with their figures typed in. It names everything the way a person
does, never by internal id: an indicator's questionnaire item by the item's name, its theme by
the code's name, a figure's wave by its label and its territory by its code. Reading it back
merges by those names: what the project lacks is added, what differs is updated, nothing is
deleted. The study's title, organisation, question and description are only filled in where the
project has none, so that a file never renames the study it is read into.

A file that cannot be read whole (not JSON, not a design, too large, naming an item or a code
the project does not have, holding a value the editor would refuse) is refused with its name
and the part at fault, and the project is left as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from app.core.records import utc_now
from app.core.study import VocabularyItem
from app.i18n import _
from app.services import indicator_design as design
from app.services import study_design
from app.services.study_design import DesignError
from app.store.project import Project

FORMAT = "terrain-study-design"
VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
SECTIONS = ("study", "waves", "territories", "stakeholder_groups", "profiles", "dimensions", "indicators", "figures")
# Filled in only when the project's own is empty: a file never renames the study it is read into.
FILL_IN_FIELDS = ("title", "organisation", "evaluative_question", "description")


# writing ----------------------------------------------------------------------------------------------
def design_document(project: Project) -> dict:
    """The study's design as plain data, everything named by its natural key."""
    study = project.study()
    waves = study_design.waves(project)
    territories = study_design.territories(project)
    wave_labels = {wave.id: wave.label for wave in waves}
    territory_codes = {territory.id: territory.code for territory in territories}
    code_names = {code.id: code.name for code in project.codes.find()}
    indicators = []
    for indicator in design.indicators(project):
        ref = code_names.get(indicator.source_ref, indicator.source_ref) if indicator.source_kind == "theme" \
            else indicator.source_ref
        params = design.normalised_fields(indicator)["source_params"]
        entry = {
            "code": indicator.code, "label": indicator.label, "level": indicator.level,
            "dimension": indicator.dimension, "definition": indicator.definition, "unit": indicator.unit,
            "target": indicator.target, "direction": indicator.direction,
            "source": {"kind": indicator.source_kind, "ref": ref, **params},
        }
        if indicator.source_kind == "manual":
            entry["figures"] = [
                {"wave": wave_labels.get(record.wave_id), "territory": territory_codes.get(record.territory_id),
                 "value": record.value, "source_note": record.source_note, "observed_on": record.observed_on}
                for record in design.figures(project, indicator.id)
            ]
        indicators.append(entry)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utc_now(),
        "study": {name: getattr(study, name) for name in study_design.STUDY_FIELDS},
        "waves": [{"label": w.label, "starts_on": w.starts_on, "ends_on": w.ends_on} for w in waves],
        "territories": [{"code": t.code, "name": t.name, "description": t.description} for t in territories],
        "stakeholder_groups": [{"name": g.name, "participation": g.participation}
                               for g in study_design.stakeholder_groups(project)],
        "profiles": [{"key": p.key, "label": p.label} for p in design.profiles(project)],
        "dimensions": [{"key": d.key, "label": d.label} for d in study_design.dimensions(project)],
        "indicators": indicators,
    }


def export_design(project: Project, path: Path | str) -> Path:
    """Write the design as UTF-8 JSON; the file appears whole or not at all."""
    path = Path(path)
    text = json.dumps(design_document(project), ensure_ascii=False, indent=2) + "\n"
    try:
        handle, temporary = tempfile.mkstemp(prefix=".design-", suffix=".json", dir=path.parent)
    except OSError as error:
        raise DesignError(_("Cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)) \
            from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise DesignError(_("Cannot write {path}: {reason}").format(path=path, reason=error.strerror or error)) \
            from error
    return path


# reading -------------------------------------------------------------------------------------------------
def _refuse(path: Path, problem: str, part: str = "") -> DesignError:
    if part:
        return DesignError(_("{file}: {part}: {problem}").format(file=path.name, part=part, problem=problem))
    return DesignError(_("{file}: {problem}").format(file=path.name, problem=problem))


def read_design(path: Path | str) -> dict:
    """The file's content once it is known to be a study design this version can read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refuse(path, _("the file weighs {size} MB; a study design is far smaller (at most 5 MB). "
                                  "Is it the right file?").format(size=f"{size / 1024 / 1024:.1f}"))
        data = path.read_bytes()
    except OSError as error:
        raise _refuse(path, _("cannot read the file ({reason}).").format(reason=error.strerror or error)) from error
    if b"\x00" in data:
        raise _refuse(path, _("this is not a text file; choose a study design saved by Terrain (.json)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(path, _("the file is not UTF-8 text; choose a study design saved by Terrain (.json).")) \
            from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _refuse(path, _("this is not JSON (line {line}, column {column}: {reason}).")
                      .format(line=error.lineno, column=error.colno, reason=error.msg)) from None
    except RecursionError:
        raise _refuse(path, _("the file nests too deeply to be a study design.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refuse(path, _("this is not a Terrain study design (it lacks the marker \"format\": \"{format}\").")
                      .format(format=FORMAT))
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refuse(path, _("the format version is missing or wrong; it should be {version}.")
                      .format(version=VERSION))
    if version > VERSION:
        raise _refuse(path, _("the file was written by a newer Terrain (format version {version}); update Terrain "
                              "to read it.").format(version=version))
    return document


@dataclass
class DesignImportSummary:
    """What reading a design file added and updated, by section (see ``SECTIONS``), by name."""

    file: str
    added: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)

    def add(self, section: str, name: str) -> None:
        self.added.setdefault(section, []).append(name)

    def update(self, section: str, name: str) -> None:
        self.updated.setdefault(section, []).append(name)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def as_json(self) -> dict:
        return {"file": self.file, "added": self.added, "updated": self.updated}

    def lines(self) -> list[str]:
        """One translated line per section and change, in the file's order."""
        if not self.changed:
            return [_("Nothing to change: the project already has this design.")]
        titles = section_titles()
        lines = []
        for section in SECTIONS:
            if section in self.added:
                lines.append(_("{section}: added {names}").format(
                    section=titles[section], names=", ".join(self.added[section])))
            if section in self.updated:
                lines.append(_("{section}: updated {names}").format(
                    section=titles[section], names=", ".join(self.updated[section])))
        return lines


def section_titles() -> dict[str, str]:
    return {"study": _("Study"), "waves": _("Waves"), "territories": _("Territories"),
            "stakeholder_groups": _("Stakeholder groups"), "profiles": _("Participant profiles"),
            "dimensions": _("Dimensions"), "indicators": _("Indicators"), "figures": _("Figures typed in")}


def import_design(project: Project, path: Path | str, *, actor: str = "") -> DesignImportSummary:
    """Merge a design file into the project, all or nothing (see the module's rules)."""
    path = Path(path)
    document = read_design(path)
    merger = _Merger(project, path, actor)
    with project.transaction():
        merger.study(document.get("study"))
        merger.waves(merger.entries(document, "waves"))
        merger.territories(merger.entries(document, "territories"))
        merger.groups(merger.entries(document, "stakeholder_groups"))
        merger.profiles(merger.entries(document, "profiles"))
        merger.dimensions(merger.entries(document, "dimensions"))
        merger.indicators(merger.entries(document, "indicators"))
        if merger.summary.changed:
            project.audit("design_imported", "study", project.study().id, actor, file=path.name,
                          added={k: len(v) for k, v in merger.summary.added.items()},
                          updated={k: len(v) for k, v in merger.summary.updated.items()})
    return merger.summary


class _Merger:
    """Reads each section of a design into the project, naming the part at fault when refused."""

    def __init__(self, project: Project, path: Path, actor: str):
        self.project, self.path, self.actor = project, path, actor
        self.summary = DesignImportSummary(path.name)

    def refuse(self, part: str, problem: str) -> DesignError:
        return _refuse(self.path, problem, part)

    def entries(self, document: dict, section: str) -> list[dict]:
        entries = document.get(section, [])
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            raise self.refuse(section, _("this part must be a list of entries with named fields."))
        return entries

    def key(self, entry: dict, name: str, section: str, position: int) -> str:
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.refuse(_("entry {n} of “{section}”").format(n=position + 1, section=section),
                              _("the field “{field}” must be non-empty text.").format(field=name))
        return value.strip()

    def guarded(self, part: str, action, *args, **kwargs):
        try:
            return action(*args, **kwargs)
        except DesignError as error:
            raise self.refuse(part, str(error)) from None

    # the study and its lists ---------------------------------------------------------------------
    def study(self, fields) -> None:
        if fields is None:
            return
        if not isinstance(fields, dict):
            raise self.refuse(_("the study"), _("this part must hold the study's named fields."))
        wanted = {name: value for name, value in fields.items() if name in study_design.STUDY_FIELDS}
        current = self.project.study()
        changes = {name: value for name, value in wanted.items()
                   if name not in FILL_IN_FIELDS or not getattr(current, name)}
        clean = self.guarded(_("the study"), study_design.check_study_fields, changes)
        changed = [name for name, value in clean.items() if getattr(current, name) != value]
        if changed:
            self.guarded(_("the study"), study_design.update_study, self.project, actor=self.actor,
                         **{name: clean[name] for name in changed})
            self.summary.updated["study"] = [study_field_name(name) for name in changed]

    def waves(self, entries: list[dict]) -> None:
        for position, entry in enumerate(entries):
            label = self.key(entry, "label", "waves", position)
            part = _("wave {label}").format(label=label)
            existing = next((w for w in study_design.waves(self.project) if w.label.casefold() == label.casefold()),
                            None)
            dates = {"starts_on": entry.get("starts_on"), "ends_on": entry.get("ends_on")}
            if existing is None:
                self.guarded(part, study_design.add_wave, self.project, label, actor=self.actor, **dates)
                self.summary.add("waves", label)
                continue
            what = {"starts_on": _("start date"), "ends_on": _("end date")}
            normalised = {name: self.guarded(part, study_design.iso_date, value, what[name])
                          for name, value in dates.items()}
            if any(getattr(existing, name) != value for name, value in normalised.items()):
                self.guarded(part, study_design.update_wave, self.project, existing.id, actor=self.actor, **dates)
                self.summary.update("waves", label)

    def territories(self, entries: list[dict]) -> None:
        for position, entry in enumerate(entries):
            code = self.key(entry, "code", "territories", position).upper()
            part = _("territory {code}").format(code=code)
            existing = self.project.territories.first("upper(code) = ?", [code])
            fields = {"name": entry.get("name"), "description": entry.get("description", "")}
            if existing is None:
                self.guarded(part, study_design.add_territory, self.project, code, actor=self.actor, **fields)
                self.summary.add("territories", code)
            elif (existing.name, existing.description) != (_stripped(fields["name"]), _stripped(fields["description"])):
                self.guarded(part, study_design.update_territory, self.project, existing.id, actor=self.actor,
                             **fields)
                self.summary.update("territories", code)

    def groups(self, entries: list[dict]) -> None:
        for position, entry in enumerate(entries):
            name = self.key(entry, "name", "stakeholder_groups", position)
            part = _("stakeholder group {name}").format(name=name)
            existing = next((g for g in study_design.stakeholder_groups(self.project)
                             if g.name.casefold() == name.casefold()), None)
            roles = self.guarded(part, study_design.check_participation, entry.get("participation", []))
            if existing is None:
                self.guarded(part, study_design.add_stakeholder_group, self.project, name, roles, actor=self.actor)
                self.summary.add("stakeholder_groups", name)
            elif existing.participation != roles:
                self.guarded(part, study_design.update_stakeholder_group, self.project, existing.id,
                             actor=self.actor, participation=roles)
                self.summary.update("stakeholder_groups", name)

    def profiles(self, entries: list[dict]) -> None:
        # Profiles come along because a count of participants may be narrowed to one of them.
        for position, entry in enumerate(entries):
            key = self.key(entry, "key", "profiles", position)
            part = _("profile {key}").format(key=key)
            label = self.guarded(part, study_design.required_text, entry.get("label"),
                                 _("A profile needs a label."))
            existing = self.project.vocabulary.first("kind = 'profile' AND key = ?", [key])
            if existing is None:
                position_next = 1 + max((p.position for p in design.profiles(self.project)), default=-1)
                item = VocabularyItem(study_id=self.project.study().id, kind="profile", key=key, label=label,
                                      position=position_next)
                self.project.vocabulary.insert(item)
                self.project.audit("profile_added", "vocabulary", item.id, self.actor, key=key, label=label)
                self.summary.add("profiles", key)
            elif existing.label != label:
                before, existing.label = existing.label, label
                self.project.vocabulary.update(existing)
                self.project.audit("profile_renamed", "vocabulary", existing.id, self.actor, key=key,
                                   before=before, label=label)
                self.summary.update("profiles", key)

    def dimensions(self, entries: list[dict]) -> None:
        for position, entry in enumerate(entries):
            key = self.key(entry, "key", "dimensions", position)
            part = _("dimension {key}").format(key=key)
            existing = self.project.vocabulary.first("kind = 'dimension' AND key = ?", [key])
            if existing is None:
                self.guarded(part, study_design.add_dimension, self.project, entry.get("label"), key,
                             actor=self.actor)
                self.summary.add("dimensions", key)
            elif existing.label != _stripped(entry.get("label")):
                self.guarded(part, study_design.rename_dimension, self.project, existing.id, entry.get("label"),
                             actor=self.actor)
                self.summary.update("dimensions", key)

    # indicators --------------------------------------------------------------------------------------
    def indicators(self, entries: list[dict]) -> None:
        for position, entry in enumerate(entries):
            code = self.key(entry, "code", "indicators", position)
            part = _("indicator {code}").format(code=code)
            fields = self.indicator_fields(entry, part)
            existing = next((i for i in design.indicators(self.project) if i.code.casefold() == code.casefold()),
                            None)
            if existing is None:
                indicator = self.guarded(part, design.add_indicator, self.project, actor=self.actor, **fields)
                self.summary.add("indicators", code)
            else:
                clean = self.guarded(part, design.check_indicator, self.project, fields, existing.id)
                if clean != design.normalised_fields(existing):
                    self.guarded(part, design.update_indicator, self.project, existing.id, actor=self.actor,
                                 **fields)
                    self.summary.update("indicators", code)
                indicator = existing
            figures = entry.get("figures", [])
            if not isinstance(figures, list) or not all(isinstance(figure, dict) for figure in figures):
                raise self.refuse(part, _("the figures must be a list of entries with named fields."))
            for number, figure in enumerate(figures, start=1):
                self.figure(indicator, figure, _("figure {n} of indicator {code}").format(n=number, code=code))

    def indicator_fields(self, entry: dict, part: str) -> dict:
        source = entry.get("source")
        if not isinstance(source, dict):
            raise self.refuse(part, _("the indicator needs a “source” with its “kind”."))
        kind, ref = source.get("kind"), source.get("ref", "")
        if kind == "theme":
            code = self.project.codes.first("name = ? AND deleted_at IS NULL", [ref]) if isinstance(ref, str) else None
            if code is None:
                raise self.refuse(part, _("the codebook has no theme named “{name}” (outside the bin): add it, or "
                                          "correct the name in the file.").format(name=ref))
            ref = code.id
        params = {key: value for key, value in source.items() if key not in ("kind", "ref")}
        fields = {name: entry.get(name) for name in ("code", "label", "level", "target")}
        fields.update({name: entry.get(name, "") for name in ("dimension", "definition", "unit")})
        fields.update(direction=entry.get("direction", "higher"), source_kind=kind, source_ref=ref,
                      source_params=params)
        return fields

    def figure(self, indicator, entry: dict, part: str) -> None:
        wave_label, territory_code = entry.get("wave"), entry.get("territory")
        wave = next((w for w in study_design.waves(self.project)
                     if isinstance(wave_label, str) and w.label.casefold() == wave_label.casefold()), None)
        if wave is None:
            raise self.refuse(part, _("no wave is labelled “{label}”.").format(label=wave_label))
        territory = None
        if territory_code not in (None, ""):
            if isinstance(territory_code, str):
                territory = self.project.territories.first("upper(code) = ?", [territory_code.strip().upper()])
            if territory is None:
                raise self.refuse(part, _("no territory has the code “{code}”.").format(code=territory_code))
        values = {"value": entry.get("value"), "source_note": entry.get("source_note"),
                  "observed_on": entry.get("observed_on")}
        territory_id = territory.id if territory else None
        name = _("{indicator} {wave} {territory}").format(indicator=indicator.code, wave=wave.label,
                                                         territory=territory.code if territory else _("whole study"))
        existing = self.project.indicator_values.first("indicator_id = ? AND wave_id = ? AND territory_id IS ?",
                                                       [indicator.id, wave.id, territory_id])
        if existing is None:
            self.guarded(part, design.add_figure, self.project, indicator.id, wave.id, territory_id,
                         actor=self.actor, **values)
            self.summary.add("figures", name)
            return
        before = (existing.value, existing.source_note, existing.observed_on)
        record = self.guarded(part, design.update_figure, self.project, existing.id, actor=self.actor, **values)
        if (record.value, record.source_note, record.observed_on) != before:
            self.summary.update("figures", name)


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def study_field_name(name: str) -> str:
    return {"title": _("title"), "organisation": _("organisation"), "evaluative_question": _("evaluative question"),
            "description": _("description"), "languages": _("languages"),
            "small_n_threshold": _("small-sample threshold")}[name]
