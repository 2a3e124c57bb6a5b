"""Coded spans follow their words through edits of the text, or are flagged when the words go."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.anchoring import AnchoredSpan, Change, EditScript, remap_spans

TEXT = "Je travaille à Crest depuis deux ans, avec la coopérative."


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def carried(old: str, new: str, words: str) -> AnchoredSpan:
    return remap_spans(old, new, [span_of(old, words)])[0]


def test_an_insertion_before_a_span_shifts_it():
    new = TEXT.replace("Je travaille", "Moi, je travaille")
    span = carried(TEXT, new, "deux ans")
    assert new[span.start:span.end] == "deux ans" and not span.orphaned


def test_an_insertion_after_a_span_leaves_it():
    new = TEXT.replace("coopérative.", "coopérative, et ça me plaît.")
    assert carried(TEXT, new, "deux ans") == AnchoredSpan(*span_of(TEXT, "deux ans"))


def test_an_insertion_inside_a_span_makes_it_longer():
    new = TEXT.replace("deux ans", "deux longues ans")
    span = carried(TEXT, new, "depuis deux ans")
    assert new[span.start:span.end] == "depuis deux longues ans"


def test_insertions_at_the_edges_of_a_span_stay_outside():
    old = "avant [cible] après"
    start, end = span_of(old, "[cible]")
    new = old[:start] + "<<" + old[start:end] + ">>" + old[end:]
    span = remap_spans(old, new, [(start, end)])[0]
    assert new[span.start:span.end] == "[cible]"


def test_deleting_the_whole_span_orphans_it_with_a_marker_inside_the_text():
    new = TEXT.replace(" depuis deux ans", "")
    span = carried(TEXT, new, "depuis deux ans")
    assert span.orphaned
    assert 0 <= span.start < span.end <= len(new) and span.end - span.start == 1


def test_a_partial_deletion_shrinks_the_span():
    new = TEXT.replace("depuis deux", "depuis")
    span = carried(TEXT, new, "depuis deux ans")
    assert new[span.start:span.end] == "depuis ans" and not span.orphaned


def test_a_replacement_inside_a_span_is_taken_in():
    new = TEXT.replace("deux ans", "trois mois")
    span = carried(TEXT, new, "depuis deux ans")
    assert new[span.start:span.end] == "depuis trois mois"


def test_a_span_ending_in_replaced_text_stretches_over_the_replacement():
    old = "c’est Sandrine qui m’aide"
    script = EditScript.from_replacements(len(old), [(6, 14, len("[Prénom 1]"))])
    new = "c’est [Prénom 1] qui m’aide"
    whole = script.map_span(0, 14)
    assert new[whole.start:whole.end] == "c’est [Prénom 1]"
    assert new[slice(*_pair(script.map_span(6, 14)))] == "[Prénom 1]"
    assert new[slice(*_pair(script.map_span(15, len(old))))] == "qui m’aide"


def _pair(span: AnchoredSpan) -> tuple[int, int]:
    return span.start, span.end


def test_a_typo_fix_keeps_a_span_that_ends_on_the_word():
    old, new = "Il y a Sandirne qui m’aide.", "Il y a Sandrine qui m’aide."
    span = carried(old, new, "Il y a Sandirne")
    assert new[span.start:span.end] == "Il y a Sandrine"


def test_an_edit_of_one_part_shifts_spans_of_the_following_parts():
    turns = ["Racontez-moi.", "J’ai commencé à Lyon.", "Et ensuite ?", "Ensuite la coopérative."]
    old = "\n".join(turns)
    edited = turns[1].replace("à Lyon", "à Lyon, en 2019")
    offset = len(turns[0]) + 1
    script = EditScript.between(turns[1], edited).within(offset, len(old))
    new = "\n".join([turns[0], edited, *turns[2:]])
    for words in ("Racontez-moi.", "Et ensuite ?", "la coopérative", "ensuite ?\nEnsuite"):
        span = script.map_span(*span_of(old, words))
        assert new[span.start:span.end] == words and not span.orphaned
    assert script.new_length == len(new)


def test_an_orphaned_span_stays_orphaned_and_its_marker_moves():
    script = EditScript.between("abc def", "xyz abc def")
    span = script.map_span(4, 5, orphaned=True)
    assert span == AnchoredSpan(8, 9, orphaned=True)


def test_an_empty_new_text_orphans_everything():
    (span,) = remap_spans("tout", "", [(0, 4)])
    assert span.orphaned and span.start == 0


def test_changes_that_do_not_add_up_are_refused():
    with pytest.raises(ValueError):
        EditScript([Change(2, 4, 2, 3)], 10, 10)
    with pytest.raises(ValueError):
        EditScript([Change(2, 4, 2, 4), Change(3, 5, 3, 5)], 10, 10)


def test_a_long_turn_with_a_small_edit_is_quick():
    import time

    old = ("Une phrase de témoignage assez ordinaire, avec des mots qui reviennent. " * 600)
    new = old[:20_000] + "un ajout " + old[20_000:]
    spans = [(i, i + 30) for i in range(0, len(old) - 30, 97)]
    started = time.perf_counter()
    remapped = remap_spans(old, new, spans)
    assert time.perf_counter() - started < 0.5
    assert all(new[s.start:s.end] == old[a:b] for s, (a, b) in zip(remapped, spans) if b <= 20_000)


@pytest.mark.parametrize("words", [1_000, 2_500, 20_000])
def test_a_long_rewrite_is_compared_coarsely_but_quickly_and_loses_no_coding(words):
    import random
    import time

    rng = random.Random(words)
    vocabulary = "la coopérative change le travail des membres qui disent que tout est plus simple".split()
    head, tail = "Début de l’entretien. ", " Fin de l’entretien."
    old = head + " ".join(rng.choice(vocabulary) for _ in range(words)) + tail
    new = head + " ".join(rng.choice(vocabulary) for _ in range(words)) + tail
    spans = [(0, 6), (len(old) - 4, len(old)), (len(head) + 10, len(head) + 40)]
    started = time.perf_counter()
    first, last, inside = remap_spans(old, new, spans)
    assert time.perf_counter() - started < 2
    assert new[first.start:first.end] == "Début" + " " and new[last.start:last.end] == old[-4:]
    assert not inside.orphaned and 0 <= inside.start < inside.end <= len(new)


# properties -------------------------------------------------------------------------------------
ALPHABET = "ab \n"


@st.composite
def text_and_spans(draw, alphabet=ALPHABET):
    text = draw(st.text(alphabet=alphabet, min_size=1, max_size=40))
    pairs = draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))), max_size=6))
    spans = [(min(a, b), max(a, b)) for a, b in pairs if min(a, b) < max(a, b)]
    return text, spans


@settings(max_examples=300, deadline=None)
@given(text_and_spans(), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 5), st.text(ALPHABET, max_size=6)),
                                   max_size=4))
def test_random_edits_never_give_a_span_outside_the_text_or_an_empty_one(case, edits):
    old, spans = case
    new = old
    for position, length, inserted in edits:
        position = min(position, len(new))
        new = new[:position] + inserted + new[position + length:]
    for span in remap_spans(old, new, spans):
        assert span.start < span.end
        if not span.orphaned:
            assert 0 <= span.start < span.end <= len(new)
        elif new:
            assert 0 <= span.start < span.end <= len(new)


@st.composite
def one_unambiguous_edit(draw):
    # Every code point distinct, and inserted text drawn from others: the diff then has one
    # reading only. With repeated text ("abcabc" losing one "abc") no program can tell which
    # copy went, which is why the general property above asks less.
    letters = draw(st.lists(st.characters(min_codepoint=0x41, max_codepoint=0x24F), min_size=2, max_size=30,
                            unique=True))
    old = "".join(letters)
    start = draw(st.integers(0, len(old)))
    end = draw(st.integers(start, len(old)))
    inserted = draw(st.text(alphabet="0123456789", max_size=5))
    return old, start, end, inserted


@settings(max_examples=300, deadline=None)
@given(one_unambiguous_edit(), st.data())
def test_spans_untouched_by_an_edit_keep_their_exact_text(edit, data):
    old, start, end, inserted = edit
    new = old[:start] + inserted + old[end:]
    a = data.draw(st.integers(0, len(old) - 1))
    b = data.draw(st.integers(a + 1, len(old)))
    (span,) = remap_spans(old, new, [(a, b)])
    touched = a < end and start < b if start < end else a < start < b
    if not touched:
        assert not span.orphaned and new[span.start:span.end] == old[a:b]
    elif start <= a and b <= end and not inserted:
        assert span.orphaned
    else:
        assert not span.orphaned
        # What survived of the span is still inside it.
        kept = old[a:min(b, start)] if a < start else ""
        assert kept in new[span.start:span.end]
