"""Publication metadata in the graph: edges count outlets as sources, evidence quotes
carry outlet, date and address, copies of one story count once, exports keep all of it."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest

from graph.build import build_graph
from graph.export import read_graph, write_graph
from graph.ingest import parse_article, parse_document, read_article
from graph.sources import source_names

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
STORY = "Estonia accused Russia of damaging an undersea cable, officials in Tallinn said on Friday."


def rows(*records: dict) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


@pytest.fixture(scope="module")
def two_outlets_graph(vocab, nlp):
    """Three rows: two articles from one outlet, one from another, all stating one fact."""
    corpus = parse_document(
        rows(
            {
                "text": STORY,
                "outlet": "Example Post",
                "date": "2025-03-14",
                "url": "https://post.example/a",
            },
            {
                "text": STORY + " The Kremlin did not comment.",
                "outlet": "Example Post",
                "date": "2025-03-15",
            },
            {
                "text": "Officials said Estonia accused Russia of damaging a cable.",
                "outlet": "Daily Example",
                "date": "2025-03-16",
                "url": "https://daily.example/b",
            },
        ),
        "wire.jsonl",
    )
    return corpus.articles, build_graph(corpus.articles, vocab=vocab, nlp=nlp, n_process=1)


def test_edge_sources_are_distinct_outlets(two_outlets_graph):
    articles, G = two_outlets_graph
    data = G.edges["state:estonia", "state:russia", "accuses"]
    assert data["documents"] == sorted(a.id for a in articles)
    assert data["sources"] == ["Daily Example", "Example Post"]
    assert data["date"] == "2025-03-14"


def test_evidence_carries_outlet_date_and_address(two_outlets_graph):
    _, G = two_outlets_graph
    evidence = G.edges["state:estonia", "state:russia", "accuses"]["evidence"]
    by_outlet = {(e["outlet"], e["date"]): e.get("url") for e in evidence}
    assert by_outlet == {
        ("Example Post", "2025-03-14"): "https://post.example/a",
        ("Example Post", "2025-03-15"): None,
        ("Daily Example", "2025-03-16"): "https://daily.example/b",
    }


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".csv"])
def test_every_export_keeps_sources_and_evidence_metadata(two_outlets_graph, tmp_path, suffix):
    _, G = two_outlets_graph
    back = read_graph(
        write_graph(G, tmp_path / f"g{suffix}")
        if suffix != ".csv"
        else (write_graph(G, tmp_path / "g.csv"), tmp_path / "g.csv")[1]
    )
    data = next(d for s, t, d in back.edges(data=True) if d["relation"] == "accuses")
    assert sorted(data["sources"]) == ["Daily Example", "Example Post"]
    assert {e.get("outlet") for e in data["evidence"]} == {"Daily Example", "Example Post"}
    assert {e.get("url") for e in data["evidence"]} >= {"https://post.example/a"}


def test_plain_text_files_keep_their_sources_as_before(vocab, nlp):
    a = parse_article(STORY + "\n\nSource: Example Post", "a.txt")
    b = parse_article(STORY.replace("Friday", "Monday"), "b.txt")
    G = build_graph([a, b], vocab=vocab, nlp=nlp, n_process=1)
    data = G.edges["state:estonia", "state:russia", "accuses"]
    assert data["sources"] == sorted(["Example Post", b.id])
    # no publication data added to plain-text evidence: where, and which rule read it
    where = {"document", "sentence", "start", "end", "rule", "confidence"}
    assert all(set(e) == where for e in data["evidence"])


def test_a_plain_copy_of_a_page_counts_as_the_page_outlet():
    page = read_article(DOCS / "cable.html")
    copy = parse_article((DOCS / "cable.txt").read_text(encoding="utf-8"), "copy.txt")
    other = parse_article("Finland agreed to share radar data with Estonia on Monday.", "c.txt")
    names = source_names([page, copy, other])
    assert names[copy.id] == names[page.id] == "The Baltic Ledger"
    assert names[other.id] == other.id


def test_graphml_opens_in_igraph_without_warnings(two_outlets_graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    _, G = two_outlets_graph
    path = write_graph(G, tmp_path / "g.graphml")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = igraph.Graph.Read_GraphML(str(path))
    assert sorted(g.vs["id"]) == sorted(G.nodes)
    assert {n: d["id"] for n, d in read_graph(path).nodes(data=True)} == {n: n for n in G}
