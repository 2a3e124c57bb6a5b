"""The coding workbench: a transcript with its codings, and the actions to code it."""

from app.ui.coding.text_view import CODE_MIME_TYPE
from app.ui.coding.workbench import CodingWorkbench

__all__ = ["CODE_MIME_TYPE", "CodingWorkbench"]
