"""Where each figure stops being fine, and why. Sources: ``research/bias_nlp.md`` (the project's
research notes; section numbers below), with the figures measured on real interviews in
``../shared/data/transcripts`` (CFPP2000 Mira, ESLO1 419) and on the demo study.

- interviewer share of words and of time — ≤ 25 % ok, 25–35 % caution, > 35 % alert (§1.3: no
  peer-reviewed norm; practitioners' "80/20 rule", Seidman's "listen more, talk less"; measured
  14–24 % in French sociolinguistic interviews, 32–34 % in English UX interviews).
- longest interviewer turn — ≤ 60 words ok, ≤ 100 caution, above alert [design]. At about 150
  words a minute, 60 words is some 25 seconds and 100 words some 40 seconds of uninterrupted
  interviewer talk; the checker already calls a question long past 25 words and very long past 40
  (``rules_structure``), and a turn may add an acknowledgement and one sentence of context. Roter
  et al. 2008 (§1.3): shorter clinician turns go with better-rated interviews. Measured: Mira 59,
  ESLO 419 66 (a question with a long preamble).
- closed questions — ≤ 30 % ok, ≤ 50 % caution, above alert (§1.2 item 4). 30 % is the guide-level
  limit (``questions.guide.CLOSED_SHARE_LIMIT``); a spoken interview adds closed confirmations,
  hence caution up to half. Measured: ESLO 419 50 % (many « est-ce que » questions).
- leading questions — none ok, 1–2 caution, 3 or more alert (§1.2 item 1): each one steers an
  answer; three make a habit worth training on.
- other flagged questions — ≤ 20 % of the questions ok, ≤ 40 % caution, above alert [design];
  measured: ESLO 419 19 % (mostly long questions), Mira 2 of 14.
- answers cut off by the interviewer — ≤ 5 % of the participant's turns ok, ≤ 15 % caution,
  above alert (§1.2 item 14, "avoid interrupting or finishing participants' sentences");
  measured: Mira 1.5 %, ESLO 419 3 % (some are the participant's own self-repair).
- the interviewer speaking over the participant (overlaps marked in the transcript, short
  backchannels left out) — ≤ 10 % of the participant's turns ok, ≤ 20 % caution, above alert
  (§1.2 item 14); measured: ESLO 419 7 %.
- answers by a third party — none ok, 1–2 caution, 3 or more alert (§1.2 item 15: proxy answers
  differ systematically — Neumann et al. 2000, Li et al. 2015, Arons et al. 2013 —, so any is
  worth noting; several call for meeting the person alone).
- bare « oui » after closed questions — ≤ 10 % ok, ≤ 25 % caution, above alert (§1.2 item 11,
  acquiescence [design]); measured: ESLO 419 6 % (2 of 33).
"""

from __future__ import annotations

from app.core.diagnostics.model import Threshold

TALK_SHARE = Threshold(0.25, 0.35, "fraction")

THRESHOLDS: dict[str, Threshold] = {
    "interviewer_word_share": TALK_SHARE,
    "interviewer_time_share": TALK_SHARE,
    "longest_interviewer_turn_words": Threshold(60, 100, "words"),
    "closed_question_share": Threshold(0.30, 0.50, "fraction"),
    "leading_questions": Threshold(0, 2, "count"),
    "flagged_question_share": Threshold(0.20, 0.40, "fraction"),
    "interruption_share": Threshold(0.05, 0.15, "fraction"),
    "overlap_share": Threshold(0.10, 0.20, "fraction"),
    "third_party_answers": Threshold(0, 2, "count"),
    "bare_yes_share": Threshold(0.10, 0.25, "fraction"),
}

FIGURE_NAMES = tuple(THRESHOLDS)

# An interviewer turn of this many words or fewer, said over the participant, is a backchannel
# (« oui », « hm hm », "right"): it shows listening and is not counted as talking over them.
BACKCHANNEL_WORDS = 2
