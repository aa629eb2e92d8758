"""Mentions: states, people and agencies from the parser's entities."""

from __future__ import annotations


def test_states_and_a_titled_person(staged):
    d = staged("Foreign Minister Maria Lopez said Chile had spied on Peru.", through="mentions")
    assert {"state:chile", "state:peru", "person:maria-lopez"} <= set(d.entities)
    assert d.entities["person:maria-lopez"].label == "Maria Lopez"


def test_place_of_business_is_not_the_state(staged):
    d = staged("A UK-based group published the files.", through="mentions")
    assert "state:united-kingdom" not in d.entities


def test_demonym_modifier_is_recorded_not_mentioned(staged):
    d = staged("Two Chilean ships entered the bay.", through="mentions")
    assert "state:chile" in d.modifier_state.values()
    assert "state:chile" not in {m.key for m in d.mentions}


def test_capital_acting_is_the_state(staged):
    d = staged("Lima accused Santiago of spying.", through="mentions")
    assert {"state:peru", "state:chile"} <= {m.key for m in d.mentions}


def test_mentions_mark_their_tokens(staged):
    d = staged("Chile accused Peru.", through="mentions")
    for m in d.mentions:
        assert all(d.at[i] is m for i in range(m.start, m.end))


def test_a_known_leaders_administration_is_their_state(staged):
    d = staged("A Biden administration official said the talks had failed.", through="mentions")
    assert "state:united-states" in {m.key for m in d.mentions}
    assert not any(k.startswith("person:") for k in d.entities)


def test_a_known_leader_alone_stays_a_person(staged):
    d = staged("Joe Biden said the talks had failed.", through="mentions")
    assert "state:united-states" not in {m.key for m in d.mentions}
