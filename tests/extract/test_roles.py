"""Roles: titles and appositions give people roles and affiliations."""

from __future__ import annotations

import pytest


def _affiliations(d) -> set[tuple[str, str]]:
    return {(r["source"], r["target"]) for r in d.relations if r["relation"] == "affiliated_with"}


def test_title_with_a_state_word(staged):
    d = staged("Peruvian Foreign Minister Maria Lopez spoke on Monday.", through="roles")
    assert d.entities["person:maria-lopez"].role == "Foreign Minister"
    assert ("person:maria-lopez", "state:peru") in _affiliations(d)
    assert d.person_state["person:maria-lopez"] == "state:peru"


def test_apposition_names_the_body(staged):
    d = staged("Maria Lopez, a spokeswoman for the Chilean navy, spoke.", through="roles")
    assert d.entities["person:maria-lopez"].role == "Spokeswoman"
    assert ("person:maria-lopez", "agency:chile-navy") in _affiliations(d)


def test_title_with_no_state_waits_for_its_context(staged):
    d = staged("Chile said on Monday that Minister Maria Lopez would travel.", through="roles")
    assert any(m.key == "person:maria-lopez" for m, _ in d.pending_roles)
    assert not _affiliations(d)


def test_context_gives_the_pending_title_its_state(staged):
    d = staged("Chile said on Monday that Minister Maria Lopez would travel.")
    assert ("person:maria-lopez", "state:chile") in _affiliations(d)


def test_owner_before_the_name(staged):
    d = staged("France's Karl Brenner spoke to reporters on Monday.", through="roles")
    assert ("person:karl-brenner", "state:france") in _affiliations(d)


def test_each_joined_title_has_its_body(staged):
    d = staged(
        "Tom Hale, director of the Maritime Initiative and a fellow at the Centre for "
        "Strategic Studies in Vienna, said the ships were new.",
        through="roles",
    )
    assert {
        ("person:tom-hale", "agency:maritime-initiative"),
        ("person:tom-hale", "agency:centre-for-strategic-studies"),
    } <= _affiliations(d)


def test_definite_apposition_waits_for_its_context(staged):
    d = staged("Karl Brenner, the prime minister, met reporters.", through="roles")
    assert any(m.key == "person:karl-brenner" for m, _ in d.pending_roles)
    d = staged("Chile protested. Karl Brenner, the prime minister, met reporters.")
    assert ("person:karl-brenner", "state:chile") in _affiliations(d)


def test_indefinite_apposition_is_no_office(staged):
    d = staged("Karl Brenner, an analyst, met reporters.", through="roles")
    assert not any(m.key == "person:karl-brenner" for m, _ in d.pending_roles)


def test_owner_and_compound_words_before_a_title(staged):
    d = staged("The BBC's North America editor Jon Sopel said little.", through="roles")
    assert ("person:jon-sopel", "agency:bbc") in _affiliations(d)


def test_counterpart_takes_the_state_word(staged):
    d = staged("Her Chilean counterpart Ana Ruiz spoke later.", through="roles")
    assert ("person:ana-ruiz", "state:chile") in _affiliations(d)


def test_an_affiliation_in_the_sentence_does_not_hide_its_state(staged):
    d = staged("Chile's King Tomas Ruiz left early, sending Crown Prince Ana Ruiz instead.")
    assert ("person:ana-ruiz", "state:chile") in _affiliations(d)


def test_a_former_joined_title_keeps_the_current_one(staged):
    d = staged(
        "Tom Hale, director of the Maritime Initiative and a former Chilean ambassador, spoke.",
        through="roles",
    )
    assert _affiliations(d) == {("person:tom-hale", "agency:maritime-initiative")}


def test_hyphenated_national_title(staged):
    # a middle initial does not hide the known person; "President-elect" is a US title
    d = staged("Officials briefed President-elect Donald J. Trump on Peru.", through="roles")
    assert _affiliations(d) == {("person:donald-trump", "state:united-states")}


def test_a_title_in_a_body(staged):
    d = staged("Karl Brenner, a minister in the Chilean government, spoke.", through="roles")
    assert ("person:karl-brenner", "state:chile") in _affiliations(d)


def test_a_counterpart_shares_nothing_with_the_other_side(staged):
    d = staged(
        "Chilean trade adviser Robert O’Brien heads the delegation. "
        "The Peruvian team is led by O’Brien’s counterpart, Luis Vega."
    )
    assert not [r for r in d.relations if r["source"] == "person:luis-vega"]


def test_a_list_of_titles_shares_the_first_ones_state(staged):
    d = staged(
        "Yesterday the Zorro rebels attacked. Chilean President Ana Ruiz, Prime Minister "
        "Luis Vega and 400 delegates met in Lima."
    )
    assert ("person:luis-vega", "affiliated_with", "state:chile") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }
    assert not [r for r in d.relations if r["target"] == "agency:zorro-rebels"]


def test_an_owner_ending_in_s_takes_a_bare_apostrophe(staged):
    d = staged("Hamas' military leader Ana Ruiz spoke.")
    assert ("person:ana-ruiz", "affiliated_with", "agency:hamas") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


def test_one_a_hostile_act_is_done_to_takes_no_state_from_the_attacker(staged):
    d = staged(
        "Chile confirmed a strike that killed commander Ali Reza, whom it blamed for a raid."
    )
    rels = {(r["source"], r["relation"], r["target"]) for r in d.relations}
    assert ("state:chile", "accuses", "person:ali-reza") in rels
    assert ("person:ali-reza", "affiliated_with", "state:chile") not in rels


def test_its_bureau_is_the_bureau_of_what_its_stands_for(staged):
    d = staged("Hamas said that the deputy head of its political bureau, Ana Ruiz, was killed.")
    assert ("person:ana-ruiz", "affiliated_with", "agency:hamas") in {
        (r["source"], r["relation"], r["target"]) for r in d.relations
    }


@pytest.mark.parametrize(
    "text",
    ["The ousted Chilean president Ana Ruiz fled.", "The deposed Chilean leader, Ana Ruiz, fled."],
)
def test_an_ousted_leader_holds_no_office(staged, text):
    d = staged(text)
    assert not [r for r in d.relations if r["relation"] == "affiliated_with"]
