"""Checked questions as JSON records or as a readable text report (used by `terrain lint-questions`)."""

from __future__ import annotations

import unicodedata
from dataclasses import asdict

from app.core.questions.checker import check_question
from app.core.questions.findings import Finding
from app.core.questions.language import resolve_language
from app.core.questions.messages import rule_label, severity_label
from app.i18n import _, ngettext

UNDERLINE_MAX_COLUMNS = 110


def lint_lines(lines: list[str], lang: str = "auto") -> list[dict]:
    """One record per line, in order: {"text", "lang", "findings": [...]}; blank lines have no findings."""
    records = []
    for line in lines:
        line_lang = resolve_language(line, lang)
        findings = check_question(line, line_lang)
        records.append({"text": line, "lang": line_lang, "findings": [asdict(f) for f in findings]})
    return records


def _printable(text: str) -> str:
    """The text with control and format characters shown as spaces, so that columns line up."""
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 0 if unicodedata.combining(c) else 1
               for c in text)


def text_report(records: list[dict]) -> str:
    out = []
    for number, record in enumerate(records, start=1):
        text = _printable(record["text"])
        out.append(f"{number} ({record['lang']}) {text}")
        findings = [Finding(**f) for f in record["findings"]]
        if not findings:
            out.append("  " + (_("No findings.") if text.strip() else _("(empty line)")))
        underline = _width(text) <= UNDERLINE_MAX_COLUMNS
        indent = " " * (len(str(number)) + len(record["lang"]) + 4)
        for finding in findings:
            label = f"{rule_label(finding.rule)} ({finding.rule}), {severity_label(finding.severity)}"
            if underline:
                column = _width(text[:finding.start])
                carets = "^" * max(1, _width(text[finding.start:finding.end]))
                out.append(f"{indent}{' ' * column}{carets} {label}")
            else:
                words = text[finding.start:finding.end]
                if len(words) > 60:
                    words = words[:57] + "…"
                out.append("  " + _("“{words}”").format(words=words) + f" {label}")
            out.append(f"    {finding.message}")
            if finding.suggestion:
                out.append("    " + _("Suggestion: {text}").format(text=finding.suggestion))
    return "\n".join(out)


def guide_text_report(report: dict) -> str:
    """A stored guide's check as text: the guide-level points, then each question's findings."""
    guide = report["guide"]
    out = [_("{title}, version {version}").format(title=guide["title"], version=guide["version"])]
    out.append(_("Closed questions: {percent} % · estimated duration: about {minutes} min").format(
        percent=round(report["closed_share"] * 100), minutes=round(report["estimated_minutes"])))
    if report["guide_findings"]:
        out.append("")
        out.append(_("The guide as a whole:"))
        for finding in report["guide_findings"]:
            out.append(f"  - {finding['message']}")
    for entry in report["questions"]:
        if not entry["findings"] and not entry["dismissed"]:
            continue
        out.append("")
        out.append(f"{entry['number']}. {_printable(entry['text'])}")
        for finding in entry["findings"]:
            out.append(f"  {rule_label(finding['rule'])} ({finding['rule']}), {severity_label(finding['severity'])}")
            out.append(f"    {finding['message']}")
            if finding["suggestion"]:
                out.append("    " + _("Suggestion: {text}").format(text=finding["suggestion"]))
        for finding in entry["dismissed"]:
            out.append("  " + _("{rule}: set aside ({reason})").format(rule=rule_label(finding["rule"]),
                                                                      reason=finding["reason"]))
    clean = sum(1 for entry in report["questions"] if not entry["findings"])
    out.append("")
    out.append(ngettext("{clean} of {total} question has no finding.", "{clean} of {total} questions have no finding.",
                        len(report["questions"])).format(clean=clean, total=len(report["questions"])))
    return "\n".join(out)
