"""Retrieval and matrices: coded segments by theme with their context, and the matrices that
cross themes with participants' attributes, with participants, and with each other."""

from app.ui.retrieval.matrix_panel import MatrixPanel
from app.ui.retrieval.panel import RetrievalPanel

__all__ = ["MatrixPanel", "RetrievalPanel"]
