"""The matrices and the retrieval list on the demo study: counts shown, a selected cell lists its
segments, double-clicking a segment asks to open the transcript there, framework summaries saved."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from app.services import framework, matrices
from app.ui.retrieval import MatrixPanel, RetrievalPanel
from app.ui.retrieval.grid import CELL_ROLE


@pytest.fixture
def matrix_panel(qtbot, demo) -> MatrixPanel:
    panel = MatrixPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 760)
    panel.set_project(demo, author="Inès Moreau")
    panel.show()
    return panel


def shown(panel: MatrixPanel, row: int, column: int) -> str:
    return panel.model.cell_index(row, column).data() or ""


def double_click_row(qtbot, view, row: int) -> None:
    index = view.model().index(row, 3)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_matrix_shows_the_counts_and_totals(matrix_panel, demo):
    expected = matrices.code_by_attribute(demo, "territory")
    grid = matrix_panel.model.grid
    assert [column.label for column in grid.columns] == [key.label for key in expected.columns]
    assert [row.label for row in grid.rows] == [key.name for key in expected.rows]
    for r, counts in enumerate(expected.counts):
        for c, n in enumerate(counts):
            assert shown(matrix_panel, r, c) == (str(n) if n else "")
    last = matrix_panel.model.rowCount() - 1
    assert matrix_panel.model.index(last, 0).data() == "Total"
    assert matrix_panel.model.index(last, matrix_panel.model.columnCount() - 1).data() == str(expected.total)
    assert matrix_panel.header.isVisible() and matrix_panel.model.headerData(1, Qt.Orientation.Horizontal) == "Bruxelles"


def test_clicking_a_cell_lists_its_segments_and_double_click_opens(qtbot, matrix_panel, demo):
    matrix = matrices.code_by_attribute(demo, "territory")
    row, column = next((r, c) for r, counts in enumerate(matrix.counts) for c, n in enumerate(counts) if n >= 3)
    index = matrix_panel.model.cell_index(row, column)
    rect = matrix_panel.view.visualRect(index)
    matrix_panel.view.scrollTo(index)
    rect = matrix_panel.view.visualRect(index)
    qtbot.mouseClick(matrix_panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    listed = matrix_panel.segments.passages()
    assert len(listed) == matrix.counts[row][column]
    assert {p.segment.code_id for p in listed} == {matrix.rows[row].id}
    assert matrix.columns[column].label in matrix_panel.cell_label.text()
    assert "segments" in matrix_panel.segments.count_label.text()
    with qtbot.waitSignal(matrix_panel.open_requested) as signal:
        double_click_row(qtbot, matrix_panel.segments.view, 0)
    first = matrix_panel.segments.view.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert signal.args == [first.transcript_id, first.start, first.end]


def test_participants_count_and_other_attributes(matrix_panel, demo):
    matrix_panel.set_mode("attribute", attribute="interviewer", count="participants")
    expected = matrices.code_by_attribute(demo, "interviewer", count="participants")
    assert [column.label for column in matrix_panel.model.grid.columns] == [key.label for key in expected.columns]
    assert matrix_panel.model.grid.values == expected.counts
    assert matrix_panel.model.grid.row_totals == expected.row_totals


def test_framework_cell_summary_is_saved(qtbot, matrix_panel, demo):
    matrix_panel.set_mode("framework")
    assert matrix_panel.summary_box.isVisible()
    expected = matrices.participants_by_theme(demo)
    row = next(r for r, p in enumerate(expected.participants) if expected.entry(p.id, expected.themes[1].id).codings)
    matrix_panel.select_cell(row, 1)
    participant_id, code_id = matrix_panel.model.cell_index(row, 1).data(CELL_ROLE)
    assert len(matrix_panel.segments.passages()) == expected.entry(participant_id, code_id).codings
    assert matrix_panel.segments.view.isColumnHidden(1)  # one participant: no participant column
    matrix_panel.summary_edit.setPlainText("Revenus irréguliers, mais sécurité du statut.")
    qtbot.mouseClick(matrix_panel.save_button, Qt.MouseButton.LeftButton)
    assert framework.summary_of(demo, code_id, participant_id) == "Revenus irréguliers, mais sécurité du statut."
    assert demo.framework_cells.first().author == "Inès Moreau"
    assert shown(matrix_panel, row, 1).endswith("✎")  # selected again after the reload, marked
    assert matrix_panel.summary_edit.toPlainText() == "Revenus irréguliers, mais sécurité du statut."
    assert "enregistré" in matrix_panel.summary_status.text()


def test_cooccurrence_is_symmetric_with_upright_names(matrix_panel, demo):
    matrix_panel.set_mode("cooccurrence", scope="transcript")
    assert matrix_panel.header.upright
    values = matrix_panel.model.grid.values
    assert values == matrices.cooccurrence(demo, scope="transcript").counts
    size = len(values)
    assert all(values[i][j] == values[j][i] for i in range(size) for j in range(size))
    row, column = next((i, j) for i in range(size) for j in range(size) if i != j and values[i][j])
    matrix_panel.select_cell(row, column)
    assert {p.segment.code_id for p in matrix_panel.segments.passages()} == {
        matrix_panel.model.grid.rows[row].key, matrix_panel.model.grid.columns[column].key}


def test_retrieval_panel_filters_and_opens(qtbot, demo):
    panel = RetrievalPanel()
    qtbot.addWidget(panel)
    panel.resize(1200, 700)
    panel.set_project(demo)
    panel.show()
    top = matrices.code_keys(demo)[0]
    panel.show_code(top.id, with_subthemes=True)
    everything = matrices.retrieve(demo, top.id, with_subthemes=True)
    assert len(panel.passages()) == len(everything) > 0
    panel.subthemes_box.setChecked(False)
    assert len(panel.passages()) == len(matrices.retrieve(demo, top.id))
    panel.subthemes_box.setChecked(True)
    lyon = panel.territory_combo.findText("Lyon")
    panel.territory_combo.setCurrentIndex(lyon)
    in_lyon = panel.passages()
    assert 0 < len(in_lyon) < len(everything)
    assert {p.segment.participant_code[:3] for p in in_lyon} == {"LYO"}
    assert "segments" in panel.segments.count_label.text()
    with qtbot.waitSignal(panel.open_requested) as signal:
        double_click_row(qtbot, panel.segments.view, 0)
    first = panel.segments.view.model().index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert signal.args == [first.transcript_id, first.start, first.end]
