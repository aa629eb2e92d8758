"""Filters to and from URL query parameters, so a view can be shared as a link.

A shared link must never break the page: anything unknown or malformed is
dropped, numbers are clamped.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

import networkx as nx

from ..edges import MODALITIES
from ..search import find_entity
from ..vocab import Vocab, load_vocab
from .filters import MAX_HOPS, ViewFilters

__all__ = ["params_from_filters", "view_from_params"]

_LIST_PARAMS = {"kinds": "kinds", "relations": "rel", "documents": "doc", "modalities": "mod"}


def params_from_filters(filters: ViewFilters, *, hide_default: bool = False) -> dict[str, str]:
    """URL query parameters for a view; defaults are left out so URLs stay short.

    ``hide_default``: the view hides unconnected entities unless told (a large
    corpus), so it is showing them that the link must say (``isolated=show``).

    >>> params_from_filters(ViewFilters(kinds=("state", "person"), min_articles=2))
    {'kinds': 'state,person', 'min_art': '2'}
    >>> params_from_filters(ViewFilters(since="2024-01-01"), hide_default=True)
    {'isolated': 'show', 'since': '2024-01-01'}
    """
    out: dict[str, str] = {}
    for attr, key in _LIST_PARAMS.items():
        value = getattr(filters, attr)
        if value is not None:
            out[key] = ",".join(value) if value else "none"
    if filters.min_evidence > 1:
        out["min_ev"] = str(filters.min_evidence)
    if filters.min_articles > 1:
        out["min_art"] = str(filters.min_articles)
    if filters.hide_isolated and not hide_default:
        out["isolated"] = "hide"
    elif not filters.hide_isolated and hide_default:
        out["isolated"] = "show"
    if filters.since:
        out["since"] = filters.since
    if filters.until:
        out["until"] = filters.until
    if filters.community is not None:
        out["community"] = str(filters.community)
    if filters.colour != "kind":
        out["colour"] = filters.colour
    if filters.focus:
        out["focus"] = filters.focus
        if filters.hops != 1:
            out["hops"] = str(filters.hops)
    if filters.path:
        out["path"] = ",".join(filters.path)
    if filters.entity:
        out["entity"] = filters.entity
    if not filters.physics:
        out["physics"] = "off"
    return out


def _param(params: Mapping[str, Any], key: str) -> str | None:
    value = params.get(key)
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return None if value is None else str(value)


def _int_param(params: Mapping[str, Any], key: str, default: int, low: int, high: int) -> int:
    raw = _param(params, key)
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return max(low, min(high, value))


def _date_param(params: Mapping[str, Any], key: str) -> str | None:
    raw = (_param(params, key) or "")[:10]
    try:
        return _dt.date.fromisoformat(raw).isoformat() if raw else None
    except ValueError:
        return None


def view_from_params(
    params: Mapping[str, Any], G: nx.MultiDiGraph | None = None, vocab: Vocab | None = None
) -> ViewFilters:
    """Filters from URL query parameters; anything unknown or malformed is ignored.

    A shared link must never break the page: unknown kinds, relations, articles
    and entities are dropped (articles and entities only when ``G`` is given),
    numbers are clamped.

    >>> view_from_params({"kinds": "state,bogus", "min_art": "2", "hops": "x"})
    ViewFilters(kinds=('state',), relations=None, documents=None, modalities=None, \
min_evidence=1, min_articles=2, hide_isolated=False, focus=None, hops=1, path=None, \
entity=None, physics=True, since=None, until=None, community=None, colour='kind')
    """
    vocab = vocab or load_vocab()
    allowed: dict[str, set[str] | None] = {
        "kinds": set(vocab.kinds),
        "relations": set(vocab.relations),
        "modalities": set(MODALITIES),
        "documents": None,
    }
    if G is not None:
        allowed["documents"] = {
            d for _, data in G.nodes(data=True) for d in data.get("documents") or []
        }
        allowed["relations"] |= {
            d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True)
        }
    values: dict[str, Any] = {}
    for attr, key in _LIST_PARAMS.items():
        raw = _param(params, key)
        if raw is None:
            continue
        items = [] if raw == "none" else [v.strip() for v in raw.split(",") if v.strip()]
        ok = allowed[attr]
        items = [v for v in dict.fromkeys(items) if ok is None or v in ok]
        values[attr] = tuple(items)

    def entity(key: str) -> str | None:
        raw = _param(params, key)
        if not raw:
            return None
        if G is None:
            return raw
        return find_entity(G, raw)

    path = None
    raw_path = _param(params, "path")
    if raw_path and "," in raw_path:
        a, b = raw_path.split(",", 1)
        if G is not None:
            a, b = find_entity(G, a) or "", find_entity(G, b) or ""
        if a and b and a != b:
            path = (a, b)
    return ViewFilters(
        **values,
        min_evidence=_int_param(params, "min_ev", 1, 1, 1000),
        min_articles=_int_param(params, "min_art", 1, 1, 1000),
        hide_isolated=_param(params, "isolated") == "hide",
        focus=entity("focus"),
        hops=_int_param(params, "hops", 1, 0, MAX_HOPS),
        path=path,
        entity=entity("entity"),
        physics=_param(params, "physics") != "off",
        since=_date_param(params, "since"),
        until=_date_param(params, "until"),
        community=_int_param(params, "community", 0, 0, 10_000) or None,
        colour="community" if _param(params, "colour") == "community" else "kind",
    )
