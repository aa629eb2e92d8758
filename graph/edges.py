"""One fact, one edge: the rules by which facts join into the edges of the graph.

The build joins every relation an article states into the edge for its
``(source, target, relation)``; curation joins the edges of a merged-away entity
into the kept one and an analyst's confirmation into an extracted edge. Both use
:class:`EdgeJoiner`, so a fact is joined the same way wherever it comes from:

- **evidence** is kept once (two pieces are the same when :func:`evidence_key`
  says so) and sorted by article and offset (:func:`evidence_order`);
- **modality** is the stronger of the two (:data:`MODALITY_RANK`:
  asserted > alleged > hypothetical);
- **documents** and **sources** are the sorted union, **date** the earliest;
- **curated** marks and **curation notes** are kept; any other attribute keeps the
  edge's own value and gains the ones it did not have;
- an **undirected** relation (``allied_with``) is found either way round when the
  joiner is told which relations are undirected, and the edge keeps the direction
  it was first stated in.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> joiner = EdgeJoiner(G)
>>> fact = {"relation": "accuses", "evidence": [{"document": "b", "start": 4}],
...         "modality": "alleged", "documents": ["b"], "sources": ["b"], "date": ""}
>>> joiner.join("state:ruritania", "state:freedonia", "accuses", fact)
('state:ruritania', 'state:freedonia', 'accuses')
>>> again = {**fact, "evidence": [{"document": "a", "start": 9}], "modality": "asserted",
...          "documents": ["a"], "sources": ["a"]}
>>> _ = joiner.join("state:ruritania", "state:freedonia", "accuses", again)
>>> joiner.finish()
>>> data = G.edges["state:ruritania", "state:freedonia", "accuses"]
>>> [e["document"] for e in data["evidence"]], data["modality"], data["documents"]
(['a', 'b'], 'asserted', ['a', 'b'])
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from typing import Any

import networkx as nx

__all__ = [
    "MODALITIES",
    "MODALITY_RANK",
    "EdgeJoiner",
    "evidence_key",
    "evidence_order",
    "find_edge",
    "rate_edge",
    "stronger_modality",
]

MODALITIES = ("asserted", "alleged", "hypothetical")
"""The modalities of a fact, strongest first."""

MODALITY_RANK = {"asserted": 3, "alleged": 2, "hypothetical": 1}
"""How strongly a modality states a fact: the higher wins when two facts join."""

Edge = tuple[str, str, Any]

# attributes joined by rule; every other attribute keeps the edge's own value
_JOINED = ("evidence", "documents", "sources", "modality", "date", "curated", "curation_notes")


def stronger_modality(a: str | None, b: str | None) -> str:
    """The stronger of two modalities; a missing one counts as ``asserted``.

    >>> stronger_modality("alleged", "hypothetical")
    'alleged'
    >>> stronger_modality("alleged", None)
    'asserted'
    """
    a, b = a or "asserted", b or "asserted"
    return a if MODALITY_RANK.get(a, 0) >= MODALITY_RANK.get(b, 0) else b


def evidence_key(ev: Any) -> Hashable:
    """A hashable stand-in for a piece of evidence: equal evidence, equal key.

    >>> evidence_key({"start": 3, "document": "a"}) == evidence_key({"document": "a", "start": 3})
    True
    """
    if isinstance(ev, dict):
        key = tuple(sorted(ev.items()))
        try:
            hash(key)
        except TypeError:
            return repr(key)
        return key
    return repr(ev)


def evidence_order(ev: Mapping[str, Any]) -> tuple[str, int]:
    """The sort key of a piece of evidence: its article, then its offset.

    >>> evidence_order({"document": "b", "start": 12, "sentence": "..."})
    ('b', 12)
    """
    return (str(ev.get("document", "")), int(ev.get("start", 0) or 0))


def rate_edge(data: dict[str, Any]) -> None:
    """Set an edge's ``confidence`` and ``rule`` from its evidence: each piece of
    evidence is a separate reading of the fact, so the edge is wrong only if all of them
    are (``1 - product(1 - c)``, at most 0.99 unless an analyst stated it); the rule is
    the one of its most confident piece. Evidence with no confidence leaves the edge as
    it is.

    >>> data = {"evidence": [{"rule": "accuses.verb", "confidence": 0.9},
    ...                      {"rule": "reported.victim", "confidence": 0.5}]}
    >>> rate_edge(data); data["confidence"], data["rule"]
    (0.95, 'accuses.verb')
    """
    rated = [e for e in data.get("evidence") or [] if isinstance(e, dict) and "confidence" in e]
    if not rated:
        return
    doubt = 1.0
    for e in rated:
        doubt *= 1.0 - float(e["confidence"])
    best = max(rated, key=lambda e: (float(e["confidence"]), str(e.get("rule", ""))))
    cap = 1.0 if any(e.get("rule") == "analyst" for e in rated) else 0.99
    data["confidence"] = round(min(cap, 1.0 - doubt), 2)
    data["rule"] = str(best.get("rule", ""))


def find_edge(
    G: nx.MultiDiGraph, s: str, t: str, relation: str, *, undirected: bool = False
) -> Edge | None:
    """The ``(source, target, key)`` of the edge stating ``relation`` from s to t.

    With ``undirected`` an edge from t to s counts too. Returns None when there is none.

    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="allied_with", relation="allied_with")
    'allied_with'
    >>> find_edge(G, "b", "a", "allied_with", undirected=True)
    ('a', 'b', 'allied_with')
    """
    ends = [(s, t), (t, s)] if undirected else [(s, t)]
    for u, v in ends:
        edges = G.get_edge_data(u, v)
        if not edges:
            continue
        data = edges.get(relation)
        if data is not None and data.get("relation", relation) == relation:
            return u, v, relation
        for key, data in edges.items():
            if data.get("relation", key) == relation:
                return u, v, key
    return None


class EdgeJoiner:
    """Joins facts (or whole edges) into the edges of ``G``: one edge per fact.

    Parameters
    ----------
    G : the graph to add to; changed in place.
    undirected : relations that read the same both ways; a fact stated from t to s
        joins the edge from s to t.

    Notes
    -----
    Sets beside the edges' lists make each join cost the same however much evidence
    the edge already has. Lists are put in order by :meth:`finish`, which must be
    called once the joining is done.
    """

    def __init__(self, G: nx.MultiDiGraph, *, undirected: Collection[str] = ()) -> None:
        self.G = G
        self.undirected = frozenset(undirected)
        # edge -> (evidence keys, documents, sources), for edges joined into
        self._sides: dict[Edge, tuple[set[Hashable], set[Any], set[Any]]] = {}

    def find(self, s: str, t: str, relation: str) -> Edge | None:
        """The edge a fact of ``relation`` from s to t joins, or None."""
        return find_edge(self.G, s, t, relation, undirected=relation in self.undirected)

    def join(self, s: str, t: str, key: Any, data: Mapping[str, Any]) -> Edge:
        """Join one fact (the attributes of an edge) from s to t; returns the edge it is in.

        Without an edge for the fact's relation yet, the edge is added with ``data``
        as it is.
        """
        relation = data.get("relation", key)
        found = self.find(s, t, relation)
        if found is None:
            self.G.add_edge(s, t, key=key, **data)
            return s, t, key
        self.join_into(found, data)
        return found

    def join_into(self, edge: Edge, data: Mapping[str, Any]) -> None:
        """Join a fact into a given edge (see the module notes for the rules)."""
        old = self.G.edges[edge]
        sides = self._sides.get(edge)
        if sides is None:
            evidence = old.get("evidence")
            old["evidence"] = evidence = list(evidence or [])
            sides = (
                {evidence_key(e) for e in evidence},
                set(old.get("documents") or []),
                set(old.get("sources") or []),
            )
            self._sides[edge] = sides
        seen, documents, sources = sides
        curated = bool(old.get("curated") or data.get("curated"))
        notes = list(old.get("curation_notes") or [])
        notes += [n for n in data.get("curation_notes") or [] if n not in notes]
        for name, value in data.items():  # new attributes, in the order the fact has them
            if name not in old:
                old[name] = value
        evidence = old["evidence"]
        for ev in data.get("evidence") or []:
            k = evidence_key(ev)
            if k not in seen:
                seen.add(k)
                evidence.append(ev)
        old["evidence"] = evidence
        documents.update(data.get("documents") or [])
        sources.update(data.get("sources") or [])
        old["documents"], old["sources"] = documents, sources  # lists again in finish()
        old["modality"] = stronger_modality(old.get("modality"), data.get("modality"))
        dates = [d for d in (old.get("date"), data.get("date")) if d]
        old["date"] = min(dates) if dates else ""
        if curated:
            old["curated"] = True
        if notes:
            old["curation_notes"] = notes

    def finish(self) -> None:
        """Put the joined edges' evidence, documents and sources in order."""
        for edge, (_, documents, sources) in self._sides.items():
            if edge not in self.G.edges:
                continue
            data = self.G.edges[edge]
            data["evidence"].sort(key=evidence_order)
            data["documents"] = sorted(documents)
            data["sources"] = sorted(sources)
            rate_edge(data)
        self._sides.clear()
