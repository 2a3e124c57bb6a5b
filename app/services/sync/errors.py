"""Refusals a person can act on, in their words."""

from __future__ import annotations


class SyncError(Exception):
    """An exchange that cannot be done, with a translated message saying why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
