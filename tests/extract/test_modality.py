"""Modality: negation, hedging, the hypothetical and the future, read from the lexicon."""

from __future__ import annotations

import pytest

from graph.extract.modality import future_or_negated, is_negated, modality


def _verb(d, lemma: str):
    return next(t for t in d.doc if t.lemma_ == lemma)


@pytest.mark.parametrize(
    "text, negated",
    [
        ("Chile did not accuse Peru.", True),
        ("Chile has yet to accuse Peru.", True),
        ("Chile refused to accuse Peru.", True),
        ("Chile has neither confirmed nor denied the report.", True),
        ("Chile accused Peru.", False),
    ],
)
def test_is_negated(staged, text, negated):
    d = staged(text, through="names")
    lemma = "deny" if "denied" in text else "accuse"
    assert is_negated(_verb(d, lemma), d.lx) is negated


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chile accused Peru of spying.", "asserted"),
        ("Chile reportedly accused Peru of spying.", "alleged"),
        ("Chile may accuse Peru of spying.", "hypothetical"),
        ("Did Chile accuse Peru of spying?", "hypothetical"),
    ],
)
def test_modality(staged, text, expected):
    d = staged(text, through="names")
    verb = _verb(d, "accuse")
    assert modality(d, verb, d.sent_of[verb.i]) == expected


@pytest.mark.parametrize(
    "text, future",
    [
        ("Chile hopes to join the alliance.", True),
        ("Chile will join the alliance.", True),
        ("Chile joined the alliance.", False),
    ],
)
def test_future_or_negated(staged, text, future):
    d = staged(text, through="names")
    assert future_or_negated(_verb(d, "join"), d.lx) is future


def test_words_come_from_the_lexicon(staged):
    d = staged("Chile has yet to accuse Peru.", through="names")
    assert "yet to" in d.lx.negating_phrases
    assert {"may", "might"} <= d.lx.hypothetical_auxiliaries
