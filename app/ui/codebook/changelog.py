"""The codebook's changelog: who changed what and when, in sentences an analyst can quote in a report."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core.sync import AuditEvent
from app.i18n import N_, _, ngettext
from app.ui.areas.base import RoomyRows, muted
from app.ui.codebook.tree import bold_header, fit_count_columns
from app.ui.formatting import format_datetime, format_number

# Code fields as the changelog names them.
FIELD_NAMES = {
    "definition": N_("definition"),
    "include_rule": N_("inclusion rule"),
    "exclude_rule": N_("exclusion rule"),
    "example": N_("example quote"),
    "colour": N_("colour"),
    "keywords": N_("keywords"),
    "example_phrases": N_("example phrases"),
}


def _codings(n: int) -> str:
    return ngettext("{n} coding", "{n} codings", n).format(n=format_number(n))


def _moved(n: int) -> str:
    return ngettext("{n} coding moved", "{n} codings moved", n).format(n=format_number(n))


def _back(n: int) -> str:
    return ngettext("{n} coding back", "{n} codings back", n).format(n=format_number(n))


def _updated(name: str, changes: dict) -> str:
    sentences = []
    if "name" in changes:
        old, new = changes["name"]
        sentences.append(_("Renamed “{old}” to “{new}”.").format(old=old, new=new))
    fields = [_(label) for key, label in FIELD_NAMES.items() if key in changes]
    if fields:
        sentences.append(_("Changed the {fields} of “{name}”.").format(fields=", ".join(fields), name=name))
    return " ".join(sentences) or _("Edited “{name}”.").format(name=name)


def describe(event: AuditEvent, names: dict[str, str]) -> str:
    """One changelog entry as a sentence; ``names`` gives the current name of any code by id (for
    the parents of a move)."""
    detail, name = event.detail or {}, (event.detail or {}).get("name", "")
    action = event.action.removeprefix("codebook_")
    if action == "code_added":
        parent = names.get(detail.get("parent_id") or "")
        if parent:
            return _("Added the theme “{name}” under “{parent}”.").format(name=name, parent=parent)
        return _("Added the theme “{name}”.").format(name=name)
    if action == "code_updated":
        return _updated(name, detail.get("changes", {}))
    if action == "code_moved":
        parent = names.get(detail.get("to_parent_id") or "")
        if parent:
            return _("Moved “{name}” under “{parent}”.").format(name=name, parent=parent)
        return _("Moved “{name}” to the top level.").format(name=name)
    if action == "codes_merged":
        return _("Merged “{name}” into “{into}”: {moved}.").format(
            name=name, into=detail.get("into", ""), moved=_moved(detail.get("codings_moved", 0)))
    if action == "code_deleted":
        subcodes = detail.get("with_subcodes", 0)
        if subcodes:
            return ngettext("Put “{name}” and its sub-theme in the bin.",
                            "Put “{name}” and its {n} sub-themes in the bin.", subcodes).format(
                name=name, n=format_number(subcodes))
        return _("Put “{name}” in the bin.").format(name=name)
    if action == "code_restored":
        return _("Restored “{name}” from the bin.").format(name=name)
    if action == "code_split":
        return _("Split “{new}” off “{name}”, with {codings}.").format(
            new=detail.get("new_name", ""), name=name, codings=_codings(len(detail.get("coding_ids", []))))
    if action == "code_indicators_set":
        parts = []
        if detail.get("added"):
            parts.append(_("Linked “{name}” to {indicators}.").format(
                name=name, indicators=", ".join(detail["added"])))
        if detail.get("removed"):
            parts.append(_("Unlinked “{name}” from {indicators}.").format(
                name=name, indicators=", ".join(detail["removed"])))
        return " ".join(parts)
    if action == "code_add_undone":
        return _("Took back the new theme “{name}”.").format(name=name)
    if action == "codes_unmerged":
        return _("Undid the merge of “{name}”: {back}.").format(
            name=name, back=_back(detail.get("codings_moved", 0)))
    if action == "split_undone":
        return _("Undid the split of “{new}” off “{name}”: {back}.").format(
            new=detail.get("new_name", ""), name=name, back=_back(detail.get("codings_moved", 0)))
    if action == "imported":
        created, updated = len(detail.get("created", [])), len(detail.get("updated", []))
        return _("Imported the codebook from {file}: {created}, {updated}.").format(
            file=detail.get("file", ""),
            created=ngettext("{n} theme created", "{n} themes created", created).format(n=format_number(created)),
            updated=ngettext("{n} theme updated", "{n} themes updated", updated).format(n=format_number(updated)))
    return _("{action} on “{name}”.").format(action=action.replace("_", " "), name=name)


class ChangelogView(QWidget):
    """Every codebook edit, newest first: when, who, what."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.summary_label = muted()
        layout.addWidget(self.summary_label)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(RoomyRows(self.tree))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels([_("When"), _("Who"), _("What")])
        self.tree.header().setStretchLastSection(True)
        bold_header(self.tree)
        layout.addWidget(self.tree, 1)

    def show_events(self, events: list[AuditEvent], names: dict[str, str]) -> None:
        self.tree.clear()
        for event in reversed(events):
            item = QTreeWidgetItem(self.tree, [format_datetime(event.at), event.actor or _("(unknown)"),
                                               describe(event, names)])
            item.setToolTip(2, item.text(2))
        fit_count_columns(self.tree, (0, 1))
        if events:
            self.summary_label.setText(ngettext(
                "{n} edit of the codebook, newest first. The report can state how the codebook evolved.",
                "{n} edits of the codebook, newest first. The report can state how the codebook evolved.",
                len(events)).format(n=format_number(len(events))))
        else:
            self.summary_label.setText(_("No edit of the codebook yet: each one will be listed here, "
                                         "with who made it and when."))
