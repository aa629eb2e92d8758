"""How kinds and relations look (graph/style.py), and that the page, the briefing
image and the GEXF export all take it from there."""

from __future__ import annotations

import doctest
import io
import re

import networkx as nx
import pytest

import graph.style
from graph.export import generate_gexf
from graph.render import render_image
from graph.style import (
    UNKNOWN_COLOUR,
    is_directed,
    kind_label,
    kind_style,
    legend_rows,
    relation_label,
    relation_style,
)
from graph.view import legend_html, view_html


@pytest.fixture()
def odd_graph() -> nx.MultiDiGraph:
    """Known and unknown kinds and relations, as a graph file made elsewhere may hold."""
    G = nx.MultiDiGraph()
    G.add_node("state:ruritania", label="Ruritania", kind="state")
    G.add_node("vessel:sea-star", label="Sea Star", kind="vessel")
    G.add_node("person:anna-fell", label="Anna Fell", kind="person")
    G.add_edge("person:anna-fell", "state:ruritania", key="accuses", relation="accuses")
    G.add_edge("vessel:sea-star", "state:ruritania", key="docked_in", relation="docked_in")
    return G


def test_doctests():
    assert doctest.testmod(graph.style).failed == 0


def test_known_styles_are_the_vocabulary(vocab):
    for kind, spec in vocab.kinds.items():
        st = kind_style(kind)
        assert (st.label, st.colour, st.shape, st.marker, st.known) == (
            spec["label"],
            spec["colour"],
            spec["shape"],
            spec["marker"],
            True,
        )
        assert kind_label(kind) == spec["label"]
    for rel, spec in vocab.relations.items():
        st = relation_style(rel)
        assert (st.label, st.colour, st.dashes, st.width, st.directed) == (
            spec["label"],
            spec["colour"],
            spec["dashes"],
            spec["width"],
            spec["directed"],
        )
        assert relation_label(rel) == spec["label"] and is_directed(rel) == spec["directed"]


def test_unknown_kinds_and_relations_are_grey():
    st = kind_style("vessel")
    assert (st.colour, st.shape, st.marker, st.label, st.known) == (
        UNKNOWN_COLOUR,
        "dot",
        "o",
        "vessel",
        False,
    )
    assert kind_label("vessel") == "vessel" and kind_style("").label == "other"
    rel = relation_style("docked_in")
    assert (rel.colour, rel.dashes, rel.width, rel.directed, rel.label, rel.known) == (
        UNKNOWN_COLOUR,
        False,
        1,
        True,
        "docked in",
        False,
    )


def test_legend_rows_vocabulary_order_then_unknown(odd_graph):
    kinds, relations = legend_rows(odd_graph)
    assert kinds == [("state", 1), ("person", 1), ("vessel", 1)]
    assert relations == [("accuses", 1), ("docked_in", 1)]
    assert legend_rows(nx.MultiDiGraph()) == ([], [])


def test_the_page_legend_has_the_rows(odd_graph):
    legend = legend_html(odd_graph)
    names = re.findall(r"<span>(.*?)</span><b>(\d+)</b>", legend)
    assert names == [
        ("State", "1"),
        ("Person", "1"),
        ("vessel", "1"),
        ("accuses", "1"),
        ("docked in", "1"),
    ]
    assert f'fill="{UNKNOWN_COLOUR}"' in legend
    assert legend_html(odd_graph) in view_html(odd_graph)


def test_the_image_legend_has_the_rows(odd_graph):
    svg = render_image(odd_graph, "svg").decode()
    for label in ("State  (1)", "Person  (1)", "vessel  (1)", "accuses  (1)", "docked in  (1)"):
        assert label in svg
    # the grey of the unknown kind, as matplotlib writes it in SVG
    assert UNKNOWN_COLOUR in svg or UNKNOWN_COLOUR.upper() in svg


def test_gexf_colours_come_from_the_style(odd_graph):
    H = nx.read_gexf(io.StringIO(generate_gexf(odd_graph)))
    r, g, b = (int(kind_style("state").colour[i : i + 2], 16) for i in (1, 3, 5))
    assert H.nodes["state:ruritania"]["viz"]["color"] == {"r": r, "g": g, "b": b, "a": 1.0}
    assert "viz" not in H.nodes["vessel:sea-star"]  # no style to give an unknown kind
