"""Views of the graph: the filters, layout and rankings that the app and the
briefing images share, so an exported image shows what the analyst explored.

All functions are pure: they take a graph and return a new one (or numbers).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .search import find_entity, search_entities
from .timeline import span_of

__all__ = [
    "FAST_LAYOUT",
    "community_legend",
    "community_map",
    "connecting_path",
    "drop_isolated",
    "edge_support",
    "find_entity",
    "layout_positions",
    "rank_actors",
    "search_entities",
    "subgraph",
]


FAST_LAYOUT = 600
# above this many entities an overview hides the unconnected ones (the app and 'render')
AUTO_HIDE = 40
# parts of at least MAIN_PART_SIZE entities get MAIN_PART_AREA units of area per entity
MAIN_PART_SIZE = 40
MAIN_PART_AREA = 8.0
"""Connected parts above this many nodes are laid out by igraph, not networkx."""


def edge_support(data: dict[str, Any]) -> dict[str, int]:
    """How well an edge is sourced: pieces of evidence, distinct articles, distinct sources."""
    evidence = data.get("evidence") or []
    docs = set(data.get("documents") or []) or {e.get("document") for e in evidence}
    sources = set(data.get("sources") or []) or docs
    return {"evidence": len(evidence), "articles": len(docs), "sources": len(sources)}


def subgraph(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 1,
    kinds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    documents: Iterable[str] | None = None,
    modalities: Iterable[str] | None = None,
    min_evidence: int = 1,
    min_articles: int = 1,
    hide_isolated: bool = False,
    nodes: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The view of G that the filters select.

    Parameters
    ----------
    focus : an entity (id, label or alias); keep only what lies within ``hops``
        of it, edges read in both directions.
    kinds, relations, modalities : keep only these node kinds / edge relations /
        edge modalities (None keeps all).
    documents : keep only edges with evidence from these article ids, and the
        nodes those articles mention.
    min_evidence, min_articles : drop edges resting on less evidence or fewer articles.
    hide_isolated : drop nodes left with no edge.
    nodes : keep only these entities (a community, say; None keeps all).

    Edges whose evidence the ``documents`` filter cuts get their first and last
    dates again from the evidence kept (:func:`graph.timeline.restamp`).
    """
    kinds = set(kinds) if kinds is not None else None
    relations = set(relations) if relations is not None else None
    modalities = set(modalities) if modalities is not None else None
    documents = set(documents) if documents is not None else None
    keep = set(nodes) if nodes is not None else None
    meta = G.graph.get("articles") or {}
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for n, data in G.nodes(data=True):
        if keep is not None and n not in keep:
            continue
        if kinds is not None and data.get("kind") not in kinds:
            continue
        if documents is not None and not (set(data.get("documents") or []) & documents):
            continue
        H.add_node(n, **data)
    for s, t, k, data in G.edges(keys=True, data=True):
        if s not in H or t not in H:
            continue
        if relations is not None and data.get("relation", k) not in relations:
            continue
        if modalities is not None and (data.get("modality") or "asserted") not in modalities:
            continue
        evidence = data.get("evidence") or []
        if documents is not None:
            evidence = [e for e in evidence if e.get("document") in documents]
            if not evidence:
                continue
            data = {
                **data,
                "evidence": evidence,
                "documents": sorted({e.get("document") for e in evidence}),
            }
            if "first_date" in data:
                data["first_date"], data["last_date"] = span_of(
                    meta.get(e.get("document"), {}).get("date") for e in evidence
                )
        if min_evidence > 1 or min_articles > 1:
            support = edge_support(data)
            if support["evidence"] < min_evidence or support["articles"] < min_articles:
                continue
        H.add_edge(s, t, key=k, **data)
    if focus:
        centre = find_entity(H, focus)
        if centre is None:
            return nx.MultiDiGraph()
        near = nx.single_source_shortest_path_length(
            H.to_undirected(as_view=True), centre, cutoff=max(0, hops)
        )
        H = H.subgraph(near).copy()
    if hide_isolated:
        drop_isolated(H)
    return H


def drop_isolated(H: nx.MultiDiGraph, keep: str | None = None) -> None:
    """Remove, in place, the entities of H with no edge (``keep`` excepted)."""
    H.remove_nodes_from([n for n in list(H) if H.degree(n) == 0 and n != keep])


def connecting_path(G: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    """The shortest chain of entities joining a and b (edges read both ways), or []."""
    na, nb = find_entity(G, a), find_entity(G, b)
    if na is None or nb is None:
        return []
    try:
        return nx.shortest_path(G.to_undirected(as_view=True), na, nb)
    except nx.NetworkXNoPath:
        return []


def _stress_refine(
    U: nx.Graph, pos: dict[str, Any], *, max_nodes: int = 600, iterations: int | None = None
) -> dict[str, tuple[float, float]]:
    """Refine a connected part's force layout by stress majorization (as Graphviz neato).

    Each pair of nodes is pulled towards its graph distance, so hubs do not
    crowd their neighbours and chains do not sprawl; one unit is one link.
    Parts above ``max_nodes`` keep the force layout, scaled to the same unit.
    """
    import numpy as np

    nodes = list(U.nodes())
    X = np.array([pos[v] for v in nodes], dtype=float)
    lengths = sorted(math.dist(pos[s], pos[t]) for s, t in U.edges())
    X /= (lengths[len(lengths) // 2] if lengths else 1.0) or 1.0
    if len(nodes) <= max_nodes:
        index = {v: i for i, v in enumerate(nodes)}
        A = np.zeros((len(nodes), len(nodes)))
        for s, t in U.edges():
            A[index[s], index[t]] = A[index[t], index[s]] = 1.0
        # graph distances by breadth-first steps on the adjacency matrix
        D = np.zeros_like(A)
        seen = np.eye(len(nodes), dtype=bool)
        frontier = np.eye(len(nodes))
        step = 0
        while not seen.all():
            step += 1
            frontier = ((frontier @ A) > 0) & ~seen
            if not frontier.any():
                break
            D[frontier] = step
            seen |= frontier
            frontier = frontier.astype(float)
        W = np.zeros_like(D)
        np.divide(1.0, D**2, out=W, where=D > 0)
        wsum = W.sum(1)
        WD = W * D
        for _ in range(iterations or (150 if len(nodes) <= 150 else 80)):
            dx = X[:, 0, None] - X[None, :, 0]
            dy = X[:, 1, None] - X[None, :, 1]
            dist = np.sqrt(dx * dx + dy * dy)
            np.maximum(dist, 1e-9, out=dist)
            coef = WD / dist
            # x_i <- sum_j w_ij (x_j + d_ij (x_i - x_j) / |x_i - x_j|) / sum_j w_ij
            X = (W @ X + X * coef.sum(1)[:, None] - coef @ X) / wsum[:, None]
    # turn the part so that its long axis lies along x (pictures are wide); the sign
    # is fixed so that the first node in sorted order lies left of (or on) the centre
    X = X - X.mean(0)
    if len(nodes) >= 3:
        _, vectors = np.linalg.eigh(X.T @ X)
        X = X @ vectors[:, ::-1]
        first = nodes.index(min(nodes))
        for axis in (0, 1):
            if X[first, axis] > 1e-9:
                X[:, axis] = -X[:, axis]
    return {v: (float(X[i, 0]), float(X[i, 1])) for i, v in enumerate(nodes)}


def _pack_rows(
    boxes: list[tuple[dict, float, float]], width: float
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Shelf packing: boxes left to right in rows of at most ``width``, rows centred.

    Returns the positions (rows start at y = 0 and go downwards), the widest
    row's width and the total height.
    """
    rows: list[list[tuple[dict, float, float]]] = [[]]
    for box in boxes:
        if rows[-1] and sum(b[1] for b in rows[-1]) + box[1] > width * 1.0001:
            rows.append([])
        rows[-1].append(box)
    raw: dict[str, tuple[float, float]] = {}
    top = 0.0
    for row in rows:
        height = max(b[2] for b in row)
        x = -sum(b[1] for b in row) / 2
        for local, w, _h in row:
            for v, (px, py) in local.items():
                raw[v] = (x + w / 2 + px, top - height / 2 + py)
            x += w
        top -= height
    return raw, max(sum(b[1] for b in row) for row in rows), -top


def _arrange_parts(
    boxes: list[tuple[dict, float, float]], aspect: float = 16 / 9
) -> dict[str, tuple[float, float]]:
    """Place the laid-out parts (biggest first) so they fill a frame of ``aspect``.

    Tries rows of several widths, and the biggest part on the left with the
    others in rows beside it; keeps the arrangement drawn at the largest scale.
    """

    def widths(parts: list[tuple[dict, float, float]]) -> list[float]:
        lo, hi = max(b[1] for b in parts), sum(b[1] for b in parts)
        return sorted({lo, hi, *(lo * (hi / lo) ** (i / 24) for i in range(1, 24))})

    # the largest scale wins; at equal scale, the more compact block (fewer rows)
    best: tuple[tuple[float, float], dict[str, tuple[float, float]]] | None = None
    for width in widths(boxes):
        raw, w, h = _pack_rows(boxes, width)
        key = (round(min(aspect / w, 1 / h), 9), -h)
        if best is None or key > best[0]:
            best = (key, raw)
    if len(boxes) > 1:
        (main, mw, mh), rest = boxes[0], boxes[1:]
        for width in widths(rest):
            side, w, h = _pack_rows(rest, width)
            key = (round(min(aspect / (mw + w), 1 / max(mh, h)), 9), -h)
            if key > best[0]:
                raw = {v: (px - mw / 2, py - mh / 2) for v, (px, py) in main.items()}
                raw.update({v: (px + w / 2, py) for v, (px, py) in side.items()})
                best = (key, raw)
    assert best is not None
    return best[1]


def _fast_layout(U: nx.Graph, *, seed: int) -> dict[str, tuple[float, float]]:
    """A seeded Fruchterman-Reingold layout by igraph (C, grid-accelerated): a
    10,000-node part in about a second, where networkx's takes minutes."""
    import random

    import igraph as ig
    import numpy as np

    nodes = list(U.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[s], index[t]) for s, t in U.edges()])
    # igraph's own start: a square of side sqrt(n) (its grid needs the room)
    side = math.sqrt(len(nodes)) / 2
    start = np.random.default_rng(seed).uniform(-side, side, (len(nodes), 2)).tolist()
    ig.set_random_number_generator(random.Random(seed))  # igraph's own draws, seeded
    try:
        coords = g.layout_fruchterman_reingold(seed=start, niter=300, grid="auto").coords
    finally:
        ig.set_random_number_generator(random)
    return {v: (float(coords[i][0]), float(coords[i][1])) for i, v in enumerate(nodes)}


def layout_positions(G: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Deterministic positions in [-1, 1]²: the same graph always gets the same picture.

    Nodes are sorted before layout so insertion order does not matter. Each
    connected part is laid out on its own (a force layout, fewer iterations on
    large graphs, refined by stress majorization, turned to lie wide) and the
    parts are packed, biggest first, to fill a 16:9 frame at the largest scale,
    so small islands never squeeze the main network into a corner. Parts above
    :data:`FAST_LAYOUT` nodes are laid out by igraph's Fruchterman-Reingold.
    """
    if G.number_of_nodes() == 0:
        return {}
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes()))
    for s, t in sorted({tuple(sorted((s, t))) for s, t in G.edges() if s != t}):
        U.add_edge(s, t)
    n = U.number_of_nodes()
    if n == 1:
        return {next(iter(U)): (0.0, 0.0)}
    # the stress refinement does the fine work on parts up to 600 nodes
    iterations = 200 if n <= 150 else 50 if n <= 800 else 20
    parts = sorted((sorted(c) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    boxes = []  # (node -> local position, width, height), one per connected part
    for nodes in parts:
        if len(nodes) == 1:
            boxes.append(({nodes[0]: (0.0, 0.0)}, 1.6, 1.6))
            continue
        # a fresh graph in sorted order: subgraph views iterate in set (hash) order
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from(sorted(tuple(sorted(e)) for e in U.subgraph(nodes).edges()))
        if len(nodes) > FAST_LAYOUT:
            pos = _fast_layout(sub, seed=seed)
        else:
            k = 1.6 / math.sqrt(len(nodes))
            pos = nx.spring_layout(sub, seed=seed, k=k, iterations=iterations)
        local = _stress_refine(sub, pos)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        # at least one unit of area per node (a big part, whose hubs pull it into a dense
        # core, MAIN_PART_AREA units): dense parts get room, and islands never crowd it
        area = MAIN_PART_AREA if len(nodes) >= MAIN_PART_SIZE else 1.0
        zoom = max(
            1.0,
            math.sqrt(area * len(nodes) / ((max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1))),
        )
        local = {v: ((x - cx) * zoom, (y - cy) * zoom) for v, (x, y) in local.items()}
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        boxes.append((local, max(xs) - min(xs) + 1.6, max(ys) - min(ys) + 1.6))
    raw = _arrange_parts(boxes)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    scale = float(max(max(xs) - min(xs), max(ys) - min(ys)) / 2) or 1.0
    return {
        node: (round(float(x - cx) / scale, 6), round(float(y - cy) / scale, 6))
        for node, (x, y) in sorted(raw.items())
    }


def rank_actors(G: nx.MultiDiGraph, limit: int | None = None) -> list[dict[str, Any]]:
    """Entities ranked by degree, with betweenness centrality (edges read both ways)."""
    if G.number_of_nodes() == 0:
        return []
    U = nx.Graph(G.to_undirected())
    between = nx.betweenness_centrality(U) if U.number_of_nodes() <= 3000 else {}
    rows = [
        {
            "id": n,
            "label": data.get("label", n),
            "kind": data.get("kind", ""),
            "degree": G.degree(n),
            "betweenness": round(between.get(n, 0.0), 4),
        }
        for n, data in G.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], str(r["label"])))
    return rows[:limit] if limit else rows


def community_map(G: nx.MultiDiGraph, *, seed: int = 7) -> dict[str, int]:
    """Node -> community number by seeded Louvain (networkx), edges read both ways and
    weighted by how many relations join two entities.

    Communities are numbered 1, 2, ... biggest first (ties by their first node id),
    so the same graph always gets the same numbers; an unconnected entity is a
    community of its own.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("x", "y")])
    >>> community_map(G)
    {'a': 1, 'b': 1, 'c': 1, 'x': 2, 'y': 2}
    """
    U = nx.Graph()
    U.add_nodes_from(sorted(G.nodes()))
    for s, t in G.edges():
        if s != t:
            w = U.get_edge_data(s, t, {}).get("weight", 0)
            U.add_edge(s, t, weight=w + 1)
    if U.number_of_edges() == 0:
        parts = [{n} for n in U]
    else:
        parts = nx.community.louvain_communities(U, weight="weight", seed=seed)
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {n: i for i, part in enumerate(ordered, 1) for n in part}


def community_legend(
    G: nx.MultiDiGraph, communities: dict[str, int], *, limit: int = 12, members: int = 3
) -> list[tuple[int, str, int]]:
    """``(number, name, size)`` of G's biggest communities (two entities or more), each
    named by its ``members`` most connected entities in G.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("a", "d")])
    >>> for n in G: G.nodes[n]["label"] = n.upper()
    >>> community_legend(G, {"a": 1, "b": 1, "c": 1, "d": 1})
    [(1, 'A · B · C', 4)]
    """
    groups: dict[int, list[str]] = {}
    for n in G:
        if n in communities:
            groups.setdefault(communities[n], []).append(n)
    rows = []
    for number in sorted(groups):
        nodes = groups[number]
        if len(nodes) < 2:
            continue
        top = sorted(nodes, key=lambda n: (-G.degree(n), str(G.nodes[n].get("label", n))))
        name = " · ".join(str(G.nodes[n].get("label", n)) for n in top[:members])
        rows.append((number, name, len(nodes)))
    rows.sort(key=lambda r: (-r[2], r[0]))
    return rows[:limit]
