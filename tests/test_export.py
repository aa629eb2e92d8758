"""Graph files: every format round-trips, opens in other tools, and is written atomically.

Each format is written to ``tmp_path`` with ``write_graph`` and read back with
``read_graph``; the nodes, the sorted edges with their keys and every attribute
(lists, the evidence dicts with their offsets, modality, documents) must come back
as they were. Two graphs are used: the seed graph and a small hand-made one whose
values are awkward on purpose (quotes, commas, new lines, all-digit names).
"""

from __future__ import annotations

import csv
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import RelateError
from graph.export import (
    SUFFIXES,
    atomic_write,
    generate_csv,
    generate_gexf,
    generate_graphml,
    graph_to_json_data,
    read_graph,
    write_graph,
)

FORMATS = [".json", ".graphml", ".gexf", ".csv"]
VIZ = "{http://www.gexf.net/1.2draft/viz}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture(scope="module")
def awkward_graph() -> nx.MultiDiGraph:
    """A small graph whose values test the flattening of every format."""
    G = nx.MultiDiGraph()
    G.add_node(
        "state:turkey",
        id="state:turkey",
        label="Turkey",
        kind="state",
        aliases=["Ankara", "T\u00fcrkiye"],
        mentions=3,
        documents=["a-1", "b-2"],
        role="",
    )
    G.add_node(
        "person:jane-o-neil",
        id="person:jane-o-neil",
        label='Jane "JJ" O\'Neil, Jr.',
        kind="person",
        aliases=[],
        mentions=0,
        documents=["a-1"],
        role="Minister of Foreign Affairs, Deputy",
    )
    G.add_node(
        "agency:1984",
        id="agency:1984",
        label="1984",
        kind="agency",
        aliases=["1984"],
        mentions=1,
        documents=["a-1"],
        role="",
    )
    G.add_node(
        "incident:plot",
        id="incident:plot",
        label="plot",
        kind="incident",
        aliases=["plot"],
        mentions=2,
        documents=["b-2"],
        role="",
    )
    first = {
        "document": "a-1",
        "sentence": 'She said: "No,\nnever" \u2014 100%.',
        "start": 10,
        "end": 41,
    }
    second = {
        "document": "b-2",
        "sentence": "Turkey, it said; \u201cno\u201d.",
        "start": 0,
        "end": 22,
    }
    G.add_edge(
        "person:jane-o-neil",
        "state:turkey",
        key="accuses",
        relation="accuses",
        evidence=[first, second],
        modality="alleged",
        documents=["a-1", "b-2"],
        sources=["BBC", "b-2"],
        date="2024-01-02",
    )
    G.add_edge(
        "person:jane-o-neil",
        "state:turkey",
        key="affiliated_with",
        relation="affiliated_with",
        evidence=[first],
        modality="asserted",
        documents=["a-1"],
        sources=["2024"],
        date="",
    )
    G.add_edge(
        "agency:1984",
        "state:turkey",
        key="part_of",
        relation="part_of",
        evidence=[first],
        modality="hypothetical",
        documents=["a-1"],
        sources=["BBC"],
        date="",
    )
    G.add_edge(
        "state:turkey",
        "incident:plot",
        key="involved_in",
        relation="involved_in",
        evidence=[second],
        modality="alleged",
        documents=["b-2"],
        sources=["b-2"],
        date="",
    )
    return G


@pytest.fixture(params=["seed", "awkward"])
def graph(request, seed_graph, awkward_graph) -> nx.MultiDiGraph:
    return seed_graph if request.param == "seed" else awkward_graph


def _sorted_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    return sorted(G.edges(keys=True))


# --- round trips ----------------------------------------------------------------


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip(graph, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    write_graph(graph, path)
    back = read_graph(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert sorted(back) == sorted(graph)
    assert _sorted_edges(back) == _sorted_edges(graph)
    for n, data in graph.nodes(data=True):
        assert back.nodes[n] == data, n
    for s, t, k, data in graph.edges(keys=True, data=True):
        assert back.edges[s, t, k] == data, (s, t, k)


@pytest.mark.parametrize("suffix", FORMATS)
def test_round_trip_types(awkward_graph, tmp_path, suffix):
    path = tmp_path / f"graph{suffix}"
    write_graph(awkward_graph, path)
    back = read_graph(path)
    turkey = back.nodes["state:turkey"]
    assert turkey["aliases"] == ["Ankara", "T\u00fcrkiye"]
    assert turkey["mentions"] == 3 and isinstance(turkey["mentions"], int)
    assert back.nodes["agency:1984"]["label"] == "1984"
    assert back.nodes["agency:1984"]["aliases"] == ["1984"]
    assert back.nodes["person:jane-o-neil"]["aliases"] == []
    edge = back.edges["person:jane-o-neil", "state:turkey", "accuses"]
    assert [(e["start"], e["end"]) for e in edge["evidence"]] == [(10, 41), (0, 22)]
    assert all(isinstance(e["start"], int) for e in edge["evidence"])
    assert edge["evidence"][0]["sentence"] == 'She said: "No,\nnever" \u2014 100%.'
    assert edge["modality"] == "alleged"
    assert edge["documents"] == ["a-1", "b-2"]
    assert back.edges["person:jane-o-neil", "state:turkey", "affiliated_with"]["sources"] == [
        "2024"
    ]


@pytest.mark.parametrize("suffix", FORMATS)
def test_write_returns_the_path_read_takes(seed_graph, tmp_path, suffix):
    out = write_graph(seed_graph, tmp_path / "sub" / f"graph{suffix}")
    assert out.is_file()
    assert read_graph(tmp_path / "sub" / f"graph{suffix}").number_of_edges() == (
        seed_graph.number_of_edges()
    )


# --- JSON -------------------------------------------------------------------------


def test_json_is_node_link_with_edges_key(seed_graph, tmp_path):
    path = write_graph(seed_graph, tmp_path / "graph.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    assert data["directed"] is True and data["multigraph"] is True
    assert len(data["nodes"]) == seed_graph.number_of_nodes()
    assert len(data["edges"]) == seed_graph.number_of_edges()
    for node in data["nodes"]:
        assert {"id", "label", "kind", "aliases", "mentions", "documents"} <= set(node)
    for edge in data["edges"]:
        assert edge["key"] == edge["relation"]
        assert {"source", "target", "evidence", "modality", "documents"} <= set(edge)
    assert data == json.loads(json.dumps(graph_to_json_data(seed_graph)))


def test_json_links_key_is_read(seed_graph, tmp_path):
    data = graph_to_json_data(seed_graph)
    data["links"] = data.pop("edges")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _sorted_edges(read_graph(path)) == _sorted_edges(seed_graph)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("{not json", "cannot read graph JSON"), ('{"edges": []}', "not a node-link graph")],
)
def test_json_that_is_not_a_graph(tmp_path, text, reason):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RelateError) as err:
        read_graph(path)
    assert str(path) in str(err.value)
    assert reason in str(err.value)


# --- GraphML, GEXF, CSV -------------------------------------------------------------


# the node's "id" attribute duplicates its GraphML id, which igraph notes and skips
@pytest.mark.filterwarnings("ignore:Could not add vertex ids:RuntimeWarning")
def test_graphml_opens_in_igraph(seed_graph, tmp_path):
    igraph = pytest.importorskip("igraph")
    path = write_graph(seed_graph, tmp_path / "graph.graphml")
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == seed_graph.number_of_nodes()
    assert g.ecount() == seed_graph.number_of_edges()
    assert g.is_directed()
    assert sorted(g.vs["id"]) == sorted(seed_graph)
    assert sorted(g.vs["label"]) == sorted(d["label"] for _, d in seed_graph.nodes(data=True))
    assert sorted(g.es["relation"]) == sorted(k for _, _, k in seed_graph.edges(keys=True))
    assert all(n >= 1 for n in g.es["evidence_count"])


def test_graphml_file_is_generate_graphml(seed_graph, tmp_path):
    path = write_graph(seed_graph, tmp_path / "graph.graphml")
    assert path.read_text(encoding="utf-8") == generate_graphml(seed_graph)


def test_gexf_carries_colour_and_shape_per_kind(seed_graph, tmp_path, vocab):
    path = write_graph(seed_graph, tmp_path / "graph.gexf")
    root = ET.parse(path).getroot()
    nodes = root.findall(f".//{GEXF}node")
    assert len(nodes) == seed_graph.number_of_nodes()
    shapes = {"dot": "disc", "square": "square", "diamond": "diamond", "triangle": "triangle"}
    for node in nodes:
        kind = seed_graph.nodes[node.get("id")]["kind"]
        colour = node.find(f"{VIZ}color")
        assert colour is not None, node.get("id")
        rgb = "#{:02x}{:02x}{:02x}".format(*(int(colour.get(c)) for c in "rgb"))
        assert rgb == vocab.kinds[kind]["colour"].lower()
        assert node.find(f"{VIZ}shape").get("value") == shapes[vocab.kinds[kind]["shape"]]
        assert float(node.find(f"{VIZ}size").get("value")) > 0


def test_gexf_edges_carry_relation_colour(seed_graph, vocab):
    root = ET.fromstring(generate_gexf(seed_graph).encode("utf-8"))
    edges = root.findall(f".//{GEXF}edge")
    assert len(edges) == seed_graph.number_of_edges()
    colours = {
        "#{:02x}{:02x}{:02x}".format(*(int(e.find(f"{VIZ}color").get(c)) for c in "rgb"))
        for e in edges
    }
    used = {k for _, _, k in seed_graph.edges(keys=True)}
    assert colours == {vocab.relations[r]["colour"].lower() for r in used}


def test_csv_writes_two_tables(seed_graph, tmp_path):
    out = write_graph(seed_graph, tmp_path / "graph.csv")
    nodes_path, edges_path = tmp_path / "graph.nodes.csv", tmp_path / "graph.edges.csv"
    assert out == edges_path
    assert nodes_path.is_file() and edges_path.is_file()
    assert not (tmp_path / "graph.csv").exists()
    nodes_text, edges_text = generate_csv(seed_graph)
    assert nodes_path.read_text(encoding="utf-8") == nodes_text
    assert edges_path.read_text(encoding="utf-8") == edges_text
    with nodes_path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == list(seed_graph)
    assert list(rows[0])[:3] == ["id", "label", "kind"]
    with edges_path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == seed_graph.number_of_edges()
    assert list(rows[0])[:3] == ["source", "target", "relation"]
    for row in rows:
        assert int(row["evidence_count"]) == len(json.loads(row["evidence"]))


# --- suffixes -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["graph.xlsx", "graph", "graph.json.bak"])
def test_unknown_suffix(seed_graph, tmp_path, name):
    path = tmp_path / name
    for call in (lambda: write_graph(seed_graph, path), lambda: read_graph(path)):
        with pytest.raises(RelateError) as err:
            call()
        message = str(err.value)
        assert str(path) in message
        assert ".json, .graphml, .gexf, .csv" in message
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_suffix_is_case_blind(seed_graph, tmp_path):
    path = write_graph(seed_graph, tmp_path / "GRAPH.JSON")
    assert read_graph(path).number_of_nodes() == seed_graph.number_of_nodes()


def test_suffixes_listed():
    assert list(SUFFIXES) == FORMATS


# --- atomic writes --------------------------------------------------------------------


def test_atomic_write_text_and_bytes(tmp_path):
    path = atomic_write(tmp_path / "deep" / "er" / "f.txt", "caf\u00e9\n")
    assert path.read_bytes() == "caf\u00e9\n".encode()
    atomic_write(path, b"\x00\x01")
    assert path.read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in path.parent.iterdir()) == ["f.txt"]


def _fail(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_atomic_write_keeps_the_old_file(tmp_path, monkeypatch, step):
    path = tmp_path / "graph.json"
    path.write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(OSError):
        atomic_write(path, "new")
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_failed_graph_write_keeps_the_old_graph(
    seed_graph, awkward_graph, tmp_path, monkeypatch, suffix
):
    path = tmp_path / f"graph{suffix}"
    write_graph(awkward_graph, path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(OSError):
        write_graph(seed_graph, path)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert sorted(read_graph(path)) == sorted(awkward_graph)


def test_interrupted_write_leaves_no_temp_file(tmp_path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "f.txt", "data")
    monkeypatch.undo()
    assert list(Path(tmp_path).iterdir()) == []
