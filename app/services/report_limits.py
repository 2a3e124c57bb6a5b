"""The limits of the study, said from its own figures: what a funder should know before reading
the results as more than they are."""

from __future__ import annotations

from app.core.numbers import format_number, format_percent
from app.core.report import ReportData
from app.i18n import _, ngettext

KAPPA_FLOOR = 0.6  # below it, agreement is commonly read as moderate at best


def limits(data: ReportData) -> list[str]:
    language = data.language
    said = [_("The interviews describe the experience of the people met; shares describe them, not every "
              "member of the organisation. Participants were not drawn at random.")]
    sample, guard = data.sample, data.safeguards
    small = [result.code for result in data.indicators if result.small_n]
    if small:
        said.append(ngettext(
            "{n} indicator rests on fewer than {threshold} people ({codes}): read it as a signal, not a measure.",
            "{n} indicators rest on fewer than {threshold} people ({codes}): read them as signals, not measures.",
            len(small)).format(n=len(small), threshold=data.small_n_threshold, codes=", ".join(small)))
    missing = [result.code for result in data.indicators if result.value is None]
    if missing:
        said.append(ngettext(
            "{n} indicator could not be computed in this scope ({codes}); the indicators chapter says why.",
            "{n} indicators could not be computed in this scope ({codes}); the indicators chapter says why.",
            len(missing)).format(n=len(missing), codes=", ".join(missing)))
    uncoded = sample.interviews - sample.coded_transcripts
    if uncoded > 0:
        said.append(ngettext(
            "{n} completed interview has no coded transcript yet: the themes do not include it.",
            "{n} completed interviews have no coded transcript yet: the themes do not include them.",
            uncoded).format(n=uncoded))
    short = [(row.territory, row.profile) for row in sample.quotas if row.achieved < row.target]
    if short:
        said.append(ngettext(
            "{n} quota was not met ({cells}): that group is under-represented.",
            "{n} quotas were not met ({cells}): those groups are under-represented.",
            len(short)).format(n=len(short), cells=_listed([f"{t}, {p}" for t, p in short], "; ")))
    if guard.agreement is None:
        said.append(_("No transcript was coded by two coders: the reliability of the coding was not checked."))
    else:
        weak = [theme.theme for theme in guard.agreement.themes if theme.kappa is not None and theme.kappa < KAPPA_FLOOR]
        if weak:
            said.append(ngettext(
                "Coders agreed less well on {n} theme (kappa below {floor}: {themes}); read it with care.",
                "Coders agreed less well on {n} themes (kappa below {floor}: {themes}); read them with care.",
                len(weak)).format(n=len(weak), floor=format_number(KAPPA_FLOOR, 2, language), themes=_listed(weak)))
    if guard.talk_share_max is not None and guard.talk_share_max > guard.talk_share_ceiling:
        said.append(_("In some interviews the interviewer spoke up to {share} of the words (above {ceiling}): "
                      "answers there may follow the interviewer's framing.").format(
            share=format_percent(guard.talk_share_max * 100, 0, language),
            ceiling=format_percent(guard.talk_share_ceiling * 100, 0, language)))
    if guard.interviews and guard.with_field_note < guard.interviews:
        said.append(ngettext(
            "{n} interview has no reflexive field note: the conditions of that interview are not documented.",
            "{n} interviews have no reflexive field note: the conditions of those interviews are not documented.",
            guard.interviews - guard.with_field_note).format(n=guard.interviews - guard.with_field_note))
    if sample.withdrawn:
        said.append(ngettext(
            "{n} participant withdrew from the study: their words and answers are left out of this report.",
            "{n} participants withdrew from the study: their words and answers are left out of this report.",
            sample.withdrawn).format(n=sample.withdrawn))
    unmasked = sample.transcripts - guard.pseudonymised_transcripts
    if unmasked > 0:
        said.append(ngettext(
            "{n} transcript is not pseudonymised yet; names known to the study were masked in its quotes.",
            "{n} transcripts are not pseudonymised yet; names known to the study were masked in their quotes.",
            unmasked).format(n=unmasked))
    few = [theme.name for theme in data.themes if theme.segments and len(theme.quotes) < 3]
    if few:
        said.append(ngettext(
            "{n} theme has fewer than three quotable passages ({themes}): its voice is thinner in this report.",
            "{n} themes have fewer than three quotable passages ({themes}): their voice is thinner in this report.",
            len(few)).format(n=len(few), themes=_listed(few)))
    return said


def _listed(names: list[str], separator: str = ", ", most: int = 4) -> str:
    """The first few names, and how many more: a limit is read, not scanned."""
    if len(names) <= most + 1:
        return separator.join(names)
    rest = len(names) - most
    return separator.join(names[:most]) + separator + ngettext("and {n} other", "and {n} others", rest).format(n=rest)
