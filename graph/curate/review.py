"""Review decisions on machine-made edges: accept one, reject it, change its relation
or swap its direction (ops ``accept_edge``, ``reject_edge``, ``set_relation``,
``reverse_edge``).

An accepted edge gets ``reviewed: "accepted"``, a changed one ``reviewed:
"corrected"``, both with ``reviewed_by`` (the analyst) and ``reviewed_at`` (the
action's ``when``); a rejected edge is removed (the curation log counts it). A
changed edge joins the edge that already states its new form, by the build's rules,
so its evidence is never lost. The marks are plain text attributes: every export
keeps them (:mod:`graph.export`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from ..edges import EdgeJoiner, find_edge
from ..vocab import load_vocab

__all__ = ["REVIEW_OPS", "apply_review", "review_marks"]

REVIEW_OPS = ("accept_edge", "reject_edge", "set_relation", "reverse_edge")
"""The curation ops that record an analyst's review of an edge."""

Resolve = Callable[[str], tuple[str | None, str]]
Outcome = tuple[bool, list[str], str]


def review_marks(action: dict[str, Any], verdict: str) -> dict[str, str]:
    """The marks an edge gets from a review action.

    >>> review_marks({"analyst": "A. Analyst", "when": "2025-01-31T09:30:00+00:00"}, "accepted")
    {'reviewed': 'accepted', 'reviewed_by': 'A. Analyst', 'reviewed_at': '2025-01-31T09:30:00+00:00'}
    """
    return {
        "reviewed": verdict,
        "reviewed_by": str(action.get("analyst") or ""),
        "reviewed_at": str(action.get("when") or ""),
    }


def _undirected() -> frozenset[str]:
    return frozenset(r for r, spec in load_vocab().relations.items() if not spec["directed"])


def _note(action: dict[str, Any], text: str) -> str:
    who = f" by {action['analyst']}" if action.get("analyst") else ""
    when = f" on {action['when']}" if action.get("when") else ""
    why = f": {action['note']}" if action.get("note") else ""
    return f"{text}{who}{when}{why}"


def apply_review(G: nx.MultiDiGraph, resolve: Resolve, action: dict[str, Any]) -> Outcome:
    """Apply one review action to G (in place): ``(applied, problems, detail)``.

    ``resolve`` maps a name to its node, or ``(None, why)``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="accuses", relation="accuses", evidence=[])
    'accuses'
    >>> a = {"op": "reverse_edge", "source": "a", "target": "b", "relation": "accuses"}
    >>> apply_review(G, lambda n: (n, ""), a)
    (True, [], 'a accuses b -> b accuses a')
    >>> G.edges["b", "a", "accuses"]["reviewed"]
    'corrected'
    """
    ends = []
    for name in (action["source"], action["target"]):
        n, why = resolve(name)
        if n is None:
            return False, [why], ""
        ends.append(n)
    s, t = ends
    rel = action["relation"]
    undirected = _undirected()
    found = find_edge(G, s, t, rel, undirected=rel in undirected)
    if found is None:
        return False, [f"no {rel} edge from {s} to {t}"], ""
    op = action["op"]
    u, v, k = found
    if op == "reject_edge":
        G.remove_edge(u, v, k)
        return True, [], f"rejected {u} {rel} {v}"
    data = G.edges[found]
    if op == "accept_edge":
        data.update(review_marks(action, "accepted"))
        data["curation_notes"] = [*(data.get("curation_notes") or []), _note(action, "accepted")]
        return True, [], f"accepted {u} {rel} {v}"
    new_rel = action["new_relation"] if op == "set_relation" else rel
    ns, nt = (v, u) if op == "reverse_edge" else (u, v)
    if (ns, nt, new_rel) == (u, v, rel):
        data.update(review_marks(action, "accepted"))
        return True, [], f"{u} {rel} {v} unchanged"
    moved = dict(data)
    G.remove_edge(u, v, k)
    what = f"relation {rel} -> {new_rel}" if op == "set_relation" else "direction reversed"
    moved.update(relation=new_rel)
    moved["curation_notes"] = [*(moved.get("curation_notes") or []), _note(action, what)]
    joiner = EdgeJoiner(G, undirected=undirected)
    edge = joiner.join(ns, nt, new_rel, moved)
    joiner.finish()
    G.edges[edge].update(review_marks(action, "corrected"))
    return True, [], f"{u} {rel} {v} -> {edge[0]} {new_rel} {edge[1]}"
