"""`pip install .` must carry migrations, resources and the demo inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_migrations_resources_and_demo(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(tmp_path.glob("terrain-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "app/_data/migrations/0001_initial.sql" in names
    assert "app/_data/resources/demo/fr/study.json" in names
    assert "app/_data/resources/i18n/fr/core.po" in names
    assert any(name.startswith("app/_data/resources/demo/fr/transcripts/") for name in names)
    assert "app/cli.py" in names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)
