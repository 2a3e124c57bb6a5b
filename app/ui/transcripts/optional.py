"""Parts of the Transcriptions area that other modules provide, loaded only when present.

The import dialog, the diagnostics panel and the search panel live in their own modules. The
area asks for them here: when one is missing (a partial install, or while it is being written),
the area still works and simply goes without it. A module that is present but fails to import
for another reason is logged, so that the failure is not silent.
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)


def optional_class(module_name: str, class_name: str) -> type | None:
    """``module_name.class_name`` if it can be imported, else None."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        missing = getattr(error, "name", None) or ""
        if not (module_name == missing or module_name.startswith(missing + ".")):
            log.warning("%s is present but cannot be imported: %s", module_name, error)
        return None
    found = getattr(module, class_name, None)
    if found is None:
        log.warning("%s has no %s", module_name, class_name)
    return found


def import_dialog_class() -> type | None:
    return optional_class("app.ui.transcripts.import_dialog", "ImportDialog")


def diagnostics_panel_class() -> type | None:
    return optional_class("app.ui.diagnostics", "DiagnosticsPanel")


def search_panel_class() -> type | None:
    return optional_class("app.ui.search", "SearchPanel")
