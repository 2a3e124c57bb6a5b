"""The study's design: its own fields, waves, territories, stakeholder groups and dimensions.

Each function checks what it is given, writes in one transaction and leaves a line in the audit
log; a refusal is a ``DesignError`` whose message says what to fix, and leaves the project as it
was. Deleting something that other records still point at is refused, with the number of those
records, rather than silently detaching them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.core.records import utc_now
from app.core.study import PARTICIPATION, StakeholderGroup, Study, Territory, VocabularyItem, Wave
from app.i18n import LANGUAGES, N_, _, ngettext
from app.store.project import Project

STUDY_FIELDS = ("title", "organisation", "evaluative_question", "description", "languages", "small_n_threshold")
# The five dimensions social-economy evaluations usually report on; the keys match the demo study,
# so that a design file carries over between studies that started from them.
DEFAULT_DIMENSIONS = (
    ("social", N_("Social")),
    ("economique", N_("Economic")),
    ("societal", N_("Societal")),
    ("qualite_vie_travail", N_("Quality of working life")),
    ("territorial", N_("Territorial")),
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DesignError(ValueError):
    """A change to the study's design refused; the message says what to fix."""


# checks shared by the design services ------------------------------------------------------------
def required_text(value, message: str) -> str:
    """``value`` stripped; ``message`` (already translated) when it is not text or is blank."""
    if not isinstance(value, str) or not value.strip():
        raise DesignError(message)
    return value.strip()


def optional_text(value, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DesignError(_("The {what} must be text.").format(what=what))
    return value.strip()


def iso_date(value, what: str) -> str | None:
    """A date written YYYY-MM-DD, or None when left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else ""
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        date.fromisoformat(text)
    except ValueError:
        raise DesignError(_("The {what} “{value}” is not a date: write it as YYYY-MM-DD (for example 2025-03-01).")
                          .format(what=what, value=value)) from None
    return text


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def describe_uses(parts: list[str]) -> str:
    """"3 interviews and 2 figures": the records that still point at something."""
    parts = [part for part in parts if part]
    if len(parts) <= 1:
        return "".join(parts)
    return _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])


def _reorder(project: Project, table: str, current: list[str], ordered_ids: list[str], what: str) -> None:
    if sorted(ordered_ids) != sorted(current):
        raise DesignError(_("The new order must list every {what} once.").format(what=what))
    for position, record_id in enumerate(ordered_ids):
        project.db.execute(f"UPDATE {table} SET position = ?, updated_at = ? WHERE id = ?",
                           [position, utc_now(), record_id])


# the study -----------------------------------------------------------------------------------------
def check_study_fields(changes: dict) -> dict:
    """The study's fields, checked and cleaned; unknown names are refused."""
    unknown = set(changes) - set(STUDY_FIELDS)
    if unknown:
        raise DesignError(_("Unknown field of the study: {names}.").format(names=", ".join(sorted(unknown))))
    clean = {}
    for name, value in changes.items():
        if name == "title":
            clean[name] = required_text(value, _("The study needs a title."))
        elif name == "languages":
            clean[name] = check_languages(value)
        elif name == "small_n_threshold":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise DesignError(_("The small-sample threshold must be a whole number of participants, "
                                    "at least 1."))
            clean[name] = value
        else:
            clean[name] = optional_text(value, {"organisation": _("organisation"),
                                                "evaluative_question": _("evaluative question"),
                                                "description": _("description")}[name])
    return clean


def check_languages(value) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(code, str) for code in value):
        raise DesignError(_("The study's languages must be a list such as [\"fr\", \"en\"]."))
    unknown = [code for code in value if code not in LANGUAGES]
    if unknown:
        raise DesignError(_("Unknown language “{code}”: a study can be in French (fr) or English (en).")
                          .format(code=unknown[0]))
    languages = list(dict.fromkeys(value))
    if not languages:
        raise DesignError(_("Choose at least one language for the study."))
    return languages


def update_study(project: Project, *, actor: str = "", **changes) -> Study:
    """Change the study's own fields (see ``STUDY_FIELDS``); nothing is written when nothing changes."""
    clean = check_study_fields(changes)
    study = project.study()
    changed = [name for name, value in clean.items() if getattr(study, name) != value]
    if not changed:
        return study
    with project.transaction():
        for name in changed:
            setattr(study, name, clean[name])
        project.studies.update(study)
        project.audit("study_updated", "study", study.id, actor, fields=changed)
    return study


# waves -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WaveUses:
    interviews: int
    figures: int

    def __bool__(self) -> bool:
        return bool(self.interviews or self.figures)

    def describe(self) -> str:
        return describe_uses([
            ngettext("{n} interview", "{n} interviews", self.interviews).format(n=self.interviews)
            if self.interviews else "",
            ngettext("{n} figure typed in", "{n} figures typed in", self.figures).format(n=self.figures)
            if self.figures else "",
        ])


def waves(project: Project) -> list[Wave]:
    return project.waves.find(order_by="position, starts_on, label")


def _check_wave(project: Project, label, starts_on, ends_on, own_id: str = "") -> tuple[str, str | None, str | None]:
    label = required_text(label, _("A wave needs a label, for example 2025."))
    for other in project.waves.find("id != ?", [own_id]):
        if _same(other.label, label):
            raise DesignError(_("There is already a wave labelled “{label}”; choose another label.")
                              .format(label=other.label))
    start = iso_date(starts_on, _("start date"))
    end = iso_date(ends_on, _("end date"))
    if start and end and end < start:
        raise DesignError(_("The wave “{label}” cannot end ({end}) before it starts ({start}).")
                          .format(label=label, end=end, start=start))
    return label, start, end


def add_wave(project: Project, label: str, starts_on: str | None = None, ends_on: str | None = None,
             *, actor: str = "") -> Wave:
    """A new wave, placed after the others."""
    label, start, end = _check_wave(project, label, starts_on, ends_on)
    with project.transaction():
        position = 1 + max((wave.position for wave in project.waves.find()), default=-1)
        wave = Wave(study_id=project.study().id, label=label, starts_on=start, ends_on=end, position=position)
        project.waves.insert(wave)
        project.audit("wave_added", "wave", wave.id, actor, label=label)
    return wave


def update_wave(project: Project, wave_id: str, *, actor: str = "", **changes) -> Wave:
    """Change a wave's ``label``, ``starts_on`` or ``ends_on``."""
    unknown = set(changes) - {"label", "starts_on", "ends_on"}
    if unknown:
        raise DesignError(_("Unknown field of a wave: {names}.").format(names=", ".join(sorted(unknown))))
    wave = project.waves.get(wave_id)
    merged = {"label": wave.label, "starts_on": wave.starts_on, "ends_on": wave.ends_on, **changes}
    label, start, end = _check_wave(project, merged["label"], merged["starts_on"], merged["ends_on"], wave.id)
    changed = [name for name, value in (("label", label), ("starts_on", start), ("ends_on", end))
               if getattr(wave, name) != value]
    if not changed:
        return wave
    with project.transaction():
        before = wave.label
        wave.label, wave.starts_on, wave.ends_on = label, start, end
        project.waves.update(wave)
        project.audit("wave_updated", "wave", wave.id, actor, label=before, fields=changed)
    return wave


def wave_uses(project: Project, wave_id: str) -> WaveUses:
    return WaveUses(
        interviews=project.interviews.count("wave_id = ?", [wave_id]),
        figures=project.indicator_values.count("wave_id = ?", [wave_id]),
    )


def delete_wave(project: Project, wave_id: str, *, actor: str = "") -> None:
    """Delete a wave that no interview and no figure typed in refers to."""
    wave = project.waves.get(wave_id)
    uses = wave_uses(project, wave_id)
    if uses:
        raise DesignError(_("The wave “{label}” cannot be deleted: {uses} refer to it. Move them to another "
                            "wave first.").format(label=wave.label, uses=uses.describe()))
    with project.transaction():
        project.waves.delete(wave_id)
        project.audit("wave_deleted", "wave", wave_id, actor, label=wave.label)


def reorder_waves(project: Project, ordered_ids: list[str], *, actor: str = "") -> None:
    """Put the waves in this order (every wave listed once): it is the order of the comparisons."""
    current = waves(project)
    if [w.id for w in current] == list(ordered_ids):
        return
    with project.transaction():
        _reorder(project, "wave", [w.id for w in current], list(ordered_ids), _("wave"))
        labels = {w.id: w.label for w in current}
        project.audit("waves_reordered", "wave", "", actor, order=[labels[i] for i in ordered_ids])


# territories -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TerritoryUses:
    participants: int
    quotas: int
    figures: int

    def __bool__(self) -> bool:
        return bool(self.participants or self.quotas or self.figures)

    def describe(self) -> str:
        return describe_uses([
            ngettext("{n} participant", "{n} participants", self.participants).format(n=self.participants)
            if self.participants else "",
            ngettext("{n} quota", "{n} quotas", self.quotas).format(n=self.quotas) if self.quotas else "",
            ngettext("{n} figure typed in", "{n} figures typed in", self.figures).format(n=self.figures)
            if self.figures else "",
        ])


def territories(project: Project) -> list[Territory]:
    return project.territories.find(order_by="name, code")


def _check_territory(project: Project, code, name, description, own_id: str = "") -> tuple[str, str, str]:
    code = required_text(code, _("A territory needs a code, for example LYO.")).upper()
    if re.search(r"\s", code):
        raise DesignError(_("A territory code is one word without spaces, for example LYO (not “{code}”).")
                          .format(code=code))
    clash = project.territories.first("upper(code) = ? AND id != ?", [code, own_id])
    if clash:
        raise DesignError(_("The territory {name} already has the code {code}; choose another code.")
                          .format(name=clash.name, code=code))
    name = required_text(name, _("The territory {code} needs a name.").format(code=code))
    return code, name, optional_text(description, _("description"))


def add_territory(project: Project, code: str, name: str, description: str = "", *, actor: str = "") -> Territory:
    code, name, description = _check_territory(project, code, name, description)
    with project.transaction():
        territory = Territory(study_id=project.study().id, code=code, name=name, description=description)
        project.territories.insert(territory)
        project.audit("territory_added", "territory", territory.id, actor, code=code)
    return territory


def update_territory(project: Project, territory_id: str, *, actor: str = "", **changes) -> Territory:
    """Change a territory's ``code``, ``name`` or ``description``."""
    unknown = set(changes) - {"code", "name", "description"}
    if unknown:
        raise DesignError(_("Unknown field of a territory: {names}.").format(names=", ".join(sorted(unknown))))
    territory = project.territories.get(territory_id)
    merged = {"code": territory.code, "name": territory.name, "description": territory.description, **changes}
    code, name, description = _check_territory(project, merged["code"], merged["name"], merged["description"],
                                               territory.id)
    changed = [field for field, value in (("code", code), ("name", name), ("description", description))
               if getattr(territory, field) != value]
    if not changed:
        return territory
    with project.transaction():
        before = territory.code
        territory.code, territory.name, territory.description = code, name, description
        project.territories.update(territory)
        project.audit("territory_updated", "territory", territory.id, actor, code=before, fields=changed)
    return territory


def territory_uses(project: Project, territory_id: str) -> TerritoryUses:
    return TerritoryUses(
        participants=project.participants.count("territory_id = ?", [territory_id]),
        quotas=project.quotas.count("territory_id = ?", [territory_id]),
        figures=project.indicator_values.count("territory_id = ?", [territory_id]),
    )


def delete_territory(project: Project, territory_id: str, *, actor: str = "") -> None:
    """Delete a territory that no participant, quota or figure typed in refers to."""
    territory = project.territories.get(territory_id)
    uses = territory_uses(project, territory_id)
    if uses:
        raise DesignError(_("The territory {name} cannot be deleted: {uses} refer to it. Move them to another "
                            "territory first.").format(name=territory.name, uses=uses.describe()))
    with project.transaction():
        project.territories.delete(territory_id)
        project.audit("territory_deleted", "territory", territory_id, actor, code=territory.code)


# stakeholder groups ------------------------------------------------------------------------------
def stakeholder_groups(project: Project) -> list[StakeholderGroup]:
    return project.stakeholder_groups.find(order_by="name")


def check_participation(value) -> list[str]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(role, str) for role in value):
        raise DesignError(_("How a group takes part must be a list among guide, codebook and results."))
    for role in value:
        if role not in PARTICIPATION:
            raise DesignError(_("Unknown way of taking part: “{role}”; choose among guide, codebook and results.")
                              .format(role=role))
    # Stored in the study's order, whatever order the boxes were ticked in.
    return [role for role in PARTICIPATION if role in value]


def _check_group(project: Project, name, participation, own_id: str = "") -> tuple[str, list[str]]:
    name = required_text(name, _("A stakeholder group needs a name."))
    for other in project.stakeholder_groups.find("id != ?", [own_id]):
        if _same(other.name, name):
            raise DesignError(_("There is already a stakeholder group named “{name}”.").format(name=other.name))
    return name, check_participation(participation)


def add_stakeholder_group(project: Project, name: str, participation=(), *, actor: str = "") -> StakeholderGroup:
    name, roles = _check_group(project, name, list(participation))
    with project.transaction():
        group = StakeholderGroup(study_id=project.study().id, name=name, participation=roles)
        project.stakeholder_groups.insert(group)
        project.audit("stakeholder_group_added", "stakeholder_group", group.id, actor, name=name, participation=roles)
    return group


def update_stakeholder_group(project: Project, group_id: str, *, actor: str = "", **changes) -> StakeholderGroup:
    """Change a group's ``name`` or ``participation``."""
    unknown = set(changes) - {"name", "participation"}
    if unknown:
        raise DesignError(_("Unknown field of a stakeholder group: {names}.")
                          .format(names=", ".join(sorted(unknown))))
    group = project.stakeholder_groups.get(group_id)
    merged = {"name": group.name, "participation": group.participation, **changes}
    name, roles = _check_group(project, merged["name"], merged["participation"], group.id)
    changed = [field for field, value in (("name", name), ("participation", roles)) if getattr(group, field) != value]
    if not changed:
        return group
    with project.transaction():
        before = group.name
        group.name, group.participation = name, roles
        project.stakeholder_groups.update(group)
        project.audit("stakeholder_group_updated", "stakeholder_group", group.id, actor, name=before,
                      fields=changed)
    return group


def delete_stakeholder_group(project: Project, group_id: str, *, actor: str = "") -> None:
    group = project.stakeholder_groups.get(group_id)
    with project.transaction():
        project.stakeholder_groups.delete(group_id)
        project.audit("stakeholder_group_deleted", "stakeholder_group", group_id, actor, name=group.name)


# dimensions --------------------------------------------------------------------------------------
def dimensions(project: Project) -> list[VocabularyItem]:
    return project.vocabulary.find("kind = 'dimension'", order_by="position, label")


def default_dimensions() -> list[tuple[str, str]]:
    """(key, label in the current language) of the five usual dimensions."""
    return [(key, _(label)) for key, label in DEFAULT_DIMENSIONS]


def dimension_key(label: str) -> str:
    """A stable key made from a label: "Qualité de vie" -> "qualite_de_vie"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "dimension"


def _check_dimension_label(project: Project, label, own_id: str = "") -> str:
    label = required_text(label, _("A dimension needs a label, for example Social."))
    for other in dimensions(project):
        if other.id != own_id and _same(other.label, label):
            raise DesignError(_("There is already a dimension labelled “{label}”.").format(label=other.label))
    return label


def check_dimension_key(key) -> str:
    key = required_text(key, _("A dimension needs a key."))
    if not re.fullmatch(r"[A-Za-z0-9_\-]+", key):
        raise DesignError(_("The dimension key “{key}” may hold only letters, digits, - and _.").format(key=key))
    return key


def add_dimension(project: Project, label: str, key: str | None = None, *, actor: str = "") -> VocabularyItem:
    """A new dimension at the end of the list; its key is made from the label unless given."""
    label = _check_dimension_label(project, label)
    taken = {item.key for item in dimensions(project)}
    if key is None:
        base = key = dimension_key(label)
        suffix = 2
        while key in taken:
            key, suffix = f"{base}_{suffix}", suffix + 1
    else:
        key = check_dimension_key(key)
        if key in taken:
            raise DesignError(_("There is already a dimension with the key “{key}”.").format(key=key))
    with project.transaction():
        position = 1 + max((item.position for item in dimensions(project)), default=-1)
        item = VocabularyItem(study_id=project.study().id, kind="dimension", key=key, label=label, position=position)
        project.vocabulary.insert(item)
        project.audit("dimension_added", "vocabulary", item.id, actor, key=key, label=label)
    return item


def add_default_dimensions(project: Project, *, actor: str = "") -> list[VocabularyItem]:
    """Add the usual dimensions the study does not have yet (by key or by label), in one go."""
    present = dimensions(project)
    added = []
    with project.transaction():
        for key, label in default_dimensions():
            if any(item.key == key or _same(item.label, label) for item in present):
                continue
            added.append(add_dimension(project, label, key, actor=actor))
    return added


def rename_dimension(project: Project, dimension_id: str, label: str, *, actor: str = "") -> VocabularyItem:
    """Change a dimension's label; its key, which indicators refer to, stays."""
    item = _dimension(project, dimension_id)
    label = _check_dimension_label(project, label, item.id)
    if label == item.label:
        return item
    with project.transaction():
        before, item.label = item.label, label
        project.vocabulary.update(item)
        project.audit("dimension_renamed", "vocabulary", item.id, actor, key=item.key, before=before, label=label)
    return item


def dimension_users(project: Project, key: str) -> list[str]:
    """The codes of the indicators classed under a dimension."""
    return [indicator.code for indicator in project.indicators.find("dimension = ?", [key], order_by="position, code")]


def delete_dimension(project: Project, dimension_id: str, *, actor: str = "") -> None:
    """Delete a dimension no indicator uses."""
    item = _dimension(project, dimension_id)
    users = dimension_users(project, item.key)
    if users:
        raise DesignError(ngettext(
            "The dimension “{label}” cannot be deleted: the indicator {codes} uses it. Give it another dimension "
            "first.",
            "The dimension “{label}” cannot be deleted: {n} indicators use it ({codes}). Give them another "
            "dimension first.", len(users)).format(label=item.label, n=len(users), codes=", ".join(users)))
    with project.transaction():
        project.vocabulary.delete(item.id)
        project.audit("dimension_deleted", "vocabulary", item.id, actor, key=item.key, label=item.label)


def reorder_dimensions(project: Project, ordered_ids: list[str], *, actor: str = "") -> None:
    current = dimensions(project)
    if [item.id for item in current] == list(ordered_ids):
        return
    with project.transaction():
        _reorder(project, "vocabulary", [item.id for item in current], list(ordered_ids), _("dimension"))
        keys = {item.id: item.key for item in current}
        project.audit("dimensions_reordered", "vocabulary", "", actor, order=[keys[i] for i in ordered_ids])


def _dimension(project: Project, dimension_id: str) -> VocabularyItem:
    item = project.vocabulary.get(dimension_id)
    if item.kind != "dimension":
        raise DesignError(_("This entry is not a dimension of the indicator framework."))
    return item
