"""Finding an entity of the graph by any of its names.

Curation, the filters of the app and the briefing images, and URL parameters all
name entities the way an analyst types them: an id (``state:ruritania``), a
label, an alias or a surname only one entity has. These are the rules.
"""

from __future__ import annotations

import networkx as nx

from .vocab import norm

__all__ = ["find_entity", "search_entities"]


def find_entity(G: nx.MultiDiGraph, name: str) -> str | None:
    """The node whose id, label or alias is ``name`` (case and "the" ignored).

    Failing those, a word of a label that only one entity has (a surname).

    >>> G = nx.MultiDiGraph(); G.add_node("state:ruritania", label="Ruritania", aliases=["Strelsau"])
    >>> find_entity(G, "strelsau")
    'state:ruritania'
    """
    if name in G:
        return name
    key = norm(name)
    for n, data in G.nodes(data=True):
        if norm(str(data.get("label", ""))) == key:
            return n
    for n, data in G.nodes(data=True):
        if any(norm(a) == key for a in data.get("aliases") or []):
            return n
    # a surname or a partial name that only one entity has
    words = [n for n, data in G.nodes(data=True) if key in norm(str(data.get("label", ""))).split()]
    return words[0] if len(words) == 1 else None


def search_entities(G: nx.MultiDiGraph, query: str, limit: int = 20) -> list[str]:
    """Nodes whose label or any alias contains ``query``, best matches first.

    An exact name comes first, then names starting with the query, then names
    containing it; more mentions first among equals.

    >>> G = nx.MultiDiGraph(); G.add_node("person:anna-fell", label="Anna Fell", mentions=2)
    >>> search_entities(G, "fel")
    ['person:anna-fell']
    """
    q = norm(query)
    if not q:
        return []
    scored = []
    for n, data in G.nodes(data=True):
        names = [str(data.get("label", n)), *(data.get("aliases") or [])]
        best = None
        for name in names:
            k = norm(name)
            if k == q:
                best = 0
            elif k.startswith(q):
                best = min(best if best is not None else 9, 1)
            elif q in k:
                best = min(best if best is not None else 9, 2)
        if best is not None:
            scored.append((best, -int(data.get("mentions", 0)), str(data.get("label", n)), n))
    return [n for *_, n in sorted(scored)[:limit]]
