"""Retrieval and matrices: counts checked against a small hand-built study, the exclusions
(withdrawn participants, the bin, orphaned codings), co-occurrence, click-through to exactly the
counted segments, framework summaries, and the `terrain matrix` / `terrain cooccurrence` output."""

from __future__ import annotations

import argparse
import csv
import json

import pytest

from app import cli_matrix
from app.core.coding import Code, Coder, Coding
from app.core.interviews import Interview
from app.core.participants import Participant
from app.core.study import Territory, VocabularyItem, Wave
from app.core.transcripts import Transcript, Turn
from app.i18n import _, set_language
from app.services import codebook, framework, matrices, participants
from app.services.coding import full_text_of, segments
from app.services.framework import FrameworkError
from app.services.matrices import MatrixError, cell_segments, code_by_attribute, context, cooccurrence
from app.store.project import Project

TURNS = ("Nous avons parlé du travail et de la coopérative pendant longtemps.",
         "Je me sens moins seule depuis que je suis entrée ici, vraiment.")


# A small study counted by hand -------------------------------------------------------------------
class Small:
    """Two territories, two profiles, two waves; P4 withdrew; tr6 is not linked to anyone.

    Codings (coder, code, transcript, span), numbered as in the comments of the tests:
      1 C1 A1 tr1 [0,10)    2 C1 B tr1 [5,20)    3 C2 B tr1 [0,10)    4 C1 A1 tr2 [0,5)
      5 C1 A tr3 [0,30)     6 C1 B tr3 [10,15)   7 C1 A1 tr3 [12,14)  8 C2 A1 tr4 [0,8)
      9 C1 A1 tr5 [0,8) (withdrawn)    10 C1 X tr1 [0,8) (X in the bin)
     11 C1 A1 tr1 [30,40) (orphaned)   12 C1 B tr6 [0,5) (not linked)   13 C1 B tr2 [5,9) (touches 4)
    """

    def __init__(self, project: Project):
        self.project = project
        study = project.study().id
        with project.transaction():
            self.alpha = project.territories.insert(Territory(study_id=study, code="ALP", name="Alpha"))
            self.beta = project.territories.insert(Territory(study_id=study, code="BET", name="Beta"))
            for position, key in enumerate("ab"):
                project.vocabulary.insert(VocabularyItem(study_id=study, kind="profile", key=key,
                                                         label=f"Profil {key.upper()}", position=position))
            self.w1 = project.waves.insert(Wave(study_id=study, label="Vague 1", position=0))
            self.w2 = project.waves.insert(Wave(study_id=study, label="Vague 2", position=1))
            self.p = {}
            for code, territory, profile, status in (("P1", self.alpha, "a", "active"), ("P2", self.alpha, "b", "active"),
                                                     ("P3", self.beta, "a", "active"),
                                                     ("P4", self.beta, "b", "withdrawn")):
                self.p[code] = project.participants.insert(Participant(
                    study_id=study, code=code, territory_id=territory.id, profile=profile, status=status))
            self.tr = {}
            for name, participant, wave in (("tr1", "P1", self.w1), ("tr2", "P1", self.w2), ("tr3", "P2", self.w1),
                                            ("tr4", "P3", self.w2), ("tr5", "P4", self.w1), ("tr6", None, None)):
                interview_id = None
                if participant:
                    interview = project.interviews.insert(Interview(
                        study_id=study, participant_id=self.p[participant].id, wave_id=wave.id, status="completed"))
                    interview_id = interview.id
                transcript = Transcript(study_id=study, title=name, imported_at="2025-01-01T00:00:00",
                                        interview_id=interview_id)
                project.add_transcript(transcript, [Turn(transcript_id="", position=0, text=text,
                                                         speaker_role="participant") for text in TURNS])
                self.tr[name] = transcript.id
            self.a = project.codes.insert(Code(study_id=study, name="A", position=0, colour="#4477aa"))
            self.a1 = project.codes.insert(Code(study_id=study, name="A1", parent_id=self.a.id, position=1))
            self.b = project.codes.insert(Code(study_id=study, name="B", position=2))
            self.x = project.codes.insert(Code(study_id=study, name="X", position=3,
                                               deleted_at="2025-01-02T00:00:00"))
            self.c1 = project.coders.insert(Coder(study_id=study, name="C1"))
            self.c2 = project.coders.insert(Coder(study_id=study, name="C2"))
            spans = [(self.c1, self.a1, "tr1", 0, 10), (self.c1, self.b, "tr1", 5, 20), (self.c2, self.b, "tr1", 0, 10),
                     (self.c1, self.a1, "tr2", 0, 5), (self.c1, self.a, "tr3", 0, 30), (self.c1, self.b, "tr3", 10, 15),
                     (self.c1, self.a1, "tr3", 12, 14), (self.c2, self.a1, "tr4", 0, 8),
                     (self.c1, self.a1, "tr5", 0, 8), (self.c1, self.x, "tr1", 0, 8),
                     (self.c1, self.a1, "tr1", 30, 40), (self.c1, self.b, "tr6", 0, 5), (self.c1, self.b, "tr2", 5, 9)]
            self.codings = [project.codings.insert(Coding(
                transcript_id=self.tr[name], code_id=code.id, coder_id=coder.id, start_offset=start, end_offset=end,
                anchor_status="orphaned" if number == 11 else "ok"))
                for number, (coder, code, name, start, end) in enumerate(spans, start=1)]

    def number(self, coding_id: str) -> int:
        return next(i for i, coding in enumerate(self.codings, start=1) if coding.id == coding_id)


@pytest.fixture
def small(tmp_path):
    with Project.create(tmp_path / "small.terrain", "Petite étude") as project:
        yield Small(project)


def rows_of(matrix) -> dict[str, list[int]]:
    return {key.name: counts for key, counts in zip(matrix.rows, matrix.counts)}


def test_code_by_territory_counts_codings_by_hand(small):
    matrix = code_by_attribute(small.project, "territory")
    assert [key.name for key in matrix.rows] == ["A", "A1", "B"]  # X is in the bin
    assert [key.depth for key in matrix.rows] == [0, 1, 0]
    assert [key.label for key in matrix.columns] == ["Alpha", "Beta", _("Not stated")]
    # A: 5. A1: 1, 4, 7 in Alpha; 8 in Beta (9 withdrawn, 11 orphaned). B: 2, 3, 6, 13; 12 not linked.
    assert rows_of(matrix) == {"A": [1, 0, 0], "A1": [3, 1, 0], "B": [4, 0, 1]}
    assert matrix.row_totals == [1, 4, 5]
    assert matrix.column_totals == [8, 1, 1] and matrix.total == 10


def test_participants_and_transcripts_are_counted_once(small):
    by_territory = code_by_attribute(small.project, "territory", count="participants")
    # A1 in Alpha: P1 (1, 4) and P2 (7); B in Alpha: P1 (2, 3, 13) and P2 (6); tr6 has nobody.
    assert rows_of(by_territory) == {"A": [1, 0, 0], "A1": [2, 1, 0], "B": [2, 0, 0]}
    assert by_territory.row_totals == [1, 3, 2]
    assert by_territory.column_totals == [2, 1, 0] and by_territory.total == 3
    by_wave = code_by_attribute(small.project, "wave", count="participants")
    # P1 was interviewed in both waves: the row total counts them once, less than the sum of cells.
    assert rows_of(by_wave)["A1"] == [2, 2, 0] and by_wave.row_totals[1] == 3
    transcripts = code_by_attribute(small.project, "wave", count="transcripts")
    # B: tr1, tr3 in wave 1, tr2 in wave 2; tr6 has no wave.
    assert rows_of(transcripts)["B"] == [2, 1, 1] and transcripts.columns[-1].value == ""


def test_profile_columns_follow_the_vocabulary_and_coder_filter(small):
    matrix = code_by_attribute(small.project, "profile", coder_id=small.c1.id)
    assert [key.label for key in matrix.columns] == ["Profil A", "Profil B", _("Not stated")]
    # C1 only: A1 = 1, 4 (P1, a) and 7 (P2, b); B = 2, 13 (P1, a), 6 (P2, b), 12 not linked.
    assert rows_of(matrix) == {"A": [0, 1, 0], "A1": [2, 1, 0], "B": [2, 1, 1]}
    with pytest.raises(MatrixError):
        code_by_attribute(small.project, "gender")
    with pytest.raises(MatrixError):
        code_by_attribute(small.project, "territory", count="words")


def test_cell_click_through_gives_exactly_the_counted_codings(small):
    project = small.project
    for attribute in ("territory", "profile", "wave", "interviewer"):
        codings = code_by_attribute(project, attribute)
        people = code_by_attribute(project, attribute, count="participants")
        for row, counts, people_counts in zip(codings.rows, codings.counts, people.counts):
            for column, n, n_people in zip(codings.columns, counts, people_counts):
                passages = cell_segments(project, row.id, (attribute, column.value))
                assert len(passages) == n
                assert len({p.segment.participant_code for p in passages if p.segment.participant_code}) == n_people
    found = cell_segments(project, small.a1.id, ("territory", small.alpha.id))
    assert sorted(small.number(p.segment.coding_id) for p in found) == [1, 4, 7]
    assert [small.number(p.segment.coding_id) for p in cell_segments(project, small.b.id, ("territory", ""))] == [12]


def test_exclusions_on_the_demo(demo):
    project = demo
    before = code_by_attribute(project, "territory")
    lyon = next(key.value for key in before.columns if key.label == "Lyon")
    lyo_01 = participants.by_code(project, "LYO-01")
    lyo_01_codings = project.db.execute(
        "SELECT count(*) FROM coding g JOIN transcript tr ON tr.id = g.transcript_id "
        "JOIN interview iv ON iv.id = tr.interview_id WHERE iv.participant_id = ?", [lyo_01.id]).fetchone()[0]
    assert lyo_01_codings > 0
    participants.withdraw(project, lyo_01.id)
    after = code_by_attribute(project, "territory")
    assert after.total == before.total - lyo_01_codings
    column_totals = {key.value: total for key, total in zip(after.columns, after.column_totals)}
    assert column_totals[lyon] == before.column_totals[[k.value for k in before.columns].index(lyon)] - lyo_01_codings
    binned = next(key for key, total in zip(after.rows, after.row_totals) if total and key.depth)
    binned_total = after.row_totals[after.rows.index(binned)]
    codebook.delete_code(project, binned.id)
    in_bin = code_by_attribute(project, "territory")
    assert binned.id not in {key.id for key in in_bin.rows} and in_bin.total == after.total - binned_total
    some = segments(project)[0]
    project.db.execute("UPDATE coding SET anchor_status = 'orphaned' WHERE id = ?", [some.coding_id])
    assert code_by_attribute(project, "territory").total == in_bin.total - 1
    assert cooccurrence(project).cell(some.code_id, some.code_id) == in_bin.row_totals[
        [key.id for key in in_bin.rows].index(some.code_id)] - 1


# co-occurrence -----------------------------------------------------------------------------------
def test_cooccurrence_counts_overlapping_pairs_of_one_coder(small):
    matrix = cooccurrence(small.project)
    names = [key.name for key in matrix.codes]
    assert names == ["A", "A1", "B"]
    # Diagonal: codings. A1–B: 1 with 2 (tr1) and 7 with 6 (tr3); 3 is C2's, 13 only touches 4.
    assert matrix.counts == [[1, 1, 1], [1, 4, 2], [1, 2, 5]]
    assert all(matrix.counts[i][j] == matrix.counts[j][i] for i in range(3) for j in range(3))
    only_c2 = cooccurrence(small.project, coder_id=small.c2.id)
    assert only_c2.counts == [[0, 0, 0], [0, 1, 0], [0, 0, 1]]


def test_cooccurrence_in_the_same_transcript(small):
    matrix = cooccurrence(small.project, scope="transcript")
    # A1 with B: tr1, tr2 (C1 both), tr3. A1 alone in tr4. Diagonal: transcripts with the code.
    assert matrix.counts == [[1, 1, 1], [1, 4, 3], [1, 3, 4]]
    with pytest.raises(MatrixError):
        cooccurrence(small.project, scope="paragraph")


def test_cooccurrence_click_through_lists_the_pairs(small):
    project = small.project
    matrix = cooccurrence(project)
    for a in matrix.codes:
        for b in matrix.codes:
            assert len(cell_segments(project, a.id, b.id)) == matrix.cell(a.id, b.id)
    pairs = cell_segments(project, small.a1.id, small.b.id)
    assert [(small.number(p.segment.coding_id), small.number(p.partner.coding_id)) for p in pairs] == [(1, 2), (7, 6)]
    assert [(p.start, p.end) for p in pairs] == [(0, 20), (10, 15)]
    text = full_text_of(project, small.tr["tr1"])
    assert pairs[0].text == text[0:20]
    mirrored = cell_segments(project, small.b.id, small.a1.id)
    assert [small.number(p.segment.coding_id) for p in mirrored] == [2, 6]
    in_transcripts = cell_segments(project, small.a1.id, small.b.id, scope="transcript")
    assert {p.transcript_id for p in in_transcripts} == {small.tr[name] for name in ("tr1", "tr2", "tr3")}


def test_overlap_on_the_demo_is_symmetric(demo):
    project = demo
    for scope in matrices.SCOPES:
        matrix = cooccurrence(project, scope=scope)
        size = len(matrix.codes)
        assert all(matrix.counts[i][j] == matrix.counts[j][i] for i in range(size) for j in range(size))
    diagonal = cooccurrence(project).counts
    totals = code_by_attribute(project, "territory").row_totals
    assert [diagonal[i][i] for i in range(len(totals))] == totals


# participants × themes -------------------------------------------------------------------------
def test_framework_matrix_counts_and_summaries(small):
    project = small.project
    matrix = matrices.participants_by_theme(project)
    assert [p.code for p in matrix.participants] == ["P1", "P2", "P3"]  # P4 withdrew
    assert [key.name for key in matrix.themes] == ["A", "B"]
    counts = {(p.code, key.name): matrix.entry(p.id, key.id).codings
              for p in matrix.participants for key in matrix.themes}
    # Top-level themes count their sub-themes: P1 A = 1, 4; P2 A = 5, 7; P3 A = 8.
    assert counts == {("P1", "A"): 2, ("P1", "B"): 3, ("P2", "A"): 2, ("P2", "B"): 1, ("P3", "A"): 1, ("P3", "B"): 0}
    every = matrices.participants_by_theme(project, themes="all")
    assert every.entry(small.p["P2"].id, small.a.id).codings == 1
    assert every.entry(small.p["P2"].id, small.a1.id).codings == 1
    for participant in matrix.participants:
        for key in matrix.themes:
            passages = cell_segments(project, key.id, ("participant", participant.id), with_subthemes=True)
            assert len(passages) == matrix.entry(participant.id, key.id).codings

    framework.set_summary(project, small.a.id, small.p["P1"].id, "  Gagne en autonomie.  ", "Inès")
    framework.set_summary(project, small.a.id, small.p["P1"].id, "Gagne en autonomie, avec des doutes.", "Inès")
    cell = project.framework_cells.first("code_id = ?", [small.a.id])
    assert cell.summary == "Gagne en autonomie, avec des doutes." and cell.author == "Inès"
    assert project.framework_cells.count() == 1
    shown = matrices.participants_by_theme(project).entry(small.p["P1"].id, small.a.id)
    assert shown == matrices.FrameworkEntry(2, "Gagne en autonomie, avec des doutes.", "Inès")
    assert framework.summary_of(project, small.a.id, small.p["P1"].id) == shown.summary
    assert len(project.audit_log.find("action = 'framework_summary_set'")) == 2
    framework.set_summary(project, small.a.id, small.p["P1"].id, "   ", "Inès")
    assert project.framework_cells.count() == 0


def test_framework_refuses_withdrawn_participants_and_binned_codes(small):
    project = small.project
    set_language("fr")
    try:
        with pytest.raises(FrameworkError, match="P4"):
            framework.set_summary(project, small.a.id, small.p["P4"].id, "Texte", "Inès")
        with pytest.raises(FrameworkError, match="corbeille"):
            framework.set_summary(project, small.x.id, small.p["P1"].id, "Texte", "Inès")
    finally:
        set_language("en")
    framework.set_summary(project, small.b.id, small.p["P3"].id, "Rien sur B.", "Inès")
    participants.withdraw(project, small.p["P3"].id)
    assert framework.summaries(project) == {}


# retrieval ---------------------------------------------------------------------------------------
def test_retrieve_with_subthemes_and_filters(small):
    project = small.project
    own = matrices.retrieve(project, small.a.id)
    assert [small.number(p.segment.coding_id) for p in own] == [5]
    with_children = matrices.retrieve(project, small.a.id, with_subthemes=True)
    assert sorted(small.number(p.segment.coding_id) for p in with_children) == [1, 4, 5, 7, 8]
    in_alpha = matrices.retrieve(project, small.a.id, territory_id=small.alpha.id, with_subthemes=True)
    assert sorted(small.number(p.segment.coding_id) for p in in_alpha) == [1, 4, 5, 7]
    wave_two = matrices.retrieve(project, small.a1.id, wave_id=small.w2.id, coder_id=small.c2.id)
    assert [small.number(p.segment.coding_id) for p in wave_two] == [8]
    for passage in with_children:
        text = full_text_of(project, passage.transcript_id)
        assert passage.text == text[passage.start:passage.end] == passage.segment.text


def test_context_stays_in_the_turn():
    text = "Bonjour.\nJe pense que l’autonomie est vraiment très importante pour moi et les autres.\nFin."
    start = text.index("autonomie")
    before, after = context(text, start, start + len("autonomie"), 3)
    assert before == "…pense que l’" and after == " est vraiment très…"
    before, after = context(text, start, start + len("autonomie"), 30)
    assert before == "Je pense que l’" and after == " est vraiment très importante pour moi et les autres."
    start = text.index("Je")
    assert context(text, start, start + 2, 2) == ("", " pense que…")
    assert context(text, start, start + 2, 0) == ("", "")


# the command line --------------------------------------------------------------------------------
def _cli(capsys, *argv) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    cli_matrix.add_commands(parser.add_subparsers(dest="command"))
    status = cli_matrix.run(parser.parse_args([*map(str, argv)]))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def small_path(tmp_path):
    path = tmp_path / "small.terrain"
    with Project.create(path, "Petite étude") as project:
        Small(project)
    return path


def test_cli_matrix_json_and_csv(small_path, tmp_path, capsys):
    status, out, _err = _cli(capsys, "matrix", small_path, "--by", "territory", "--json")
    data = json.loads(out)
    assert status == 0
    assert set(data) == {"by", "count", "coder", "columns", "rows", "column_totals", "total"}
    assert [row["code"] for row in data["rows"]] == ["A", "A1", "B"]
    assert data["rows"][1]["counts"] == [3, 1, 0] and data["total"] == 10 and data["coder"] is None
    status, out, _err = _cli(capsys, "matrix", small_path, "--by", "wave", "--count", "participants", "--coder", "C1",
                             "--json")
    assert json.loads(out)["rows"][1] | {"code_id": ""} == {"code_id": "", "code": "A1", "depth": 1,
                                                            "counts": [2, 1, 0], "total": 2}
    out_csv = tmp_path / "matrix.csv"
    status, out, _err = _cli(capsys, "matrix", small_path, "--by", "territory", "--csv", out_csv)
    assert status == 0 and str(out_csv) in out
    with open(out_csv, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["code_id", "code", "depth"] and rows[0][-1] == "total"
    assert rows[0][3:-1] == ["Alpha", "Beta", _("Not stated")]
    assert rows[2][1:] == ["A1", "1", "3", "1", "0", "4"]


def test_cli_tables_and_errors(small_path, capsys):
    set_language("fr")
    try:
        status, out, _err = _cli(capsys, "matrix", small_path, "--by", "territory")
        assert status == 0 and out.startswith("Codages par code et territoire.")
        assert "  A1" in out and "Total" in out
        status, out, _err = _cli(capsys, "cooccurrence", small_path)
        assert status == 0 and "diagonale" in out
        status, _out, err = _cli(capsys, "matrix", small_path, "--by", "wave", "--coder", "Personne")
        assert status == 1 and "Personne" in err
    finally:
        set_language("en")
    status, out, _err = _cli(capsys, "cooccurrence", small_path, "--json")
    data = json.loads(out)
    assert status == 0 and data["scope"] == "overlap" and data["counts"] == [[1, 1, 1], [1, 4, 2], [1, 2, 5]]
    assert [code["code"] for code in data["codes"]] == ["A", "A1", "B"]


def test_demo_cell_click_through(demo):
    project = demo
    matrix = code_by_attribute(project, "interviewer", count="transcripts")
    for row, counts in zip(matrix.rows, matrix.counts):
        for column, n in zip(matrix.columns, counts):
            assert len({p.transcript_id for p in cell_segments(project, row.id, ("interviewer", column.value))}) == n
