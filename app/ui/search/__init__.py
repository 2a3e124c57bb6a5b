"""Full-text search over the transcripts, shown as keyword in context."""

from app.ui.search.panel import SearchPanel

__all__ = ["SearchPanel"]
