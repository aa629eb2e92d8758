"""The app's curation form (graph/view/curation.py): actions from widget values,
saved and undone with a message for the page."""

from __future__ import annotations

import doctest

import graph.view.curation
from graph.curate import load_curation
from graph.view import (
    add_edge_action,
    drop_edge_action,
    edge_choices,
    merge_action,
    save_action,
    undo_action,
)


def test_doctests():
    assert doctest.testmod(graph.view.curation).failed == 0


def test_actions_from_the_form():
    assert merge_action("state:ruritania", ("agency:palace",)) == {
        "op": "merge",
        "keep": "state:ruritania",
        "drop": ["agency:palace"],
    }
    assert drop_edge_action(("a", "b", "denies"), "A. Analyst") == {
        "op": "drop_edge",
        "source": "a",
        "target": "b",
        "relation": "denies",
        "analyst": "A. Analyst",
    }
    assert add_edge_action("a", "b", "supports", "A joint statement", "A. Analyst")["note"] == (
        "A joint statement"
    )


def test_save_and_undo_say_what_happened(tmp_path):
    path = tmp_path / "curation.yaml"
    assert save_action(path, merge_action("Ruritania", ["Strelsau Palace"], "A")) == (
        "success",
        "Saved: merge",
    )
    assert [a["op"] for a in load_curation(path)] == ["merge"]
    status, why = save_action(path, {"op": "merge", "kep": "Ruritania", "drop": ["X"]})
    assert status == "error" and "unknown field 'kep'" in why
    assert undo_action(path) == ("success", "Undone: merge")
    assert undo_action(path) == ("success", "Nothing to undo")
    (tmp_path / "bad.yaml").write_text("actions: [1\n", encoding="utf-8")
    assert undo_action(tmp_path / "bad.yaml")[0] == "error"


def test_edges_to_drop_are_sorted_by_name(seed_graph):
    edges = edge_choices(seed_graph, seed_graph)
    assert len(edges) == seed_graph.number_of_edges()
    names = [seed_graph.nodes[s]["label"] for s, _, _ in edges]
    assert names == sorted(names)
