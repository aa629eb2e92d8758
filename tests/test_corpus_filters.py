"""Filters that only mean something across articles, on a corpus where they can fail.

``CORPUS`` (tests/conftest.py) has four invented dispatches: Poland's accusation
against Russia is stated in two of them, every other fact in one. "Minimum
articles" must keep that edge and hide the others; the single-article marks of
the tables must tell the two kinds apart.
"""

from __future__ import annotations

from conftest import SHARED_FACT

from graph.select import edge_support, subgraph
from graph.view import ViewFilters, apply_filters, claims_table, describe_filters, edge_table


def _edges(G) -> set[tuple[str, str, str]]:
    return set(G.edges(keys=True))


def test_the_corpus_has_one_fact_in_two_articles_and_others_in_one(corpus_graph):
    support = {e: edge_support(corpus_graph.edges[e]) for e in _edges(corpus_graph)}
    assert support[SHARED_FACT]["articles"] == 2 and support[SHARED_FACT]["sources"] == 2
    others = [s for e, s in support.items() if e != SHARED_FACT]
    assert len(others) >= 4 and all(s["articles"] == 1 for s in others)


def test_minimum_two_articles_hides_every_single_article_edge(corpus_graph):
    H = subgraph(corpus_graph, min_articles=2)
    assert _edges(H) == {SHARED_FACT}
    assert set(H) == set(corpus_graph)  # nodes stay unless isolated ones are hidden
    H = subgraph(corpus_graph, min_articles=2, hide_isolated=True)
    assert set(H) == {"state:poland", "state:russia"}
    assert H.edges[SHARED_FACT]["documents"] == corpus_graph.edges[SHARED_FACT]["documents"]


def test_minimum_one_article_keeps_everything(corpus_graph):
    assert _edges(subgraph(corpus_graph, min_articles=1)) == _edges(corpus_graph)
    assert _edges(subgraph(corpus_graph, min_articles=3)) == set()


def test_the_view_filter_is_the_same_selection(corpus_graph):
    f = ViewFilters(min_articles=2, hide_isolated=True)
    assert _edges(apply_filters(corpus_graph, f)) == {SHARED_FACT}
    assert "≥2 articles per edge" in describe_filters(f, corpus_graph)


def test_one_article_chosen_makes_the_shared_fact_single_article(corpus_graph, corpus_articles):
    first = corpus_articles[0].id
    H = subgraph(corpus_graph, documents=[first])
    assert SHARED_FACT in _edges(H)
    assert H.edges[SHARED_FACT]["documents"] == [first]
    assert edge_support(H.edges[SHARED_FACT])["articles"] == 1
    assert _edges(subgraph(corpus_graph, documents=[first], min_articles=2)) == set()


def test_tables_mark_single_article_edges(corpus_graph):
    rows = {(r["source_id"], r["target_id"], r["key"]): r for r in edge_table(corpus_graph)}
    assert rows[SHARED_FACT]["single_article"] is False and rows[SHARED_FACT]["articles"] == 2
    assert all(r["single_article"] for e, r in rows.items() if e != SHARED_FACT)
    assert edge_table(corpus_graph)[0]["key"] == "accuses"  # best-sourced first
    claims = {(r["source_id"], r["target_id"]): r for r in claims_table(corpus_graph)}
    assert claims["state:poland", "state:russia"]["single_article"] is False
    assert claims["state:lithuania", "state:belarus"]["single_article"] is True


def test_the_denial_of_the_shared_fact_answers_it(corpus_graph):
    claims = {(r["source_id"], r["target_id"]): r for r in claims_table(corpus_graph)}
    assert claims["state:poland", "state:russia"]["denied"]
    assert not claims["state:lithuania", "state:belarus"]["denied"]
