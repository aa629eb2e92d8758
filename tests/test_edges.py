"""One fact, one edge (graph/edges.py): the rules the build and curation share for
joining a fact into an edge, and that both really use them."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

import graph.edges
from graph.build import assemble_graph
from graph.curate import apply_curation
from graph.edges import (
    MODALITIES,
    MODALITY_RANK,
    EdgeJoiner,
    evidence_key,
    evidence_order,
    find_edge,
    stronger_modality,
)
from graph.records import Extraction


def ev(doc: str, start: int, sentence: str = "Ruritania blamed Freedonia.") -> dict:
    return {"document": doc, "sentence": sentence, "start": start, "end": start + len(sentence)}


def fact(relation: str, *evidence: dict, modality: str = "asserted", date: str = "") -> dict:
    docs = sorted({e["document"] for e in evidence})
    return {
        "relation": relation,
        "evidence": list(evidence),
        "modality": modality,
        "documents": docs,
        "sources": docs,
        "date": date,
    }


def test_doctests():
    assert doctest.testmod(graph.edges).failed == 0


def test_modalities_are_ranked_strongest_first():
    assert list(MODALITY_RANK) == list(MODALITIES)
    assert [MODALITY_RANK[m] for m in MODALITIES] == sorted(MODALITY_RANK.values(), reverse=True)
    assert stronger_modality("hypothetical", "alleged") == "alleged"
    assert stronger_modality(None, "hypothetical") == "asserted"  # missing counts as asserted
    assert stronger_modality("alleged", "alleged") == "alleged"


def test_evidence_key_and_order():
    a = ev("b", 4)
    assert evidence_key(a) == evidence_key(dict(reversed(list(a.items()))))
    assert evidence_key({**a, "tags": ["x"]}) == evidence_key({**a, "tags": ["x"]})  # unhashable
    assert evidence_key(a) != evidence_key(ev("b", 5))
    assert sorted([ev("b", 1), ev("a", 9), ev("a", 2)], key=evidence_order) == [
        ev("a", 2),
        ev("a", 9),
        ev("b", 1),
    ]
    assert evidence_order({"sentence": "no offsets"}) == ("", 0)


def test_a_repeated_fact_joins_its_edge():
    G = nx.MultiDiGraph()
    joiner = EdgeJoiner(G)
    first = joiner.join(
        "s", "t", "accuses", fact("accuses", ev("b", 9), modality="alleged", date="2024-03-02")
    )
    again = joiner.join(
        "s", "t", "accuses", fact("accuses", ev("a", 3), ev("b", 9), date="2024-01-05")
    )
    joiner.finish()
    assert first == again == ("s", "t", "accuses") and G.number_of_edges() == 1
    data = G.edges[first]
    assert data["evidence"] == [ev("a", 3), ev("b", 9)]  # once each, by article and offset
    assert data["modality"] == "asserted" and data["date"] == "2024-01-05"
    assert data["documents"] == ["a", "b"] and data["sources"] == ["a", "b"]


def test_other_attributes_keep_the_edges_value_and_gain_new_ones():
    G = nx.MultiDiGraph()
    G.add_edge("s", "t", key="supports", **fact("supports", ev("a", 1)), note="kept")
    joiner = EdgeJoiner(G)
    joiner.join(
        "s",
        "t",
        "supports",
        {
            **fact("supports", ev("a", 7)),
            "note": "other",
            "curated": True,
            "curation_notes": ["added by A"],
        },
    )
    joiner.finish()
    data = G.edges["s", "t", "supports"]
    assert data["note"] == "kept" and data["curated"] is True
    assert data["curation_notes"] == ["added by A"]


def test_undirected_relations_are_found_either_way_when_asked():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="allied_with", **fact("allied_with", ev("x", 0)))
    assert find_edge(G, "b", "a", "allied_with") is None
    assert find_edge(G, "b", "a", "allied_with", undirected=True) == ("a", "b", "allied_with")
    joiner = EdgeJoiner(G, undirected={"allied_with"})
    assert joiner.join("b", "a", "allied_with", fact("allied_with", ev("y", 0))) == (
        "a",
        "b",
        "allied_with",
    )
    joiner.finish()
    assert G.number_of_edges() == 1 and G.edges["a", "b", "allied_with"]["documents"] == ["x", "y"]
    # the build's joiner is told nothing: the other direction stays its own edge
    directed = EdgeJoiner(G)
    directed.join("b", "a", "allied_with", fact("allied_with", ev("z", 0)))
    assert G.number_of_edges() == 2


def test_an_edge_keyed_otherwise_is_found_by_its_relation():
    G = nx.MultiDiGraph()
    G.add_edge("s", "t", key=0, relation="denies")
    assert find_edge(G, "s", "t", "denies") == ("s", "t", 0)
    assert find_edge(G, "s", "t", "accuses") is None


def test_many_joins_stay_cheap():
    G = nx.MultiDiGraph()
    joiner = EdgeJoiner(G)
    for i in range(20_000):  # quadratic joining would take minutes here
        joiner.join("s", "t", "accuses", fact("accuses", ev(f"d{i % 50}", i)))
    joiner.finish()
    data = G.edges["s", "t", "accuses"]
    assert len(data["evidence"]) == 20_000 and len(data["documents"]) == 50


def _ent(kind: str, label: str) -> dict:
    return {
        "kind": kind,
        "label": label,
        "aliases": [label],
        "mentions": 1,
        "role": None,
        "vocab_id": None,
        "key": "",
    }


def _rel(s: str, t: str, doc: str, start: int, modality: str) -> dict:
    return {
        "source": s,
        "target": t,
        "relation": "accuses",
        "modality": modality,
        "evidence": ev(doc, start),
        "date": "2024-05-0" + str(start % 9 + 1),
    }


@pytest.mark.parametrize("modalities", [("alleged", "asserted"), ("hypothetical", "alleged")])
def test_curation_joins_edges_exactly_as_the_build_does(modalities):
    """A merge in curation gives the edge the build gives when both names are one entity."""
    ents = {
        "state:ruritania": _ent("state", "Ruritania"),
        "state:freedonia": _ent("state", "Freedonia"),
        "agency:strelsau-office": _ent("agency", "Strelsau Office"),
    }
    split = [
        Extraction("a", ents, [_rel("state:ruritania", "state:freedonia", "a", 5, modalities[0])]),
        Extraction(
            "b", ents, [_rel("agency:strelsau-office", "state:freedonia", "b", 2, modalities[1])]
        ),
    ]
    merged = apply_curation(
        assemble_graph(split),
        [{"op": "merge", "keep": "state:ruritania", "drop": ["agency:strelsau-office"]}],
    )
    one = [
        Extraction(x.document, ents, [{**r, "source": "state:ruritania"} for r in x.relations])
        for x in split
    ]
    built = assemble_graph(one)
    key = ("state:ruritania", "state:freedonia", "accuses")
    assert merged.edges[key] == built.edges[key]
