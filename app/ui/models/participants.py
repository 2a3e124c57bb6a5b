"""Participants (by code, never by name) and the achieved sample against the quotas."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.core.summaries import ParticipantRow, QuotaRow
from app.i18n import N_, _, ngettext
from app.ui.formatting import format_date
from app.ui.labels import CONSENT_SCOPES, label
from app.ui.models.base import MUTED_FOREGROUND, RIGHT, WARNING_BACKGROUND, Column, RowsModel

CONSENT_COLUMN = 6


def consent_text(row: ParticipantRow) -> str:
    if row.consent_on is None:
        return _("Not recorded")
    if row.consent_withdrawn:
        return _("Revoked")
    if set(row.consent_scopes) == set(CONSENT_SCOPES):
        text = _("Full")
    else:
        text = ", ".join(label(CONSENT_SCOPES, scope) for scope in row.consent_scopes) or _("no scope given")
    if row.consent_by_representative:
        text = _("{scopes} (given by a representative)").format(scopes=text)
    return text


def consent_tip(row: ParticipantRow) -> str:
    if row.consent_on is None:
        return _("No consent recorded: record it before the interview.")
    if row.consent_withdrawn:
        return _("Consent withdrawn: this person's words may no longer be used.")
    scopes = ", ".join(label(CONSENT_SCOPES, scope) for scope in row.consent_scopes) or _("no scope given")
    return _("Consent given on {date} for: {scopes}.").format(date=format_date(row.consent_on), scopes=scopes)


def status_text(row: ParticipantRow) -> str:
    return _("Withdrawn") if row.withdrawn else _("Active")


def status_tip(row: ParticipantRow) -> str | None:
    return _("Withdrawn participants' words are left out of the analysis.") if row.withdrawn else None


class ParticipantModel(RowsModel):
    columns = (
        Column(N_("Code"), lambda r: r.code),
        Column(N_("Territory"), lambda r: r.territory),
        Column(N_("Profile"), lambda r: r.profile),
        Column(N_("Gender"), lambda r: r.gender),
        Column(N_("Age"), lambda r: r.age_band, header_tip=N_("Age band")),
        Column(N_("Seniority"), lambda r: r.seniority),
        Column(N_("Consent"), consent_text, tooltip=consent_tip),
        Column(N_("Status"), status_text, tooltip=status_tip),
        Column(N_("Sector"), lambda r: r.sector, tooltip=lambda r: r.sector or None),
    )

    def foreground(self, row: ParticipantRow, column: int) -> QColor | None:
        return MUTED_FOREGROUND if row.withdrawn else None

    def background(self, row: ParticipantRow, column: int) -> QColor | None:
        missing = row.consent_on is None or row.consent_withdrawn
        return WARNING_BACKGROUND if column == CONSENT_COLUMN and missing and not row.withdrawn else None


RECRUITED_COLUMN = 3
REMAINING_COLUMN = 5
RECRUITED_TIP = N_("Active participants who match this quota, interviewed or not.")
INTERVIEWED_TIP = N_(
    "Active participants who match this quota and have a completed interview: the achieved sample."
)


def remaining(row: QuotaRow) -> int:
    return max(row.target - row.interviewed, 0)


def remaining_tip(row: QuotaRow) -> str | None:
    if not remaining(row):
        return _("Quota reached.")
    return ngettext("{n} more interview needed for this quota.", "{n} more interviews needed for this quota.",
                    remaining(row)).format(n=remaining(row))


class QuotaModel(RowsModel):
    columns = (
        Column(N_("Territory"), lambda r: r.territory or _("All territories")),
        Column(N_("Profile"), lambda r: r.profile or _("All profiles")),
        Column(N_("Target"), lambda r: str(r.target), sort=lambda r: r.target, align=RIGHT),
        Column(N_("Recruited"), lambda r: str(r.recruited), sort=lambda r: r.recruited, align=RIGHT,
               tooltip=lambda r: _(RECRUITED_TIP), header_tip=RECRUITED_TIP),
        Column(N_("Interviewed"), lambda r: str(r.interviewed), sort=lambda r: r.interviewed, align=RIGHT,
               tooltip=lambda r: _(INTERVIEWED_TIP), header_tip=INTERVIEWED_TIP),
        Column(N_("Still to interview"), lambda r: str(remaining(r)), sort=remaining, align=RIGHT,
               tooltip=remaining_tip),
    )

    def background(self, row: QuotaRow, column: int) -> QColor | None:
        # Recruitment short of the target, and interviews still to hold: what the field can act on.
        if column == RECRUITED_COLUMN and row.recruited < row.target:
            return WARNING_BACKGROUND
        if column == REMAINING_COLUMN and remaining(row) > 0:
            return WARNING_BACKGROUND
        return None

