"""Assisted coding: suggested sentences for a code, each accepted or rejected by the analyst."""
