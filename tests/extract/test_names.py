"""Names: acronyms the text defines, surnames joined, places that are not people."""

from __future__ import annotations


def test_acronym_defined_in_parentheses_is_an_alias(staged):
    d = staged(
        "The Andean Liberation Front (ALF) claimed the attack. Peru blamed the ALF.",
        through="names",
    )
    keys = {m.key for m in d.mentions if m.text == "ALF"}
    assert len(keys) == 1
    assert "ALF" in d.entities[keys.pop()].aliases


def test_surname_joins_the_full_name(staged):
    d = staged("Maria Lopez spoke on Monday. Later Lopez said more.", through="names")
    people = [e for e in d.entities.values() if e.kind == "person"]
    assert [p.label for p in people] == ["Maria Lopez"]
    assert people[0].mentions == 2


def test_name_after_a_title(staged):
    d = staged("Army chief Tomas al-Vargas inspected the troops.", through="names")
    assert any(e.kind == "person" and "Vargas" in e.label for e in d.entities.values())


def test_one_word_name_used_as_a_place_is_dropped(staged):
    d = staged("Fighting continued in Quellabamba on Monday.", through="names")
    assert not any(e.label == "Quellabamba" for e in d.entities.values())


def test_titled_surname_of_one_known_person_is_that_person(staged):
    # "Obama" is also a city: the title says it is a person, the vocabulary says which
    d = staged("President Obama spoke on Monday. Later Obama left.", through="names")
    people = [e for e in d.entities.values() if e.kind == "person"]
    assert [p.label for p in people] == ["Barack Obama"]


def test_untitled_surname_of_a_known_person_stays_local(staged):
    d = staged("Officer Obama spoke on Monday.", through="names")
    assert "person:barack-obama" not in d.entities


def test_first_name_read_as_a_state(staged):
    d = staged(
        "The panel heard Chad Morrow, a retired pilot. Mr Morrow said the plan failed.",
        through="names",
    )
    people = {e.label for e in d.entities.values() if e.kind == "person"}
    assert people == {"Chad Morrow"}
    assert d.entities["state:chad"].mentions == 0


def test_typographic_apostrophe_in_a_known_name(staged):
    d = staged("He met the National People\u2019s Congress on Monday.", through="mentions")
    assert "agency:national-people-s-congress" in d.entities


def test_name_continues_after_a_particle(staged):
    d = staged("The council head, Omar Ali al-Houthi, spoke on Monday.", through="names")
    assert "Omar Ali al-Houthi" in {e.label for e in d.entities.values() if e.mentions}


def test_surname_read_as_a_state_after_first_names(staged):
    d = staged("Navy spokesman Roy Vincent Trinidad said the ships left.", through="names")
    named = {e.label for e in d.entities.values() if e.mentions}
    assert "Roy Vincent Trinidad" in named
    assert "Trinidad and Tobago" not in named


def test_a_name_before_a_state_that_is_not_joined_to_it(staged):
    d = staged("On Monday Maria Lopez met Peru's envoy.", through="names")
    named = {e.label for e in d.entities.values() if e.mentions}
    assert {"Maria Lopez", "Peru"} <= named


def test_two_halves_of_one_name_side_by_side_are_one_person(staged):
    d = staged(
        "Chilean President Abd-Rabbu Mansour Karimi met the delegates on Sunday.", through="names"
    )
    people = {e.label for e in d.entities.values() if e.kind == "person" and e.mentions}
    assert people == {"Abd-Rabbu Mansour Karimi"}


def test_a_surname_read_as_a_body_is_the_person(staged):
    d = staged(
        "Chilean trade adviser Robert O’Brien heads the delegation. "
        "The Peruvian team is led by O’Brien’s counterpart, Luis Vega.",
        through="names",
    )
    assert not [e for e in d.entities.values() if e.kind == "agency"]
    assert d.entities["person:robert-obrien"].mentions == 2


def test_a_name_beside_a_group_noun_is_a_group(staged):
    d = staged("Another group, Zorro Tarek, claimed the attack.", through="names")
    assert "agency:zorro-tarek" in d.entities
    assert "person:zorro-tarek" not in d.entities


def test_a_state_that_begins_an_institutions_name_is_not_the_state(staged):
    d = staged(
        "Ana Ruiz, a professor at Chile University, spoke to the South Peru Times.",
        through="names",
    )
    keys = {m.key for m in d.mentions}
    assert {"agency:chile-university", "agency:south-peru-times"} <= keys
    assert not {"state:chile", "state:peru"} & keys


def test_an_acronym_joins_the_words_that_spell_it(staged):
    d = staged(
        "Members of the Andean People's Congress (APC) met. The APC denied it.", through="names"
    )
    keys = {m.key for m in d.mentions}
    assert keys == {"agency:andean-people-s-congress"}


def test_a_name_set_off_after_a_title_is_a_person(staged):
    d = staged(
        "Hamas said that the deputy head of its political bureau, Ana Ruiz, was killed.",
        through="names",
    )
    assert "person:ana-ruiz" in d.entities


def test_a_body_set_off_after_a_title_stays_a_body(staged):
    d = staged("Juan Cruz, a member of the Zorro Legislative Assembly, spoke.", through="names")
    assert not [k for k in d.entities if k.startswith("person:") and "assembly" in k]
