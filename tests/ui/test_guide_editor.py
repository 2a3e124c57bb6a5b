"""The guide editor on the small study: edits reach the database through the services, a frozen
guide stays as it was used, and the checker's findings show, go and are dismissed with a reason.

The small study's guide (version 2) has served in three interviews: tests that edit work on a
new version (3), made the way the editor's banner makes it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPointF, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QToolTip

from app.services import guides
from app.ui.guide import dialogs
from app.ui.guide.checking import code_point_at, utf16_positions
from app.ui.guide.editor import GuideEditor
from app.ui.guide.tree import ID_ROLE
from app.ui.translations import apply_language

LEADING_FR = "N’êtes-vous pas satisfait de votre travail ?"
CLOSED_FR = "Est-ce que vous êtes satisfait de votre travail ?"


@pytest.fixture
def editor(qtbot, project):
    widget = GuideEditor()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.load(project)
    yield widget
    widget.release()  # before the project closes


@pytest.fixture
def draft(editor, project):
    """The editor on an editable version (3) of the small study's guide."""
    editor.create_new_version()
    assert editor.editable
    return editor


def titles(project, guide_id) -> list[list[str]]:
    outline = guides.load_outline(project, guide_id)
    return [[section.section.title] + [q.question.text for q in section.questions] for section in outline.sections]


def select_question(editor, number: int) -> str:
    """Select the n-th question of the outline (1 = the first); returns its id."""
    items = [editor.tree.topLevelItem(s).child(q) for s in range(editor.tree.topLevelItemCount())
             for q in range(editor.tree.topLevelItem(s).childCount())]
    editor.tree.setCurrentItem(items[number - 1])
    return items[number - 1].data(0, ID_ROLE)


def stored_text(project, question_id) -> str:
    return project.questions.get(question_id).text


def shown(editor, qtbot) -> None:
    """Shortcuts reach only the focused widget of the active window."""
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)


def rules_shown(editor) -> list[str]:
    return [card.finding.rule for card in editor.findings_panel.cards if card.reason is None]


# editing -------------------------------------------------------------------------------------------
def test_typing_is_saved_after_a_pause(draft, project, qtbot):
    question_id = select_question(draft, 2)
    draft.question_panel.text_edit.selectAll()
    qtbot.keyClicks(draft.question_panel.text_edit, "Comment avez-vous entendu parler de nous ?")
    assert stored_text(project, question_id) == "Comment avez-vous connu la coopérative ?"  # not yet
    assert draft.tree.currentItem().text(0) == "2. Comment avez-vous entendu parler de nous ?"
    qtbot.waitUntil(lambda: stored_text(project, question_id) == "Comment avez-vous entendu parler de nous ?",
                    timeout=2000)


def test_no_break_spaces_survive_editing(draft, project, qtbot):
    question_id = select_question(draft, 2)
    draft.question_panel.replace_text("Comment l’avez-vous connue\u00a0? «\u00a0La coopérative\u00a0»")
    draft.flush()
    assert stored_text(project, question_id) == "Comment l’avez-vous connue\u00a0? «\u00a0La coopérative\u00a0»"


def test_other_fields_are_saved(draft, project, qtbot):
    question_id = select_question(draft, 1)
    panel = draft.question_panel
    panel.sensitive_box.click()
    panel.intent_box.setCurrentIndex(panel.intent_box.findData("closing"))
    panel.intent_box.activated.emit(panel.intent_box.currentIndex())
    panel.minutes_box.setValue(12.5)
    panel.reminder_edit.setPlainText("Rappeler qu’on peut s’arrêter.")
    first_indicator = panel.indicator_list.item(0)
    first_indicator.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: project.questions.get(question_id).reminder == "Rappeler qu’on peut s’arrêter.",
                    timeout=2000)
    question = project.questions.get(question_id)
    assert (question.is_sensitive, question.intent, question.estimated_minutes) == (True, "closing", 12.5)
    assert project.indicator_ids_of_question(question_id) == [first_indicator.data(Qt.ItemDataRole.UserRole)]
    assert panel.tabs.tabText(1) == "Indicateurs (1)"


def test_switching_question_saves_what_was_typed_at_once(draft, project, qtbot):
    question_id = select_question(draft, 1)
    draft.question_panel.replace_text("Racontez-moi votre parcours professionnel.")
    select_question(draft, 3)
    assert stored_text(project, question_id) == "Racontez-moi votre parcours professionnel."


def test_section_title_and_notes_are_saved(draft, project, qtbot):
    draft.tree.setCurrentItem(draft.tree.topLevelItem(0))
    assert draft.panels.currentWidget() is draft.section_panel
    section_id = draft.tree.topLevelItem(0).data(0, ID_ROLE)
    draft.section_panel.title_edit.selectAll()
    qtbot.keyClicks(draft.section_panel.title_edit, "Le parcours")
    draft.section_panel.notes_edit.setPlainText("Laisser la personne dérouler.")
    qtbot.waitUntil(lambda: project.sections.get(section_id).notes == "Laisser la personne dérouler.", timeout=2000)
    assert project.sections.get(section_id).title == "Le parcours"
    assert draft.tree.topLevelItem(0).text(0) == "Le parcours"


# outline commands ----------------------------------------------------------------------------------
def test_keyboard_adds_a_question_after_the_selected_one_and_a_section(draft, project, qtbot):
    shown(draft, qtbot)
    select_question(draft, 1)
    draft.tree.setFocus()
    qtbot.keyClick(draft.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert titles(project, draft.guide.id)[0] == ["Parcours", "Racontez-moi votre parcours.", "",
                                                  "Comment avez-vous connu la coopérative ?"]
    assert draft.question_panel.text_edit.hasFocus()
    assert draft.tree.currentItem().text(0) == "2. (question à écrire)"
    qtbot.keyClick(draft.question_panel.text_edit, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [section[0] for section in titles(project, draft.guide.id)] == [
        "Parcours", "Nouvelle section", "Le travail aujourd’hui"]
    assert draft.section_panel.title_edit.hasFocus()


def test_delete_names_the_question_and_asks_first(draft, project, messages):
    question_id = select_question(draft, 2)
    draft.tree.setFocus()
    draft.delete_action.trigger()
    assert messages[-1][0] == "question"
    assert "«\u00a0Comment avez-vous connu la coopérative ?\u00a0»" in messages[-1][2]
    assert project.questions.count("id = ?", [question_id]) == 0
    assert titles(project, draft.guide.id)[0] == ["Parcours", "Racontez-moi votre parcours."]


def test_delete_a_section_says_how_many_questions_go(draft, project, messages):
    draft.tree.setCurrentItem(draft.tree.topLevelItem(1))
    draft.delete_action.trigger()
    assert "«\u00a0Le travail aujourd’hui\u00a0» et ses 2 questions" in messages[-1][2]
    assert [section[0] for section in titles(project, draft.guide.id)] == ["Parcours"]


def test_refusing_the_confirmation_keeps_the_question(draft, project, monkeypatch):
    monkeypatch.setattr(dialogs, "confirm_delete_question", lambda parent, text: False)
    question_id = select_question(draft, 1)
    draft.delete_action.trigger()
    assert project.questions.count("id = ?", [question_id]) == 1


def test_alt_arrows_move_questions_within_and_across_sections(draft, project, qtbot):
    shown(draft, qtbot)
    question_id = select_question(draft, 2)
    draft.tree.setFocus()
    qtbot.keyClick(draft.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles(project, draft.guide.id)[0][1:] == ["Comment avez-vous connu la coopérative ?",
                                                      "Racontez-moi votre parcours."]
    draft.move_current(1)
    draft.move_current(1)  # past the end of its section: first of the next one
    outline = titles(project, draft.guide.id)
    assert outline[1][1] == "Comment avez-vous connu la coopérative ?"
    assert draft.tree.currentItem().data(0, ID_ROLE) == question_id


def test_sections_move_up_and_down(draft, project):
    draft.tree.setCurrentItem(draft.tree.topLevelItem(1))
    draft.move_up_action.trigger()
    assert [section[0] for section in titles(project, draft.guide.id)] == ["Le travail aujourd’hui", "Parcours"]


def drop(tree, moved_item, parent_item, row: int) -> bool:
    """A drop made through the model, as the view makes it at the end of a drag."""
    model = tree.model()
    data = model.mimeData([tree.indexFromItem(moved_item)])
    parent = tree.indexFromItem(parent_item) if parent_item is not None else QModelIndex()
    return model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, parent)


def test_dropping_a_question_into_another_section_persists(draft, project, qtbot):
    tree = draft.tree
    assert tree.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    moved = tree.topLevelItem(0).child(0)
    moved_id = moved.data(0, ID_ROLE)
    assert drop(tree, moved, tree.topLevelItem(1), 1)
    qtbot.waitUntil(lambda: len(titles(project, draft.guide.id)[0]) == 2)
    assert titles(project, draft.guide.id)[1] == ["Le travail aujourd’hui", "Comment se passe votre travail ?",
                                                  "Racontez-moi votre parcours.", "Comment vivez-vous vos revenus ?"]
    qtbot.waitUntil(lambda: tree.currentItem() is not None and tree.currentItem().data(0, ID_ROLE) == moved_id)


def test_dropping_within_a_section_and_reordering_sections_persists(draft, project, qtbot):
    tree = draft.tree
    assert drop(tree, tree.topLevelItem(0).child(0), tree.topLevelItem(0), -1)  # to the end of its section
    qtbot.waitUntil(lambda: titles(project, draft.guide.id)[0][1] == "Comment avez-vous connu la coopérative ?")
    qtbot.waitUntil(lambda: tree.topLevelItem(0).child(1).text(0) == "2. Racontez-moi votre parcours.")
    assert drop(tree, tree.topLevelItem(1), None, 0)
    qtbot.waitUntil(lambda: titles(project, draft.guide.id)[0][0] == "Le travail aujourd’hui")


def test_impossible_drops_are_refused(draft, project):
    tree = draft.tree
    before = titles(project, draft.guide.id)
    assert not drop(tree, tree.topLevelItem(0), tree.topLevelItem(1), 0)  # a section inside a section
    assert not drop(tree, tree.topLevelItem(0).child(0), None, 1)  # a question between sections
    assert titles(project, draft.guide.id) == before


# versions ------------------------------------------------------------------------------------------
def test_a_frozen_guide_is_read_only_and_a_new_version_opens_it(editor, project, qtbot):
    used = project.current_guide()
    assert used.is_frozen and editor.guide.id == used.id
    assert not editor.version_bar.banner.isHidden()
    assert editor.version_bar.banner_label.text().startswith("Ce guide a servi en entretien (version 2, figée le ")
    assert editor.version_bar.banner_label.text().endswith("\u00a0: pour le modifier, créez une nouvelle version.")
    select_question(editor, 1)
    assert editor.question_panel.text_edit.isReadOnly()
    assert not editor.question_panel.sensitive_box.isEnabled()
    assert not editor.add_question_action.isEnabled() and not editor.delete_action.isEnabled()
    assert not editor.tree.dragEnabled() and not editor.question_panel.probes.library.isEnabled()

    editor.version_bar.new_version_button.click()
    assert editor.guide.version == 3 and editor.editable
    assert editor.version_bar.banner.isHidden()
    assert editor.version_bar.version_box.count() == 2
    assert editor.version_bar.version_box.currentText() == "Version 3 — brouillon, modifiable"
    assert "figée le" in editor.version_bar.version_box.itemText(0) and "3 entretiens" in \
        editor.version_bar.version_box.itemText(0)
    assert project.interviews.count("guide_id = ?", [used.id]) == 3
    assert project.interviews.count("guide_id = ?", [editor.guide.id]) == 0
    assert titles(project, editor.guide.id) == titles(project, used.id)


def test_the_version_selector_shows_an_older_version(draft, project):
    box = draft.version_bar.version_box
    box.setCurrentIndex(0)
    box.activated.emit(0)
    assert draft.guide.version == 2 and not draft.editable
    assert draft.version_bar.new_version_button.text() == "Ouvrir la version 3"
    draft.version_bar.new_version_button.click()
    assert draft.guide.version == 3 and draft.editable


# the checker ---------------------------------------------------------------------------------------
def test_a_leading_question_is_underlined_listed_and_fixed_by_the_suggestion(draft, project, qtbot):
    question_id = select_question(draft, 3)
    draft.question_panel.replace_text(LEADING_FR)
    qtbot.waitUntil(lambda: "leading" in rules_shown(draft), timeout=2000)
    assert draft.question_panel.text_edit.extraSelections()
    card = next(card for card in draft.findings_panel.cards if card.finding.rule == "leading")
    assert card.findChildren(type(card.message_label))[0].text() == "Question orientée"
    assert draft.tree.currentItem().data(1, Qt.ItemDataRole.UserRole + 2) == len(rules_shown(draft))
    hits = draft.question_panel.underlines.findings_at(card.finding.start)
    assert any(f.rule == "leading" for f in hits)
    assert "Question orientée" in tooltip_at(draft.question_panel.text_edit, card.finding.start + 1)
    card.replace_button.click()
    qtbot.waitUntil(lambda: "leading" not in rules_shown(draft), timeout=2000)
    assert draft.question_panel.text() == card.finding.suggestion
    qtbot.waitUntil(lambda: stored_text(project, question_id) == card.finding.suggestion, timeout=2000)


def tooltip_at(text_edit, position: int) -> str:
    """The tooltip shown when the mouse rests on the character at ``position``."""
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(position)
    point = text_edit.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, text_edit.viewport().mapToGlobal(point))
    QApplication.sendEvent(text_edit.viewport(), event)
    return QToolTip.text()


def test_dismissing_a_finding_keeps_its_reason_and_shows_it_greyed(draft, project, qtbot, monkeypatch):
    reason = "Fermée à dessein\u00a0: question de confirmation"
    asked = []
    monkeypatch.setattr(dialogs, "ask_dismiss_reason", lambda parent, rule: asked.append(rule) or reason)
    question_id = select_question(draft, 2)
    draft.question_panel.replace_text(CLOSED_FR)
    qtbot.waitUntil(lambda: "closed" in rules_shown(draft), timeout=2000)
    markers_before = draft.tree.currentItem().data(1, Qt.ItemDataRole.UserRole + 2)
    card = next(card for card in draft.findings_panel.cards if card.finding.rule == "closed")
    card.dismiss_button.click()
    assert asked == ["closed"]
    assert guides.dismissals(project, draft.guide.id) == {question_id: {"closed": reason}}
    greyed = next(card for card in draft.findings_panel.cards if card.reason is not None)
    assert greyed.finding.rule == "closed" and greyed.restore_button is not None
    texts = [label.text() for label in greyed.findChildren(type(greyed.message_label))]
    assert f"Ignorée\u00a0: {reason}" in texts
    assert "closed" not in rules_shown(draft)
    assert draft.tree.currentItem().data(1, Qt.ItemDataRole.UserRole + 2) == markers_before - 1

    # Remembered: the same question, shown again, still has it dismissed.
    select_question(draft, 1)
    select_question(draft, 2)
    greyed = next(card for card in draft.findings_panel.cards if card.reason is not None)
    greyed.restore_button.click()
    assert guides.dismissals(project, draft.guide.id) == {}
    assert "closed" in rules_shown(draft)


def test_guide_level_findings_are_listed_under_the_outline(draft, project, qtbot):
    select_question(draft, 1)
    draft.question_panel.replace_text(CLOSED_FR)
    draft.check_guide()
    panel = draft.report_panel
    assert panel.toggle.text().startswith("Vérification du guide")
    assert panel.summary_label.text().startswith("Questions fermées\u00a0: ")
    assert panel.list.count() >= 1
    panel.toggle.click()
    assert panel.list.isHidden()


# probes --------------------------------------------------------------------------------------------
def test_the_probe_library_attaches_a_probe_in_one_click(draft, project, qtbot):
    shown(draft, qtbot)
    question_id = select_question(draft, 2)
    probes = draft.question_panel.probes
    draft.question_panel.tabs.setCurrentIndex(0)
    item = probes.library.item(0)
    assert item.data(Qt.ItemDataRole.UserRole) == "Pouvez-vous m’en dire plus\u00a0?"
    rect = probes.library.visualItemRect(item)
    qtbot.mouseClick(probes.library.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [p.text for p in project.probes_of(question_id)] == ["Pouvez-vous m’en dire plus\u00a0?"]
    assert item.text().startswith("✓")
    qtbot.mouseClick(probes.library.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(project.probes_of(question_id)) == 1  # never twice
    assert draft.question_panel.tabs.tabText(0) == "Relances (1)"


def test_probes_are_added_edited_and_removed(draft, project, qtbot):
    question_id = select_question(draft, 1)
    probes = draft.question_panel.probes
    probes.new_probe.setText("Et après ?")
    probes.add_button.click()
    assert [p.text for p in project.probes_of(question_id)][-1] == "Et après ?"
    item = probes.probe_list.item(probes.probe_list.count() - 1)
    item.setText("Et après cela ?")
    assert [p.text for p in project.probes_of(question_id)][-1] == "Et après cela ?"
    probes.probe_list.setCurrentItem(item)
    probes.remove_button.click()
    assert "Et après cela ?" not in [p.text for p in project.probes_of(question_id)]


# text positions ------------------------------------------------------------------------------------
def test_positions_count_emoji_as_qt_does():
    text = "Vous 🙂 diriez ?"
    positions = utf16_positions(text)
    assert positions[5] == 5 and positions[6] == 7 and positions[len(text)] == len(text) + 1
    assert code_point_at(text, 7) == 6


# languages -----------------------------------------------------------------------------------------
def test_the_editor_speaks_french(draft):
    assert draft.tree.headerItem().text(0) == "Sections et questions"
    assert draft.add_question_action.toolTip().startswith("Ajouter une question après celle choisie")
    hint = draft.question_panel.probes.library_hint.text()
    assert hint == "Relances neutres\u00a0: un clic l’ajoute à la question."


def test_the_editor_speaks_english(qapp, qtbot, project, request):
    apply_language(qapp, "en")
    editor = GuideEditor()
    qtbot.addWidget(editor)
    editor.load(project)
    request.addfinalizer(editor.release)
    assert editor.version_bar.banner_label.text().startswith("This guide was used in an interview (version 2")
    assert editor.version_bar.new_version_button.text() == "Create a new version"
    editor.create_new_version()
    select_question(editor, 1)
    editor.question_panel.replace_text(LEADING_FR)
    editor.check_current_question()
    assert editor.findings_panel.summary_label.text().endswith("to look at.")
    card = next(card for card in editor.findings_panel.cards if card.finding.rule == "leading")
    assert card.findChildren(type(card.message_label))[0].text() == "Leading question"
    assert card.replace_button.text() == "Replace with the suggestion"
    assert editor.question_panel.tabs.tabText(0).startswith("Probes (")


def test_closing_the_window_saves_what_was_just_typed(window, project, qtbot):
    window.show()
    window.show_area("guide")
    editor = window.area("guide").editor
    editor.create_new_version()
    question_id = select_question(editor, 1)
    editor.question_panel.replace_text("Racontez-moi votre parcours, depuis le début.")
    window.close()
    assert stored_text(project, question_id) == "Racontez-moi votre parcours, depuis le début."


class FakeDrop:
    """What _drop_place reads from a drop event: where the mouse is."""

    def __init__(self, point):
        self._point = point

    def position(self):
        return QPointF(self._point)


def place_for(tree, moved, target, indicator, monkeypatch):
    tree.setCurrentItem(moved)
    monkeypatch.setattr(tree, "dropIndicatorPosition", lambda: indicator)
    return tree._drop_place(FakeDrop(tree.visualItemRect(target).center()))


def test_mouse_drops_land_where_the_indicator_shows(draft, monkeypatch):
    tree = draft.tree
    draft.show()
    Indicator = QAbstractItemView.DropIndicatorPosition
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    question = first.child(0)
    # A question below another question: just after it, in that question's section.
    assert place_for(tree, question, second.child(0), Indicator.BelowItem, monkeypatch) == (second, 1)
    # A question onto a section: at the end of that section.
    assert place_for(tree, question, second, Indicator.OnItem, monkeypatch) == (second, -1)
    # A question just above a section header: at the end of the section before.
    assert place_for(tree, second.child(0), second, Indicator.AboveItem, monkeypatch) == (first, -1)
    # A section onto another one takes its place.
    assert place_for(tree, first, second, Indicator.OnItem, monkeypatch) == (None, 2)
    assert place_for(tree, second, first, Indicator.AboveItem, monkeypatch) == (None, 0)


def test_a_guide_frozen_meanwhile_says_so_and_turns_read_only(draft, project, qtbot, messages):
    select_question(draft, 1)
    guides.freeze(project, draft.guide.id)  # an interview started on another screen
    draft.question_panel.replace_text("Racontez-moi tout.")
    draft.flush()
    assert messages[-1][0] == "information" and "version 3" in messages[-1][2]
    qtbot.waitUntil(lambda: not draft.editable)
    assert not draft.version_bar.banner.isHidden()
    assert draft.question_panel.text_edit.isReadOnly()


def test_enter_goes_to_the_wording_and_escape_comes_back(draft, qtbot):
    shown(draft, qtbot)
    select_question(draft, 1)
    draft.tree.setFocus()
    qtbot.keyClick(draft.tree, Qt.Key.Key_Return)
    assert draft.question_panel.text_edit.hasFocus()
    qtbot.keyClick(draft.question_panel.text_edit, Qt.Key.Key_Escape)
    assert draft.tree.hasFocus()


def test_an_empty_project_offers_to_create_its_guide(qtbot, tmp_path):
    from app.store.project import Project
    from app.ui.guide.editor import GuideEditor

    with Project.create(tmp_path / "empty.terrain", "Étude vide") as empty:
        editor = GuideEditor()
        qtbot.addWidget(editor)
        editor.load(empty)
        assert not editor.create_guide_button.isHidden()
        qtbot.mouseClick(editor.create_guide_button, Qt.MouseButton.LeftButton)
        guide = empty.current_guide()
        assert guide is not None and guide.version == 1 and guide.title == "Guide d’entretien"
        assert editor.guide.id == guide.id
        assert editor.create_guide_button.isHidden()
