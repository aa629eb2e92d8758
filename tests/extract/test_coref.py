"""Coreference: pronouns, bare titles and epithets, as pure lookups and one binding stage."""

from __future__ import annotations

import copy

from graph.extract.coref import antecedent, role_antecedent, sole_state


def _tok(d, word: str, nth: int = 0):
    return [t for t in d.doc if t.text == word][nth]


def test_pronoun_takes_the_nearest_person(staged):
    d = staged(
        "Foreign Minister Maria Lopez landed in Lima. She said the talks had failed.",
        through="coref",
    )
    assert antecedent(d, _tok(d, "She"), "person") == "person:maria-lopez"


def test_it_prefers_a_state_in_subject_position(staged):
    d = staged("Chile met officials from Peru. It said the talks had failed.", through="coref")
    assert antecedent(d, _tok(d, "It"), "state") == "state:chile"


def test_bare_title_stands_for_the_titled_person(staged):
    d = staged(
        "Peruvian Foreign Minister Maria Lopez arrived. The minister said Chile had lied.",
        through="coref",
    )
    assert role_antecedent(d, _tok(d, "minister", 0)) == "person:maria-lopez"


def test_lookups_write_nothing(staged):
    d = staged(
        "Foreign Minister Maria Lopez landed. She said the minister had lied.", through="coref"
    )
    before = (copy.deepcopy(d.relations), {k: e.as_dict() for k, e in d.entities.items()})
    antecedent(d, _tok(d, "She"), "person")
    role_antecedent(d, _tok(d, "minister"))
    assert before == (d.relations, {k: e.as_dict() for k, e in d.entities.items()})


def test_bare_title_with_a_state_binds_the_next_speaker(staged):
    d = staged(
        "The Peruvian foreign minister has accused Chile of spying.\n\n"
        "Maria Lopez said the evidence was clear.",
        through="coref",
    )
    title = _tok(d, "minister")
    assert d.title_bindings[title.i] == "person:maria-lopez"
    assert d.person_state["person:maria-lopez"] == "state:peru"
    assert role_antecedent(d, title) == "person:maria-lopez"


def test_both_stands_for_the_two_people_just_listed(staged):
    d = staged(
        "Chilean police have accused Karl Brenner and Tom Hale of carrying out the killing. "
        "Both deny involvement."
    )
    deniers = {r["source"] for r in d.relations if r["relation"] == "denies"}
    assert deniers == {"person:karl-brenner", "person:tom-hale"}


def test_the_two_countries_never_stands_for_two_people(staged):
    d = staged("Karl Brenner and Tom Hale met. The two countries then signed a pact.")
    assert not [r for r in d.relations if r["relation"] == "allied_with"]


def test_the_name_in_apposition_to_the_subject_is_the_subject(staged):
    d = staged(
        "Chile's deputy minister, Kim Lee, criticised Mr Castillo's speech. He said Peru had lied.",
        through="coref",
    )
    assert antecedent(d, _tok(d, "He"), "person") == "person:kim-lee"


def test_the_government_is_the_one_state_in_sight(staged):
    d = staged(
        "Police in Chile arrested two men on Monday. The government blamed the Andean Front.",
        through="coref",
    )
    assert sole_state(d, _tok(d, "government")) == "state:chile"


def test_the_government_is_unresolved_between_two_states(staged):
    d = staged("Chile accused Peru of spying. The government denied it.", through="coref")
    assert sole_state(d, _tok(d, "government")) is None
