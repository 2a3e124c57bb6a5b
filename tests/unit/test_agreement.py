"""Agreement between two coders: hand-worked tables, nltk as an independent check, the unit
definition, the service's exclusions, the disagreement list and the `terrain agreement` contract."""

from __future__ import annotations

import argparse
import json
import random
import shutil

import pytest
from nltk.metrics.agreement import AnnotationTask

from app import cli_agreement
from app.core.agreement import Table, code_tables, difference, disagreement_spans, intersection, merge, pooled
from app.i18n import load_catalogue, set_language
from app.services.agreement import UnknownCoderError, agreement, disagreements
from app.services.demo import build_demo
from app.store.project import Project

INES, BASTIEN = "Inès Moreau", "Bastien Lefèvre"


# Hand-worked 2×2 tables --------------------------------------------------------------------------
def test_hand_worked_table():
    # a = both 20, b = A only 5, c = B only 10, d = neither 15; n = 50.
    # Po = (20 + 15) / 50 = 0.7. A applies 25/50 = 0.5, B applies 30/50 = 0.6.
    # Pe = 0.5·0.6 + 0.5·0.4 = 0.5, so kappa = (0.7 − 0.5) / (1 − 0.5) = 0.4.
    # Alpha: 100 values; « applied » n₁ = 2·20 + 5 + 10 = 55, « not » n₀ = 2·15 + 5 + 10 = 45;
    # 15 disagreeing units: alpha = 1 − 99·15 / (55·45) = 1 − 1485/2475 = 1 − 0.6 = 0.4.
    table = Table(both=20, a_only=5, b_only=10, neither=15)
    assert table.units == 50
    assert table.percent_agreement == pytest.approx(70.0)
    assert table.kappa == pytest.approx(0.4)
    assert table.alpha == pytest.approx(0.4)


def test_hand_worked_extremes():
    # Perfect agreement: Po = 1, Pe = 0.5 → kappa 1; no disagreement → alpha 1.
    assert Table(10, 0, 0, 10).kappa == 1 and Table(10, 0, 0, 10).alpha == 1
    # Total disagreement, balanced: Po = 0, Pe = 0.5 → kappa = −1;
    # alpha = 1 − 19·10 / (10·10) = −0.9.
    assert Table(0, 5, 5, 0).kappa == pytest.approx(-1.0)
    assert Table(0, 5, 5, 0).alpha == pytest.approx(-0.9)
    # Nobody applied the code: Pe = 1, kappa undefined; one category only, alpha undefined.
    assert Table(0, 0, 0, 10).kappa is None and Table(0, 0, 0, 10).alpha is None
    assert Table(0, 0, 0, 10).percent_agreement == 100.0
    assert Table(10, 0, 0, 0).kappa is None
    assert Table().kappa is None and Table().alpha is None and Table().percent_agreement is None
    assert pooled([Table(1, 2, 3, 4), Table(10, 20, 30, 40)]) == Table(11, 22, 33, 44)


def test_hand_worked_characters():
    # A: X [0, 10), Y [20, 30). B: X [0, 10), Y [25, 30), X [40, 50).
    # Units: [0, 10) ∪ [20, 30) ∪ [40, 50) = 30 characters; [10, 20) and [30, 40) are uncoded.
    # X: both [0, 10) = 10, A only 0, B only [40, 50) = 10, neither [20, 30) = 10.
    #    kappa = 2(ad − bc) / ((a + b)(b + d) + (a + c)(c + d)) = 2·100 / (10·10 + 20·20) = 0.4.
    # Y: both [25, 30) = 5, A only [20, 25) = 5, B only 0, neither 20.
    #    kappa = 2·(5·20) / (10·25 + 5·20) = 200 / 350 = 4/7.
    a = [("X", 0, 10), ("Y", 20, 30)]
    b = [("X", 0, 10), ("Y", 25, 30), ("X", 40, 50)]
    units, tables = code_tables([(a, b)])
    assert units == 30
    assert tables["X"] == Table(10, 0, 10, 10) and tables["X"].kappa == pytest.approx(0.4)
    assert tables["Y"] == Table(5, 5, 0, 20) and tables["Y"].kappa == pytest.approx(4 / 7)


def test_units_leave_out_uncoded_text_and_transcripts_one_coder_coded():
    a, b = [("X", 100, 110)], [("X", 105, 115)]
    units, tables = code_tables([(a, b), ([("X", 0, 1000)], []), ([], [("Y", 0, 500)])])
    assert units == 15  # characters 100–114 only: nothing before 100, nothing of the other transcripts
    assert set(tables) == {"X"} and tables["X"] == Table(5, 5, 5, 0)


def test_overlapping_codings_of_one_coder_count_once():
    # A applies X twice over [0, 10) and [5, 20): the code covers [0, 20), 20 characters, once.
    units, tables = code_tables([([("X", 0, 10), ("X", 5, 20)], [("X", 0, 20)])])
    assert units == 20 and tables["X"] == Table(20, 0, 0, 0)
    # Two codes on the same characters by one coder: each code has its own decision.
    units, tables = code_tables([([("X", 0, 10), ("Y", 0, 10)], [("X", 0, 10)])])
    assert units == 10 and tables["X"] == Table(10, 0, 0, 0) and tables["Y"] == Table(0, 10, 0, 0)


# Interval arithmetic against sets of characters --------------------------------------------------
def _chars(spans) -> set[int]:
    return {offset for start, end in spans for offset in range(start, end)}


def _random_spans(rng: random.Random, count: int, size: int) -> list[tuple[int, int]]:
    spans = []
    for _ in range(count):
        start = rng.randrange(size - 1)
        spans.append((start, rng.randint(start + 1, min(size, start + 15))))
    return spans


@pytest.mark.parametrize("seed", range(30))
def test_interval_operations_match_sets(seed):
    rng = random.Random(seed)
    x, y = merge(_random_spans(rng, rng.randint(0, 8), 60)), merge(_random_spans(rng, rng.randint(0, 8), 60))
    for spans in (x, y, intersection(x, y), difference(x, y)):
        assert all(s1 < e1 < s2 for (s1, e1), (s2, _e2) in zip(spans, spans[1:]))  # sorted, maximal
    assert _chars(intersection(x, y)) == _chars(x) & _chars(y)
    assert _chars(difference(x, y)) == _chars(x) - _chars(y)


# nltk's AnnotationTask as an independent computation, one item per character -------------------
def _random_corpus(rng: random.Random) -> list[tuple[list, list]]:
    corpus = []
    for _ in range(rng.randint(1, 4)):
        spans = []
        for _coder in range(2):
            spans.append([(rng.choice("XYZ"), *span) for span in _random_spans(rng, rng.randint(0, 5), 50)])
        corpus.append(tuple(spans))
    return corpus


def _expanded(corpus, codes) -> list[tuple[str, tuple, int]]:
    """(coder, item, 0 | 1): one item per (code, transcript, character) of the units."""
    data = []
    for index, (a, b) in enumerate(corpus):
        if not a or not b:
            continue
        covered = _chars([(s, e) for _c, s, e in a + b])
        for code in codes:
            for coder, spans in (("a", a), ("b", b)):
                applied = _chars([(s, e) for c, s, e in spans if c == code])
                data += [(coder, (code, index, char), int(char in applied)) for char in covered]
    return data


def _check_against_nltk(table: Table, data) -> None:
    assert table.units * 2 == len(data) or not data
    labels = {label for _coder, _item, label in data}
    if len(labels) < 2:  # every decision the same: both coefficients are undefined
        assert table.alpha is None
        return
    task = AnnotationTask(data=data)
    assert table.percent_agreement == pytest.approx(100 * task.avg_Ao())
    assert table.alpha == pytest.approx(task.alpha())
    if table.kappa is None:
        assert table.a_only == table.b_only == 0 or table.both == table.neither == 0
    else:
        assert table.kappa == pytest.approx(task.kappa())


@pytest.mark.parametrize("seed", range(40))
def test_kappa_and_alpha_match_nltk(seed):
    corpus = _random_corpus(random.Random(seed))
    units, tables = code_tables(corpus)
    for code, table in tables.items():
        assert table.units == units
        _check_against_nltk(table, _expanded(corpus, [code]))
    if tables:  # overall: the codes' decisions pooled, one item per (code, character)
        _check_against_nltk(pooled(tables.values()), _expanded(corpus, sorted(tables)))


@pytest.mark.parametrize("seed", range(20))
def test_disagreements_are_maximal_and_exact(seed):
    rng = random.Random(seed)
    (a, b), = [(x, y) for x, y in _random_corpus(rng) if x and y][:1] or [([("X", 0, 5)], [("X", 3, 9)])]
    found = list(disagreement_spans(a, b))
    for code in "XYZ":
        for coder, mine, theirs in (("a", a, b), ("b", b, a)):
            spans = [(s, e) for c, s, e, who in found if c == code and who == coder]
            assert merge(spans) == spans  # disjoint and not touching: maximal
            expected = _chars([(s, e) for c, s, e in mine if c == code]) - _chars(
                [(s, e) for c, s, e in theirs if c == code])
            assert _chars(spans) == expected


# The service on the demo ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("agreement") / "demo.terrain"
    build_demo(path)
    return path


@pytest.fixture
def demo_copy(demo_path, tmp_path):
    path = tmp_path / "copy.terrain"
    shutil.copy(demo_path, path)
    return path


def test_demo_agreement(demo_path):
    with Project.open(demo_path) as project:
        report = agreement(project, INES, BASTIEN)
        names = {code.name for code in project.codes.find()}
    assert report.transcripts == 3  # Inès alone coded DRO-01 and DRO-02
    assert report.units > 0 and report.codes and {code.code for code in report.codes} <= names
    assert all(code.units == report.units for code in report.codes)
    overall = report.overall
    assert overall.units == report.units * len(report.codes)
    assert 0 < overall.kappa < 1 and 0 < overall.alpha < 1 and 0 < report.mean_kappa < 1
    with Project.open(demo_path) as project:  # symmetric in the two coders
        swapped = agreement(project, BASTIEN, INES)
    assert swapped.overall.kappa == pytest.approx(overall.kappa) and swapped.units == report.units


def test_withdrawn_participants_and_binned_codes_are_left_out(demo_copy):
    with Project.open(demo_copy) as project:
        before = agreement(project, INES, BASTIEN)
        participant = project.participants.first("code = ?", ["LYO-01"])
        participant.status = "withdrawn"
        project.participants.update(participant)
        after = agreement(project, INES, BASTIEN)
        assert after.transcripts == 2 and 0 < after.units < before.units
        binned = project.codes.get(after.codes[0].code_id)
        binned.deleted_at = "2025-06-01T00:00:00"
        project.codes.update(binned)
        final = agreement(project, INES, BASTIEN)
        assert binned.name not in {code.code for code in final.codes}
        assert all(d.code != binned.name for d in disagreements(project, INES, BASTIEN))
        lyo = project.transcripts.first("title LIKE 'LYO-01%'")
        assert all(d.transcript_id != lyo.id for d in disagreements(project, INES, BASTIEN))


def test_orphaned_codings_are_left_out(demo_copy):
    """A coding whose text an edit deleted no longer points at anything: it cannot agree or disagree."""
    with Project.open(demo_copy) as project:
        before = agreement(project, INES, BASTIEN)
        ines = project.coders.first("name = ?", [INES])
        shared = project.db.execute(
            "SELECT transcript_id FROM coding GROUP BY transcript_id HAVING count(DISTINCT coder_id) = 2 "
            "ORDER BY transcript_id").fetchone()[0]
        project.db.execute("UPDATE coding SET anchor_status = 'orphaned' WHERE transcript_id = ? AND coder_id = ?",
                           [shared, ines.id])
        after = agreement(project, INES, BASTIEN)
        assert after.transcripts == before.transcripts - 1
        assert all(d.transcript_id != shared for d in disagreements(project, INES, BASTIEN))


def test_unknown_or_repeated_coder_is_refused_by_name(demo_path):
    with Project.open(demo_path) as project:
        with pytest.raises(UnknownCoderError, match="Nobody Here"):
            agreement(project, "Nobody Here", BASTIEN)
        with pytest.raises(UnknownCoderError, match=INES):
            agreement(project, INES, INES)


def test_disagreement_list_points_at_the_text(demo_path):
    from app.core.transcripts import full_text

    with Project.open(demo_path) as project:
        found = disagreements(project, INES, BASTIEN)
        assert found and {d.coded_by for d in found} == {"a", "b"}
        first = found[0]
        text = full_text(project.turns_of(first.transcript_id))
        assert text[first.start:first.end].startswith(first.text.rstrip("…"))
        only = disagreements(project, INES, BASTIEN, code=first.code)
        assert only and {d.code for d in only} == {first.code}


# The command line ----------------------------------------------------------------------------
def _cli(capsys, *argv) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    cli_agreement.add_commands(parser.add_subparsers(dest="command"))
    status = cli_agreement.run(parser.parse_args(["agreement", *map(str, argv)]))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_json_contract_on_the_demo(demo_path, capsys):
    status, out, err = _cli(capsys, demo_path, "--coder-a", INES, "--coder-b", BASTIEN, "--json")
    assert status == 0 and err == ""
    result = json.loads(out)
    assert set(result) == {"unit", "codes", "overall"} and result["unit"] == "character"
    assert set(result["overall"]) == {"kappa", "alpha", "percent_agreement", "units", "mean_kappa"}
    with Project.open(demo_path) as project:
        report = agreement(project, INES, BASTIEN)
    assert [code["code"] for code in result["codes"]] == [code.code for code in report.codes]
    for entry in result["codes"]:
        assert set(entry) == {"code", "kappa", "alpha", "percent_agreement", "units"}
        assert entry["kappa"] is None or -1 <= entry["kappa"] <= 1
        assert entry["units"] == result["overall"]["units"] == report.units
    assert result["overall"]["kappa"] == pytest.approx(report.overall.kappa)


def test_cli_table_and_errors(demo_path, capsys):
    status, out, _err = _cli(capsys, demo_path, "--coder-a", INES, "--coder-b", BASTIEN)
    assert status == 0 and "All codes (pooled)" in out and "Kappa" in out
    status, out, err = _cli(capsys, demo_path, "--coder-a", "Nobody Here", "--coder-b", BASTIEN)
    assert status == 1 and out == "" and "Nobody Here" in err and INES in err
    status, out, err = _cli(capsys, demo_path.parent / "missing.terrain", "--coder-a", INES, "--coder-b", BASTIEN)
    assert status == 1 and out == "" and "missing.terrain" in err


def test_cli_wired_into_terrain(demo_path, capsys):
    from app.cli import build_parser, main

    if "agreement" not in build_parser().format_help():
        pytest.skip("app.cli does not route `terrain agreement` yet")
    assert main(["agreement", str(demo_path), "--coder-a", INES, "--coder-b", BASTIEN, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unit"] == "character"


# French ----------------------------------------------------------------------------------------
def test_french_messages(demo_path, capsys):
    catalogue = load_catalogue("fr")
    for source in ("No coder is called {name} (known: {known}).", "All codes (pooled)",
                   "Mean kappa over the codes: {kappa}", "name of the first coder"):
        assert source in catalogue.messages
    set_language("fr")
    status, _out, err = _cli(capsys, demo_path, "--coder-a", "Personne", "--coder-b", BASTIEN)
    assert status == 1 and "Aucun·e codeur·se ne s’appelle Personne" in err
    status, out, _err = _cli(capsys, demo_path, "--coder-a", INES, "--coder-b", BASTIEN)
    assert status == 0 and "Tous les codes (regroupés)" in out and "\u00a0%" in out
