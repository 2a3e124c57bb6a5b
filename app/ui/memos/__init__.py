"""Memos on the objects of a study, and the analytic journal that gathers them by date."""
