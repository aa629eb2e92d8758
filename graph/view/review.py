"""The Review tab: machine-made relations, least sure first, each with its evidence
sentence and the entities' words marked; the review actions an analyst takes on
them (written to the curation file by :mod:`graph.curate`), and how many are done;
and the sentences of an article, to add a relation with one as its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from .evidence import highlight_spans, mark_spans
from .text import evidence_list, node_label

__all__ = [
    "REVIEW_COLUMNS",
    "Edge",
    "review_action",
    "review_progress",
    "review_queue",
    "sentence_action",
    "sentences",
]

Edge = tuple[str, str, str]
"""An edge as ``(source, target, relation)``."""

REVIEW_COLUMNS = [
    "status",
    "confidence",
    "source_name",
    "relation",
    "target_name",
    "marked",
    "rule",
    "article",
]
"""The columns of the review queue, in the order the tab shows them."""

_VERDICT_OPS = {
    "accept": "accept_edge",
    "reject": "reject_edge",
    "reverse": "reverse_edge",
    "retag": "set_relation",
}


def _names(G: nx.MultiDiGraph, node: str) -> list[str]:
    data = G.nodes[node] if node in G else {}
    return [str(data.get("label", node)), *(data.get("aliases") or [])]


def review_queue(
    G: nx.MultiDiGraph, *, include_reviewed: bool = False, limit: int | None = None
) -> list[dict[str, Any]]:
    """The machine-made edges of G (not added by an analyst), lowest confidence
    first, unreviewed ones only unless ``include_reviewed``.

    Each row has the ``edge`` ``(source, target, relation)``, ``status``
    (``to review``, ``accepted``, ``corrected``), ``confidence``, ``rule``, the names,
    the first evidence ``sentence``, ``marked`` (the entities' words marked ⟦ ⟧),
    its ``article`` and ``start``/``end``, and ``evidence`` (how many pieces).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Ruritania"); G.add_node("b", label="Freedonia")
    >>> _ = G.add_edge("a", "b", key="accuses", relation="accuses", confidence=0.4,
    ...     rule="cue", evidence=[{"document": "d1", "sentence": "Ruritania blamed Freedonia."}])
    >>> review_queue(G)[0]["marked"]
    '⟦Ruritania⟧ blamed ⟦Freedonia⟧.'
    """
    rows = []
    for s, t, k, data in G.edges(keys=True, data=True):
        if data.get("rule") == "analyst":
            continue
        if data.get("reviewed") and not include_reviewed:
            continue
        evidence = evidence_list(data)
        first = evidence[0] if evidence else {}
        sentence = str(first.get("sentence") or "").strip()
        spans = highlight_spans(sentence, [*_names(G, s), *_names(G, t)])
        rows.append(
            {
                "edge": (s, t, str(data.get("relation", k))),
                "status": data.get("reviewed") or "to review",
                "confidence": round(float(data.get("confidence") or 0.0), 3),
                "rule": str(data.get("rule") or ""),
                "source_name": node_label(G, s),
                "relation": str(data.get("relation", k)),
                "target_name": node_label(G, t),
                "sentence": sentence,
                "marked": mark_spans(sentence, spans),
                "article": str(first.get("document") or ""),
                "start": first.get("start"),
                "end": first.get("end"),
                "evidence": len(evidence),
                "reviewed_by": str(data.get("reviewed_by") or ""),
            }
        )
    rows.sort(key=lambda r: (r["status"] != "to review", r["confidence"], r["edge"]))
    return rows[:limit] if limit else rows


def review_progress(G: nx.MultiDiGraph) -> dict[str, int]:
    """How far the review of G's machine-made edges is: ``reviewed`` (accepted,
    corrected or rejected), ``total`` (the machine-made edges, rejected ones
    included), and each verdict's count.

    >>> G = nx.MultiDiGraph([("a", "b", {"reviewed": "accepted"}), ("b", "c", {})])
    >>> review_progress(G)
    {'reviewed': 1, 'total': 2, 'accepted': 1, 'corrected': 0, 'rejected': 0}
    """
    counts = {"accepted": 0, "corrected": 0}
    machine = 0
    for _, _, data in G.edges(data=True):
        if data.get("rule") == "analyst":
            continue
        machine += 1
        if data.get("reviewed") in counts:
            counts[data["reviewed"]] += 1
    log = (G.graph.get("curation") or {}).get("actions") or []
    rejected = sum(1 for e in log if e.get("op") == "reject_edge" and e.get("status") == "applied")
    reviewed = counts["accepted"] + counts["corrected"] + rejected
    return {"reviewed": reviewed, "total": machine + rejected, **counts, "rejected": rejected}


def review_action(
    edge: Edge, verdict: str, analyst: str | None = None, *, relation: str | None = None
) -> dict[str, Any]:
    """The curation action of a verdict on an edge: ``accept``, ``reject``,
    ``reverse`` or ``retag`` (to ``relation``).

    >>> review_action(("state:a", "state:b", "accuses"), "retag", "A. Analyst", relation="denies")
    {'op': 'set_relation', 'source': 'state:a', 'target': 'state:b', 'relation': 'accuses', \
'analyst': 'A. Analyst', 'new_relation': 'denies'}
    """
    s, t, rel = edge
    action: dict[str, Any] = {"op": _VERDICT_OPS[verdict], "source": s, "target": t}
    action["relation"] = rel
    if analyst:
        action["analyst"] = analyst
    if verdict == "retag":
        action["new_relation"] = relation
    return action


_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’)\]]*|\n|$)")


def sentences(text: str) -> list[tuple[int, int, str]]:
    """The sentences of an article as ``(start, end, text)``, offsets into ``text``
    (a plain split on ., ! and ? and line ends; blank pieces left out).

    >>> sentences("Ruritania blamed Freedonia. Freedonia denied it.\\n")
    [(0, 27, 'Ruritania blamed Freedonia.'), (28, 48, 'Freedonia denied it.')]
    """
    out = []
    for m in _SENTENCE.finditer(text):
        piece = m.group(0)
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        start, end = m.start() + lead, m.start() + len(piece.rstrip())
        out.append((start, end, text[start:end]))
    return out


def sentence_action(
    article: Mapping[str, Any] | Any,
    span: tuple[int, int],
    source: str,
    relation: str,
    target: str,
    analyst: str,
    note: str = "",
) -> dict[str, Any]:
    """An ``add_edge`` whose evidence is one sentence of an article, at its offsets.

    ``article`` has ``id`` and ``text`` (an :class:`graph.ingest.Article`).

    >>> from types import SimpleNamespace as NS
    >>> art = NS(id="d1", text="Intro. Ruritania blamed Freedonia.")
    >>> a = sentence_action(art, (7, 34), "state:r", "accuses", "state:f", "A. Analyst")
    >>> a["sentence"], a["start"], a["end"]
    ('Ruritania blamed Freedonia.', 7, 34)
    """
    start, end = span
    return {
        "op": "add_edge",
        "source": source,
        "target": target,
        "relation": relation,
        "note": note or "from the article's sentence",
        "analyst": analyst,
        "document": article.id,
        "sentence": article.text[start:end],
        "start": start,
        "end": end,
    }
