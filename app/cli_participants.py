"""`terrain participant add|list|withdraw|erase`: participants from the command line.

Lists show codes and attributes, never names: real identities stay in the identity store.
"""

from __future__ import annotations

import json
import sys

from app.i18n import _
from app.store.errors import ProjectError
from app.store.project import Project

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def add_commands(commands) -> None:
    group = commands.add_parser("participant", help=_("add, list, withdraw or erase participants"))
    actions = group.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    add = actions.add_parser("add", help=_("add a participant (and their consent)"))
    add.add_argument("path", help=_("project file"))
    add.add_argument("--code", required=True, help=_("pseudonymous code, e.g. LYO-07"))
    add.add_argument("--territory", required=True, help=_("territory code, e.g. LYO"))
    add.add_argument("--profile", required=True, help=_("profile key from the study's list"))
    add.add_argument("--name", default="", help=_("real name, kept in the identity store only"))
    add.add_argument("--consent", default="", help=_("consent scopes given now: interview,recording,quotes"))
    add.add_argument("--consent-method", default="written", choices=("written", "oral", "witnessed"),
                     help=_("how consent was given"))

    listing = actions.add_parser("list", help=_("list participants (codes and attributes, never names)"))
    listing.add_argument("path", help=_("project file"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))

    withdraw = actions.add_parser("withdraw", help=_("withdraw a participant: their data leaves analysis at once"))
    withdraw.add_argument("path", help=_("project file"))
    withdraw.add_argument("--code", required=True, help=_("participant code"))

    erase = actions.add_parser("erase", help=_("erase a participant and all their data for good"))
    erase.add_argument("path", help=_("project file"))
    erase.add_argument("--code", required=True, help=_("participant code"))
    erase.add_argument("--yes", action="store_true", help=_("confirm the erasure (it cannot be undone)"))


def run(args) -> int:
    from app.services import participants as people

    handler = {"add": _add, "list": _list, "withdraw": _withdraw, "erase": _erase}[args.action]
    try:
        with Project.open(args.path) as project:
            return handler(project, args, people)
    except (ValueError, LookupError) as error:
        if isinstance(error, ProjectError):
            raise
        print(_("terrain: {message}").format(message=error), file=sys.stderr)
        return EXIT_ERROR


def _add(project, args, people) -> int:
    territory = project.territories.first("code = ?", [args.territory])
    if territory is None:
        known = ", ".join(t.code for t in project.territories.find(order_by="code")) or "—"
        print(_("terrain: no territory has the code {code} (known: {known}).").format(code=args.territory, known=known),
              file=sys.stderr)
        return EXIT_ERROR
    known_profiles = {item.key for item in people.profiles(project)}
    if known_profiles and args.profile not in known_profiles:
        print(_("terrain: {profile} is not a profile of this study (known: {known}).").format(
            profile=args.profile, known=", ".join(sorted(known_profiles))), file=sys.stderr)
        return EXIT_ERROR
    scopes = [scope.strip() for scope in args.consent.split(",") if scope.strip()]
    with project.transaction():
        participant = people.add_participant(project, args.code, territory.id, args.profile, full_name=args.name)
        if scopes:
            people.record_consent(project, participant.id, method=args.consent_method, scopes=scopes)
    print(_("Participant {code} added.").format(code=participant.code))
    return EXIT_OK


def _list(project, args, people) -> int:
    territories = {t.id: t.code for t in project.territories.find()}
    rows = []
    for participant in project.participants.find(order_by="code"):
        consent = people.current_consent(project, participant.id)
        rows.append({
            "code": participant.code, "territory": territories.get(participant.territory_id, ""),
            "profile": participant.profile, "gender": participant.gender, "age_band": participant.age_band,
            "seniority": participant.seniority, "sector": participant.sector, "attributes": participant.attributes,
            "status": participant.status,
            "consent": sorted(scope for scope in ("interview", "recording", "quotes")
                              if consent and consent.allows(scope)),
        })
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['code']:<10} {row['territory']:<6} {row['profile']:<24} {row['status']:<10} "
                  f"{','.join(row['consent']) or '-'}")
    return EXIT_OK


def _withdraw(project, args, people) -> int:
    participant = people.withdraw(project, people.by_code(project, args.code).id, actor="cli")
    print(_("{code} is withdrawn: their data no longer appears in analysis or exports. "
            "To delete it for good: terrain participant erase.").format(code=participant.code))
    return EXIT_OK


def _erase(project, args, people) -> int:
    participant = people.by_code(project, args.code)
    if not args.yes:
        print(_("terrain: erasing {code} deletes their interviews, notes, transcripts and answers for good; "
                "add --yes to confirm.").format(code=participant.code), file=sys.stderr)
        return EXIT_USAGE
    people.erase(project, participant.id, actor="cli")
    print(_("{code} and all their data are erased.").format(code=participant.code))
    return EXIT_OK
