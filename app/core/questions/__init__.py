"""The bias-aware question checker: Qt-free, SQL-free, French and English.

``check_question`` reviews one interview question and returns findings (rule, span, severity,
message in the interface language, neutral rewrite); ``check_guide`` adds the guide-level checks
(funnel order, sensitive topics, share of closed questions, duration). Word lists are editable
files in ``resources/wordlists/<lang>/``. Background and sources: ``research/bias_nlp.md``.
"""

from app.core.questions.checker import check_question
from app.core.questions.findings import RULES, SEVERITIES, Finding
from app.core.questions.guide import GUIDE_RULES, GuideFinding, GuideQuestion, GuideReport, check_guide
from app.core.questions.language import detect_language
from app.core.questions.lexicon import Lexicon, load_lexicon
from app.core.questions.messages import rule_label, severity_label

__all__ = [
    "RULES", "SEVERITIES", "GUIDE_RULES", "Finding", "Lexicon", "load_lexicon", "detect_language",
    "check_question", "GuideQuestion", "GuideFinding", "GuideReport", "check_guide", "rule_label",
    "severity_label",
]
