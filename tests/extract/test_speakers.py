"""Speakers: who speaks in each sentence."""

from __future__ import annotations


def test_subject_of_a_reporting_verb(staged):
    d = staged("Chile said Peru had spied on its navy.", through="speakers")
    assert d.speaker[0] == ["state:chile"]


def test_inverted_attribution(staged):
    d = staged('"Peru is lying," said Maria Lopez.', through="speakers")
    assert d.speaker[0] == ["person:maria-lopez"]


def test_according_to(staged):
    d = staged("According to Maria Lopez, Peru sent the ships.", through="speakers")
    assert d.speaker[0] == ["person:maria-lopez"]
    assert d.voice[0] == ["person:maria-lopez"]


def test_paragraph_introduced_by_a_colon(staged):
    d = staged(
        "Chile and Peru trade claims\n\nMaria Lopez told reporters:\nPeru sent the ships.",
        through="speakers",
    )
    last = len(d.sents) - 1
    assert d.speaker.get(last) == ["person:maria-lopez"]
    assert d.voice.get(last) == ["person:maria-lopez"]


def test_negated_reporting_verb_has_no_speaker(staged):
    d = staged("Chile did not say who sent the ships.", through="speakers")
    assert 0 not in d.speaker
