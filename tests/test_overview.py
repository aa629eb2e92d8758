"""A readable overview at corpus scale: unconnected entities hidden above a few dozen
(one click brings them back), the most connected, picked and searched entities named,
sizes by importance, the article filter by search, and communities (colour mode,
legend, one-community filter)."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.select import community_legend, community_map
from graph.view import ViewFilters, params_from_filters, state, view_from_params, view_html
from graph.view.page import always_labelled

ISOLATED = {"state:china", "state:france", "state:germany"}


def page_data(page: str) -> dict:
    m = re.search(
        r'<script id="relate-data" type="application/json">(.*?)</script>', page, re.DOTALL
    )
    return json.loads(m.group(1))


@pytest.fixture()
def dated_app(monkeypatch, tmp_path, dated_dir):
    """The app on the dated corpus, which counts as large (over 10 entities)."""
    monkeypatch.setattr(state, "AUTO_HIDE", 10)
    monkeypatch.setenv("RELATE_INPUT", str(dated_dir))
    monkeypatch.setenv("RELATE_CURATION", str(tmp_path / "curation.yaml"))
    monkeypatch.setenv("RELATE_CACHE", str(tmp_path / "cache.sqlite"))


def test_large_view_hides_unconnected_and_one_click_shows_them(dated_app):
    from test_app import graph_page, run_app

    at = run_app()
    nodes = {n["id"] for n in page_data(graph_page(at))["nodes"]}
    assert nodes and not nodes & ISOLATED
    assert "isolated" not in at.query_params  # hiding is this corpus's default
    at.button(key="show_iso").click().run()
    nodes = {n["id"] for n in page_data(graph_page(at))["nodes"]}
    assert ISOLATED <= nodes
    assert at.query_params["isolated"] == "show"
    at.button(key="hide_iso").click().run()
    assert not {n["id"] for n in page_data(graph_page(at))["nodes"]} & ISOLATED


def test_link_saying_show_keeps_them(dated_app):
    from test_app import graph_page, run_app

    at = run_app({"isolated": "show"})
    assert ISOLATED <= {n["id"] for n in page_data(graph_page(at))["nodes"]}


def test_labels_name_the_most_connected_the_picked_and_the_searched(dated_app):
    from test_app import graph_page, run_app

    at = run_app()
    data = page_data(graph_page(at))
    assert "state:russia" in data["labels"]["top"]  # the most connected is always named
    sizes = {n["id"]: n["r"] for n in data["nodes"]}
    assert sizes["state:russia"] == max(sizes.values())
    at.text_input(key="q").input("Finland").run()
    assert "state:finland" in page_data(graph_page(at))["labels"]["must"]


def test_article_filter_searches_title_outlet_and_date(dated_app):
    from test_app import metrics, run_app

    at = run_app()
    everything = metrics(at)["Relations"]
    at.sidebar.text_input(key="f_doc_q").input("Baltic Times").run()
    assert 0 < metrics(at)["Relations"] < everything
    assert any("1 of 6 articles match" in c.value for c in at.sidebar.caption)
    at.sidebar.text_input(key="f_doc_q").input("2024-04").run()
    assert any("2 of 6 articles match" in c.value for c in at.sidebar.caption)


def test_community_colour_legend_and_filter(dated_app):
    from test_app import graph_page, metrics, run_app

    at = run_app()
    at.sidebar.radio(key="f_colour").set_value("community").run()
    page = graph_page(at)
    assert "Communities" in page and at.query_params["colour"] == "community"
    colours = {
        n["color"] if isinstance(n["color"], str) else n["color"]["background"]
        for n in page_data(page)["nodes"]
    }
    assert len(colours) > 1
    first = at.sidebar.selectbox(key="f_comm").options[0]
    assert first.startswith("1: ")
    at.sidebar.selectbox(key="f_comm").set_value(1).run()
    assert at.query_params["community"] == "1"
    assert 0 < metrics(at)["Entities"] < 13


def test_communities_are_seeded_and_named():
    G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y"), ("y", "z"), ("z", "x")])
    G.add_edge("c", "x")
    for n in G:
        G.nodes[n]["label"] = n.upper()
    assert community_map(G) == community_map(G.copy())
    rows = community_legend(G, community_map(G))
    assert [size for _, _, size in rows] == [3, 3] and rows[0][1].startswith("C")


def test_url_round_trip_of_the_new_filters():
    f = ViewFilters(since="2024-03-10", until="2024-04-30", community=2, colour="community")
    assert view_from_params(params_from_filters(f)) == f
    assert view_from_params({"since": "not a date", "community": "x"}) == ViewFilters()


def test_always_labelled_scales():
    assert always_labelled(12) == 12 and always_labelled(300) == 30 and always_labelled(10**4) == 40


def test_page_names_at_most_the_always_labelled_first(corpus_graph):
    page = view_html(corpus_graph, physics=False)
    labels = page_data(page)["labels"]
    assert len(labels["top"]) == always_labelled(corpus_graph.number_of_nodes())
