"""The words of the Sync screens: what a record kind is called, what an exchange carried."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from app.i18n import N_, _, ngettext
from app.services.sync.importer import summary as bundle_summary

# Record kinds in the order a person thinks of them: the interviews first, the paperwork last.
KIND_COUNTS: dict[str, Callable[[int], str]] = {
    "interview": lambda n: ngettext("{n} interview", "{n} interviews", n),
    "transcript": lambda n: ngettext("{n} transcript", "{n} transcripts", n),
    "note": lambda n: ngettext("{n} note", "{n} notes", n),
    "field_note": lambda n: ngettext("{n} reflexive field note", "{n} reflexive field notes", n),
    "survey_answer": lambda n: ngettext("{n} questionnaire answer", "{n} questionnaire answers", n),
    "participant": lambda n: ngettext("{n} participant", "{n} participants", n),
    "consent": lambda n: ngettext("{n} consent", "{n} consents", n),
    "interviewer": lambda n: ngettext("{n} interviewer profile", "{n} interviewer profiles", n),
    "audit": lambda n: ngettext("{n} audit event", "{n} audit events", n),
}

# One record of each kind, as the conflicts list names it.
KIND_LABELS = {
    "interview": N_("Interview"),
    "transcript": N_("Transcript"),
    "note": N_("Note"),
    "field_note": N_("Reflexive field note"),
    "survey_answer": N_("Questionnaire answer"),
    "participant": N_("Participant"),
    "consent": N_("Consent"),
    "interviewer": N_("Interviewer profile"),
    "audit": N_("Audit event"),
}

# (direction, kind) of a ledger entry, as one phrase.
EXCHANGES = {
    ("in", "bundle"): N_("Field bundle received"),
    ("out", "bundle"): N_("Field bundle written"),
    ("out", "package"): N_("Study package prepared"),
    ("in", "package"): N_("Study package opened"),
    ("out", "receipt"): N_("Receipt written"),
    ("in", "receipt"): N_("Receipt read"),
}

STATUSES = {
    "imported": N_("Imported"),
    "refused": N_("Refused"),
    "written": N_("File written"),
    "acknowledged": N_("Read"),
}


# A refusal in a few words, for a table cell; the reason itself says it whole and what to do.
DAMAGED = N_("Damaged or unreadable file")
REFUSALS = {
    "unknown_device": N_("Laptop not registered"),
    "revoked_device": N_("Laptop revoked"),
    "bad_signature": N_("Signature does not match"),
    "another_study": N_("Another study"),
    "newer_format": N_("Written by a newer Terrain"),
    "own_bundle": N_("Written by this computer"),
    "cannot_decrypt": N_("Encrypted for another computer"),
    "not_encrypted_for_us": N_("Encrypted for another computer"),
    "wrong_kind": N_("Not a field bundle"),
    "not_a_sync_file": N_("Not a field bundle"),
    **{code: DAMAGED for code in ("bad_hash", "truncated", "empty", "unreadable", "bad_manifest", "too_large",
                                  "unsafe", "bad_record")},
}


def refusal_label(code: str, reason: str) -> str:
    return _(REFUSALS[code]) if code in REFUSALS else reason.replace("\n", " ")


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def conflict_title(conflict) -> str:
    """'Participant BXL-01': the kind of record and the label a person knows it by."""
    return _("{kind} {label}").format(kind=kind_label(conflict.kind), label=conflict.label or conflict.record_id)


def exchange_label(direction: str, kind: str) -> str:
    text = EXCHANGES.get((direction, kind))
    return _(text) if text else f"{kind} ({direction})"


def status_label(status: str) -> str:
    return _(STATUSES[status]) if status in STATUSES else status


def counted(kind: str, n: int) -> str:
    """'3 interviews': a number of records of one kind."""
    return KIND_COUNTS[kind](n).format(n=n)


def kinds_summary(counts: Mapping[str, int]) -> str:
    """'3 interviews, 2 transcripts, 14 notes' for the record kinds present, in reading order."""
    parts = [counted(kind, counts[kind]) for kind in KIND_COUNTS if counts.get(kind)]
    parts += [f"{counts[kind]} {kind}" for kind in counts if kind not in KIND_COUNTS and counts[kind]]
    return ", ".join(parts)


# What an import did with a bundle's records, in the importer's order.
IMPORT_COUNTS: tuple[tuple[str, Callable[[int], str]], ...] = (
    ("new", lambda n: ngettext("{n} new", "{n} new", n)),
    ("updated", lambda n: ngettext("{n} updated", "{n} updated", n)),
    ("unchanged", lambda n: ngettext("{n} unchanged", "{n} unchanged", n)),
    ("deleted", lambda n: ngettext("{n} deleted", "{n} deleted", n)),
    ("conflicts", lambda n: ngettext("{n} conflict", "{n} conflicts", n)),
    ("held", lambda n: ngettext("{n} held back", "{n} held back", n)),
)


def compact_bundle_summary(counts: Mapping[str, int]) -> str:
    """'9 new, 1 conflict': only the counts that are not zero, for a table cell."""
    parts = [words(int(counts[key])).format(n=counts[key]) for key, words in IMPORT_COUNTS if counts.get(key)]
    return ", ".join(parts) if parts else _("nothing new")


def exchange_contents(direction: str, kind: str, status: str, detail: Mapping, compact: bool = False) -> str:
    """What an exchange carried, from the counts its ledger entry keeps."""
    if status == "refused":
        return ""
    if kind == "bundle" and direction == "in":
        return compact_bundle_summary(detail) if compact else bundle_summary(dict(detail))
    if kind == "bundle":
        return kinds_summary({key: value for key, value in detail.items() if isinstance(value, int)})
    if kind == "package" and direction == "out":
        interviewer = detail.get("interviewer") or ""
        if not interviewer:
            return _("definitions only")
        text = _("{participants}, {interviews}").format(
            participants=counted("participant", int(detail.get("participants", 0))),
            interviews=counted("interview", int(detail.get("interviews", 0))))
        return _("{contents}, for {interviewer}").format(contents=text, interviewer=interviewer)
    if kind == "package":
        return counted("participant", int(detail.get("participants", 0)))
    if kind == "receipt" and direction == "in":
        received, held = int(detail.get("received", 0)), int(detail.get("held", 0))
        text = ngettext("{n} record acknowledged", "{n} records acknowledged", received).format(n=received)
        if held:
            text += ", " + ngettext("{n} held back", "{n} held back", held).format(n=held)
        return text
    if kind == "receipt":
        bundle = detail.get("bundle") or ""
        return _("for {file}").format(file=bundle) if bundle else ""
    return ""
