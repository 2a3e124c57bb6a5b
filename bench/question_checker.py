"""Benchmark: how well the question checker finds wording biases, and how fast it is.

    python -m bench.question_checker [--data PATH] [--heldout PATH ...]

Scores the checker on labelled questions (JSON lines: {"lang", "text", "labels", "note"}):

- the dev set shared with the project (``../shared/data/bias_dev_questions.jsonl``: labels are the
  MAIN rule of each biased example, "other rules may also apply"; the neutral rewrites have no label);
- ``bench/data_questions_heldout.jsonl`` (128 questions, FR and EN, written by the project before
  the rules were tuned on the dev set; its outputs were looked at during development, so it is no
  longer strictly unseen);
- ``bench/data_questions_fresh.jsonl`` (118 questions, written by the project once the rules
  existed, and scored once before any change: micro precision 0.99, micro recall 0.90, 1 neutral
  question of 40 flagged. The misses it showed — loaded words absent from the lists, « avouez
  que », « vous n’avez pas l’impression que », a closing invitation, an intonation question
  without « ? » — were then fixed by general rules and list entries, not by sentence patterns).

Every set is written from the same field (cooperatives, social economy, care, work life); none is
a substitute for questions written by someone else, which remain the real test.

Scoring:
- a biased example is a true positive for its labelled rule if that rule is among its findings;
  findings of other rules on a biased example are not false positives (other rules may apply);
- every rule found on a neutral example is a false positive for that rule;
- only findings of severity "caution" or "alert" count. "info" findings are hints shown in a
  muted style in the editor (a closed question followed by a follow-up, a vague word in an open
  question, "how useful was…"): they do not ask the writer to change the question, so they
  count neither as a detection nor as a flag. The share of neutral questions with an info
  finding is printed too, for transparency.

Also times ``check_guide`` on a 60-question guide: median of 50 runs, cold (caches cleared before
each run, as on opening a guide) and warm (as on a keystroke, where only the edited question
changes). A benchmark reports figures; it does not fail.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
DEV_DATA = REPO.parent / "shared" / "data" / "bias_dev_questions.jsonl"
HELDOUT_DATA = BENCH_DIR / "data_questions_heldout.jsonl"
FRESH_DATA = BENCH_DIR / "data_questions_fresh.jsonl"
FLAG_SEVERITIES = ("caution", "alert")
TARGETS = {"micro precision": 0.85, "micro recall": 0.80, "neutral flagged": 0.10}
GUIDE_SIZE = 60
RUNS = 50
TARGET_MS = 50.0


@dataclass(frozen=True)
class Example:
    lang: str
    text: str
    label: str | None


@dataclass
class Scores:
    true_positives: Counter
    false_positives: Counter
    support: Counter
    neutral: int
    neutral_flagged: int
    neutral_with_info: int
    misses: list
    false_alarms: list

    def precision(self, rule: str | None = None) -> float:
        tp = sum(self.true_positives.values()) if rule is None else self.true_positives[rule]
        fp = sum(self.false_positives.values()) if rule is None else self.false_positives[rule]
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, rule: str | None = None) -> float:
        tp = sum(self.true_positives.values()) if rule is None else self.true_positives[rule]
        n = sum(self.support.values()) if rule is None else self.support[rule]
        return tp / n if n else 1.0


def read_examples(path: Path) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        labels = row.get("labels") or []
        if len(labels) > 1:
            raise ValueError(f"{path}:{number}: one main label per example, found {labels}")
        examples.append(Example(row["lang"], row["text"], labels[0] if labels else None))
    return examples


def score(examples: list[Example]) -> Scores:
    from app.core.questions import check_question

    scores = Scores(Counter(), Counter(), Counter(), 0, 0, 0, [], [])
    for example in examples:
        findings = check_question(example.text, example.lang)
        flagged = {f.rule for f in findings if f.severity in FLAG_SEVERITIES}
        if example.label is None:
            scores.neutral += 1
            scores.neutral_flagged += bool(flagged)
            scores.neutral_with_info += any(f.severity == "info" for f in findings)
            for rule in flagged:
                scores.false_positives[rule] += 1
                scores.false_alarms.append((rule, example.text))
        else:
            scores.support[example.label] += 1
            if example.label in flagged:
                scores.true_positives[example.label] += 1
            else:
                scores.misses.append((example.label, example.text))
    return scores


def report(name: str, path: Path, scores: Scores) -> None:
    from app.core.questions import RULES

    print(f"\n== {name}: {path}")
    print(f"{'rule':<22}{'n':>4}{'TP':>5}{'FP':>5}{'precision':>11}{'recall':>9}")
    for rule in RULES:
        print(f"{rule:<22}{scores.support[rule]:>4}{scores.true_positives[rule]:>5}{scores.false_positives[rule]:>5}"
              f"{scores.precision(rule):>11.2f}{scores.recall(rule):>9.2f}")
    micro_p, micro_r = scores.precision(), scores.recall()
    share = scores.neutral_flagged / scores.neutral if scores.neutral else 0.0
    print(f"{'micro':<22}{sum(scores.support.values()):>4}{sum(scores.true_positives.values()):>5}"
          f"{sum(scores.false_positives.values()):>5}{micro_p:>11.2f}{micro_r:>9.2f}")
    print(f"neutral questions flagged (caution or alert): {scores.neutral_flagged}/{scores.neutral} = {share:.1%}"
          f"   (with an info hint: {scores.neutral_with_info}/{scores.neutral})")
    print(f"targets: micro precision ≥ {TARGETS['micro precision']}: {'met' if micro_p >= 0.85 else 'MISSED'}; "
          f"micro recall ≥ {TARGETS['micro recall']}: {'met' if micro_r >= 0.80 else 'MISSED'}; "
          f"neutral flagged ≤ 10 %: {'met' if share <= 0.10 else 'MISSED'}")
    for rule, text in scores.misses:
        print(f"  missed {rule}: {text}")
    for rule, text in scores.false_alarms:
        print(f"  false alarm {rule}: {text}")


def sixty_question_guide(examples: list[Example]):
    from app.core.questions import GuideQuestion

    texts = [e.text for e in examples] or ["Comment s’est passée votre arrivée dans la coopérative ?"]
    return [GuideQuestion(id=f"q{i}", text=texts[i % len(texts)] + ("" if i < len(texts) else f" ({i})"),
                          section=i // 6, intent="probe" if i % 6 == 5 else "main")
            for i in range(GUIDE_SIZE)]


def time_guide(examples: list[Example]) -> tuple[float, float, float]:
    from app.core.questions import check_guide, lexicon
    from app.core.questions.checker import clear_cache
    from app.core.questions.guide import _content_stems
    from app.core.questions.text import prepare

    guide = sixty_question_guide(examples)
    lexicon.clear_cache()
    started = time.perf_counter()
    lexicon.load_lexicon("fr"), lexicon.load_lexicon("en")  # once per session: read and compile the lists
    loading = (time.perf_counter() - started) * 1000
    check_guide(guide)
    cold, warm = [], []
    for _run in range(RUNS):
        clear_cache()
        prepare.cache_clear()
        _content_stems.cache_clear()
        started = time.perf_counter()
        check_guide(guide)
        cold.append((time.perf_counter() - started) * 1000)
    edited = list(guide)
    for run in range(RUNS):
        edited[7] = guide[7].__class__(id="q7", text=guide[7].text + " " + "x" * (run + 1), section=1)
        started = time.perf_counter()
        check_guide(edited)
        warm.append((time.perf_counter() - started) * 1000)
    return loading, statistics.median(cold), statistics.median(warm)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.question_checker", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEV_DATA, help="labelled dev set (JSON lines)")
    parser.add_argument("--heldout", type=Path, action="append",
                        help="a held-out set (repeatable; default: the project's two sets)")
    args = parser.parse_args(argv)

    from app.i18n import set_language

    set_language("en")
    all_examples = []
    sets = [("dev set", args.data)] + [("held-out set", path) for path in (args.heldout or [HELDOUT_DATA, FRESH_DATA])]
    for name, path in sets:
        if not path.is_file():
            print(f"\n== {name}: {path} not found, skipped", file=sys.stderr)
            continue
        examples = read_examples(path)
        all_examples += examples
        report(name, path, score(examples))
    loading, cold, warm = time_guide(all_examples)
    print(f"\ncheck_guide on a {GUIDE_SIZE}-question guide, median of {RUNS} runs: "
          f"{cold:.1f} ms cold, {warm:.1f} ms after editing one question (target < {TARGET_MS:.0f} ms); "
          f"loading the French and English word lists, once per session: {loading:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
