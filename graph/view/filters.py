"""What the analyst narrowed the graph to (:class:`ViewFilters`) and the view it
selects, always through :func:`graph.select.subgraph`."""

from __future__ import annotations

from dataclasses import dataclass, replace

import networkx as nx

from ..edges import MODALITIES
from ..select import connecting_path, subgraph

__all__ = [
    "MAX_HOPS",
    "MODALITIES",
    "ViewFilters",
    "apply_filters",
    "base_view",
    "describe_filters",
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

    def is_default(self) -> bool:
        """True when nothing is filtered out."""
        return replace(self, entity=None, physics=True) == ViewFilters()


def base_view(G: nx.MultiDiGraph, f: ViewFilters) -> nx.MultiDiGraph:
    """The view before focus, path and hide-isolated: what the path finder searches."""
    return subgraph(
        G,
        kinds=f.kinds,
        relations=f.relations,
        documents=f.documents,
        modalities=f.modalities,
        min_evidence=f.min_evidence,
        min_articles=f.min_articles,
    )


def apply_filters(G: nx.MultiDiGraph, filters: ViewFilters) -> nx.MultiDiGraph:
    """The view the filters select (always through :func:`graph.select.subgraph`).

    With a ``path`` the view is the chain of entities joining its two ends in
    the filtered graph (and the edges among them); otherwise the focus, hop
    depth and hide-isolated filters apply as in ``subgraph``.
    """
    if filters.path:
        base = base_view(G, filters)
        chain = connecting_path(base, *filters.path)
        return base.subgraph(chain).copy() if chain else nx.MultiDiGraph()
    return subgraph(
        G,
        focus=filters.focus,
        hops=filters.hops,
        kinds=filters.kinds,
        relations=filters.relations,
        documents=filters.documents,
        modalities=filters.modalities,
        min_evidence=filters.min_evidence,
        min_articles=filters.min_articles,
        hide_isolated=filters.hide_isolated,
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
    if filters.hide_isolated:
        parts.append("isolated hidden")
    return "; ".join(parts) if parts else "whole graph"
