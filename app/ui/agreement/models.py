"""The agreement screen's tables: agreement per code, the passages in disagreement, the passes.

Kappa is tinted by the bands of Landis and Koch, simplified to four, so that weak codes stand out
at a glance; the legend under the table names the bands.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from app.i18n import N_, _
from app.services.agreement import Disagreement
from app.services.agreement_view import DONE, NOT_STARTED, STARTED, PassStatus
from app.ui.swatch import swatch
from app.ui.formatting import format_number
from app.ui.models.base import CENTER, MUTED_FOREGROUND, RIGHT, Column, RowsModel

# (upper bound, name, tint): kappa below the bound falls in the band.
KAPPA_BANDS = (
    (0.40, N_("weak"), QColor("#f6d6d1")),
    (0.60, N_("moderate"), QColor("#fbe9c6")),
    (0.80, N_("substantial"), QColor("#e1efd2")),
    (float("inf"), N_("almost perfect"), QColor("#c6e5c8")),
)


def decimal(value: float | None, places: int = 2) -> str:
    """0,41 in French, 0.41 in English; a dash when the figure is undefined."""
    return "—" if value is None else QLocale().toString(float(value), "f", places)


def percent(value: float | None) -> str:
    """A share already out of 100, with one decimal: 93,2 %."""
    return "—" if value is None else _("{percent}%").format(percent=QLocale().toString(float(value), "f", 1))


def kappa_band(kappa: float | None) -> tuple[str, QColor] | None:
    if kappa is None:
        return None
    for bound, name, tint in KAPPA_BANDS:
        if kappa < bound:
            return _(name), tint
    return None


UNDEFINED = N_("Undefined: on every character compared, each coder gave this code the same answer (always "
               "applied, or never), so chance alone already explains their agreement and the coefficient "
               "has nothing to measure.")


@dataclass(frozen=True)
class AgreementRow:
    name: str
    colour: str
    coded: int  # characters given the code by either coder; on the overall row, the units
    percent_agreement: float | None
    kappa: float | None
    alpha: float | None
    coded_tip: str = ""
    name_tip: str = ""
    code_id: str | None = None  # None on the overall row

    @property
    def overall(self) -> bool:
        return self.code_id is None


def _kappa_tip(row: AgreementRow) -> str:
    if row.kappa is None:
        return _(UNDEFINED)
    band = kappa_band(row.kappa)
    return _("Agreement beyond chance: {band}.").format(band=band[0]) if band else ""


class AgreementModel(RowsModel):
    columns = (
        Column(N_("Code"), lambda r: r.name, tooltip=lambda r: r.name_tip or r.name),
        Column(N_("Characters"), lambda r: format_number(r.coded), align=RIGHT, tooltip=lambda r: r.coded_tip,
               header_tip=N_("Characters given this code by at least one of the two coders. On the overall "
                             "row: every character compared.")),
        Column(N_("Agreement"), lambda r: percent(r.percent_agreement), align=RIGHT,
               header_tip=N_("Share of the characters compared on which the two coders made the same decision: "
                             "both applied the code, or neither did.")),
        Column(N_("Kappa"), lambda r: decimal(r.kappa), align=RIGHT, tooltip=_kappa_tip,
               header_tip=N_("Cohen's kappa: agreement corrected for the agreement expected by chance: 1 is perfect, 0 is no "
                             "better than chance.")),
        Column(N_("Alpha"), lambda r: decimal(r.alpha), align=RIGHT,
               tooltip=lambda r: _(UNDEFINED) if r.alpha is None else "",
               header_tip=N_("Krippendorff's alpha for nominal data: like kappa, 1 is perfect and 0 no better "
                             "than chance.")),
    )
    KAPPA_COLUMN = 3

    def background(self, row: AgreementRow, column: int) -> QColor | None:
        band = kappa_band(row.kappa) if column == self.KAPPA_COLUMN else None
        return band[1] if band else None

    def decoration(self, row: AgreementRow, column: int) -> QIcon | None:
        return swatch(row.colour) if column == 0 and not row.overall else None

    def foreground(self, row: AgreementRow, column: int) -> QColor | None:
        undefined = (column == self.KAPPA_COLUMN and row.kappa is None) or (column == 4 and row.alpha is None)
        return MUTED_FOREGROUND if undefined else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.FontRole and index.isValid() and self.row_at(index.row()).overall:
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


@dataclass(frozen=True)
class DisagreementRow:
    disagreement: Disagreement
    transcript: str
    coder: str  # the coder who applied the code
    colour: str


class DisagreementModel(RowsModel):
    """One column: the view draws each passage as a card (``cards.PassageCard``)."""

    columns = (
        Column(N_("Passage"), lambda r: " ".join(r.disagreement.text.split()), tooltip=lambda r: _passage_tip(r)),
    )


def _passage_tip(row: DisagreementRow) -> str:
    return _("{transcript}, characters {start} to {end}: double-click to read it in the transcript.").format(
        transcript=row.transcript, start=format_number(row.disagreement.start),
        end=format_number(row.disagreement.end))


STATUS = {NOT_STARTED: N_("Not started"), STARTED: N_("In progress"), DONE: N_("Done")}


class PassModel(RowsModel):
    """Each transcript either coder worked on: where each stands, and whether it is compared.
    The two status columns are headed by the coders' names, so they are set per pair."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        self.set_coders("A", "B")

    def set_coders(self, coder_a: str, coder_b: str) -> None:
        self.beginResetModel()
        # Column headers go through _() when shown; a person's name comes back unchanged.
        self.columns = (
            Column(N_("Transcript"), lambda r: r.title),
            Column(coder_a, lambda r: _(STATUS[r.a]), align=CENTER),
            Column(coder_b, lambda r: _(STATUS[r.b]), align=CENTER),
            Column(N_("Compared"), lambda r: _("Yes") if r.compared else _("Not yet"), align=CENTER),
        )
        self.endResetModel()

    def foreground(self, row: PassStatus, column: int) -> QColor | None:
        muted = {1: row.a == NOT_STARTED, 2: row.b == NOT_STARTED, 3: not row.compared}
        return MUTED_FOREGROUND if muted.get(column) else None

    def background(self, row: PassStatus, column: int) -> QColor | None:
        done = {1: row.a == DONE, 2: row.b == DONE}
        return KAPPA_BANDS[2][2] if done.get(column) else None
