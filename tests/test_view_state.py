"""The app's filter state (graph/view/state.py): filters to and from the widgets'
session state, tested with a plain dict in place of ``st.session_state``."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

import graph.view.state
from graph.view import (
    STATE_DEFAULTS,
    ViewFilters,
    filter_choices,
    filters_from_state,
    init_state,
    params_from_filters,
    reset_filters,
    state_from_filters,
)


@pytest.fixture()
def small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, kind in (
        ("state:ruritania", "state"),
        ("state:freedonia", "state"),
        ("person:anna-fell", "person"),
        ("vessel:sea-star", "vessel"),
    ):
        G.add_node(
            node, label=node.split(":")[1].replace("-", " ").title(), kind=kind, documents=["doc-a"]
        )
    G.add_edge("person:anna-fell", "state:freedonia", key="accuses", relation="accuses")
    G.add_edge("state:freedonia", "state:ruritania", key="denies", relation="denies")
    return G


def test_doctests():
    assert doctest.testmod(graph.view.state).failed == 0


def test_choices_follow_the_vocabulary_then_the_unknown(small_graph):
    choices = filter_choices(small_graph, ["doc-a", "doc-b"])
    assert choices["f_kinds"] == ["state", "person", "vessel"]
    assert choices["f_rel"] == ["accuses", "denies"]
    assert choices["f_mod"] == ["asserted", "alleged", "hypothetical"]
    assert choices["f_doc"] == ["doc-a", "doc-b"]


def test_first_run_reads_the_url(small_graph):
    ss: dict = {}
    choices = filter_choices(small_graph, ["doc-a"])
    init_state(
        ss,
        small_graph,
        choices,
        {"kinds": "state,person", "focus": "Anna Fell", "hops": "2", "min_art": "3"},
    )
    assert ss["f_kinds"] == ["state", "person"] and ss["f_rel"] == ["accuses", "denies"]
    assert (ss["entity"], ss["focus_on"], ss["hops"], ss["f_min_art"]) == (
        "person:anna-fell",
        True,
        2,
        3,
    )
    f = filters_from_state(ss, choices)
    assert f == ViewFilters(
        kinds=("state", "person"),
        min_articles=3,
        focus="person:anna-fell",
        hops=2,
        entity="person:anna-fell",
    )
    # the URL is read once: later runs keep what the widgets say
    ss["f_kinds"] = ["state"]
    init_state(ss, small_graph, choices, {"kinds": "person"})
    assert ss["f_kinds"] == ["state"]


def test_everything_stays_everything_when_options_grow(small_graph):
    ss: dict = {}
    choices = filter_choices(small_graph, ["doc-a"])
    init_state(ss, small_graph, choices, {})
    assert filters_from_state(ss, choices) == ViewFilters()
    G = small_graph.copy()
    G.add_edge("state:ruritania", "state:freedonia", key="allied_with", relation="allied_with")
    grown = filter_choices(G, ["doc-a", "doc-b"])
    init_state(ss, G, grown, {})
    assert ss["f_rel"] == grown["f_rel"] and ss["f_doc"] == ["doc-a", "doc-b"]
    assert filters_from_state(ss, grown) == ViewFilters()


def test_state_is_kept_valid(small_graph):
    ss = {
        **STATE_DEFAULTS,
        "_started": True,
        "f_kinds": ["state", "gone"],
        "entity": "state:gone",
        "path_a": "state:gone",
        "f_min_ev": 0,
        "hops": 99,
    }
    init_state(ss, small_graph, filter_choices(small_graph, []), {})
    assert ss["f_kinds"] == ["state"] and ss["entity"] is None and ss["path_a"] is None
    assert ss["f_min_ev"] == 1 and ss["hops"] == 4


@pytest.mark.parametrize(
    "f",
    [
        ViewFilters(),
        ViewFilters(
            kinds=("state",),
            relations=("denies",),
            modalities=("alleged",),
            documents=(),
            min_evidence=2,
            min_articles=2,
            hide_isolated=True,
            physics=False,
        ),
        ViewFilters(focus="state:ruritania", hops=3, entity="state:ruritania"),
        ViewFilters(path=("person:anna-fell", "state:ruritania")),
    ],
)
def test_filters_round_trip_through_the_state(small_graph, f):
    choices = filter_choices(small_graph, ["doc-a"])
    ss: dict = {}
    init_state(ss, small_graph, choices, params_from_filters(f))
    assert filters_from_state(ss, choices) == f
    assert {**STATE_DEFAULTS, **state_from_filters(f)}.keys() == STATE_DEFAULTS.keys()


def test_reset_keeps_the_entity(small_graph):
    choices = filter_choices(small_graph, ["doc-a"])
    ss: dict = {}
    init_state(
        ss,
        small_graph,
        choices,
        {"rel": "accuses", "isolated": "hide", "entity": "state:ruritania"},
    )
    reset_filters(ss)
    init_state(ss, small_graph, choices, {})
    assert filters_from_state(ss, choices) == ViewFilters(entity="state:ruritania")
