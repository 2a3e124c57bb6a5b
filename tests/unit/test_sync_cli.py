"""`terrain sync …`: the command-line contract."""

from __future__ import annotations

import json

from app.cli import main
from app.services.sync import devices
from app.store.project import Project
from tests.fixtures.sync_setup import add_met_participant, make_loop


def test_the_loop_from_the_command_line(tmp_path, capsys):
    loop = make_loop(tmp_path)
    package_file = tmp_path / "alice.terrain-package"
    assert main(["sync", "export-package", str(loop.analyst_path), str(package_file),
                 "--interviewer", "Alice Martin"]) == 0
    assert "2 participants" in capsys.readouterr().out

    laptop = tmp_path / "laptop.terrain"
    assert main(["sync", "import-package", str(laptop), str(package_file), "--name", "portable-1"]) == 0
    assert main(["sync", "import-package", str(laptop), str(package_file)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    with Project.open(laptop) as project:
        add_met_participant(project, "NORD-201")

    assert main(["sync", "status", str(laptop), "--json"]) == 0
    state = json.loads(capsys.readouterr().out)
    assert state["role"] == "field" and state["pending"]["participant"] == 1
    assert state["device"]["name"] == "portable-1" and len(state["device"]["fingerprint"]) == 24

    bundle_file = tmp_path / "b.terrain-bundle"
    assert main(["sync", "export-bundle", str(laptop), str(bundle_file)]) == 0
    capsys.readouterr()

    # Unknown laptop: refused, one line naming the bundle, exit status 1.
    assert main(["sync", "import", str(loop.analyst_path), str(bundle_file)]) == 1
    captured = capsys.readouterr()
    assert bundle_file.name in captured.err and len(captured.err.strip().splitlines()) == 1

    assert main(["sync", "register", str(loop.analyst_path), str(bundle_file), "--interviewer", "Alice Martin"]) == 0
    assert state["device"]["fingerprint"] in capsys.readouterr().out
    junk = tmp_path / "junk.terrain-bundle"
    junk.write_bytes(b"not a bundle at all")
    assert main(["sync", "import", str(loop.analyst_path), str(bundle_file), str(junk)]) == 1
    captured = capsys.readouterr()
    assert bundle_file.name in captured.out and junk.name in captured.err
    assert main(["sync", "import", str(loop.analyst_path), str(bundle_file)]) == 0
    assert "0 new" in capsys.readouterr().out

    assert main(["sync", "status", str(loop.analyst_path), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["role"] == "analyst"
    [device] = [d for d in status["devices"] if d["name"] == "portable-1"]
    assert device["interviewer"] == "Alice Martin" and device["last_bundle_at"]
    assert status["quarantined"] == 1

    receipt = tmp_path / "b.terrain-receipt"
    assert receipt.exists()
    assert main(["sync", "receipt", str(laptop), str(receipt)]) == 0
    with Project.open(laptop) as project:
        from app.services.sync.bundle import pending_counts
        assert pending_counts(project) == {}


def test_sync_commands_refuse_bad_input_with_one_line(tmp_path, capsys):
    loop = make_loop(tmp_path)
    text = tmp_path / "notes.txt"
    text.write_text("bonjour", encoding="utf-8")
    assert main(["sync", "import-package", str(tmp_path / "new.terrain"), str(text)]) == 1
    err = capsys.readouterr().err
    assert "notes.txt" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "new.terrain").exists()
    assert main(["sync", "export-bundle", str(loop.analyst_path), str(tmp_path)]) == 1
    assert capsys.readouterr().err.startswith("terrain:")
    assert main(["sync", "export-package", str(loop.analyst_path), str(tmp_path), "--interviewer", "Nobody"]) == 1
    assert "Nobody" in capsys.readouterr().err
    with Project.open(loop.analyst_path) as project:
        assert devices.role(project) == "analyst"
