"""Keeping real names out of what leaves the project.

Two safeguards for every export. Before: ``IdentityMask`` replaces, in a passage about to be
quoted, any name the identity store knows (participants' names, and every original the study's
pseudonymisation replaced) by its placeholder, so that a transcript not yet pseudonymised does
not carry a name into a report. After: ``check_no_identity`` reads back the whole written file
(paragraphs, tables, headers, alternative texts, properties) and refuses it if any identity
string is there; the export then writes nothing.

This module is the one place, with the identity screens, that reads the identity store.
"""

from __future__ import annotations

from pathlib import Path

from app.core.pseudonyms import LABELS, Matcher, fold, identity_terms, replace
from app.exports.text import text_of
from app.i18n import _, ngettext
from app.store.project import Project

_NAME_KINDS = ("first_name", "last_name")


class ExportError(ValueError):
    """An export refused or failed; the message names the file and the problem."""


class LeakError(ExportError):
    """A written document would have carried identifying information."""


def identity_strings(project: Project) -> list[str]:
    """What must never appear in an export: every stored identity string (name, contact, address),
    each name on its own, and the names the pseudonymisation replaced."""
    strings = set(project.identities.all_strings())
    # Participant codes are printed by design: a part of a stored name that is one (a test study's
    # « Nom réel P01 ») cannot be told apart from the code, and would refuse every export.
    codes = {fold(row[0]) for row in project.db.execute("SELECT code FROM participant")}
    for identity in project.identities.all():
        for text, kind in identity_terms(identity.full_name, identity.address):
            if (kind in _NAME_KINDS or kind == "place") and fold(text) not in codes:
                strings.add(text)
    study = project.study()
    for pseudonym in project.identities.pseudonyms(study.id):
        if pseudonym.kind in _NAME_KINDS:
            strings.add(pseudonym.original)
    return sorted(string for string in strings if len(fold(string)) >= 2)


class IdentityMask:
    """Replaces known names in a text by placeholders: the study's own (« [Prénom 3] ») when the
    name was pseudonymised, « [Nom] » otherwise."""

    def __init__(self, project: Project, language: str = "fr"):
        labels = LABELS.get(language, LABELS["fr"])
        strings = identity_strings(project)
        pseudonyms = project.identities.pseudonyms(project.study().id)
        self._replacements = {fold(string): f"[{labels['last_name']}]" for string in strings}
        self._replacements.update({fold(p.original): p.replacement(language) for p in pseudonyms})
        self._matcher = Matcher(strings + [p.original for p in pseudonyms])

    def __call__(self, text: str) -> str:
        return replace(text, self._matcher, self._replacements)[0]


def mask_identities(project: Project, text: str, language: str = "fr") -> str:
    """``text`` with every known name replaced (see ``IdentityMask``; build one for many texts)."""
    return IdentityMask(project, language)(text)


def find_identities(project: Project, text: str) -> list[str]:
    """The identity strings found in ``text`` (whole words, whatever the case and accents)."""
    strings = identity_strings(project)
    found = Matcher(strings).find(text)
    by_key = {fold(string): string for string in strings}
    return sorted({by_key.get(occurrence.key, occurrence.key) for occurrence in found})


def check_no_identity(project: Project, path: Path | str, shown_as: Path | str | None = None) -> None:
    """Refuse a written export that contains an identity string. The message names ``shown_as``
    (the destination, when ``path`` is its temporary file) and says how many strings, not which:
    an error message is shown, logged and copied where a name must not go."""
    path = Path(path)
    shown = Path(shown_as) if shown_as is not None else path
    try:
        text = text_of(path)
    except Exception as error:  # an unreadable file cannot be vouched for
        raise LeakError(_("{file}: the written file cannot be read back to check it ({reason}).").format(
            file=shown, reason=error)) from None
    found = find_identities(project, text)
    if found:
        raise LeakError(ngettext(
            "{file}: the document would contain {n} identifying name or contact from the identity store; "
            "nothing was written. Pseudonymise the transcripts it quotes, or leave the passage out.",
            "{file}: the document would contain {n} identifying names or contacts from the identity store; "
            "nothing was written. Pseudonymise the transcripts it quotes, or leave the passages out.",
            len(found)).format(file=shown, n=len(found)))
