"""`terrain design export|import|show`: the study's design as a file, and as text to read.

`export PROJECT OUT.json` writes the study, its waves, territories, stakeholder groups, profiles,
dimensions and indicators (with their figures typed in) as JSON; `import PROJECT IN.json` merges
such a file into a project (adds and updates, never deletes) and says what changed; `show
PROJECT [--json]` prints the design.
"""

from __future__ import annotations

import json
import sys

from app.core.numbers import format_number
from app.core.study import LEVELS
from app.i18n import N_, _, ngettext
from app.store.errors import ProjectError, RecordNotFoundError
from app.store.project import Project

EXIT_OK, EXIT_ERROR = 0, 1
INDENT = "  "

# The same words as the desktop application's, so that one translation serves both.
LEVEL_TITLES = {"output": N_("Outputs"), "outcome": N_("Outcomes"), "impact": N_("Impact")}
SOURCE_KINDS = {"survey_item": N_("Questionnaire item"), "theme": N_("Codebook theme"), "count": N_("Count"),
                "manual": N_("Entered by hand")}
COUNT_WORDS = {"interviews_held": N_("interviews held"), "participants_met": N_("participants met"),
               "transcripts": N_("transcripts"), "field_notes": N_("reflexive field notes")}
AGGREGATE_WORDS = {"mean": N_("mean"), "share_at_least": N_("share at or above a threshold"),
                   "distribution": N_("distribution of the answers"),
                   "share_of_participants": N_("share of participants"), "segments": N_("number of segments")}
COMBINE_WORDS = {"sum": N_("sum of the territories"), "mean": N_("mean of the territories")}
DIRECTION_WORDS = {"higher": N_("higher is better"), "lower": N_("lower is better")}
PARTICIPATION_WORDS = {"guide": N_("reviews the guide"), "codebook": N_("reviews the codebook"),
                       "results": N_("discusses the results")}


def add_commands(commands) -> None:
    """Add `design` (with export, import and show) to the `terrain` subcommands."""
    design = commands.add_parser(
        "design", help=_("the study's design (waves, territories, indicators...): export, import or show it"))
    actions = design.add_subparsers(dest="design_command", metavar=_("ACTION"), required=True)
    export = actions.add_parser("export", help=_("write the study's design to a JSON file"))
    export.add_argument("path", help=_("project file"))
    export.add_argument("out", metavar=_("OUT.json"), help=_("the JSON file to write"))
    read = actions.add_parser(
        "import", help=_("merge a design file into the project: adds and updates, never deletes"))
    read.add_argument("path", help=_("project file"))
    read.add_argument("file", metavar=_("IN.json"), help=_("a design file written by `terrain design export`"))
    read.add_argument("--json", action="store_true", help=_("print JSON"))
    show = actions.add_parser("show", help=_("print the study's design"))
    show.add_argument("path", help=_("project file"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args) -> int:
    from app.services.design_file import design_document, export_design, import_design
    from app.services.study_design import DesignError

    try:
        with Project.open(args.path) as project:
            if args.design_command == "export":
                written = export_design(project, args.out)
                document = design_document(project)
                print(ngettext("Design written to {path}: {n} indicator.",
                               "Design written to {path}: {n} indicators.", len(document["indicators"]))
                      .format(path=written, n=len(document["indicators"])))
            elif args.design_command == "import":
                summary = import_design(project, args.file)
                if args.json:
                    print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
                else:
                    print("\n".join(summary.lines()))
            elif args.json:
                print(json.dumps(design_document(project), ensure_ascii=False, indent=2))
            else:
                print(design_text(design_document(project)))
    except (ProjectError, RecordNotFoundError, DesignError) as error:
        message = error.args[0] if isinstance(error, RecordNotFoundError) and error.args else error
        print(_("terrain: {message}").format(message=message), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def design_text(document: dict) -> str:
    """The design as plain text: the study, then each list, indicators grouped by level."""
    study = document["study"]
    lines = [study["title"]]
    for name, value in ((_("Organisation"), study.get("organisation")),
                        (_("Evaluative question"), study.get("evaluative_question")),
                        (_("Languages"), ", ".join(study.get("languages", []))),
                        (_("Small-sample threshold"), str(study.get("small_n_threshold", "")))):
        if value:
            lines.append(_("{name}: {value}").format(name=name, value=value))
    dimensions = {d["key"]: d["label"] for d in document["dimensions"]}
    sections = (
        (_("Waves"), [f"{w['label']:<12} {_dates(w)}" for w in document["waves"]]),
        (_("Territories"), [f"{t['code']:<8} {t['name']}" for t in document["territories"]]),
        (_("Stakeholder groups"), [_group(g) for g in document["stakeholder_groups"]]),
        (_("Participant profiles"), [f"{p['key']:<24} {p['label']}" for p in document["profiles"]]),
        (_("Dimensions"), [f"{d['key']:<24} {d['label']}" for d in document["dimensions"]]),
    )
    for title, entries in sections:
        lines += ["", _("{title} ({n})").format(title=title, n=len(entries))]
        lines += [INDENT + entry for entry in entries] or [INDENT + "—"]
    indicators = document["indicators"]
    lines += ["", _("{title} ({n})").format(title=_("Indicators"), n=len(indicators))]
    for level in LEVELS:
        chosen = [i for i in indicators if i["level"] == level]
        if not chosen:
            continue
        lines.append(INDENT + _(LEVEL_TITLES[level]))
        for indicator in chosen:
            lines += _indicator_lines(indicator, dimensions)
    return "\n".join(lines)


def _dates(wave: dict) -> str:
    if wave.get("starts_on") or wave.get("ends_on"):
        return f"{wave.get('starts_on') or '…'} → {wave.get('ends_on') or '…'}"
    return _("dates to be set")


def _group(group: dict) -> str:
    roles = ", ".join(_(PARTICIPATION_WORDS[role]) for role in group["participation"] if role in PARTICIPATION_WORDS)
    return _("{name}: {roles}").format(name=group["name"], roles=roles or _("informed of the study"))


def _indicator_lines(indicator: dict, dimensions: dict[str, str]) -> list[str]:
    pad = INDENT * 2
    lines = [f"{pad}{indicator['code']:<6} {indicator['label']}"]
    facts = []
    if indicator.get("dimension"):
        facts.append(_("dimension {name}").format(name=dimensions.get(indicator["dimension"], indicator["dimension"])))
    if indicator.get("unit"):
        facts.append(_("unit {unit}").format(unit=indicator["unit"]))
    if indicator.get("target") is not None:
        facts.append(_("target {target} ({direction})").format(
            target=format_number(indicator["target"], 2), direction=_(DIRECTION_WORDS[indicator["direction"]])))
    elif indicator.get("direction") == "lower":
        facts.append(_(DIRECTION_WORDS["lower"]))
    detail = pad + " " * 7
    if facts:
        lines.append(detail + " · ".join(facts))
    lines.append(detail + _("source: {source}").format(source=source_text(indicator["source"])))
    for figure in indicator.get("figures", []):
        lines.append(detail + INDENT + _("{wave}, {territory}: {value} ({note})").format(
            wave=figure["wave"], territory=figure["territory"] or _("whole study"),
            value=format_number(figure["value"], 2), note=figure["source_note"]))
    return lines


def source_text(source: dict) -> str:
    """"Questionnaire item: satisfaction_autonomie, mean"."""
    kind = source["kind"]
    parts = []
    if kind == "count":
        parts.append(_(COUNT_WORDS.get(source["ref"], source["ref"])))
        if source.get("profile"):
            parts.append(_("profile {key}").format(key=source["profile"]))
    elif kind in ("survey_item", "theme"):
        parts.append(source["ref"])
        aggregate = source.get("aggregate")
        if aggregate == "share_at_least":
            parts.append(_("share at or above {threshold}").format(threshold=format_number(source.get("threshold"), 2)))
        elif aggregate:
            parts.append(_(AGGREGATE_WORDS.get(aggregate, aggregate)))
        if source.get("choices"):
            parts.append(_("counting {answers}").format(answers=" / ".join(source["choices"])))
    elif source.get("combine"):
        parts.append(_(COMBINE_WORDS[source["combine"]]))
    kind_word = _(SOURCE_KINDS.get(kind, kind))
    return _("{kind}: {source}").format(kind=kind_word, source=", ".join(parts)) if parts else kind_word
