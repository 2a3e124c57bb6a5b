"""Words shown for the stored keys (levels, statuses, roles...): marked here, translated when shown."""

from __future__ import annotations

from app.core.questions import messages as checker_messages
from app.i18n import N_, _

LEVELS = {"output": N_("Outputs"), "outcome": N_("Outcomes"), "impact": N_("Impact")}
LEVEL_HINTS = {
    "output": N_("What was done: interviews held, people supported."),
    "outcome": N_("What changed for the people."),
    "impact": N_("The lasting change that can be attributed to the organisation."),
}
SOURCE_KINDS = {
    "survey_item": N_("Questionnaire item"),
    "theme": N_("Codebook theme"),
    "count": N_("Count"),
    "manual": N_("Entered by hand"),
}
COUNT_SOURCES = {
    "interviews_held": N_("interviews held"),
    "participants_met": N_("participants met"),
    "transcripts": N_("transcripts"),
    "field_notes": N_("reflexive field notes"),
}
# How a questionnaire item or a theme is summed up into one figure (app.core.indicators.AGGREGATES).
AGGREGATES = {
    "mean": N_("mean"),
    "share_at_least": N_("share at or above a threshold"),
    "distribution": N_("distribution of the answers"),
    "share_of_participants": N_("share of participants"),
    "segments": N_("number of segments"),
}
# How the territories' figures typed in make a figure for the whole study (app.core.indicators.COMBINES).
COMBINES = {
    "": N_("not combined: only a figure for the whole study"),
    "sum": N_("sum of the territories"),
    "mean": N_("mean of the territories"),
}
DIRECTIONS = {"higher": N_("higher is better"), "lower": N_("lower is better")}
PARTICIPATION = {
    "guide": N_("reviews the guide"),
    "codebook": N_("reviews the codebook"),
    "results": N_("discusses the results"),
}
INTENTS = {"main": N_("Main question"), "probe": N_("Follow-up"), "closing": N_("Closing")}
INTERVIEW_STATUSES = {
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "paused": N_("Paused"),
    "completed": N_("Completed"),
    "abandoned": N_("Abandoned"),
}
MODES = {"in_person": N_("In person"), "phone": N_("Phone"), "video": N_("Video")}
SPEAKER_ROLES = {
    "interviewer": N_("interviewer"),
    "participant": N_("participant"),
    "third_party": N_("third party"),
    "unknown": N_("unknown role"),
}
CONSENT_SCOPES = {"interview": N_("interview"), "recording": N_("recording"), "quotes": N_("quotes")}
# The reflexive field note's parts, as headings (the service's prompts are the one-line hints).
FIELD_NOTE_TITLES = {
    "setting": N_("Setting"),
    "others_present": N_("Others present"),
    "rapport": N_("Relationship with the participant"),
    "steering": N_("What may have steered the answers"),
    "participant_state": N_("The participant's state"),
    "deviations": N_("Departures from the guide"),
    "free_text": N_("Other remarks"),
}
CONSENT_METHODS = {"written": N_("In writing"), "oral": N_("Orally"), "witnessed": N_("Orally, before a witness")}
LANGUAGE_NAMES = {"fr": N_("French"), "en": N_("English")}
DEVICE_ROLES = {"analyst": N_("Analyst"), "field": N_("Field")}
SYNC_DIRECTIONS = {"in": N_("Received"), "out": N_("Sent")}
SYNC_KINDS = {"bundle": N_("Field bundle"), "package": N_("Study package"), "receipt": N_("Receipt")}
SYNC_STATUSES = {
    "imported": N_("Imported"),
    "refused": N_("Refused"),
    "written": N_("File written"),
    "acknowledged": N_("Acknowledged"),
}


def label(mapping: dict[str, str], key: str | None) -> str:
    """The translated word for ``key``, or the key itself when the list does not know it."""
    if key is None:
        return ""
    return _(mapping[key]) if key in mapping else key


# The question checker's rules and severities: its own words, so that the editor and the CLI agree.
QUESTION_RULES = checker_messages.RULE_LABELS
SEVERITIES = checker_messages.SEVERITY_LABELS
