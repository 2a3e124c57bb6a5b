"""The agreement panel on the demo study, in French: the table, the passages, reconciling, blind mode."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest

from app.core.coding import Coder
from app.services import agreement, agreement_view, blind
from app.services.demo import build_demo
from app.store.project import Project
from app.ui.agreement.models import AgreementModel, AgreementRow, KAPPA_BANDS
from app.ui.agreement.panel import AgreementPanel
from app.ui.models.base import ROW_ROLE

NARROW_NBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture
def panel(qtbot, demo):
    widget = AgreementPanel()
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.set_project(demo, current_coder_id=demo.coders.first("name = ?", ["Inès Moreau"]).id)
    widget.show()
    return widget


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def french_decimal(value: float) -> str:
    return f"{value:.2f}".replace(".", ",").replace("-", QLocale().negativeSign())


def kappa_of(project, pair, code_id):
    report = agreement.agreement(project, *pair)
    return next(code.table.kappa for code in report.codes if code.code_id == code_id)


def test_the_table_has_a_row_per_code_and_a_bold_overall_row_in_french_numbers(panel, demo, qtmodeltester):
    model = panel.agreement_model
    qtmodeltester.check(model)
    report = agreement.agreement(demo, *panel.coders())
    assert model.rowCount() == len(report.codes) + 1
    assert {cell(model, row, 0) for row in range(model.rowCount() - 1)} == {code.code for code in report.codes}
    last = model.rowCount() - 1
    assert cell(model, last, 0) == "Ensemble des codes"
    assert cell(model, last, 0, Qt.ItemDataRole.FontRole).bold()
    assert cell(model, 0, 0, Qt.ItemDataRole.FontRole) is None
    overall = report.overall
    assert cell(model, last, 3) == french_decimal(overall.kappa)  # 0,41 on the demo
    assert cell(model, last, 4) == french_decimal(overall.alpha)
    assert cell(model, last, 2) == f"{overall.percent_agreement:.1f}".replace(".", ",") + NBSP + "%"
    assert cell(model, last, 1).replace(NARROW_NBSP, " ").replace(NBSP, " ") == f"{report.units:,}".replace(",", " ")
    # Numbers right-aligned, headers too; kappa tinted by its band.
    assert cell(model, 0, 3, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Kappa"
    band = next(tint for bound, _name, tint in KAPPA_BANDS if overall.kappa < bound)
    assert cell(model, last, 3, Qt.ItemDataRole.BackgroundRole).color() == band
    assert "3 transcriptions comparées" in panel.summary_label.text().replace(NBSP, " ")


def test_an_undefined_kappa_shows_a_dash_with_the_reason(qtmodeltester):
    model = AgreementModel()
    model.set_rows([AgreementRow("Tout", "#888888", 120, 100.0, None, None, code_id="x")])
    qtmodeltester.check(model)
    assert cell(model, 0, 3) == "—" and cell(model, 0, 4) == "—"
    assert "hasard" in cell(model, 0, 3, Qt.ItemDataRole.ToolTipRole)


def test_double_click_and_enter_ask_to_open_the_passage(panel, qtbot):
    view = panel.disagreement_view
    first = cell(panel.disagreement_model, 0, 0, ROW_ROLE).disagreement
    rect = view.visualRect(view.model().index(0, 0))
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as opened:
        # a real double-click: press and release, then the second press Qt reads as a double-click
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [first.transcript_id, first.start, first.end]
    view.setFocus()
    view.selectRow(1)
    second = cell(panel.disagreement_model, 1, 0, ROW_ROLE).disagreement
    with qtbot.waitSignal(panel.open_requested, timeout=1000) as opened:
        QTest.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [second.transcript_id, second.start, second.end]


def test_selecting_a_code_shows_its_passages_only(panel, demo):
    code = demo.codes.first("name = ?", ["Isolement"])
    panel.select_code(code.id)
    rows = panel.disagreement_model.rows()
    expected = agreement.disagreements(demo, *panel.coders(), code="Isolement")
    assert [row.disagreement for row in rows] == expected and rows
    assert "Isolement" in panel.filter_label.text()
    assert panel.tabs.tabText(0) == f"Passages en désaccord ({len(expected)})"


def test_keep_makes_the_passage_go_away_and_agreement_rise(panel, demo, qtbot):
    pair = panel.coders()
    code = demo.codes.first("name = ?", ["Isolement"])
    panel.select_code(code.id)
    passages = [row.disagreement for row in panel.disagreement_model.rows()]
    before = kappa_of(demo, pair, code.id)
    assert len(passages) >= 3
    panel.disagreement_view.selectRow(1)
    steps = []
    panel.step_done.connect(steps.append)
    with qtbot.waitSignal(panel.changed):
        panel.keep_button.click()
    shown = [row.disagreement for row in panel.disagreement_model.rows()]
    assert shown == passages[:1] + passages[2:]
    assert kappa_of(demo, pair, code.id) > before
    # the table says so too, and the next passage is selected
    row = next(r for r in range(panel.agreement_model.rowCount()) if cell(panel.agreement_model, r, 0) == "Isolement")
    assert cell(panel.agreement_model, row, 3) == french_decimal(kappa_of(demo, pair, code.id))
    assert panel.disagreement_view.selectionModel().selectedRows()[0].row() == 1
    assert panel.disagreement_view.currentIndex().data(ROW_ROLE).disagreement == passages[2]
    # the step undoes it
    [step] = steps
    step.undo(demo)
    panel.refresh()
    assert [row.disagreement for row in panel.disagreement_model.rows()] == passages
    assert kappa_of(demo, pair, code.id) == before


def test_take_out_removes_the_passage(panel, demo, qtbot):
    first = cell(panel.disagreement_model, 0, 0, ROW_ROLE).disagreement
    panel.disagreement_view.selectRow(0)
    with qtbot.waitSignal(panel.changed):
        panel.drop_button.click()
    assert first not in [row.disagreement for row in panel.disagreement_model.rows()]
    assert first not in agreement.disagreements(demo, *panel.coders())
    event = demo.audit_log.find("action = 'coding_reconciled'")[-1]
    assert event.actor == "Inès Moreau"


def test_the_blind_checkbox_sets_the_study_flag_and_hides_unfinished_transcripts(panel, demo, qtbot):
    assert not panel.blind_box.isChecked()
    with qtbot.waitSignal(panel.changed):
        panel.blind_box.setChecked(True)
    assert blind.is_blind(demo)
    assert demo.audit_log.find("action = 'blind_coding_on'")[-1].actor == "Inès Moreau"
    statement = panel.blind_label.text().replace(NBSP, " ")
    assert "3 transcriptions sont laissées de côté" in statement
    # nothing of either coder is shown until both are done
    assert panel.disagreement_model.rowCount() == 0 and panel.agreement_model.rowCount() == 0
    assert panel.table_stack.currentWidget() is panel.empty_label and "aveugle" in panel.empty_label.text()
    assert all(row.compared is False for row in panel.pass_model.rows())
    # both done with one transcript: that one is compared
    pair = panel.coders()
    ids = [demo.coders.first("name = ?", [name]).id for name in pair]
    shared = [row.transcript_id for row in agreement_view.compare(demo, *pair).passes
              if "not_started" not in (row.a, row.b)]
    for coder_id in ids:
        blind.mark_done(demo, coder_id, shared[0])
    panel.refresh()
    assert {row.disagreement.transcript_id for row in panel.disagreement_model.rows()} == {shared[0]}
    assert "2 transcriptions sont laissées" in panel.blind_label.text().replace(NBSP, " ")
    with qtbot.waitSignal(panel.changed):
        panel.blind_box.setChecked(False)
    assert not blind.is_blind(demo)


def test_choosing_the_same_coder_twice_swaps_them(panel):
    a, b = panel.coders()
    panel.coder_a_combo.setCurrentText(b)
    assert panel.coders() == (b, a)
    assert panel.coder_b_combo.currentText() == a


def test_fewer_than_two_coders_gives_a_calm_sentence(qtbot, tmp_path):
    with Project.open(build_demo(tmp_path / "other.terrain")) as project:
        project.db.execute("DELETE FROM coding")
        for coder in project.coders.find():
            project.coders.delete(coder.id)
        project.coders.insert(Coder(study_id=project.study().id, name="Seule"))
        widget = AgreementPanel()
        qtbot.addWidget(widget)
        widget.set_project(project)
        assert widget.stack.currentWidget() is widget.no_coders_label
        assert "moins de deux" in widget.no_coders_label.text()
        assert not widget.coder_a_combo.isVisibleTo(widget)


def test_two_coders_with_nothing_in_common_are_told_what_to_do(qtbot, demo):
    demo.coders.insert(Coder(study_id=demo.study().id, name="Nouvelle"))
    widget = AgreementPanel()
    qtbot.addWidget(widget)
    widget.set_project(demo)
    widget.set_coders("Inès Moreau", "Nouvelle")
    assert widget.table_stack.currentWidget() is widget.empty_label
    assert "n’ont pas codé les mêmes transcriptions" in widget.empty_label.text()
    assert widget.disagreement_model.rowCount() == 0
