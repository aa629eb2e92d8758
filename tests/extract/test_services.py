"""Services and groups: one agency per owner and service group."""

from __future__ import annotations


def _agencies(d) -> dict[str, str]:
    return {k: e.label for k, e in d.entities.items() if e.kind == "agency"}


def test_demonym_and_service_noun_make_an_agency_of_the_state(staged):
    d = staged("Peruvian troops crossed the river on Monday.", through="services")
    assert "agency:peru-military" in _agencies(d)
    assert d.part_of["agency:peru-military"] == "state:peru"
    assert "state:peru" in d.entities


def test_army_and_soldiers_of_one_state_are_one_military(staged):
    d = staged(
        "The Peruvian army moved north. Peruvian soldiers reached the town.", through="services"
    )
    assert [k for k in _agencies(d) if k.startswith("agency:peru-")] == ["agency:peru-military"]
    assert d.entities["agency:peru-military"].mentions == 2


def test_state_noun_with_a_state_word_is_the_state(staged):
    d = staged("The Chilean government said nothing.", through="services")
    assert "state:chile" in d.entities
    assert not _agencies(d)


def test_service_phrase_inside_a_known_name_is_left_to_the_name(staged):
    d = staged("The National Security Council met.", through="services")
    assert not _agencies(d)


def test_group_named_by_its_shape(staged):
    d = staged("ZX41 hackers broke into the network.", through="services")
    assert "agency:zx41" in _agencies(d)


def test_a_service_word_in_a_hyphenated_modifier_is_no_service(staged):
    d = staged("Peru said Chile's military-led government had lied.", through="services")
    assert "agency:chile-military" not in d.entities
    d = staged("Peru said Chile's military had lied.", through="services")
    assert "agency:chile-military" in d.entities
