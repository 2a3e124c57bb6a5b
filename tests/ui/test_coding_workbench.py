"""The coding workbench on the demo study: offsets, applying codes, codings here, undo, blind coding."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from app.core.records import utc_now
from app.core.transcripts import Transcript, Turn
from app.services import blind, codebook, participants
from app.services.coding import full_text_of
from app.ui.coding import CODE_MIME_TYPE, CodingWorkbench
from app.ui.coding.lanes import pack_lanes
from app.ui.coding.offsets import OffsetMap, snap_to_words
from app.ui.coding.palette import folded, ordered_matches
from app.ui.coding.text_view import CodedTextView

EMOJI_TURNS = [
    ("Enquêtrice", "interviewer", "Et la coopérative 😀 alors ?"),
    ("Participante", "participant", "Franchement 👍🏽 ça m’a sortie de l’isolement, vraiment."),
    ("", "unknown", "𝄞 musique"),
    ("Participante", "participant", "Voilà."),
]


# offsets, without a window --------------------------------------------------------------------------------------
def test_offset_map_counts_utf16_for_the_document_and_code_points_for_the_text():
    offsets = OffsetMap(EMOJI_TURNS)
    full = "\n".join(text for _label, _role, text in EMOJI_TURNS)
    assert offsets.full_text == full
    assert offsets.document_length == len(offsets.document_text().encode("utf-16-le")) // 2
    document = offsets.document_text()
    for start in range(len(full)):
        for end in range(start + 1, min(len(full), start + 12) + 1):
            begin, finish = offsets.span_to_document(start, end)
            assert offsets.span_to_full_text(begin, finish) == (start, end)
    # Inside one turn, the document's characters there are the full text's characters.
    word = full.index("isolement")
    begin, finish = offsets.span_to_document(word, word + len("isolement"))
    units = document.encode("utf-16-le")
    assert units[2 * begin:2 * finish].decode("utf-16-le") == "isolement"


def test_a_selection_starting_in_a_speaker_label_starts_at_the_turn():
    offsets = OffsetMap(EMOJI_TURNS)
    second_turn = offsets.full_text.index("Franchement")
    label_start = offsets.to_document(second_turn) - len("Participante") - 1
    assert offsets.to_full_text(label_start) == second_turn


def test_snap_to_words_widens_to_whole_words_and_trims_spaces():
    text = "Franchement ça m’a sortie de l’isolement, vraiment."
    start = text.index("ment ça")  # inside « Franchement »
    end = text.index("isolement") + 3  # inside « isolement »
    assert text[slice(*snap_to_words(text, start, end))] == "Franchement ça m’a sortie de l’isolement"
    assert snap_to_words(text, 11, 12) == (12, 12)  # a lone space: nothing to code


def test_lanes_put_overlapping_spans_side_by_side():
    lanes = pack_lanes([("a", 0, 10), ("b", 5, 15), ("c", 10, 20), ("d", 2, 4)])
    assert lanes["a"] != lanes["b"] and lanes["a"] != lanes["d"]
    assert lanes["c"] == lanes["a"]  # touching, not overlapping


def test_the_palette_matches_without_accents_and_puts_recent_codes_first():
    class Named:
        def __init__(self, id, name):
            self.id, self.name = id, name

    codes = [Named("1", "Isolement"), Named("2", "Allègement administratif"), Named("3", "École")]
    assert folded("Allègement") == "allegement"
    assert [code.id for code in ordered_matches(codes, "ALLEG", [])] == ["2"]
    assert [code.id for code in ordered_matches(codes, "ecole", [])] == ["3"]
    assert [code.id for code in ordered_matches(codes, "", ["3", "2"])] == ["3", "2", "1"]


# the text view --------------------------------------------------------------------------------------------------
def test_the_view_document_has_exactly_the_mapped_positions(qtbot):
    view = CodedTextView()
    qtbot.addWidget(view)
    view.load(EMOJI_TURNS)
    assert view.document().characterCount() - 1 == view.offsets.document_length
    full = view.offsets.full_text
    for word in ("coopérative", "😀", "isolement", "👍🏽", "musique", "Voilà"):
        start = full.index(word)
        view.select_span(start, start + len(word))
        assert view.textCursor().selectedText() == word
        assert view.selected_span() == (start, start + len(word))


# the workbench on the demo ------------------------------------------------------------------------------------------
def coder_named(project, first_name):
    return project.coders.first("name LIKE ?", [f"{first_name}%"])


@pytest.fixture
def workbench(qtbot, demo):
    bench = CodingWorkbench()
    qtbot.addWidget(bench)
    bench.resize(1280, 800)
    bench.show()
    bench.set_project(demo, coder_named(demo, "Inès").id)
    yield bench
    bench.shutdown()


def transcript_of(project, participant_code):
    return project.db.execute(
        "SELECT tr.id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id "
        "JOIN participant p ON p.id = iv.participant_id WHERE p.code = ?", [participant_code]).fetchone()[0]


def code_named(project, name):
    return project.codes.first("name = ?", [name])


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def select_words(bench, words: str, occurrence: int = 0) -> tuple[int, int]:
    """Select words in the view the way a person does: by document position, found in Qt's own text."""
    document_text = bench.view.document().toPlainText()
    position = -1
    for _ in range(occurrence + 1):
        position = document_text.index(words, position + 1)
    # Python counts code points; the document counts UTF-16 units, where an emoji takes two.
    begin = utf16(document_text[:position])
    cursor = QTextCursor(bench.view.document())
    cursor.setPosition(begin)
    cursor.setPosition(begin + utf16(words), QTextCursor.MoveMode.KeepAnchor)
    bench.view.setTextCursor(cursor)
    return bench.view.selected_span()


def test_the_chooser_lists_the_transcripts_that_may_be_coded(workbench, demo):
    titles = [workbench.chooser.itemText(index) for index in range(workbench.chooser.count())]
    assert titles == [row[0] for row in demo.db.execute("SELECT title FROM transcript ORDER BY title")]
    participant = participants.by_code(demo, "DRO-02")
    participants.withdraw(demo, participant.id)
    workbench.reload()
    assert workbench.chooser.count() == 5
    assert all("DRO-02" not in workbench.chooser.itemText(index) for index in range(5))


def test_a_selection_after_an_emoji_is_stored_at_its_code_point_offsets(qtbot, workbench, demo):
    study_id = demo.study().id
    turns = [Turn(transcript_id="", position=0, text=text, speaker_label=label, speaker_role=role)
             for label, role, text in EMOJI_TURNS]
    transcript = demo.add_transcript(Transcript(study_id=study_id, title="Émojis", imported_at=utc_now()), turns)
    workbench.reload()
    workbench.show_transcript(transcript.id)
    start, end = select_words(workbench, "l’isolement, vraiment")
    coding = workbench.apply_code(code_named(demo, "Isolement").id)
    assert coding is not None
    assert workbench.writer.wait_idle(10)
    stored = demo.codings.get(coding.id)
    full = full_text_of(demo, transcript.id)
    assert (stored.start_offset, stored.end_offset) == (start, end)
    assert full[stored.start_offset:stored.end_offset] == "l’isolement, vraiment"


def test_applying_through_the_palette(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "BXL-03"))  # no codings yet
    select_words(workbench, "coopérative")
    workbench.open_palette()
    palette = workbench.palette
    assert palette.isVisible()
    qtbot.keyClicks(palette.filter_edit, "allegement")  # typed without its accent
    assert palette.current_code_id() == code_named(demo, "Allègement administratif").id
    qtbot.keyClick(palette.filter_edit, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert workbench.writer.wait_idle(10)
    stored = demo.codings.find("transcript_id = ?", [transcript_of(demo, "BXL-03")])
    assert [(coding.code_id, coding.coder_id) for coding in stored] == [
        (code_named(demo, "Allègement administratif").id, coder_named(demo, "Inès").id)]
    assert full_text_of(demo, stored[0].transcript_id)[stored[0].start_offset:stored[0].end_offset] == "coopérative"
    assert workbench.undo_action.text() == "Annuler le codage “Allègement administratif”"

    # The code just used comes first next time; Escape closes without coding.
    select_words(workbench, "coopérative", occurrence=1)
    workbench.open_palette()
    assert palette.current_code_id() == code_named(demo, "Allègement administratif").id
    qtbot.keyClick(palette.filter_edit, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert workbench.writer.wait_idle(10)
    assert demo.codings.count("transcript_id = ?", [transcript_of(demo, "BXL-03")]) == 1


def drop(widget, mime: QMimeData) -> QDropEvent:
    point = QPointF(30, 30)
    with warnings.catch_warnings():  # PySide marks the only constructor Qt has as deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted() == mime.hasFormat(CODE_MIME_TYPE)
    event = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event


def test_dropping_a_code_from_the_codebook_codes_the_selection(qtbot, workbench, demo):
    transcript_id = transcript_of(demo, "BXL-03")
    workbench.show_transcript(transcript_id)
    select_words(workbench, "coopérative")
    code = code_named(demo, "Isolement")
    mime = QMimeData()
    mime.setData(CODE_MIME_TYPE, code.id.encode("utf-8"))
    event = drop(workbench.view.viewport(), mime)
    assert event.isAccepted()
    assert workbench.writer.wait_idle(10)
    stored = demo.codings.find("transcript_id = ?", [transcript_id])
    assert [coding.code_id for coding in stored] == [code.id]

    text_only = QMimeData()
    text_only.setText("Isolement")
    drop(workbench.view.viewport(), text_only)  # plain text is not a code: nothing happens
    assert workbench.writer.wait_idle(10)
    assert demo.codings.count("transcript_id = ?", [transcript_id]) == 1


def test_nothing_is_coded_without_a_selection(workbench, demo):
    workbench.show_transcript(transcript_of(demo, "BXL-03"))
    assert workbench.apply_code(code_named(demo, "Isolement").id) is None
    assert "Sélectionnez d’abord" in workbench.message_label.text()
    assert workbench.writer.is_idle()


def test_overlapping_codings_are_both_shown_with_their_own_bars(workbench, demo):
    workbench.show_transcript(transcript_of(demo, "LYO-01"))
    shown = workbench.shown_codings()
    assert len(shown) == demo.codings.count("transcript_id = ?", [transcript_of(demo, "LYO-01")])
    first, second = next((a, b) for a in shown for b in shown
                         if a.id < b.id and a.start_offset < b.end_offset and b.start_offset < a.end_offset)
    workbench.select_coding(first.id)
    here = [workbench.panel.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(workbench.panel.list.count())]
    assert first.id in here and second.id in here
    assert workbench.panel.current_coding_id() == first.id
    bars = workbench.view.margin
    assert bars.bar_rect(first.id).left() != bars.bar_rect(second.id).left()
    assert bars.mark_at(bars.bar_rect(second.id).center().toPoint()) == second.id


def test_clicking_a_bar_selects_the_coding(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "LYO-01"))
    coding = workbench.shown_codings()[0]
    workbench.view.select_span(coding.start_offset, coding.end_offset)  # scrolls it into view
    workbench.view.moveCursor(QTextCursor.MoveOperation.Start)
    workbench.view.select_span(coding.start_offset, coding.start_offset + 1)
    bars = workbench.view.margin
    qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=bars.bar_rect(coding.id).center().toPoint())
    assert workbench.view.selected_span() == (coding.start_offset, coding.end_offset)


def test_remove_then_undo_then_redo_restore_exactly(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "LYO-01"))
    coding = workbench.shown_codings()[3]
    before = demo.codings.get(coding.id)
    workbench.select_coding(coding.id)
    workbench.remove_action.trigger()
    assert coding.id not in {shown.id for shown in workbench.shown_codings()}  # at once
    assert workbench.writer.wait_idle(10)
    assert demo.codings.first("id = ?", [coding.id]) is None
    assert workbench.undo_action.text().startswith("Annuler le retrait du codage")

    workbench.undo()
    assert workbench.writer.wait_idle(10)
    again = demo.codings.get(coding.id)
    assert (again.id, again.start_offset, again.end_offset, again.code_id, again.coder_id, again.memo) == (
        before.id, before.start_offset, before.end_offset, before.code_id, before.coder_id, before.memo)
    assert coding.id in {shown.id for shown in workbench.shown_codings()}

    workbench.redo()
    assert workbench.writer.wait_idle(10)
    assert demo.codings.first("id = ?", [coding.id]) is None
    assert coding.id not in {shown.id for shown in workbench.shown_codings()}


def test_undo_of_an_applied_coding_and_the_history_signal(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "BXL-03"))
    select_words(workbench, "coopérative")
    with qtbot.waitSignal(workbench.history_changed, timeout=5000):
        coding = workbench.apply_code(code_named(demo, "Isolement").id)
    assert workbench.history.can_undo()
    workbench.undo_action.trigger()
    assert workbench.writer.wait_idle(10)
    assert demo.codings.first("id = ?", [coding.id]) is None
    assert workbench.redo_action.isEnabled() and workbench.redo_action.text() == "Rétablir le codage “Isolement”"
    workbench.redo_action.trigger()
    assert workbench.writer.wait_idle(10)
    assert demo.codings.get(coding.id).start_offset == coding.start_offset


def test_editing_a_memo_is_stored_and_undoable(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "LYO-02"))
    coding = workbench.shown_codings()[0]
    old_memo = demo.codings.get(coding.id).memo
    workbench.select_coding(coding.id)
    panel = workbench.panel
    panel.memo_edit.setPlainText("Premier point.\nSecond point : à comparer avec BXL-01.")
    assert panel.save_memo_button.isEnabled()
    qtbot.mouseClick(panel.save_memo_button, Qt.MouseButton.LeftButton)
    assert workbench.writer.wait_idle(10)
    assert demo.codings.get(coding.id).memo == "Premier point.\nSecond point : à comparer avec BXL-01."
    assert not panel.save_memo_button.isEnabled()
    workbench.undo()
    assert workbench.writer.wait_idle(10)
    assert demo.codings.get(coding.id).memo == old_memo


def test_quotable_is_refused_with_a_message_without_consent_to_quotes(qtbot, workbench, demo):
    transcript_id = transcript_of(demo, "LYO-01")
    participant_id = demo.db.execute(
        "SELECT iv.participant_id FROM transcript tr JOIN interview iv ON iv.id = tr.interview_id WHERE tr.id = ?",
        [transcript_id]).fetchone()[0]
    with demo.transaction():
        demo.db.execute("UPDATE consent SET scope_quotes = 0 WHERE participant_id = ?", [participant_id])
    workbench.show_transcript(transcript_id)
    coding = workbench.shown_codings()[0]
    workbench.select_coding(coding.id)
    qtbot.mouseClick(workbench.panel.quotable_box, Qt.MouseButton.LeftButton)
    assert workbench.writer.wait_idle(10)
    assert workbench.message_label.text().startswith("La personne LYO-01 n’a pas consenti à être citée")
    assert workbench.message_label.isVisible()
    assert demo.codings.get(coding.id).quotable is False
    assert not workbench.panel.quotable_box.isChecked()
    assert not workbench.history.can_undo()


def test_quotable_is_marked_when_the_participant_consented(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "LYO-02"))
    coding = next(c for c in workbench.shown_codings() if not c.quotable)
    workbench.select_coding(coding.id)
    qtbot.mouseClick(workbench.panel.quotable_box, Qt.MouseButton.LeftButton)
    assert workbench.writer.wait_idle(10)
    assert demo.codings.get(coding.id).quotable is True
    assert workbench.panel.quotable_box.isChecked()


def test_a_write_refused_in_the_background_takes_the_coding_off_the_screen(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "BXL-03"))
    code = code_named(demo, "Isolement")
    codebook.delete_code(demo, code.id)  # elsewhere, after the workbench read the codebook
    select_words(workbench, "coopérative")
    coding = workbench.apply_code(code.id)
    assert coding is not None and coding.id in {c.id for c in workbench.shown_codings()}  # shown at once
    assert workbench.writer.wait_idle(10)
    assert coding.id not in {c.id for c in workbench.shown_codings()}
    assert "corbeille" in workbench.message_label.text()
    assert demo.codings.first("id = ?", [coding.id]) is None
    assert not workbench.history.can_undo()


def test_blind_coding_hides_the_other_coders_codings_until_both_are_done(qtbot, workbench, demo):
    transcript_id = transcript_of(demo, "LYO-01")
    ines, bastien = coder_named(demo, "Inès"), coder_named(demo, "Bastien")
    blind.set_blind(demo, True)
    workbench.set_project(demo, bastien.id)
    workbench.show_transcript(transcript_id)
    assert {coding.coder_id for coding in workbench.shown_codings()} == {bastien.id}
    assert workbench.banner.isVisible() and "aveugle" in workbench.banner.text()

    blind.mark_done(demo, ines.id, transcript_id)
    qtbot.mouseClick(workbench.done_button, Qt.MouseButton.LeftButton)  # Bastien is done too
    assert workbench.writer.wait_idle(10)
    assert blind.is_done(demo, bastien.id, transcript_id)
    assert {coding.coder_id for coding in workbench.shown_codings()} == {bastien.id, ines.id}
    assert not workbench.banner.isVisible()
    assert workbench.done_button.isChecked()


def test_show_transcript_selects_a_passage(workbench, demo):
    transcript_id = transcript_of(demo, "LYO-02")
    full = full_text_of(demo, transcript_id)
    start = full.index("coop")
    workbench.show_transcript(transcript_id, start, start + 20)
    assert workbench.chooser.currentData() == transcript_id
    assert workbench.view.selected_span() == (start, start + 20)
    assert workbench.view.textCursor().selectedText() == full[start:start + 20]


def test_delete_removes_the_chosen_coding_but_not_while_typing_a_memo(qtbot, workbench, demo):
    workbench.show_transcript(transcript_of(demo, "LYO-02"))
    coding = workbench.shown_codings()[0]
    workbench.select_coding(coding.id)
    memo_edit = workbench.panel.memo_edit
    memo_edit.setFocus()
    memo_edit.setPlainText("abc")
    memo_edit.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(memo_edit, Qt.Key.Key_Delete)
    assert memo_edit.toPlainText() == "bc"
    assert workbench.writer.wait_idle(10)
    assert demo.codings.first("id = ?", [coding.id]) is not None

    workbench.view.setFocus()
    qtbot.keyClick(workbench.view, Qt.Key.Key_Delete)
    assert workbench.writer.wait_idle(10)
    assert demo.codings.first("id = ?", [coding.id]) is None
