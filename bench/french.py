"""Spoken French for benchmark transcripts: a semi-structured interview, turn by turn.

The text reads like a transcribed interview in a cooperative, not like correct prose: clauses
chained by « et », « parce que », « du coup », fillers (« euh », « bon », « tu vois »), sentence
lengths drawn from a skewed (lognormal) law around 14 words, and words drawn with Zipf-like
weights so that a few terms are very common and most are rare, as in real speech. The
interviewer speaks in short turns, mostly questions; the participant answers at length.

Everything is drawn from the ``random.Random`` passed in, so a seed fixes the whole text.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from dataclasses import dataclass
from typing import Sequence

from bench import vocabulary as vocab

NBSP = "\u00a0"
WORDS_PER_MINUTE = 150
INTERVIEWER_LABELS = ("Enquêtrice", "Enquêteur")
PARTICIPANT_LABEL = "Participant·e"

# Lognormal sentence lengths with a mean of about 14 words: exp(mu + sigma² / 2) = 14.
_SIGMA = 0.6
_MU = math.log(14) - _SIGMA**2 / 2
# How many sentences a participant's answer holds, 1 to 8: short answers are the most common.
_ANSWER_SENTENCE_WEIGHTS = [22, 20, 16, 13, 10, 8, 6, 5]
_VOWELS = set("aeiouyéèêëàâîïôûœAEIOUYÉÈÊÀÂÎÔ")
_PUNCTUATION = {",", "«", "»"}
_CONTRACTIONS = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}
_ELIDING = {"je", "que", "de", "le", "la", "lorsque", "puisque"}
# The interviewer asks about the participant's things, not their own.
_YOUR = {"mon": "votre", "ma": "votre", "mes": "vos", "nos": "vos"}


@dataclass(frozen=True, slots=True)
class SpokenTurn:
    """One speaker turn, before it is stored: what the benchmarks turn into ``Turn`` records."""

    role: str  # "interviewer" or "participant"
    label: str
    text: str
    start_ms: int
    end_ms: int


class ZipfChoice:
    """Picks from a list with weight 1 / rank ** exponent, the first item being the most likely."""

    def __init__(self, items: Sequence, exponent: float = 1.0):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(1 / rank**exponent for rank in range(1, len(self.items) + 1)))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.total)]


_noun = ZipfChoice(vocab.NOUNS, 0.9)
_adjective = ZipfChoice(vocab.ADJECTIVES)
_verb = ZipfChoice(vocab.VERBS, 0.9)
_subject = ZipfChoice(vocab.SUBJECTS, 1.2)
_modal = ZipfChoice(vocab.MODALS)
_opinion = ZipfChoice(vocab.OPINIONS)
_connector = ZipfChoice(vocab.CONNECTORS, 1.1)
_opening_filler = ZipfChoice(vocab.OPENING_FILLERS, 1.2)
_inner_filler = ZipfChoice(vocab.INNER_FILLERS, 1.3)
_adverbial = ZipfChoice(vocab.ADVERBIALS)


def word_count(text: str) -> int:
    """Words as a reader counts them: whitespace-separated pieces holding a letter or a digit."""
    return sum(1 for piece in text.split() if any(character.isalnum() for character in piece))


# joining words -----------------------------------------------------------------------------------
def _starts_with_vowel(word: str) -> bool:
    return word[0] in _VOWELS or word.split(" ")[0] in vocab.MUTE_H_WORDS


def join_words(tokens: list[str]) -> str:
    """Join tokens into text, applying the elisions and contractions French requires."""
    pieces: list[str] = []
    count = len(tokens)
    index = 0
    while index < count:
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < count else ""
        after = tokens[index + 2] if index + 2 < count else ""
        contraction = _CONTRACTIONS.get((token, following))
        if token == "," and pieces:
            pieces[-1] += token
        elif contraction and not (following == "le" and after and _starts_with_vowel(after)):
            # « du travail », but « de l'équipe »: the article elides before a vowel instead.
            pieces.append(contraction)
            index += 1
        elif following and token in _ELIDING and _starts_with_vowel(following):
            pieces.append(token[:-1] + "'" + following)
            index += 1
        elif token == "si" and following in ("il", "ils"):
            pieces.append("s'" + following)
            index += 1
        else:
            pieces.append(token)
        index += 1
    # French typography: guillemets hold their words with non-breaking spaces.
    return " ".join(pieces).replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def _words_in(tokens: list[str]) -> int:
    return sum(token.count(" ") + 1 for token in tokens if token not in _PUNCTUATION)


# phrases -------------------------------------------------------------------------------------------
def noun_phrase(rng: random.Random) -> list[str]:
    """« la coopérative », « des chantiers compliqués », « mon activité de la semaine »..."""
    return _noun_phrase(rng)[0]


def _noun_phrase(rng: random.Random) -> tuple[list[str], bool]:
    """A noun phrase and whether it is plural, for the verb that follows it to agree."""
    singular, plural_form, gender = _noun(rng)
    plural = rng.random() < 0.25
    noun = plural_form if plural else singular
    draw = rng.random()
    if plural:
        determiner = "les" if draw < 0.5 else "des" if draw < 0.75 else "mes" if draw < 0.88 else "nos"
    elif draw < 0.55:
        determiner = "le" if gender == "m" else "la"
    elif draw < 0.8:
        determiner = "un" if gender == "m" else "une"
    elif draw < 0.92:
        determiner = "mon" if gender == "m" or _starts_with_vowel(noun) else "ma"
    else:
        determiner = ("cet" if _starts_with_vowel(noun) else "ce") if gender == "m" else "cette"
    phrase = [determiner, noun]
    if rng.random() < 0.3:
        phrase.append(_agree(_adjective(rng), gender, plural))
    if rng.random() < 0.12:
        phrase += ["de", *_definite(rng)]
    return phrase, plural


def _definite(rng: random.Random) -> list[str]:
    singular, plural_form, gender = _noun(rng)
    if rng.random() < 0.25:
        return ["les", plural_form]
    return ["le" if gender == "m" else "la", singular]


def _agree(adjective: tuple, gender: str, plural: bool) -> str:
    masculine, feminine = adjective[0], adjective[1]
    if not plural:
        return masculine if gender == "m" else feminine
    if len(adjective) == 4:
        return adjective[2] if gender == "m" else adjective[3]
    if gender == "m":
        return masculine if masculine[-1] in "sx" else masculine + "s"
    return feminine + "s"


# clauses --------------------------------------------------------------------------------------------
def _present(rng: random.Random) -> list[str]:
    subject, person = _subject(rng)
    tokens = [subject, _verb(rng)[{"je": 1, "il": 2, "ils": 3}[person]]]
    if rng.random() < 0.12:
        tokens.append("pas")  # spoken French drops the « ne »
    return tokens + noun_phrase(rng)


def _past(rng: random.Random) -> list[str]:
    subject, person = _subject(rng)
    tokens = [subject, vocab.AVOIR[person]]
    if rng.random() < 0.1:
        tokens.append("jamais")
    return tokens + [_verb(rng)[4], *noun_phrase(rng)]


def _with_modal(rng: random.Random) -> list[str]:
    return [*_modal(rng).split(" "), _verb(rng)[0], *noun_phrase(rng)]


def _it_is(rng: random.Random) -> list[str]:
    if rng.random() < 0.4:
        return ["c'est", _adjective(rng)[0]]
    topic, plural = _noun_phrase(rng)
    tokens = ["c'est", *topic]
    if rng.random() < 0.5:
        tokens += ["qui", _verb(rng)[3 if plural else 2], *noun_phrase(rng)]
    return tokens


def _there_is(rng: random.Random) -> list[str]:
    topic, plural = _noun_phrase(rng)
    tokens = ["il", "y", "a", *topic]
    if rng.random() < 0.4:
        tokens += ["qui", _verb(rng)[3 if plural else 2], *noun_phrase(rng)]
    return tokens


def _dislocated(rng: random.Random) -> list[str]:
    """« la coopérative, elle accompagne les gens »: the topic first, then a pronoun."""
    singular, _plural, gender = _noun(rng)
    pronoun = "il" if gender == "m" else "elle"
    topic = ["le" if gender == "m" else "la", singular]
    return [*topic, ",", pronoun, _verb(rng)[2], *noun_phrase(rng)]


_CLAUSES = ZipfChoice([_present, _past, _it_is, _with_modal, _there_is, _dislocated], 0.6)


def _clause(rng: random.Random) -> list[str]:
    tokens = _CLAUSES(rng)(rng)
    if rng.random() < 0.2:
        tokens += _adverbial(rng).split(" ")
    return tokens


# sentences and turns ----------------------------------------------------------------------------------
def sentence(rng: random.Random, length: int | None = None) -> str:
    """One spoken sentence of about ``length`` words (drawn from the lognormal law if None)."""
    if length is None:
        length = sentence_length(rng)
    if length <= 3:
        return rng.choice(vocab.SHORT_REPLIES)
    tokens: list[str] = []
    if rng.random() < 0.35:
        tokens += _opening_filler(rng).split(" ")
    if rng.random() < 0.3:
        tokens += _opinion(rng).split(" ")
    tokens += _clause(rng)
    # A clause adds about eight words: stopping half a clause early keeps the mean on target.
    while _words_in(tokens) + 4 < length:
        if rng.random() < 0.15:
            tokens += _inner_filler(rng).split(" ")
        tokens += [*_connector(rng).split(" "), *_clause(rng)]
    text = join_words(tokens) + rng.choice(vocab.ENDINGS)
    return text[0].upper() + text[1:]


def sentence_length(rng: random.Random) -> int:
    return max(2, min(60, round(rng.lognormvariate(_MU, _SIGMA))))


# {topic} is a noun phrase about the participant, {verb} an infinitive, {represents} agrees with the topic.
_QUESTION_FORMS = [
    "et {topic} , ça a changé quoi pour vous",
    "comment vous avez vécu {topic}",
    "vous pouvez m'en dire un peu plus sur {topic}",
    "qu'est-ce que {topic} {represents} pour vous",
    "qu'est-ce qui vous a amené à {verb} {topic}",
    "et au niveau de {topic}",
    "comment ça se passe avec {topic}",
    "est-ce que vous pourriez me parler de {topic}",
    "quand vous dites « {topic} » , vous pensez à quoi",
    "qu'est-ce qui a changé depuis que vous êtes dans {topic}",
    "c'est-à-dire",
    "par exemple",
    "et aujourd'hui",
    "et vous le vivez comment",
]


def question(rng: random.Random) -> str:
    """An interviewer's question, ending with « ? » after a non-breaking space."""
    topic, plural = _your_phrase(rng)
    tokens: list[str] = []
    for word in rng.choice(_QUESTION_FORMS).split(" "):
        if word == "{topic}":
            tokens += topic
        elif word == "{verb}":
            tokens.append(_verb(rng)[0])
        elif word == "{represents}":
            tokens.append("représentent" if plural else "représente")
        else:
            tokens.append(word)
    text = join_words(tokens)
    return text[0].upper() + text[1:] + NBSP + "?"


def _your_phrase(rng: random.Random) -> tuple[list[str], bool]:
    topic, plural = _noun_phrase(rng)
    topic[0] = _YOUR.get(topic[0], topic[0])
    return topic, plural


def _reformulation(rng: random.Random) -> str:
    topic, plural = _your_phrase(rng)
    if rng.random() < 0.5:
        tokens = ["si", "je", "comprends", "bien", ",", "pour", "vous", ",", *topic, ",", "c'est", _adjective(rng)[0]]
    else:
        verb = "ont" if plural else "a"
        tokens = ["donc", ",", "si", "je", "vous", "suis", ",", *topic, verb, "vraiment", "changé", "depuis", "que",
                  "vous", "êtes", "là"]
    text = join_words(tokens)
    return text[0].upper() + text[1:] + ", c'est ça" + NBSP + "?"


def interviewer_turn(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.1:
        return rng.choice(vocab.BACKCHANNELS)
    if draw < 0.32:
        # Reformulating is part of the method, and makes some interviewer turns longer.
        return _reformulation(rng)
    if draw < 0.5:
        recalled = join_words(["tout", "à", "l'heure", ",", "vous", "avez", "parlé", "de", *_your_phrase(rng)[0]])
        return recalled[0].upper() + recalled[1:] + ". " + question(rng)
    if rng.random() < 0.5:
        return rng.choice(vocab.ACKNOWLEDGEMENTS) + " " + question(rng)
    return question(rng)


def participant_turn(rng: random.Random) -> str:
    sentences = rng.choices(range(1, 9), weights=_ANSWER_SENTENCE_WEIGHTS)[0]
    return " ".join(sentence(rng) for _ in range(sentences))


def french_transcript(rng: random.Random, words: int, interviewer_label: str | None = None) -> list[SpokenTurn]:
    """An interview of about ``words`` words, with timestamps at about 150 words a minute."""
    if interviewer_label is None:
        interviewer_label = rng.choice(INTERVIEWER_LABELS)
    texts = [("interviewer", vocab.INTERVIEW_OPENING), ("participant", participant_turn(rng))]
    spoken = sum(word_count(text) for _role, text in texts)
    closing_words = word_count(vocab.INTERVIEW_LAST_QUESTION) + word_count(vocab.INTERVIEW_THANKS) + 40
    while spoken + closing_words < words:
        for role, text in (("interviewer", interviewer_turn(rng)), ("participant", participant_turn(rng))):
            texts.append((role, text))
            spoken += word_count(text)
    texts += [
        ("interviewer", vocab.INTERVIEW_LAST_QUESTION),
        ("participant", participant_turn(rng)),
        ("interviewer", vocab.INTERVIEW_THANKS),
    ]
    return _timed(rng, texts, interviewer_label)


def _timed(rng: random.Random, texts: list[tuple[str, str]], interviewer_label: str) -> list[SpokenTurn]:
    turns = []
    clock_ms = rng.randint(1_000, 8_000)
    for role, text in texts:
        duration = word_count(text) * 60_000 / WORDS_PER_MINUTE * rng.uniform(0.85, 1.2)
        end_ms = clock_ms + max(400, round(duration))
        label = interviewer_label if role == "interviewer" else PARTICIPANT_LABEL
        turns.append(SpokenTurn(role, label, text, clock_ms, end_ms))
        clock_ms = end_ms + rng.randint(150, 1_500)
    return turns
