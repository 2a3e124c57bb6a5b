"""Every table model passes Qt's model tester with real rows, and sorts on raw values."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.core.sync import SyncLedgerEntry
from app.i18n import set_language
from app.store import views
from app.ui.models.base import sorting_proxy
from app.ui.models.coding import CoderModel, ThemeCountModel
from app.ui.models.interviews import FIELD_NOTE_COLUMN, InterviewModel, NoteModel
from app.ui.models.participants import ParticipantModel, QuotaModel
from app.ui.models.study import IndicatorModel
from app.ui.models.sync import DeviceModel, LedgerModel
from app.ui.models.transcripts import TranscriptModel


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def column_texts(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_indicator_model(qtmodeltester, project):
    model = IndicatorModel(views.indicator_rows(project.db))
    qtmodeltester.check(model)
    assert column_texts(model, 0) == ["Réalisations", "Résultats", "Résultats", "Impact"]
    assert model.index(1, 6).data() == "Thème du livre de codes\u00a0: Appartenance"


def test_participant_model(qtmodeltester, project):
    model = ParticipantModel(views.participant_rows(project.db))
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert column_texts(model, 7)[-1] == "Retiré·e"


def test_quota_model(qtmodeltester, project):
    model = QuotaModel(views.quota_rows(project.db))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    # The header says which count is the achieved sample.
    assert "échantillon atteint" in model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_interview_model_highlights_a_missing_field_note(qtmodeltester, project):
    model = InterviewModel(views.interview_rows(project.db))
    qtmodeltester.check(model)
    by_code = {model.row_at(row).participant_code: row for row in range(model.rowCount())}
    missing = model.index(by_code["P02"], FIELD_NOTE_COLUMN)
    assert missing.data() == "Manquante"
    assert missing.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(by_code["P01"], FIELD_NOTE_COLUMN).data(Qt.ItemDataRole.BackgroundRole) is None
    # A planned interview does not need a field note yet.
    assert model.index(by_code["P03"], FIELD_NOTE_COLUMN).data() == "—"


def test_note_model(qtmodeltester, project):
    first = next(row for row in views.interview_rows(project.db) if row.participant_code == "P01")
    model = NoteModel(views.notes_of_interview(project.db, first.id))
    qtmodeltester.check(model)
    assert column_texts(model, 0) == ["01:05", "20:50", "33:20"]
    assert column_texts(model, 2) == ["", "", "Oui"]


def test_transcript_model(qtmodeltester, project):
    model = TranscriptModel(views.transcript_rows(project.db))
    qtmodeltester.check(model)
    assert column_texts(model, 3) == ["20", "20"]
    assert column_texts(model, 4) == ["20\u00a0%"] * 2


def test_coder_model(qtmodeltester, project):
    model = CoderModel(views.coder_rows(project.db))
    qtmodeltester.check(model)
    assert column_texts(model, 0) == ["Claire", "David"]


def test_theme_count_model(qtmodeltester, project):
    model = ThemeCountModel(views.theme_counts(project.db))
    qtmodeltester.check(model)
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).name() == "#4e79a7"


def test_device_model(qtmodeltester, project):
    model = DeviceModel(project.devices.find())
    qtmodeltester.check(model)
    assert column_texts(model, 1) == ["Terrain"]


def test_ledger_model(qtmodeltester, project):
    device = project.devices.first()
    project.sync_ledger.insert(
        SyncLedgerEntry(direction="in", kind="bundle", status="refused", at="2024-04-02T10:00:00.000Z",
                        device_id=device.id, file_name="lot-1.terrain-bundle", seq_from=1, seq_to=40,
                        reason="empreinte SHA-256 incorrecte")
    )
    model = LedgerModel(views.ledger_rows(project.db))
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in (1, 2, 3, 5, 6)] == [
        "Reçu", "Paquet terrain", "Portable terrain 1", "1 à 40", "Refusé"
    ]


def test_sorting_uses_raw_values_not_text(project):
    from dataclasses import replace

    # As text, "9 min" would sort above "45 min"; by value it comes below.
    rows = [replace(row, duration_seconds=seconds)
            for row, seconds in zip(views.interview_rows(project.db), (540, 2700, None))]
    proxy = sorting_proxy(InterviewModel(rows))
    proxy.sort(5, Qt.SortOrder.DescendingOrder)
    durations = [proxy.index(row, 5).data() for row in range(proxy.rowCount())]
    assert durations == ["45\u00a0min", "9\u00a0min", ""]


def test_headers_follow_the_language(project):
    model = InterviewModel(views.interview_rows(project.db))
    assert headers(model)[:2] == ["Participant·e", "Enquêteur·rice"]
    set_language("en")
    assert headers(model)[:2] == ["Participant", "Interviewer"]


def test_count_sources_read_as_words(qapp):
    from app.core.summaries import IndicatorRow
    from app.ui.models.study import source_text

    row = IndicatorRow(id="i", code="OUT1", label="Entretiens", level="output", dimension="", definition="",
                       unit="", target=None, direction="higher", source_kind="count",
                       source_label="interviews_held", position=0)
    assert source_text(row) == "Comptage\u00a0: entretiens réalisés"
