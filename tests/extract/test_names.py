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
