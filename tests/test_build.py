"""Graph building: one edge per fact with all its evidence, node and edge attributes,
deterministic output, and the same graph from one process or several."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.build import (
    assemble_graph,
    build_graph,
    default_workers,
    extract_articles,
    summarize_graph,
)
from graph.export import write_json
from graph.ingest import parse_article
from graph.records import Extraction

NODE_ATTRS = {"id", "label", "kind", "aliases", "mentions", "documents", "role"}
EDGE_ATTRS = {"relation", "evidence", "modality", "documents", "sources", "date"}

SMALL = [
    (
        "warsaw.txt",
        (
            "Poland accused Russia of sabotage on Monday.\n\nThe Kremlin denied any "
            "involvement in the fires."
        ),
    ),
    (
        "vilnius.txt",
        (
            "Lithuania accused Belarus of sending balloons across the border.\n\n"
            "Minsk rejected the accusation."
        ),
    ),
    (
        "berlin.txt",
        (
            "Germany said Russia was behind a cyberattack on its parliament.\n\n"
            "Russian officials dismissed the claims as baseless."
        ),
    ),
    (
        "manila.txt",
        (
            "The Philippines accused China of firing water cannon at its vessels.\n\n"
            "Beijing denied the charge."
        ),
    ),
]


def _ev(doc: str, start: int, sentence: str = "s") -> dict:
    return {"document": doc, "sentence": sentence, "start": start, "end": start + len(sentence)}


def _ent(kind: str, label: str, *aliases: str, mentions: int = 1, role: str | None = None) -> dict:
    return {
        "kind": kind,
        "label": label,
        "aliases": sorted({label, *aliases}),
        "mentions": mentions,
        "role": role,
        "vocab_id": None,
        "key": "",
    }


def _rel(s: str, rel: str, t: str, ev: dict, modality: str = "asserted", date: str = "") -> dict:
    out = {"source": s, "target": t, "relation": rel, "modality": modality, "evidence": ev}
    if date:
        out["date"] = date
    return out


def test_one_fact_in_two_sentences_is_one_edge_with_two_evidence(extract_text):
    G = extract_text(
        "Security briefing\n\nPoland accused Russia of sabotage on Monday. "
        "On Tuesday, Poland again accused Russia of arson."
    )
    edges = [(s, t, k) for s, t, k in G.edges(keys=True) if k == "accuses"]
    assert edges == [("state:poland", "state:russia", "accuses")]
    evidence = G.edges["state:poland", "state:russia", "accuses"]["evidence"]
    assert [e["sentence"] for e in evidence] == [
        "Poland accused Russia of sabotage on Monday.",
        "On Tuesday, Poland again accused Russia of arson.",
    ]
    assert evidence[0]["start"] < evidence[1]["start"]


def test_repeated_fact_across_articles_merges_evidence_documents_and_sources():
    a = Extraction(
        "a",
        {
            "state:poland": _ent("state", "Poland"),
            "state:russia": _ent("state", "Russia", "Moscow"),
        },
        [
            _rel("state:poland", "accuses", "state:russia", _ev("a", 10), date="2024-05-02"),
            _rel("state:poland", "accuses", "state:russia", _ev("a", 10)),
        ],
    )  # same sentence
    b = Extraction(
        "b",
        {
            "state:poland": _ent("state", "Poland", "Warsaw", mentions=2),
            "state:russia": _ent("state", "Russia"),
        },
        [
            _rel(
                "state:poland", "accuses", "state:russia", _ev("b", 0), "alleged", date="2024-04-30"
            )
        ],
    )
    articles = [parse_article("x", "a.txt"), parse_article("y", "b.txt")]
    G = assemble_graph([a, b])
    assert G.number_of_edges() == 1
    data = G.edges["state:poland", "state:russia", "accuses"]
    assert [(e["document"], e["start"]) for e in data["evidence"]] == [("a", 10), ("b", 0)]
    assert data["documents"] == ["a", "b"]
    assert data["sources"] == ["a", "b"]  # no outlet known: the article ids
    assert data["modality"] == "asserted"  # the strongest of its evidence
    assert data["date"] == "2024-04-30"  # the earliest
    node = G.nodes["state:poland"]
    assert node["aliases"] == ["Poland", "Warsaw"]
    assert node["mentions"] == 3
    assert node["documents"] == ["a", "b"]
    assert articles  # parse_article accepted the names


def test_edge_keeps_alleged_or_hypothetical_modality_when_no_evidence_asserts_it():
    ex = Extraction(
        "a",
        {"state:iran": _ent("state", "Iran"), "state:israel": _ent("state", "Israel")},
        [
            _rel("state:iran", "threatens", "state:israel", _ev("a", 0), "hypothetical"),
            _rel("state:israel", "accuses", "state:iran", _ev("a", 5), "hypothetical"),
            _rel("state:israel", "accuses", "state:iran", _ev("a", 9), "alleged"),
        ],
    )
    G = assemble_graph([ex])
    assert G.edges["state:iran", "state:israel", "threatens"]["modality"] == "hypothetical"
    assert G.edges["state:israel", "state:iran", "accuses"]["modality"] == "alleged"


def test_surname_in_one_article_joins_full_name_in_another():
    a = Extraction(
        "a", {"person:donald-tusk": _ent("person", "Donald Tusk", role="Prime Minister")}, []
    )
    b = Extraction("b", {"person:tusk": _ent("person", "Tusk")}, [])
    G = assemble_graph([a, b])
    assert list(G.nodes) == ["person:donald-tusk"]
    node = G.nodes["person:donald-tusk"]
    assert node["aliases"] == ["Donald Tusk", "Tusk"]
    assert node["documents"] == ["a", "b"]
    assert node["role"] == "Prime Minister"


def test_seed_graph_nodes_and_edges_carry_every_attribute(seed_graph, seed_articles):
    assert seed_graph.number_of_nodes() > 5 and seed_graph.number_of_edges() > 5
    ids = {a.id for a in seed_articles}
    for nid, data in seed_graph.nodes(data=True):
        assert NODE_ATTRS <= set(data), nid
        assert data["id"] == nid and nid.startswith(f"{data['kind']}:")
        assert data["kind"] in ("state", "person", "agency", "incident")
        assert data["aliases"] == sorted(set(data["aliases"]))
        assert data["documents"] and set(data["documents"]) <= ids
        assert isinstance(data["mentions"], int) and isinstance(data["role"], str)
    for s, t, key, data in seed_graph.edges(keys=True, data=True):
        assert EDGE_ATTRS <= set(data), (s, t, key)
        assert data["relation"] == key and s != t
        assert data["modality"] in ("asserted", "alleged", "hypothetical")
        assert data["evidence"], (s, t, key)
        for ev in data["evidence"]:
            text = next(a.text for a in seed_articles if a.id == ev["document"])
            assert text[ev["start"] : ev["end"]].strip() == ev["sentence"]


def test_same_input_gives_byte_identical_output(seed_articles, vocab, nlp, tmp_path):
    articles = seed_articles + [parse_article(text, name) for name, text in SMALL]
    one = write_json(build_graph(articles, vocab=vocab, nlp=nlp, n_process=1), tmp_path / "1.json")
    two = write_json(build_graph(articles, vocab=vocab, nlp=nlp, n_process=1), tmp_path / "2.json")
    assert one.read_bytes() == two.read_bytes()


def test_several_processes_give_the_same_graph_as_one(seed_articles, vocab, nlp, tmp_path):
    articles = seed_articles + [parse_article(text, name) for name, text in SMALL]
    done: list[tuple[int, int]] = []
    batches: list[list[str]] = []
    parallel = extract_articles(
        articles,
        vocab=vocab,
        nlp=nlp,
        n_process=2,
        progress=lambda i, n: done.append((i, n)),
        on_extracted=lambda pairs: batches.append([a.id for a, _ in pairs]),
    )
    serial = extract_articles(articles, vocab=vocab, nlp=nlp, n_process=1)
    assert [e.as_dict() for e in parallel] == [e.as_dict() for e in serial]
    assert [e.document for e in parallel] == [a.id for a in articles]  # order kept
    assert [i for batch in batches for i in batch] == [a.id for a in articles]
    assert done[-1] == (len(articles), len(articles))
    g1 = write_json(assemble_graph(serial, articles), tmp_path / "1.json")
    g2 = write_json(build_graph(articles, vocab=vocab, nlp=nlp, n_process=2), tmp_path / "2.json")
    assert g1.read_bytes() == g2.read_bytes()


def test_small_batches_stay_in_process_and_large_ones_use_the_cores():
    assert default_workers(1) == 1
    assert 1 <= default_workers(1000) <= 16


def test_no_articles_make_an_empty_graph(vocab, nlp):
    assert extract_articles([], vocab=vocab, nlp=nlp) == []
    G = build_graph([], vocab=vocab, nlp=nlp)
    assert isinstance(G, nx.MultiDiGraph) and summarize_graph(G)["nodes"] == 0


@pytest.mark.parametrize(
    "bad", [{"document": "a", "start": 0, "end": 1, "sentence": "x", "n": [1]}]
)
def test_unhashable_evidence_is_still_deduplicated(bad):
    ex = Extraction(
        "a",
        {"state:iran": _ent("state", "Iran"), "state:iraq": _ent("state", "Iraq")},
        [
            _rel("state:iran", "supports", "state:iraq", bad),
            _rel("state:iran", "supports", "state:iraq", dict(bad)),
        ],
    )
    G = assemble_graph([ex])
    assert len(G.edges["state:iran", "state:iraq", "supports"]["evidence"]) == 1


def test_a_worker_that_dies_is_one_relate_error(seed_articles, vocab, nlp, monkeypatch):
    import os

    import graph.build
    from graph.errors import RelateError

    parent = os.getpid()
    real = graph.build.extract_batch

    def die(articles, nlp, vocab):
        if os.getpid() == parent:
            return real(articles, nlp, vocab)
        os._exit(3)  # a worker ends as the kernel's out-of-memory killer would end it

    articles = seed_articles + [parse_article(text, name) for name, text in SMALL]
    monkeypatch.setattr(graph.build, "extract_batch", die)  # the forked workers inherit it
    with pytest.raises(RelateError, match="worker process died"):
        extract_articles(articles, vocab=vocab, nlp=nlp, n_process=2)
