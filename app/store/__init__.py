"""Persistence: project files, schema migrations and repositories. SQL lives here only."""

from app.store.database import create_database, open_database
from app.store.project import Project

__all__ = ["Project", "create_database", "open_database"]
