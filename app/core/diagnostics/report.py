"""Diagnostics as JSON-ready dictionaries and as readable text (the `terrain diagnostics` output)."""

from __future__ import annotations

from app.core.diagnostics.explain import TRAINING_NOTE, intro_note, level_label, threshold_text, value_text
from app.core.diagnostics.model import Figure, InterviewerFeedback, Threshold, TranscriptDiagnostics
from app.core.questions import rule_label
from app.i18n import _, current_language

LEVEL_MARKS = {"ok": "✓", "caution": "!", "alert": "‼", None: "·"}
# The figures listed under each interview in the text feedback (all of them are in the JSON).
FEEDBACK_AT_A_GLANCE = ("interviewer_word_share", "closed_question_share", "leading_questions", "interruption_share")


def _threshold(threshold: Threshold) -> dict:
    return {"ok_max": threshold.ok_max, "caution_max": threshold.caution_max, "unit": threshold.unit,
            "text": threshold_text(threshold)}


def _rounded(value):
    return round(value, 4) if isinstance(value, float) else value


def figure_dict(figure: Figure) -> dict:
    return {"name": figure.name, "label": figure.label, "value": _rounded(figure.value), "unit": figure.threshold.unit,
            "level": figure.level, "threshold": _threshold(figure.threshold), "explanation": figure.explanation,
            "detail": figure.detail, "tip": figure.tip}


def diagnostics_dict(d: TranscriptDiagnostics) -> dict:
    """The JSON contract of `terrain diagnostics --json`: shares are fractions between 0 and 1."""
    q = d.questions
    return {
        "transcript_id": d.transcript_id,
        "title": d.title,
        "language": d.language,
        "include_intro": d.include_intro,
        "intro_turns": d.intro_turns,
        "counted_turns": d.counted_turns,
        "interviewer_words": d.interviewer_words,
        "total_words": d.total_words,
        "interviewer_word_share": _rounded(d.interviewer_word_share),
        "interviewer_time_share": _rounded(d.interviewer_time_share),
        "longest_interviewer_turn_words": d.longest_interviewer_turn_words,
        "longest_interviewer_turn_position": d.longest_interviewer_turn_position,
        "questions": {
            "closed": q.closed, "open": q.open, "leading": q.leading, "other_flagged": q.other_flagged,
            "flagged": [{"position": f.position, "rule": f.rule, "severity": f.severity, "text": f.text,
                         "excerpt": f.excerpt, "message": f.message, "suggestion": f.suggestion}
                        for f in q.flagged],
        },
        "overlaps": d.overlaps,
        "interviewer_overlaps": d.interviewer_overlaps,
        "interruptions": d.interruptions,
        "interruption_positions": list(d.interruption_positions),
        "third_party_answers": d.third_party_answers,
        "third_party_positions": list(d.third_party_positions),
        "closed_answered": d.closed_answered,
        "bare_yes_answers": d.bare_yes_answers,
        "bare_yes_share": _rounded(d.bare_yes_share),
        "figures": [figure_dict(figure) for figure in d.figures],
    }


def feedback_dict(feedback: InterviewerFeedback) -> dict:
    return {
        "interviewer_id": feedback.interviewer_id,
        "interviewer_name": feedback.interviewer_name,
        "note": _(TRAINING_NOTE),
        "summaries": [{"name": s.name, "label": s.label, "mean": _rounded(s.mean), "min": _rounded(s.minimum),
                       "max": _rounded(s.maximum), "level": s.level, "measured": s.measured,
                       "threshold": _threshold(s.threshold)} for s in feedback.summaries],
        "interviews": [{"transcript_id": i.transcript_id, "title": i.title, "participant": i.participant_code,
                        "started_at": i.started_at,
                        "figures": {f.name: _rounded(f.value) for f in i.diagnostics.figures}}
                       for i in feedback.interviews],
    }


def text_report(d: TranscriptDiagnostics, explain: bool = False) -> str:
    """Readable figures: a mark and words for the level, the counts, a tip when it is not fine."""
    lines = [d.title or d.transcript_id, intro_note(d), ""]
    width = max((len(f.label) for f in d.figures), default=0)
    for figure in d.figures:
        value = value_text(figure.value, figure.threshold.unit)
        lines.append(f"  {LEVEL_MARKS[figure.level]} {figure.label:<{width}}  {value:>10}  {level_label(figure.level)}"
                     + (f" — {figure.detail}" if figure.detail else ""))
        if explain:
            lines.append(f"      {figure.explanation}")
            lines.append(f"      {threshold_text(figure.threshold)}")
        if figure.tip:
            lines.append("      " + _("Next time: {tip}").format(tip=figure.tip))
    if d.questions.flagged:
        lines += ["", _("Flagged questions:")]
        for flag in d.questions.flagged:
            excerpt = _("“{text}”").format(text=_shortened(flag.excerpt))
            lines.append("  " + _("turn {n}").format(n=flag.position + 1) + f" · {rule_label(flag.rule)} · {excerpt}")
            lines.append(f"      {flag.message}")
            if flag.suggestion:
                lines.append("      " + _("Try: {suggestion}").format(suggestion=flag.suggestion))
    return "\n".join(lines)


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mean_text(value: float | None, unit: str) -> str:
    """A mean of counts keeps one decimal (2.5 leading questions per interview), words none."""
    if value is None or unit == "fraction":
        return value_text(value, unit)
    if unit == "count" and round(value, 1) != round(value):
        text = f"{value:.1f}"
        return text.replace(".", ",") if current_language() == "fr" else text
    return value_text(round(value), unit)


def feedback_text(feedback: InterviewerFeedback) -> str:
    """An interviewer's figures over their interviews: mean, lowest, highest, then each interview."""
    lines = [feedback.interviewer_name, _(TRAINING_NOTE), ""]
    if not feedback.interviews:
        lines.append(_("No transcribed interview yet."))
        return "\n".join(lines)
    width = max(len(s.label) for s in feedback.summaries)
    lines.append(f"  {'':<{width}}  " + "  ".join(f"{h:>10}" for h in (_("mean"), _("lowest"), _("highest"))))
    for s in feedback.summaries:
        unit = s.threshold.unit
        cells = [_mean_text(v, unit) for v in (s.mean, s.minimum, s.maximum)]
        lines.append(f"  {s.label:<{width}}  " + "  ".join(f"{c:>10}" for c in cells) + f"  {level_label(s.level)}")
    lines += ["", _("Interviews, oldest first:")]
    for interview in feedback.interviews:
        d = interview.diagnostics
        lines.append(f"  {(interview.started_at or '')[:10]:<10}  {interview.title}")
        lines += [f"      {LEVEL_MARKS[f.level]} " + _("{label}: {value}").format(
                      label=f.label, value=value_text(f.value, f.threshold.unit))
                  for f in d.figures if f.name in FEEDBACK_AT_A_GLANCE]
    return "\n".join(lines)
