"""Documents on edges: sources counted by outlet, publication data on the evidence.

Two articles from one outlet, or two copies of one story, are one source; a plain-text
file with no outlet counts as its own id. Evidence from a document with publication
metadata (a page, a PDF, a Word file, a feed entry, a table row) carries its outlet,
date and address, so every export keeps them with the quote.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from .ingest import Article

__all__ = ["attach_documents", "source_names"]

_SHINGLE = 5  # words per shingle when comparing two copies of a story
_COPY = 0.9  # Jaccard similarity of shingles above which two texts are one story


def _shingles(text: str) -> set[int]:
    words = text.lower().split()
    return {hash(tuple(words[i : i + _SHINGLE])) for i in range(max(1, len(words) - _SHINGLE + 1))}


def source_names(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the source it counts as on edges: its outlet, else its own id.

    A copy of a story (near-identical text) that names no outlet counts as the
    outlet of a copy that does, so a page and its plain-text copy are one
    source; copies from one outlet are one source anyway.

    >>> from graph.ingest import parse_article
    >>> story = " ".join(f"Poland accused Russia of plot number {n}." for n in range(40))
    >>> a = parse_article(story + "\\nSource: Example Post", "a.txt")
    >>> b = parse_article(story, "b.txt")
    >>> sorted(set(source_names([a, b]).values()))
    ['Example Post']
    """
    names = {a.id: a.outlet or a.source or a.id for a in articles}
    known = [a for a in articles if a.outlet or a.source]
    if not known or len(known) == len(articles):
        return names
    # candidates share one of the bands of a min-hash signature; each is then checked
    index: dict[tuple[int, int], list[tuple[str, set[int]]]] = {}

    def bands(sh: set[int]) -> list[tuple[int, int]]:
        return [(i, min(hash((i, x)) for x in sh)) for i in range(8)]

    for a in known:
        sh = _shingles(a.text)
        for band in bands(sh):
            index.setdefault(band, []).append((names[a.id], sh))
    for a in articles:
        if a.outlet or a.source:
            continue
        sh = _shingles(a.text)
        for band in bands(sh):
            match = next(
                (
                    name
                    for name, other in index.get(band, ())
                    if len(sh & other) >= _COPY * len(sh | other)
                ),
                None,
            )
            if match:
                names[a.id] = match
                break
    return names


def attach_documents(G: nx.MultiDiGraph, articles: Sequence[Article]) -> nx.MultiDiGraph:
    """Count sources by outlet and put each document's publication data on its evidence.

    Each edge's ``sources`` becomes the distinct :func:`source_names` of its
    ``documents``: outlets, so two articles from one outlet, or two copies of one
    story, count once (a plain-text file without an outlet counts as its own
    id, as before). Evidence from a document that carries publication metadata
    (a page, a PDF, a Word file, a feed entry, a table row) gains its ``outlet``,
    ``date`` and ``url`` where known, so every export keeps them with the quote.
    """
    meta = {a.id: a for a in articles}
    if not meta:
        return G
    names = source_names(articles)
    for _, _, data in G.edges(data=True):
        documents = data.get("documents") or []
        if documents:
            data["sources"] = sorted({names.get(d, d) for d in documents})
        evidence = []
        for ev in data.get("evidence") or []:
            article = meta.get(ev.get("document")) if isinstance(ev, dict) else None
            if article is not None and article.format != "text":
                extra = {
                    k: v
                    for k, v in (
                        ("outlet", article.outlet),
                        ("date", article.date),
                        ("url", article.url),
                    )
                    if v
                }
                ev = {**ev, **extra}
            evidence.append(ev)
        data["evidence"] = evidence
    return G
