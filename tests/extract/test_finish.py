"""Finishing: organs of state get part_of, unused entities go, facts are kept once."""

from __future__ import annotations

from graph.extract.finish import finish


def test_agency_of_a_named_state_is_part_of_it(staged):
    d = staged("Peruvian troops crossed the river, Peru said.")
    ex = finish(d)
    assert ("agency:peru-military", "part_of", "state:peru") in {
        (r["source"], r["relation"], r["target"]) for r in ex.relations
    }


def test_each_fact_once_per_sentence(staged):
    d = staged("Chile accused Peru and blamed Peru.")
    ex = finish(d)
    sigs = [(r["source"], r["relation"], r["target"], r["evidence"]["start"]) for r in ex.relations]
    assert len(sigs) == len(set(sigs))


def test_entities_nobody_mentions_or_relates_are_dropped(staged):
    d = staged("Chile accused Peru.")
    d.state_entity("state:bolivia")
    assert "state:bolivia" not in finish(d).entities
