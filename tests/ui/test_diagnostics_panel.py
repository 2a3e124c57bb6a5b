"""The diagnostics panel and the interviewer feedback view, on the demo study, in French."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import participants as people
from app.services.demo import build_demo
from app.store.project import Project
from app.ui.diagnostics import DiagnosticsPanel
from app.ui.main_window import MainWindow


@pytest.fixture
def demo(tmp_path):
    with Project.open(build_demo(tmp_path / "demo.terrain")) as project:
        yield project


def transcript_id(project: Project, code: str) -> str:
    return next(t.id for t in project.transcripts.find() if t.title.startswith(code))


@pytest.fixture
def panel(qtbot):
    widget = DiagnosticsPanel()
    qtbot.addWidget(widget)
    widget.resize(1000, 760)
    return widget


def card(panel: DiagnosticsPanel, name: str):
    return next(c for c in panel.grid.cards if c.figure.name == name)


def test_dro01_shows_the_interviewer_talking_too_much(panel, demo, qtmodeltester):
    panel.show_transcript(demo, transcript_id(demo, "DRO-01"))
    assert len(panel.grid.cards) == 10
    share = card(panel, "interviewer_word_share")
    assert share.figure.level == "alert"
    assert share.badge.text() == "◆ À travailler"          # a symbol and a word, not colour alone
    assert share.value_label.text() == "47\u00a0%"
    assert "règle des 80/20" in share.toolTip() and "silence" in share.toolTip()  # meaning and tip on hover
    assert not share.tip_label.isVisibleTo(panel)
    panel.explain_box.setChecked(True)
    assert share.tip_label.isVisibleTo(panel) and "silence" in share.tip_label.text()
    assert card(panel, "leading_questions").badge.text() == "✓ Bien"
    assert not card(panel, "leading_questions").tip_label.isVisibleTo(panel)
    assert "L’introduction (les 2 premiers tours" in panel.note_label.text()
    qtmodeltester.check(panel.moment_model)
    whats = [panel.moment_model.row_at(r).what for r in range(panel.moment_model.rowCount())]
    assert "Réponse coupée" in whats


def test_lyo01_lists_its_leading_questions_and_a_click_asks_for_the_turn(panel, demo, qtbot):
    tid = transcript_id(demo, "LYO-01")
    panel.show_transcript(demo, tid)
    assert card(panel, "leading_questions").figure.value >= 3
    rows = panel.moment_model.rows()
    leading = [m for m in rows if m.what.startswith("Question orientée")]
    assert len(leading) >= 3 and "«\u00a0vous ne trouvez pas\u00a0»" in leading[0].what
    assert [m.position for m in rows] == sorted(m.position for m in rows)
    panel.show()
    view = panel.moment_view
    index = view.model().index(0, 1)
    with qtbot.waitSignal(panel.turn_requested) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert signal.args == [tid, rows[0].position]


def test_dro02_lists_answers_given_by_the_daughter(panel, demo):
    panel.show_transcript(demo, transcript_id(demo, "DRO-02"))
    assert card(panel, "third_party_answers").figure.value > 0
    assert any(m.what == "Réponse d’un tiers" for m in panel.moment_model.rows())


def test_options_count_the_introduction_and_explain_the_figures(panel, demo):
    panel.show_transcript(demo, transcript_id(demo, "DRO-01"))
    before = card(panel, "interviewer_word_share").figure.value
    panel.intro_box.setChecked(True)
    assert panel.diagnostics.include_intro and panel.diagnostics.intro_turns == 0
    assert card(panel, "interviewer_word_share").figure.value > before
    assert "Tous les tours sont comptés" in panel.note_label.text()
    panel.explain_box.setChecked(True)
    assert all(c.explanation_label.isVisibleTo(panel) for c in panel.grid.cards)
    assert all(c.tip_label.isVisibleTo(panel) == bool(c.figure.tip) for c in panel.grid.cards)


def test_clearing_and_a_withdrawn_participant(panel, demo):
    tid = transcript_id(demo, "LYO-01")
    panel.show_transcript(demo, tid)
    panel.show_transcript(demo, None)
    assert panel.diagnostics is None and panel.grid.cards == [] and panel.moment_model.rowCount() == 0
    people.withdraw(demo, people.by_code(demo, "LYO-01").id)
    panel.show_transcript(demo, tid)
    assert panel.diagnostics is None
    assert "s’est retiré·e" in panel.note_label.text()


def test_the_panel_works_in_a_narrow_pane(panel, demo, qtbot):
    panel.resize(420, 700)
    panel.show()
    panel.show_transcript(demo, transcript_id(demo, "LYO-01"))
    qtbot.waitUntil(lambda: panel.grid.grid.columnStretch(1) == 0)
    positions = {panel.grid.grid.getItemPosition(panel.grid.grid.indexOf(c))[1] for c in panel.grid.cards}
    assert positions == {0}  # one column


def test_feedback_tab_in_the_analysis_area(qtbot, demo, settings, qtmodeltester):
    window = MainWindow(demo, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_area("analysis")
    area = window.area("analysis")
    tabs = [area.tabs.tabText(i) for i in range(area.tabs.count())]
    assert tabs[0] == "Vue d’ensemble" and tabs[-1] == "Retours aux enquêteur·rices"
    area.show_feedback()
    view = area.feedback
    names = [view.combo.itemText(i) for i in range(view.combo.count())]
    assert names[0].startswith("Julien Peyrac (2 entretiens transcrits)")
    julien = next(i.id for i in demo.interviewers.find() if i.name == "Julien Peyrac")
    view.show_interviewer(julien)
    assert "jamais un·e enquêteur·rice à un·e autre" in view.note_label.text()
    qtmodeltester.check(view.summary_model)
    qtmodeltester.check(view.interviews_model)
    assert view.summary_model.rowCount() == 10
    assert [r.participant_code for r in view.interviews_model.rows()] == ["LYO-01", "BXL-03"]
    leading = view.summary_model.index(4, 4).data()
    assert leading == "◆ À travailler"
    cell = view.interviews_model.index(0, 4).data()  # LYO-01's leading questions
    assert cell.startswith("◆ ")
    assert view.interviews_model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_feedback_for_an_interviewer_without_transcripts(qtbot, demo):
    from app.core.interviews import Interviewer
    from app.ui.diagnostics import InterviewerFeedbackView

    newcomer = Interviewer(study_id=demo.study().id, name="Zoé Nouvelle")
    demo.interviewers.insert(newcomer)
    view = InterviewerFeedbackView()
    qtbot.addWidget(view)
    view.load(demo)
    view.show_interviewer(newcomer.id)
    assert view.feedback.interviews == ()
    assert "Pas encore d’entretien transcrit pour Zoé Nouvelle" in view.empty_label.text()
    assert view.summary_model.rowCount() == 0
