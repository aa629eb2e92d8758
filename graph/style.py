"""How entity kinds and relations look: labels, colours, shapes and legend rows.

The app's interactive page, the briefing images and the GEXF export all ask here,
so a kind or a relation has one label and one colour everywhere. The styles are
data (``data/vocab/kinds.yaml`` and ``relations.yaml``); a kind or relation the
vocabulary does not know (in a graph file made elsewhere) is drawn as a plain
dot or a plain directed line in :data:`UNKNOWN_COLOUR`.

Examples
--------
>>> kind_style("state").label, kind_style("state").shape
('State', 'dot')
>>> relation_style("allied_with").directed
False
>>> relation_style("trades_with").label, relation_style("trades_with").colour
('trades with', '#64748b')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from .vocab import Vocab, load_vocab

__all__ = [
    "COMMUNITY_COLOURS",
    "REVIEW_COLOUR",
    "UNKNOWN_COLOUR",
    "KindStyle",
    "RelationStyle",
    "community_colour",
    "is_directed",
    "kind_label",
    "kind_style",
    "legend_rows",
    "relation_label",
    "relation_style",
]

UNKNOWN_COLOUR = "#64748b"
"""The grey of a kind or relation the vocabulary does not know (slate, as the page's text)."""


COMMUNITY_COLOURS = (
    "#1d4ed8",
    "#dc2626",
    "#059669",
    "#d97706",
    "#7c3aed",
    "#db2777",
    "#0891b2",
    "#65a30d",
    "#92400e",
    "#4338ca",
    "#be123c",
    "#0f766e",
)
"""The colours of the twelve biggest communities (colour-by-community mode); smaller
ones share :data:`UNKNOWN_COLOUR`'s lighter grey."""

REVIEW_COLOUR = "#166534"
"""The mark of an edge an analyst reviewed (the ✓ and its glow), in the page and images."""


def community_colour(number: int | None) -> str:
    """The colour of community ``number`` (1 is the biggest); grey beyond the palette.

    >>> community_colour(1), community_colour(40)
    ('#1d4ed8', '#cbd5e1')
    """
    if number is not None and 1 <= number <= len(COMMUNITY_COLOURS):
        return COMMUNITY_COLOURS[number - 1]
    return "#cbd5e1"


@dataclass(frozen=True)
class KindStyle:
    """How one entity kind is drawn.

    ``shape`` is the vis-network shape of the app's page, ``marker`` the matplotlib
    marker of the briefing images; ``known`` says whether the vocabulary has the kind.
    """

    kind: str
    label: str
    colour: str
    shape: str
    marker: str
    known: bool


@dataclass(frozen=True)
class RelationStyle:
    """How one relation is drawn: colour, ``dashes`` (False, True or a dash pattern),
    ``width`` (1 is the thinnest), whether it has an arrow and its label."""

    relation: str
    label: str
    colour: str
    dashes: Any
    width: int | float
    directed: bool
    known: bool


def kind_label(kind: str, vocab: Vocab | None = None) -> str:
    """The label of a kind: the vocabulary's, else the kind as written.

    >>> kind_label("person"), kind_label("vessel")
    ('Person', 'vessel')
    """
    vocab = vocab or load_vocab()
    spec = vocab.kinds.get(kind)
    return str(spec["label"]) if spec else str(kind)


def relation_label(relation: str, vocab: Vocab | None = None) -> str:
    """The label of a relation: the vocabulary's, else the name with spaces.

    >>> relation_label("member_of"), relation_label("sold_arms_to")
    ('member of', 'sold arms to')
    """
    vocab = vocab or load_vocab()
    spec = vocab.relations.get(relation)
    return str(spec["label"]) if spec else str(relation).replace("_", " ")


def is_directed(relation: str, vocab: Vocab | None = None) -> bool:
    """Whether a relation reads one way only (an unknown one does).

    >>> is_directed("accuses"), is_directed("allied_with")
    (True, False)
    """
    vocab = vocab or load_vocab()
    spec = vocab.relations.get(relation)
    return bool(spec["directed"]) if spec else True


def kind_style(kind: str, vocab: Vocab | None = None) -> KindStyle:
    """The style of an entity kind; an unknown (or empty) kind is a grey dot.

    >>> kind_style("").label
    'other'
    """
    vocab = vocab or load_vocab()
    spec = vocab.kinds.get(kind)
    if spec is None:
        return KindStyle(str(kind), str(kind) or "other", UNKNOWN_COLOUR, "dot", "o", False)
    return KindStyle(
        kind=kind,
        label=str(spec["label"]),
        colour=str(spec["colour"]),
        shape=str(spec.get("shape") or "dot"),
        marker=str(spec.get("marker") or "o"),
        known=True,
    )


def relation_style(relation: str, vocab: Vocab | None = None) -> RelationStyle:
    """The style of a relation; an unknown one is a thin grey directed line."""
    vocab = vocab or load_vocab()
    spec = vocab.relations.get(relation)
    if spec is None:
        return RelationStyle(
            str(relation), relation_label(relation, vocab), UNKNOWN_COLOUR, False, 1, True, False
        )
    return RelationStyle(
        relation=relation,
        label=str(spec.get("label", relation)),
        colour=str(spec["colour"]),
        dashes=spec.get("dashes", False),
        width=spec.get("width", 1),
        directed=bool(spec.get("directed", True)),
        known=True,
    )


def legend_rows(
    G: nx.MultiDiGraph, vocab: Vocab | None = None
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """The legend of a view: ``(kind, count)`` and ``(relation, count)`` rows.

    Only what the view shows, in the vocabulary's order, then the kinds and
    relations it does not know, sorted.

    >>> G = nx.MultiDiGraph([("a", "b", {"relation": "accuses"})])
    >>> for n in G: G.nodes[n]["kind"] = "state"
    >>> legend_rows(G)
    ([('state', 2)], [('accuses', 1)])
    """
    vocab = vocab or load_vocab()
    kinds = Counter(str(d.get("kind", "")) for _, d in G.nodes(data=True))
    rels = Counter(str(d.get("relation", k)) for _, _, k, d in G.edges(keys=True, data=True))
    order_k = [k for k in vocab.kinds if kinds.get(k)]
    order_k += sorted(k for k in kinds if k not in vocab.kinds)
    order_r = [r for r in vocab.relations if rels.get(r)]
    order_r += sorted(r for r in rels if r not in vocab.relations)
    return [(k, kinds[k]) for k in order_k], [(r, rels[r]) for r in order_r]
