"""The evidence behind an entity: every sentence of every relation it takes part
in, with its own names marked, for the entity panel."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from ..errors import RelateError
from ..select import edge_support
from ..style import kind_label, relation_label
from ..vocab import Vocab, load_vocab
from .documents import quote_origin
from .text import as_list, evidence_list, node_label, plain_text

__all__ = [
    "article_context",
    "entity_details",
    "entity_facts",
    "evidence_heading",
    "evidence_labels",
    "evidence_rows",
    "highlight_spans",
    "mark_spans",
]


def highlight_spans(sentence: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans in ``sentence`` where any of ``names`` occurs as whole words
    (case-insensitive; curly and straight apostrophes alike), merged and sorted.

    >>> highlight_spans("Putin said Vladimir Putin’s aides...", ["Putin", "Vladimir Putin"])
    [(0, 5), (11, 25)]
    """
    text = sentence.replace("\u2019", "'")
    spans = []
    for name in {n.strip().replace("\u2019", "'") for n in names if n and n.strip()}:
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)
        spans.extend(m.span() for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark_spans(
    sentence: str, spans: Iterable[tuple[int, int]], left: str = "⟦", right: str = "⟧"
) -> str:
    """The sentence with each span wrapped in plain-text markers (no markup).

    >>> mark_spans("Russia denied it.", [(0, 6)])
    '⟦Russia⟧ denied it.'
    """
    out, pos = [], 0
    for start, end in spans:
        out += [sentence[pos:start], left, sentence[start:end], right]
        pos = end
    out.append(sentence[pos:])
    return "".join(out)


def entity_details(
    G: nx.MultiDiGraph,
    node: str,
    vocab: Vocab | None = None,
    *,
    articles: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the entity panel shows about one node.

    Returns
    -------
    dict
        ``id, label, kind, kind_label, role, aliases, mentions, documents,
        merged_from, degree`` and ``evidence``: one row per piece of evidence of
        every relation the entity takes part in, with ``direction`` ("out" or
        "in"), ``relation``, ``other`` (label) and ``other_id``, ``modality``,
        the edge's ``evidence_count``, ``articles``, ``sources`` and
        ``single_article``, the ``sentence``, ``spans`` (offsets of the entity's
        names in the sentence), ``marked`` (the sentence with those names
        marked ⟦like this⟧), ``matched`` (the words found), ``document``, and
        where the quote comes from, ``outlet``, ``date`` and ``url`` (from the
        evidence, else from the article of that id in ``articles``; ``""`` when
        unknown, see :func:`graph.view.quote_origin`).

    Raises
    ------
    RelateError
        When the node is not in the graph.
    """
    vocab = vocab or load_vocab()
    if node not in G:
        raise RelateError(f"no entity {node!r} in this graph")
    data = G.nodes[node]
    label = str(data.get("label", node))
    names = [label, *as_list(data.get("aliases"))]
    kind = str(data.get("kind", ""))
    rows = []
    edges = [("out", s, t, k, d) for s, t, k, d in G.out_edges(node, keys=True, data=True)]
    edges += [("in", s, t, k, d) for s, t, k, d in G.in_edges(node, keys=True, data=True)]
    for direction, s, t, k, d in edges:
        other = t if direction == "out" else s
        relation = str(d.get("relation", k))
        support = edge_support(d)
        base = {
            "direction": direction,
            "relation": relation,
            "relation_label": relation_label(relation, vocab),
            "other": node_label(G, other),
            "other_id": other,
            "modality": d.get("modality") or "asserted",
            "evidence_count": support["evidence"],
            "articles": support["articles"],
            "sources": support["sources"],
            "single_article": support["articles"] <= 1,
            "curated": bool(d.get("curated")),
        }
        evidence = evidence_list(d)
        if not evidence:
            note = str(d.get("note") or ("added by an analyst" if d.get("curated") else ""))
            evidence = [
                {
                    "sentence": note,
                    "document": d.get("analyst") or "analyst",
                    "start": None,
                    "end": None,
                }
            ]
        for ev in evidence:
            sentence = str(ev.get("sentence", ""))
            spans = highlight_spans(sentence, names)
            origin = quote_origin(ev, articles)
            rows.append(
                {
                    **base,
                    "sentence": sentence,
                    "spans": spans,
                    "marked": mark_spans(sentence, spans),
                    "matched": ", ".join(dict.fromkeys(sentence[a:b] for a, b in spans)),
                    "document": str(ev.get("document", "")),
                    "start": ev.get("start"),
                    "end": ev.get("end"),
                    "outlet": origin["outlet"],
                    "date": origin["date"],
                    "url": origin["url"],
                }
            )
    rows.sort(
        key=lambda r: (r["relation"], r["direction"], r["other"], r["document"], r["start"] or 0)
    )
    return {
        "id": node,
        "label": label,
        "kind": kind,
        "kind_label": kind_label(kind, vocab),
        "role": str(data.get("role") or ""),
        "aliases": sorted(set(as_list(data.get("aliases")))),
        "mentions": int(data.get("mentions") or 0),
        "documents": as_list(data.get("documents")),
        "merged_from": as_list(data.get("merged_from")),
        "degree": G.degree(node),
        "evidence": rows,
    }


def article_context(
    articles: Mapping[str, Any], row: Mapping[str, Any], width: int = 320
) -> str | None:
    """The passage around a piece of evidence in its article, the sentence marked ▶ ◀.

    ``articles`` maps article ids to :class:`graph.ingest.Article`; ``row`` is an
    evidence row of :func:`entity_details`. None when the article or the offsets are
    unknown (an analyst's note has none).

    >>> from graph.ingest import parse_article
    >>> art = parse_article("Title. Ruritania blamed Freedonia. More text.", "a.txt")
    >>> row = {"document": art.id, "start": 7, "end": 34}
    >>> article_context({art.id: art}, row, width=5)
    '…tle. ▶ Ruritania blamed Freedonia. ◀ More…'
    """
    art = articles.get(row["document"])
    start, end = row.get("start"), row.get("end")
    if art is None or not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return None
    text = art.text
    a, b = max(0, start - width), min(len(text), end + width)
    return (
        ("…" if a else "")
        + text[a:start]
        + "▶ "
        + text[start:end]
        + " ◀"
        + text[end:b]
        + ("…" if b < len(text) else "")
    )


def evidence_heading(articles: Mapping[str, Any], row: Mapping[str, Any]) -> str:
    """The line above a quote read in its article: title · outlet · date · address · id,
    the parts known, each safe to show.

    >>> from graph.ingest import parse_article
    >>> art = parse_article("Dam talks\\n\\nSource: Example Wire\\nDate: 2024-05-02\\n", "d.txt")
    >>> evidence_heading({art.id: art}, {"document": art.id})  # doctest: +ELLIPSIS
    'Dam talks · Example Wire · 2024-05-02 · d-...'
    """
    origin = quote_origin(row, articles)
    parts = (origin["title"], origin["outlet"], origin["date"], origin["url"], origin["article"])
    return " · ".join(p for p in parts if p)


def entity_facts(details: Mapping[str, Any], in_view: int) -> list[dict[str, str]]:
    """The entity panel's facts table (``field``, ``value``) from :func:`entity_details`;
    ``in_view`` is the entity's number of relations in the current view."""
    d = details
    also = ", ".join(a for a in d["aliases"] if a != d["label"])
    facts = [
        ("Name", d["label"]),
        ("Kind", d["kind_label"]),
        ("Role", d["role"] or "—"),
        ("Also called", also or "—"),
        ("Mentions", str(d["mentions"])),
        ("Articles", ", ".join(d["documents"]) or "—"),
        ("Relations", f"{d['degree']} in the corpus, {in_view} in this view"),
        ("Id", d["id"]),
    ]
    if d["merged_from"]:
        facts.append(("Merged from", ", ".join(d["merged_from"])))
    return [{"field": name, "value": value} for name, value in facts]


def evidence_rows(details: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The entity panel's evidence table: one row per sentence, its names marked."""
    return [
        {
            "dir": "→" if r["direction"] == "out" else "←",
            "relation": r["relation_label"],
            "with": r["other"],
            "sentence": r["marked"],
            "names found": r["matched"],
            "outlet": r.get("outlet", ""),
            "date": r.get("date", ""),
            "address": r.get("url", ""),
            "article": r["document"],
            "modality": r["modality"],
            "articles": r["articles"],
            "single article": r["single_article"],
        }
        for r in details["evidence"]
    ]


def evidence_labels(details: Mapping[str, Any]) -> list[str]:
    """One line per piece of evidence, to pick the sentence to read in its article."""
    return [
        f"{i + 1}. {'→' if r['direction'] == 'out' else '←'} {r['relation_label']} "
        f"{plain_text(r['other'], 40)} ({r['document']})"
        for i, r in enumerate(details["evidence"])
    ]
