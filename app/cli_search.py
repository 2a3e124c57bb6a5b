"""`terrain search PROJECT QUERY`: full-text search over the transcripts, as keyword in context.

Hits show participant codes, never names; transcripts of withdrawn participants never appear.
"""

from __future__ import annotations

import json
import re
import sys

from app.i18n import _, current_language, ngettext
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
CONTEXT_WIDTH = 50


def add_commands(commands) -> None:
    search = commands.add_parser(
        "search", help=_("search the transcripts: words, \"phrases\", prefixes (coop*), OR between alternatives"))
    search.add_argument("path", help=_("project file"))
    search.add_argument("query", help=_("what to look for; accents and case are ignored"))
    search.add_argument("--json", action="store_true", help=_("print JSON"))
    search.add_argument("--stem", action="store_true",
                        help=_("also find the other forms of each word (travaillait finds travail)"))
    search.add_argument("--phrase", action="store_true", help=_("search the whole query as one phrase"))
    search.add_argument("--territory", metavar=_("CODE"), help=_("only participants of this territory"))
    search.add_argument("--profile", metavar=_("KEY"), help=_("only participants with this profile"))
    search.add_argument("--wave", metavar=_("LABEL"), help=_("only interviews of this wave"))
    search.add_argument("--participants-only", action="store_true",
                        help=_("only the participants' own words, without the interviewers' questions"))
    search.add_argument("--limit", type=int, default=50, metavar="N", help=_("show at most N hits (default 50)"))


def run(args) -> int:
    from app.services.search import RANKED_WINDOW, search

    with Project.open(args.path) as project:
        filters = _filters(project, args)
        if filters is None:
            return EXIT_ERROR
        result = search(project, args.query, stem=args.stem, phrase=args.phrase, limit=max(0, args.limit),
                        speaker_role="participant" if args.participants_only else None,
                        context_chars=CONTEXT_WIDTH, **filters)
    if args.json:
        print(json.dumps({"query": args.query, "total": result.total, "truncated": result.truncated,
                          "hits": [hit.as_json() for hit in result.hits]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for hit in result.hits:
        print(f"{hit.participant_code or '—':<8} {_time(hit.start_ms):>8}  {hit.speaker_label[:14]:<14}  "
              f"{_flat(hit.left)[-CONTEXT_WIDTH:]:>{CONTEXT_WIDTH}}[{_flat(hit.match)}]{_flat(hit.right)}")
    print(summary(result.total, result.truncated, len(result.hits), RANKED_WINDOW))
    return EXIT_OK


def summary(total: int | None, truncated: bool, shown: int, window: int) -> str:
    if truncated:
        return _("More than {window} turns match; the best {shown} of the {window} most recent are shown.").format(
            window=_thousands(window), shown=shown)
    if not total:
        return _("No turn matches.")
    return ngettext("{n} turn matches.", "{n} turns match.", total).format(n=_thousands(total))


def _filters(project: Project, args) -> dict | None:
    """Codes and labels typed on the command line, as the ids the search takes; None after a message."""
    from app.services.participants import profiles

    filters = {"territory_id": None, "profile": args.profile or None, "wave_id": None}
    known_profiles = sorted(item.key for item in profiles(project))
    if args.profile and known_profiles and args.profile not in known_profiles:
        return _refuse(_("terrain: {profile} is not a profile of this study (known: {known}).").format(
            profile=args.profile, known=", ".join(known_profiles)))
    if args.territory:
        territory = project.territories.first("code = ?", [args.territory])
        if territory is None:
            known = ", ".join(t.code for t in project.territories.find(order_by="code")) or "—"
            return _refuse(_("terrain: no territory has the code {code} (known: {known}).").format(
                code=args.territory, known=known))
        filters["territory_id"] = territory.id
    if args.wave:
        wave = project.waves.first("label = ?", [args.wave])
        if wave is None:
            known = ", ".join(w.label for w in project.waves.find(order_by="position")) or "—"
            return _refuse(_("terrain: no wave is labelled {label} (known: {known}).").format(
                label=args.wave, known=known))
        filters["wave_id"] = wave.id
    return filters


def _refuse(message: str) -> None:
    print(message, file=sys.stderr)
    return None


def _time(milliseconds: int | None) -> str:
    if milliseconds is None:
        return "—"
    hours, rest = divmod(int(milliseconds) // 1000, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


def _flat(text: str) -> str:
    """One line: the context of a turn may hold line breaks or tabs."""
    return re.sub(r"[\t\n\r\v\f]", " ", text)


def _thousands(number: int) -> str:
    grouped = f"{number:,}"
    return grouped.replace(",", "\u202f") if current_language() == "fr" else grouped
