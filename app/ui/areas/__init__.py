"""The areas of the main window, in the order of the work."""

from app.ui.areas.analysis import AnalysisArea
from app.ui.areas.coding import CodingArea
from app.ui.areas.export import ExportArea
from app.ui.areas.guide import GuideArea
from app.ui.areas.interviews import InterviewsArea
from app.ui.areas.participants import ParticipantsArea
from app.ui.areas.study import StudyArea
from app.ui.areas.sync import SyncArea
from app.ui.areas.transcripts import TranscriptsArea

AREA_TYPES = (
    StudyArea,
    GuideArea,
    ParticipantsArea,
    InterviewsArea,
    TranscriptsArea,
    CodingArea,
    AnalysisArea,
    SyncArea,
    ExportArea,
)

__all__ = ["AREA_TYPES"]
