"""Positions of the overview: deterministic, in the frame, and a main network that
islands never squeeze into a corner."""

from __future__ import annotations

import networkx as nx

from graph.select import layout_positions


def _corpus_like(hubs: int = 6, leaves: int = 80, islands: int = 40) -> nx.MultiDiGraph:
    """A hub-and-spoke main network plus many two-entity islands (invented ids)."""
    G = nx.MultiDiGraph()
    for i in range(leaves):
        G.add_edge(f"hub{i % hubs}", f"leaf{i}", relation="accuses")
    for i in range(hubs - 1):
        G.add_edge(f"hub{i}", f"hub{i + 1}", relation="accuses")
    for i in range(islands):
        G.add_edge(f"a{i}", f"b{i}", relation="denies")
    return G


def test_positions_are_deterministic_and_in_the_frame():
    G = _corpus_like()
    pos = layout_positions(G)
    assert pos == layout_positions(G)
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in pos.values())


def test_the_main_network_takes_most_of_the_frame():
    G = _corpus_like()
    pos = layout_positions(G)
    main = [p for n, p in pos.items() if n.startswith(("hub", "leaf"))]
    islands = [p for n, p in pos.items() if n.startswith(("a", "b"))]
    width = max(x for x, _ in main) - min(x for x, _ in main)
    height = max(y for _, y in main) - min(y for _, y in main)
    island_width = max(x for x, _ in islands) - min(x for x, _ in islands)
    assert width * height > 0.8, (width, height)  # over a fifth of the 2 x 2 frame
    assert width > island_width / 2
