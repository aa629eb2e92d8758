"""The Timeline tab's logic: relations reported per week, and what changed between
two date ranges of the current view (as a table and a CSV file)."""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import networkx as nx

from ..timeline import changes
from .filters import ViewFilters, apply_filters

__all__ = ["CHANGE_COLUMNS", "changes_between", "changes_csv", "halves"]

CHANGE_COLUMNS = [
    "change",
    "source_name",
    "relation",
    "target_name",
    "first_date",
    "last_date",
    "articles",
    "source",
    "target",
]
"""The columns of the what-changed table and its CSV file."""


def halves(bounds: tuple[str, str]) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two date ranges splitting ``bounds`` at its middle day: the default comparison.

    >>> halves(("2024-01-01", "2024-01-31"))
    (('2024-01-01', '2024-01-16'), ('2024-01-17', '2024-01-31'))
    """
    low, high = (_dt.date.fromisoformat(b[:10]) for b in bounds)
    middle = low + (high - low) / 2
    after = min(high, middle + _dt.timedelta(days=1))
    return (low.isoformat(), middle.isoformat()), (after.isoformat(), high.isoformat())


def changes_between(
    G: nx.MultiDiGraph,
    f: ViewFilters,
    first: tuple[str, str],
    second: tuple[str, str],
    communities: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """What changed in the view of ``f`` from the date range ``first`` to ``second``:
    new edges, edges no longer reported, entities that appeared
    (:func:`graph.timeline.changes`). Unconnected entities are left out of both."""
    before = apply_filters(
        G, replace(f, since=first[0], until=first[1], hide_isolated=True), communities
    )
    after = apply_filters(
        G, replace(f, since=second[0], until=second[1], hide_isolated=True), communities
    )
    return changes(before, after)


def changes_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """The what-changed table as CSV text (the columns of :data:`CHANGE_COLUMNS`).

    >>> changes_csv([{"change": "new edge", "source": "a"}]).splitlines()[1]
    'new edge,,,,,,,a,'
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, CHANGE_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
