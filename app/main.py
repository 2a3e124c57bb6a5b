"""Entry point of the `terrain` console script and of `python -m app`."""

from __future__ import annotations

import sys
from pathlib import Path


def open_gui(project: Path | None = None, demo: bool = False) -> int:
    # Imported here so that headless commands never load Qt.
    from app.ui.app import run_gui

    return run_gui(project, demo)


def main(argv: list[str] | None = None) -> int:
    from app.cli import main as cli_main

    try:
        return cli_main(sys.argv[1:] if argv is None else argv, open_gui=open_gui)
    except BrokenPipeError:
        # The reader went away (e.g. `terrain info --json | head`): nothing more to say.
        sys.stderr.close()
        return 1


if __name__ == "__main__":
    sys.exit(main())
