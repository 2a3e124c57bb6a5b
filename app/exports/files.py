"""Writing an export so that a failure leaves nothing half-written.

The document goes to a hidden temporary file beside its destination (same folder, so the final
rename is atomic), is checked, then replaces the destination. A refusal or an error removes the
temporary file and leaves any previous document untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path | str, write: Callable[[Path], None],
                     check: Callable[[Path], None] | None = None) -> Path:
    """Write ``path`` through ``write(temporary)``; ``check(temporary)`` may raise to refuse it."""
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.stem[:40]}-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        if check is not None:
            check(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
