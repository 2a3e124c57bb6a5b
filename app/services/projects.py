"""Creating and describing projects."""

from __future__ import annotations

from pathlib import Path

from app import __version__
from app.store.counts import project_counts
from app.store.migrations import schema_version
from app.store.project import Project


def init_project(path: Path | str, title: str) -> Path:
    """Create an empty project holding one study with the given title."""
    with Project.create(path, title.strip()):
        pass
    return Path(path)


def project_info(path: Path | str) -> dict:
    with Project.open(path) as project:
        study = project.study()
        return {
            "path": str(Path(path).resolve()),
            "title": study.title,
            "evaluative_question": study.evaluative_question,
            "schema_version": schema_version(project.db),
            "terrain_version": __version__,
            "counts": project_counts(project.db),
        }
