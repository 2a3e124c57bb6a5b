"""Coder profiles: every coding carries the coder who made it, chosen when coding starts."""

from __future__ import annotations

from app.core.coding import Coder
from app.i18n import _
from app.store.project import Project


class CoderError(ValueError):
    """A coder profile refused; the message says why."""


def coders(project: Project) -> list[Coder]:
    return project.coders.find(order_by="name")


def coder_named(project: Project, name: str) -> Coder | None:
    return project.coders.first("name = ?", [name.strip()])


def initials_of(name: str) -> str:
    """« Claire Martin » → « CM »: the first letter of each word, at most three."""
    return "".join(word[0] for word in name.replace("-", " ").split() if word[0].isalpha())[:3].upper()


def add_coder(project: Project, name: str, initials: str = "") -> Coder:
    name = " ".join(name.split())
    if not name:
        raise CoderError(_("A coder profile needs a name."))
    if coder_named(project, name):
        raise CoderError(_("A coder called {name} already exists: choose that profile.").format(name=name))
    coder = Coder(study_id=project.study().id, name=name, initials=initials.strip().upper() or initials_of(name))
    with project.transaction():
        project.coders.insert(coder)
        project.audit("coder_added", "coder", coder.id, name)
    return coder
