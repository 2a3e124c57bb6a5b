"""The codebook editor: a tree of themes to re-parent by drag and drop, merge, split, bin and
restore, with a dialog for each theme's rules and a changelog of every edit."""

from app.ui.codebook.panel import CodebookPanel
from app.ui.codebook.tree import CODE_MIME_TYPE

__all__ = ["CODE_MIME_TYPE", "CodebookPanel"]
