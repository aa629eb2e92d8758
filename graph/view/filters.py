"""What the analyst narrowed the graph to (:class:`ViewFilters`) and the view it
selects, always through :func:`graph.select.subgraph`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from ..edges import MODALITIES
from ..select import connecting_path, subgraph
from ..timeline import date_range_text, documents_in_range

__all__ = [
    "MAX_HOPS",
    "MODALITIES",
    "ViewFilters",
    "apply_filters",
    "base_view",
    "describe_filters",
    "match_articles",
]

MAX_HOPS = 4


@dataclass(frozen=True)
class ViewFilters:
    """What the analyst narrowed the graph to; ``None`` means "all".

    Hashable, so the app can cache views on it; round-trips through URL query
    parameters with :func:`params_from_filters` and :func:`view_from_params`.
    """

    kinds: tuple[str, ...] | None = None
    relations: tuple[str, ...] | None = None
    documents: tuple[str, ...] | None = None
    modalities: tuple[str, ...] | None = None
    min_evidence: int = 1
    min_articles: int = 1
    hide_isolated: bool = False
    focus: str | None = None
    hops: int = 1
    path: tuple[str, str] | None = None
    entity: str | None = None
    physics: bool = True
    since: str | None = None
    until: str | None = None
    community: int | None = None
    colour: str = "kind"

    def is_default(self) -> bool:
        """True when nothing is filtered out."""
        return replace(self, entity=None, physics=True, colour="kind") == ViewFilters()

    @property
    def dated(self) -> bool:
        """True when a date range narrows the view."""
        return bool(self.since or self.until)


def _documents(
    G: nx.MultiDiGraph, f: ViewFilters, documents: Iterable[str] | None
) -> tuple[str, ...] | None:
    """The articles the view keeps: the article filter, narrowed to the date range."""
    if not f.dated:
        return tuple(documents) if documents is not None else None
    dated = documents_in_range(G.graph.get("articles") or {}, f.since, f.until)
    chosen = dated if documents is None else dated & set(documents)
    return tuple(sorted(chosen))


def _members(communities: Mapping[str, int] | None, f: ViewFilters) -> list[str] | None:
    if f.community is None or communities is None:
        return None
    return [n for n, c in communities.items() if c == f.community]


def base_view(
    G: nx.MultiDiGraph, f: ViewFilters, communities: Mapping[str, int] | None = None
) -> nx.MultiDiGraph:
    """The view before focus, path and hide-isolated: what the path finder searches."""
    return subgraph(
        G,
        kinds=f.kinds,
        relations=f.relations,
        documents=_documents(G, f, f.documents),
        nodes=_members(communities, f),
        modalities=f.modalities,
        min_evidence=f.min_evidence,
        min_articles=f.min_articles,
    )


def apply_filters(
    G: nx.MultiDiGraph,
    filters: ViewFilters,
    communities: Mapping[str, int] | None = None,
) -> nx.MultiDiGraph:
    """The view the filters select (always through :func:`graph.select.subgraph`).

    With a ``path`` the view is the chain of entities joining its two ends in
    the filtered graph (and the edges among them); otherwise the focus, hop
    depth and hide-isolated filters apply as in ``subgraph``. A date range keeps
    the evidence of the articles dated in it (undated articles drop out); a
    ``community`` (a number of ``communities``, :func:`graph.select.community_map`)
    keeps its members.
    """
    if filters.path:
        base = base_view(G, filters, communities)
        chain = connecting_path(base, *filters.path)
        return base.subgraph(chain).copy() if chain else nx.MultiDiGraph()
    return subgraph(
        G,
        focus=filters.focus,
        hops=filters.hops,
        kinds=filters.kinds,
        relations=filters.relations,
        documents=_documents(G, filters, filters.documents),
        modalities=filters.modalities,
        min_evidence=filters.min_evidence,
        min_articles=filters.min_articles,
        hide_isolated=filters.hide_isolated,
        nodes=_members(communities, filters),
    )


def describe_filters(filters: ViewFilters, G: nx.MultiDiGraph | None = None) -> str:
    """One line saying what the view shows, for image subtitles and page headers."""

    def name(node: str) -> str:
        if G is not None and node in G:
            return str(G.nodes[node].get("label", node))
        return node

    parts = []
    if filters.path:
        parts.append(f"path {name(filters.path[0])} – {name(filters.path[1])}")
    elif filters.focus:
        parts.append(
            f"around {name(filters.focus)} ({filters.hops} hop{'s' if filters.hops != 1 else ''})"
        )
    for attr, label in (
        ("kinds", "kinds"),
        ("relations", "relations"),
        ("modalities", "modality"),
        ("documents", "articles"),
    ):
        value = getattr(filters, attr)
        if value is not None:
            parts.append(f"{label}: {', '.join(value) if value else 'none'}")
    if filters.min_evidence > 1:
        parts.append(f"≥{filters.min_evidence} pieces of evidence")
    if filters.min_articles > 1:
        parts.append(f"≥{filters.min_articles} articles per edge")
    if filters.dated:
        parts.append(date_range_text(filters.since, filters.until))
    if filters.community is not None:
        parts.append(f"community {filters.community}")
    if filters.hide_isolated:
        parts.append("isolated hidden")
    return "; ".join(parts) if parts else "whole graph"


def match_articles(meta: Mapping[str, Mapping[str, Any]], query: str) -> list[str]:
    """The ids of the articles whose title, outlet, date, file or id hold every word of
    ``query`` (case ignored; ``2024-05`` finds May 2024's), in date order then id.

    >>> meta = {"a": {"title": "Talks resume", "outlet": "Example Wire", "date": "2024-05-02"},
    ...         "b": {"title": "Border clash", "outlet": "Daily Sample", "date": "2024-06-01"}}
    >>> match_articles(meta, "example 2024-05"), match_articles(meta, "")
    (['a'], ['a', 'b'])
    """
    words = query.lower().split()
    found = []
    for doc, m in meta.items():
        hay = " ".join(
            [doc, *(str(m.get(k) or "") for k in ("title", "outlet", "date", "file", "author"))]
        ).lower()
        if all(w in hay for w in words):
            found.append(doc)
    return sorted(found, key=lambda d: (str(meta[d].get("date") or "9999"), d))
