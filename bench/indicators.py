"""Benchmark: indicator values and the dashboards over a large study.

    python -m bench.indicators [--runs N]          (BENCH_SCALE=small for a quick run)

Takes the coding benchmark's corpus (2,000 transcripts of about 1,000 words, 1,000 participants
in 3 territories and 2 waves, 200 codes, 50,000 codings) and adds a questionnaire of four items
answered by every participant in each wave, a framework of 20 indicators (counts, questionnaire
items, themes, figures typed in) and 12 quotas. Then times, as the median of ``--runs`` runs:
every indicator for all waves, for one wave and one territory, the data of the dashboards, and
drawing and writing every chart. The Analysis area does the first three each time the wave or
the territory changes; aim: well under a second, so that the screen answers at once.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

from app.core.guide import Questionnaire, QuestionnaireItem
from app.core.interviews import SurveyAnswer
from app.core.participants import Quota
from app.core.study import Indicator, IndicatorValue
from app.services.charts import write_charts
from app.services.dashboards import dashboard_data
from app.services.indicators import compute_indicators
from app.store.project import Project
from bench.coding import PROFILES, SCALES, SEED, build, median_seconds
from bench.results import Result, format_table

AGREE = ["Pas du tout d’accord", "Plutôt pas d’accord", "Ni l’un ni l’autre", "Plutôt d’accord", "Tout à fait d’accord"]
TARGETS_S = {"indicators_all_waves": 1.0, "indicators_one_wave_territory": 1.0, "dashboard_data": 1.5}


def add_framework(project: Project, seed: int = SEED) -> None:
    """A questionnaire answered by everyone in each wave, 20 indicators and 12 quotas."""
    rng = random.Random(seed)
    study = project.study().id
    waves = project.waves.find(order_by="position")
    territories = project.territories.find(order_by="code")
    with project.transaction():
        questionnaire = project.questionnaires.insert(Questionnaire(study_id=study, title="Questionnaire"))
        items = [project.questionnaire_items.insert(QuestionnaireItem(
            questionnaire_id=questionnaire.id, name=name, label=name, item_type=kind, position=position,
            choices=AGREE if kind == "scale5" else []))
            for position, (name, kind) in enumerate((("autonomie", "scale5"), ("securite", "scale5"),
                                                     ("equilibre", "scale5"), ("part_locale", "number")))]
        interviews = project.db.execute(
            "SELECT id, participant_id, wave_id, started_at FROM interview").fetchall()
        answers = [SurveyAnswer(participant_id=participant, item_id=item.id, interview_id=interview,
                                answered_at=started,
                                value_number=float(rng.randint(1, 5) if item.item_type == "scale5" else rng.randint(0, 100)))
                   for interview, participant, _wave, started in interviews for item in items]
        project.survey_answers.insert_many(answers, guarded=False)
        themes = project.codes.find("parent_id IS NULL", order_by="position")
        specs = [("OUT1", "output", "count", "interviews_held", {}), ("OUT2", "output", "count", "participants_met", {}),
                 ("OUT3", "output", "count", "transcripts", {}), ("OUT4", "output", "manual", "", {"combine": "sum"})]
        specs += [(f"OC{i}", "outcome", "survey_item", item.name, {"aggregate": aggregate, "threshold": 4})
                  for i, (item, aggregate) in enumerate(
                      [(items[0], "mean"), (items[1], "share_at_least"), (items[2], "distribution"),
                       (items[3], "mean")], 1)]
        specs += [(f"TH{i}", "outcome" if i % 2 else "impact", "theme", theme.id,
                   {"aggregate": "share_of_participants" if i % 3 else "segments"})
                  for i, theme in enumerate(themes[:12], 1)]
        for position, (code, level, kind, ref, params) in enumerate(specs):
            indicator = project.indicators.insert(Indicator(
                study_id=study, code=code, label=code, level=level, source_kind=kind, source_ref=ref,
                source_params=params, target=50, unit="%", position=position))
            if kind == "manual":
                for wave in waves:
                    for territory in territories:
                        project.indicator_values.insert(IndicatorValue(
                            indicator_id=indicator.id, wave_id=wave.id, territory_id=territory.id,
                            value=rng.randint(5, 30), source_note="registre"))
        for territory in territories:
            for key, _label in PROFILES:
                project.quotas.insert(Quota(study_id=study, territory_id=territory.id, profile=key, target=80))


def run(folder: Path, scale_name: str, runs: int, progress=print) -> list[Result]:
    project = build(folder / "indicators.terrain", SCALES[scale_name], progress=progress)
    add_framework(project)
    wave = project.waves.first("position = 1")
    territory = project.territories.first("code = 'LYO'")
    results = []
    timed = {
        "indicators_all_waves": lambda: compute_indicators(project),
        "indicators_one_wave_territory": lambda: compute_indicators(project, wave.id, territory.id),
        "dashboard_data": lambda: dashboard_data(project, wave.id),
    }
    for name, function in timed.items():
        progress(f"timing {name}…")
        seconds, _value = median_seconds(function, runs)
        results.append(Result(name, round(seconds, 3), "s", TARGETS_S[name]))
    results += _charts(project, folder, runs, progress)
    project.close()
    return results


def _charts(project: Project, folder: Path, runs: int, progress) -> list[Result]:
    progress("timing the charts…")
    seconds, paths = median_seconds(lambda: write_charts(project, folder / "charts", "png"), runs)
    return [Result("charts_png_all", round(seconds, 3), "s", None), Result("charts_written", len(paths), "files", None)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    scale = os.environ.get("BENCH_SCALE", "full")
    with tempfile.TemporaryDirectory(prefix="terrain-indicators-") as folder:
        results = run(Path(folder), scale, args.runs, progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(format_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
