"""The tables under the graph: claims (who accused whom, and who denied it), sourcing
(how well each edge is backed), key actors, path steps and the entity picker."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..search import search_entities
from ..select import edge_support, rank_actors
from ..style import relation_label
from ..vocab import Vocab, load_vocab
from .documents import cite, origin_text, quote_origin
from .text import as_list, evidence_list, node_label

__all__ = [
    "CLAIM_COLUMNS",
    "SOURCING_COLUMNS",
    "claims_table",
    "curation_log",
    "edge_table",
    "entity_name",
    "entity_options",
    "path_steps",
    "rank_view_actors",
    "view_metrics",
]

CLAIM_COLUMNS = [
    "accuser",
    "accused",
    "modality",
    "denied",
    "denied_by",
    "evidence",
    "articles",
    "sources",
    "single_article",
    "quotes",
    "denial_quotes",
    "documents",
]
"""The columns of the claims table the app shows, in order."""

SOURCING_COLUMNS = [
    "source",
    "relation",
    "target",
    "evidence",
    "articles",
    "sources",
    "single_article",
    "modality",
    "curated",
    "first_quote",
    "quoted_from",
]
"""The columns of the sourcing table the app shows, in order."""


def _camp(G: nx.MultiDiGraph, node: str, depth: int = 3) -> set[str]:
    """The node and whom it speaks for: up its ``affiliated_with``/``part_of`` chain."""
    camp, frontier = {node}, [node]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for _, t, k, d in G.out_edges(n, keys=True, data=True):
                if d.get("relation", k) in ("affiliated_with", "part_of") and t not in camp:
                    camp.add(t)
                    nxt.append(t)
        frontier = nxt
    return camp


def claims_table(
    G: nx.MultiDiGraph, *, articles: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Every accusation, who made it, against whom, whether and by whom it was denied.

    A denial answers an accusation when the one denying speaks for the accused
    (it is the accused, or they share an ``affiliated_with``/``part_of`` chain, as
    the Kremlin and Russia do) and the denial is aimed at the accuser, at someone
    on the accuser's own chain (Donald Tusk → Poland) or at an incident the
    accused is said to be involved in. ``denied_by`` says whom
    each denial was aimed at, so the match can be checked. ``sources`` counts
    distinct outlets. With ``articles`` (id -> :class:`~graph.ingest.Article`) every
    quote is followed by its outlet and date in brackets (:func:`graph.view.cite`).
    """
    camps: dict[str, set[str]] = {}

    def camp(n: str) -> set[str]:
        if n not in camps:
            camps[n] = _camp(G, n)
        return camps[n]

    denials = [
        (s, t, d)
        for s, t, k, d in G.edges(keys=True, data=True)
        if d.get("relation", k) == "denies"
    ]
    rows = []
    for s, t, k, d in sorted(
        G.edges(keys=True, data=True), key=lambda e: (node_label(G, e[0]), node_label(G, e[1]))
    ):
        if d.get("relation", k) != "accuses":
            continue
        incidents = {
            x
            for _, x, kk, dd in G.out_edges(t, keys=True, data=True)
            if dd.get("relation", kk) == "involved_in"
        }
        answers = []
        for ds, dt, dd in denials:
            # the one denying speaks for the accused (or both speak for the same state) ...
            if not camp(ds) & camp(t):
                continue
            # ... and aims at the accuser, someone the accuser speaks for or who speaks
            # for the accuser, or at an incident the accused is said to be involved in
            if dt in camp(s) or s in camp(dt) or dt in incidents:
                answers.append((ds, dt, dd))
        support = edge_support(d)
        evidence = evidence_list(d)
        denial_quotes = list(
            dict.fromkeys(cite(e, articles) for _, _, dd in answers for e in evidence_list(dd))
        )
        rows.append(
            {
                "accuser": node_label(G, s),
                "accused": node_label(G, t),
                "modality": d.get("modality") or "asserted",
                "evidence": support["evidence"],
                "articles": support["articles"],
                "sources": support["sources"],
                "single_article": support["articles"] <= 1,
                "denied": bool(answers),
                "denied_by": "; ".join(
                    f"{node_label(G, ds)} (against {node_label(G, dt)})" for ds, dt, _ in answers
                ),
                "quotes": " ‖ ".join(cite(e, articles) for e in evidence),
                "denial_quotes": " ‖ ".join(denial_quotes),
                "documents": ", ".join(as_list(d.get("documents"))),
                "source_id": s,
                "target_id": t,
            }
        )
    return rows


def edge_table(
    G: nx.MultiDiGraph,
    vocab: Vocab | None = None,
    *,
    articles: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One row per edge with how well it is sourced, best-sourced first.

    ``sources`` counts distinct outlets (two articles of one outlet count once);
    ``quoted_from`` names the first quote's outlet, date and address, from the
    evidence or from its article in ``articles`` (id -> Article).
    """
    vocab = vocab or load_vocab()
    rows = []
    for s, t, k, d in G.edges(keys=True, data=True):
        support = edge_support(d)
        evidence = evidence_list(d)
        rows.append(
            {
                "source": node_label(G, s),
                "relation": relation_label(str(d.get("relation", k)), vocab),
                "target": node_label(G, t),
                "modality": d.get("modality") or "asserted",
                "evidence": support["evidence"],
                "articles": support["articles"],
                "sources": support["sources"],
                "single_article": support["articles"] <= 1,
                "curated": bool(d.get("curated")),
                "first_quote": evidence[0].get("sentence", "").strip()
                if evidence
                else str(d.get("note") or ""),
                "quoted_from": origin_text(quote_origin(evidence[0], articles)) if evidence else "",
                "source_id": s,
                "target_id": t,
                "key": k,
            }
        )
    rows.sort(
        key=lambda r: (-r["articles"], -r["evidence"], r["source"], r["target"], r["relation"])
    )
    return rows


def path_steps(
    G: nx.MultiDiGraph,
    path: list[str],
    vocab: Vocab | None = None,
    *,
    articles: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """The edges joining each pair of consecutive entities on a path, in reading order,
    each with its first quote and where it comes from (``quoted_from``)."""
    vocab = vocab or load_vocab()
    steps = []
    for a, b in itertools.pairwise(path):
        for s, t in ((a, b), (b, a)):
            if not G.has_node(s) or not G.has_node(t):
                continue
            for k, d in (G.get_edge_data(s, t) or {}).items():
                ev = evidence_list(d)
                steps.append(
                    {
                        "from": node_label(G, a),
                        "to": node_label(G, b),
                        "statement": f"{node_label(G, s)} {relation_label(str(d.get('relation', k)), vocab)} "
                        f"{node_label(G, t)}",
                        "articles": edge_support(d)["articles"],
                        "quote": ev[0].get("sentence", "").strip()
                        if ev
                        else str(d.get("note") or ""),
                        "quoted_from": origin_text(quote_origin(ev[0], articles)) if ev else "",
                    }
                )
    return steps


def rank_view_actors(
    G: nx.MultiDiGraph, limit: int | None = 25
) -> tuple[list[dict[str, Any]], bool]:
    """Key actors of a view by degree and betweenness.

    Returns the rows and whether betweenness is approximate: exact up to 600
    nodes (:func:`graph.select.rank_actors`), sampled from 200 seeded sources
    above, so a large view still answers in about a second.
    """
    n = G.number_of_nodes()
    if n <= 600:
        return rank_actors(G, limit=limit), False
    U = nx.Graph(G.to_undirected())
    between = nx.betweenness_centrality(U, k=200, seed=7)
    rows = [
        {
            "id": node,
            "label": data.get("label", node),
            "kind": data.get("kind", ""),
            "degree": G.degree(node),
            "betweenness": round(between.get(node, 0.0), 4),
        }
        for node, data in G.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], str(r["label"])))
    return (rows[:limit] if limit else rows), True


def entity_options(G: nx.MultiDiGraph, query: str = "") -> list[str]:
    """Node ids for an entity picker: the search matches (any alias) when there is
    a query, else every entity, most connected first."""
    if query.strip():
        return search_entities(G, query, limit=50)
    return sorted(
        G.nodes(), key=lambda n: (-G.degree(n), str(G.nodes[n].get("label", n)).casefold())
    )


def entity_name(G: nx.MultiDiGraph, node: str | None) -> str:
    """How an entity picker shows a node: ``"Ruritania · state"``; ``"—"`` for none."""
    if node is None:
        return "—"
    if node not in G:
        return node
    data = G.nodes[node]
    return f"{data.get('label', node)} · {data.get('kind', '')}"


def curation_log(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """What each curation action did to G (``G.graph["curation"]``), one row each."""
    log = (G.graph.get("curation") or {}).get("actions") or []
    return [
        {
            "#": e["action"],
            "op": e["op"],
            "status": e["status"],
            "detail": e.get("detail", ""),
            "problems": "; ".join(e.get("problems") or []),
        }
        for e in log
    ]


def view_metrics(
    G: nx.MultiDiGraph, H: nx.MultiDiGraph, n_articles: int
) -> list[tuple[str, int, str | None]]:
    """The counts above the graph, ``(label, value, help)``: the view H of the corpus
    graph G built from ``n_articles`` articles."""
    edges = [d for _, _, d in H.edges(data=True)]
    return [
        ("Entities", H.number_of_nodes(), f"{G.number_of_nodes()} in the corpus"),
        ("Relations", H.number_of_edges(), f"{G.number_of_edges()} in the corpus"),
        ("Accusations", sum(d.get("relation") == "accuses" for d in edges), None),
        ("Single-article edges", sum(edge_support(d)["articles"] <= 1 for d in edges), None),
        ("Articles", n_articles, None),
    ]
