"""The versions of one conflicting record side by side: one row per field, one column per version."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from app.i18n import N_, _
from app.services.sync.conflicts import ConflictView, VersionView
from app.ui.formatting import format_datetime
from app.ui.labels import CONSENT_METHODS, FIELD_NOTE_TITLES, INTERVIEW_STATUSES, MODES, label
from app.ui.models.base import WARNING_BACKGROUND

# The fields a person recognises; others show their stored name.
FIELD_LABELS = {
    "code": N_("Code"), "territory_id": N_("Territory"), "profile": N_("Profile"), "gender": N_("Gender"),
    "age_band": N_("Age band"), "seniority": N_("Seniority"), "sector": N_("Sector"),
    "attributes": N_("Other attributes"), "status": N_("Status"), "withdrawn_at": N_("Withdrawn on"),
    "created_at": N_("Created on"), "updated_at": N_("Changed on"), "place": N_("Place"), "mode": N_("Mode"),
    "started_at": N_("Started on"), "ended_at": N_("Ended on"), "duration_seconds": N_("Duration (seconds)"),
    "text": N_("Text"), "title": N_("Title"), "language": N_("Language"), "name": N_("Name"),
    "initials": N_("Initials"), "turns": N_("Turns"), "given_on": N_("Given on"), "method": N_("Method"),
    "written_at": N_("Written on"), "free_text": N_("Free text"), "value_text": N_("Answer"),
    "value_number": N_("Answer (number)"), "offset_ms": N_("Time in the interview (ms)"),
}


PARTICIPANT_STATUSES = {"active": N_("Active"), "withdrawn": N_("Withdrawn")}
# Stored keys shown in words, by record kind and field.
VALUE_WORDS = {
    ("participant", "status"): PARTICIPANT_STATUSES,
    ("interview", "status"): INTERVIEW_STATUSES,
    ("interview", "mode"): MODES,
    ("consent", "method"): CONSENT_METHODS,
}


def field_label(name: str) -> str:
    if name.startswith("turn ") and name[5:].isdigit():
        return _("Turn {n}").format(n=name[5:])
    if name in FIELD_NOTE_TITLES:
        return _(FIELD_NOTE_TITLES[name])
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name


def moment_with_seconds(iso: str) -> str:
    """Two edits a few seconds apart must not read the same: the seconds are shown."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return iso
    local = moment.toLocalTime()
    day = QLocale().toString(local.date(), QLocale.FormatType.ShortFormat)
    return f"{day} {local.time().toString('HH:mm:ss')}"


def shown_value(kind: str, name: str, value: str) -> str:
    """A stored value as a reader expects it: dates in local time, keys in words."""
    if name.endswith("_at") and value:
        return moment_with_seconds(value)
    words = VALUE_WORDS.get((kind, name))
    return label(words, value) if words and value else value


def shown_fields(conflict: ConflictView, only_differing: bool) -> list[str]:
    """Every field, or only those that differ; links to other records (…_id) only when they differ,
    since an identifier means nothing to the reader unless it is the point of the conflict."""
    if only_differing:
        return list(conflict.fields)
    every = list(dict.fromkeys(name for version in conflict.versions for name in version.values))
    differing = set(conflict.fields)
    return [name for name in every if name in differing or not name.endswith("_id")]


class ComparisonModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.conflict: ConflictView | None = None
        self.fields: list[str] = []
        self.this_device = ""  # its versions are named as this computer's

    def set_conflict(self, conflict: ConflictView | None, only_differing: bool = False) -> None:
        self.beginResetModel()
        self.conflict = conflict
        self.fields = shown_fields(conflict, only_differing) if conflict is not None else []
        self.endResetModel()

    def is_differing(self, row: int) -> bool:
        return self.conflict is not None and self.fields[row] in self.conflict.fields

    def version_title(self, version: VersionView) -> str:
        device = version.device_name
        if device and device == self.this_device:
            device = _("{device} (this computer)").format(device=device)
        title = _("{device}, {date}").format(device=device, date=format_datetime(version.at))
        if self.conflict is not None and version.hash == self.conflict.held_hash:
            title += "\n" + _("(in use until you choose)")
        return title

    # Qt's interface ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.conflict is None else len(self.conflict.versions)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.conflict is None:
            return None
        version = self.conflict.versions[index.column()]
        name = self.fields[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if version.deleted:
                return _("(deleted on this device)")
            return shown_value(self.conflict.kind, name, version.values.get(name, ""))
        if role == Qt.ItemDataRole.BackgroundRole and self.is_differing(index.row()):
            return QBrush(WARNING_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.conflict is None:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.conflict.versions):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.version_title(self.conflict.versions[section])
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.fields):
            if role == Qt.ItemDataRole.DisplayRole:
                return field_label(self.fields[section])
            if role == Qt.ItemDataRole.BackgroundRole and self.is_differing(section):
                return QBrush(WARNING_BACKGROUND)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
