"""Benchmark the app's view generation on a 2,000-node graph.

A deterministic synthetic graph (``--nodes``, default 2,000; about three edges per
node, each with one to three pieces of evidence, kinds and relations from the
vocabulary) is drawn the way the explorer draws it: the filters
(:func:`graph.view.apply_filters`), the seeded layout
(:func:`graph.select.layout_positions`), the interactive page
(:func:`graph.view.view_html`), the claims and edge tables and the key actors.
Each step's best time of ``--repeat`` runs is printed. Browser rendering time is
measured by ``bench/bench_browser.py``, not here.

Usage::

    .venv/bin/python bench/bench_view.py --nodes 2000
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KINDS = (("state", 0.15), ("person", 0.35), ("agency", 0.4), ("incident", 0.1))


def synthetic_graph(n: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """A graph with the attributes ``graph build`` writes, ``n`` nodes, ~3n edges."""
    from graph.vocab import load_vocab

    rng = random.Random(seed)
    relations = sorted(load_vocab().relations)
    G = nx.MultiDiGraph()
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    for i in range(n):
        kind = rng.choices(kinds, weights)[0]
        nid = f"{kind}:node-{i}"
        docs = sorted({f"doc-{rng.randrange(n // 2)}" for _ in range(rng.randint(1, 4))})
        G.add_node(
            nid,
            id=nid,
            label=f"{kind.title()} {i}",
            kind=kind,
            aliases=[f"{kind.title()} {i}", f"N{i}"],
            mentions=rng.randint(1, 30),
            documents=docs,
            role="",
        )
    nodes = list(G)
    for i in range(3 * n):
        # preferential: a few hubs, as in news graphs
        s = nodes[min(int(rng.paretovariate(1.2)) - 1, n - 1)] if i % 3 == 0 else rng.choice(nodes)
        t = rng.choice(nodes)
        rel = rng.choice(relations)
        if s == t or G.has_edge(s, t, rel):
            continue
        evidence = []
        for _ in range(rng.randint(1, 3)):
            doc = f"doc-{rng.randrange(n // 2)}"
            start = rng.randrange(5000)
            sentence = f"{G.nodes[s]['label']} and {G.nodes[t]['label']}: a sentence of evidence."
            evidence.append(
                {
                    "document": doc,
                    "sentence": sentence,
                    "start": start,
                    "end": start + len(sentence),
                }
            )
        evidence.sort(key=lambda e: (e["document"], e["start"]))
        docs = sorted({e["document"] for e in evidence})
        G.add_edge(
            s,
            t,
            key=rel,
            relation=rel,
            evidence=evidence,
            modality=rng.choice(["asserted", "asserted", "alleged", "hypothetical"]),
            documents=docs,
            sources=docs,
            date="2024-05-01",
        )
    return G


def best_of(repeat: int, fn):
    best, value = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from graph import select, view

    G = synthetic_graph(args.nodes)
    print(f"synthetic graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    steps = [
        ("apply_filters (no filter)", lambda: view.apply_filters(G, view.ViewFilters())),
        (
            "subgraph (kinds + min evidence 2)",
            lambda: select.subgraph(G, kinds=["state", "agency"], min_evidence=2),
        ),
        ("layout_positions", lambda: select.layout_positions(G)),
        ("view_html (page with layout)", lambda: view.view_html(G)),
        ("claims_table", lambda: view.claims_table(G)),
        ("edge_table", lambda: view.edge_table(G)),
        ("rank_view_actors", lambda: view.rank_view_actors(G)),
    ]
    print(f"\n| step | seconds (best of {args.repeat}) |")
    print("|---|---|")
    total = 0.0
    for name, fn in steps:
        took, value = best_of(args.repeat, fn)
        total += took
        extra = f" ({len(value) / 1e6:.1f} MB)" if isinstance(value, str) else ""
        print(f"| {name} | {took:.2f}{extra} |")
    print(f"| total | {total:.2f} |")


if __name__ == "__main__":
    main()
