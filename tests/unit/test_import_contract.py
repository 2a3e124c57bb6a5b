"""The domain knows no screen: nothing outside app/ui imports PySide6.

pytest-qt imports Qt into this very process, so the check runs in a fresh interpreter.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def qt_free_modules() -> list[str]:
    modules = []
    for path in sorted(APP.rglob("*.py")):
        relative = path.relative_to(APP.parent).with_suffix("")
        parts = relative.parts
        if "ui" in parts[:2] or parts[-1] in ("__main__", "main"):
            continue
        modules.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return modules


def test_domain_modules_load_without_qt():
    modules = qt_free_modules()
    assert "app.core.records" in modules and "app.store.project" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_headless_command_does_not_load_qt(tmp_path):
    script = (
        "import sys\n"
        "from app.cli import main\n"
        f"main(['init', {str(tmp_path / 'p.terrain')!r}, '--title', 'T'])\n"
        "print('PySide6' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_no_source_file_outside_ui_imports_pyside6():
    offenders = []
    for path in APP.rglob("*.py"):
        if "ui" in path.relative_to(APP).parts[:1]:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import PySide6", "from PySide6")):
                offenders.append(f"{path}: {stripped}")
    assert offenders == []
