"""Finding an entity by any of its names (graph/search.py), the rules curation, the
filters, the briefing images and shared links all use."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

import graph.search
from graph import select
from graph.search import find_entity, search_entities


@pytest.fixture()
def people() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("person:anna-fell", label="Anna Fell", aliases=["A. Fell"], mentions=3)
    G.add_node("person:bruno-fell", label="Bruno Fell", aliases=[], mentions=5)
    G.add_node("state:ruritania", label="Ruritania", aliases=["Strelsau"], mentions=9)
    G.add_node("agency:the-council", label="The Council", aliases=[], mentions=1)
    return G


def test_doctests():
    assert doctest.testmod(graph.search).failed == 0


@pytest.mark.parametrize(
    "name, node",
    [
        ("state:ruritania", "state:ruritania"),  # the id
        ("ruritania", "state:ruritania"),  # the label, any case
        ("STRELSAU", "state:ruritania"),  # an alias
        ("Anna", "person:anna-fell"),  # a word only one label has
        ("council", "agency:the-council"),
        ("the council", "agency:the-council"),  # a leading "the" is ignored
        ("Fell", None),  # two people share it: not guessed
        ("Nobody", None),
    ],
)
def test_find_entity(people, name, node):
    assert find_entity(people, name) == node


def test_search_ranks_exact_then_prefix_then_inside(people):
    assert search_entities(people, "fell") == ["person:bruno-fell", "person:anna-fell"]
    assert search_entities(people, "strel") == ["state:ruritania"]
    assert search_entities(people, "uri") == ["state:ruritania"]
    assert search_entities(people, "  ") == []
    assert search_entities(people, "e", limit=2) == search_entities(people, "e")[:2]


def test_select_still_offers_them():
    assert select.find_entity is find_entity and select.search_entities is search_entities
