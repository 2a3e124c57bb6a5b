"""The areas of the main window, in the order of the work.

Nothing is imported here: the areas use panels that themselves use ``app.ui.areas.base``, so
importing every area with the package would make a panel imported first import itself.
"""


def area_types() -> tuple[type, ...]:
    from app.ui.areas.analysis import AnalysisArea
    from app.ui.areas.coding import CodingArea
    from app.ui.areas.export import ExportArea
    from app.ui.areas.guide import GuideArea
    from app.ui.areas.interviews import InterviewsArea
    from app.ui.areas.participants import ParticipantsArea
    from app.ui.areas.study import StudyArea
    from app.ui.areas.sync import SyncArea
    from app.ui.areas.transcripts import TranscriptsArea

    return (StudyArea, GuideArea, ParticipantsArea, InterviewsArea, TranscriptsArea, CodingArea, AnalysisArea,
            SyncArea, ExportArea)
