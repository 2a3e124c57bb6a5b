"""`terrain indicators` and `terrain export charts` on the demo study."""

from __future__ import annotations

import json

from app.cli import main

FIELDS = {"id", "level", "dimension", "label", "value", "unit", "target", "source", "n"}


def indicators(capsys, *args) -> list[dict]:
    assert main(["indicators", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_level_has_computed_indicators_on_the_demo(demo_file, capsys):
    rows = indicators(capsys, str(demo_file))
    assert all(FIELDS <= set(row) for row in rows)
    computed = {row["level"] for row in rows if row["value"] is not None}
    assert computed == {"output", "outcome", "impact"}


def test_the_demo_wave_2025_matches_its_data(demo, demo_file, capsys):
    rows = {row["id"]: row for row in indicators(capsys, str(demo_file), "--wave", "2025")}
    wave = demo.waves.first("label = '2025'")
    completed = demo.interviews.count("status = 'completed' AND wave_id = ?", [wave.id])
    assert rows["OUT1"]["value"] == completed and rows["OUT1"]["source"] == "count:interviews_held"
    # OC1: the mean of the autonomy item over the wave's answers, computed here in SQL.
    mean, n = demo.db.execute("""
        SELECT avg(a.value_number), count(*) FROM survey_answer a
        JOIN questionnaire_item qi ON qi.id = a.item_id
        LEFT JOIN interview iv ON iv.id = a.interview_id
        WHERE qi.name = 'satisfaction_autonomie'
          AND (iv.wave_id = :wave OR (a.interview_id IS NULL AND substr(a.answered_at, 1, 10) BETWEEN :start AND :end))
    """, {"wave": wave.id, "start": wave.starts_on, "end": wave.ends_on}).fetchone()
    assert rows["OC1"]["n"] == n and abs(rows["OC1"]["value"] - mean) < 1e-3


def test_a_value_that_cannot_be_computed_is_null_with_a_reason(demo_file, capsys):
    rows = indicators(capsys, str(demo_file), "--wave", "2026")
    missing = [row for row in rows if row["value"] is None]
    assert missing and all(row["reason"] for row in missing)


def test_small_samples_carry_a_warning_for_one_territory(demo_file, capsys):
    rows = indicators(capsys, str(demo_file), "--wave", "2026", "--territory", "BXL")
    warned = [row for row in rows if row["small_n"]]
    assert warned and all(row["warning"] and row["n"] < 5 for row in warned)
    assert not any(row["small_n"] for row in rows if row["source"].startswith(("count", "manual")))


def test_text_output_and_unknown_scope(demo_file, capsys):
    assert main(["indicators", str(demo_file), "--wave", "2025"]) == 0
    out = capsys.readouterr().out
    assert "OC1" in out and "n = 14" in out
    assert main(["indicators", str(demo_file), "--territory", "ATLANTIS"]) == 1
    err = capsys.readouterr().err
    assert "ATLANTIS" in err and "LYO" in err


def test_export_charts_writes_one_file_per_chart(demo_file, tmp_path, capsys):
    out = tmp_path / "graphiques"
    assert main(["export", "charts", str(demo_file), str(out), "--format", "svg", "--wave", "2025"]) == 0
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["01-indicators.svg", "02-sample-quotas.svg", "03-themes-profile.svg",
                                       "04-themes-territory.svg", "05-survey-items.svg", "06-waves.svg"]
    printed = capsys.readouterr().out
    assert all(str(f) in printed for f in files)
    assert main(["export", "charts", str(demo_file), str(tmp_path / "png")]) == 0
    assert all(f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for f in (tmp_path / "png").iterdir())


def test_export_charts_into_a_file_says_so(demo_file, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    assert main(["export", "charts", str(demo_file), str(blocker)]) == 1
    assert str(blocker) in capsys.readouterr().err
