"""The app's curation form: actions made from the widgets' values, saved to the
curation file with a message for the page (:mod:`graph.curate` does the work)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..curate import append_action, undo_last
from ..errors import RelateError
from .tables import entity_name

__all__ = [
    "add_edge_action",
    "drop_edge_action",
    "edge_choices",
    "merge_action",
    "save_action",
    "undo_action",
]


def _by(analyst: str | None) -> dict[str, str]:
    return {"analyst": analyst} if analyst else {}


def merge_action(keep: str, drop: list[str], analyst: str | None = None) -> dict[str, Any]:
    """Merge ``drop`` into ``keep``.

    >>> merge_action("state:ruritania", ["agency:strelsau-palace"], "A. Analyst")["drop"]
    ['agency:strelsau-palace']
    """
    return {"op": "merge", "keep": keep, "drop": list(drop), **_by(analyst)}


def drop_edge_action(edge: tuple[str, str, Any], analyst: str | None = None) -> dict[str, Any]:
    """Drop one edge ``(source, target, relation)``."""
    s, t, k = edge
    return {"op": "drop_edge", "source": s, "target": t, "relation": str(k), **_by(analyst)}


def add_edge_action(
    source: str, target: str, relation: str, note: str, analyst: str
) -> dict[str, Any]:
    """Add (or confirm) an edge, with the analyst's note as its evidence."""
    return {
        "op": "add_edge",
        "source": source,
        "target": target,
        "relation": relation,
        "note": note,
        "analyst": analyst,
    }


def edge_choices(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> list[tuple[str, str, Any]]:
    """The edges of the view H an analyst may drop, sorted by the names G gives them."""
    return sorted(
        H.edges(keys=True),
        key=lambda e: (entity_name(G, e[0]), str(e[2]), entity_name(G, e[1])),
    )


def save_action(path: str | Path, action: Mapping[str, Any]) -> tuple[str, str]:
    """Append an action to the curation file: ``("success", "Saved: merge")``, or
    ``("error", why)`` when the action or the file is invalid (nothing is written)."""
    try:
        append_action(path, action)
    except RelateError as exc:
        return "error", str(exc)
    return "success", f"Saved: {action['op']}"


def undo_action(path: str | Path) -> tuple[str, str]:
    """Remove the file's last action: ``("success", "Undone: merge")`` (or "Nothing to
    undo"), or ``("error", why)``."""
    try:
        last = undo_last(path)
    except RelateError as exc:
        return "error", str(exc)
    return "success", f"Undone: {last['op']}" if last else "Nothing to undo"
