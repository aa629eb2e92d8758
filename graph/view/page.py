"""The interactive page: a self-contained vis-network drawing of a view.

The HTML and JavaScript are ``graph/templates/page.html``; its markers
(``__TITLE__``, ``__HEIGHT__``, ``__LEGEND__``, ``__CAPTION__``, then ``__DATA__`` and
``__VIS__``) are filled in here, the large parts last so no marker can be found
inside them. vis-network is inlined from pyvis's bundled copy and the page's
Content-Security-Policy forbids every outside request (see :mod:`graph.view`). The
nodes and edges are vis-network's own records, built here directly (pyvis's
``Network`` checked every new node against a list, which is quadratic).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.resources
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import RelateError
from ..select import community_legend, layout_positions
from ..style import REVIEW_COLOUR, community_colour, kind_style, relation_style
from ..vocab import Vocab, load_vocab
from .legend import legend_html
from .text import html_text, plain_text, script_json
from .tooltips import TOOLTIP_QUOTES, edge_tooltip, node_tooltip

__all__ = ["ALL_LABELS", "LARGE_GRAPH", "TipCache", "always_labelled", "view_html"]

LARGE_GRAPH = 300
"""Above this many nodes the page uses the precomputed layout and no physics."""
ALL_LABELS = 30
"""Up to this many entities, every one is named whatever the zoom."""
MORE_LABELS = 600
"""Beyond the always-named, how many more may be named as the zoom makes room."""
LARGE_EDGES = 3000
"""Above this many edges the tooltips quote one sentence, not three (a lighter page)."""
_SIZE = (10, 42)  # the smallest and largest node radius, in vis-network's units


@functools.lru_cache(maxsize=1)
def _vis_assets() -> str:
    """vis-network's JavaScript from pyvis's bundled copy, with no URL left in it."""
    import pyvis

    path = (
        Path(pyvis.__file__).resolve().parent
        / "templates"
        / "lib"
        / "vis-9.1.2"
        / "vis-network.min.js"
    )
    try:
        js = path.read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - a broken pyvis install
        raise RelateError(f"{path}: cannot read vis-network ({exc})") from None
    # Same string to JavaScript (in strings, comments and regular expressions),
    # but no URL for a scanner or a browser to follow.
    js = js.replace("http://", "http:\\/\\/").replace("https://", "https:\\/\\/")
    return js.replace("</script", "<\\/script")


class TipCache:
    """Tooltip rows and edge records kept between the pages of one corpus, so a filter
    change on a large graph builds only what it has not built before.

    A row set is kept under what it is made of: an edge's ends, key, evidence count,
    dates and review mark (a date or article filter that cuts its evidence makes a new
    entry), an entity's relation counts in the view; an edge's record, as the JSON the
    page holds, under the same and how it is drawn. Up to ``size`` entries are kept.
    """

    def __init__(self, size: int = 400_000) -> None:
        self.size = size
        self.rows: dict[tuple, Any] = {}

    def get(self, key: tuple, make: Callable[[], Any]) -> Any:
        """The value kept under ``key``, made (and kept) the first time."""
        rows = self.rows.get(key)
        if rows is None:
            if len(self.rows) >= self.size:
                self.rows.clear()
            rows = self.rows[key] = make()
        return rows


def _importance(data: Mapping[str, Any], degree: int) -> float:
    return 1.0 + degree + 0.5 * math.log1p(int(data.get("mentions") or 0))


def always_labelled(n: int) -> int:
    """How many of the most connected entities of an ``n``-entity view are always named:
    all of a small view, then a tenth, at least 15 and at most 40.

    >>> always_labelled(20), always_labelled(193), always_labelled(10_000)
    (20, 19, 40)
    """
    return n if n <= ALL_LABELS else max(15, min(40, n // 10))


def _nodes(
    G: nx.MultiDiGraph,
    vocab: Vocab,
    positions: Mapping[str, tuple[float, float]],
    *,
    emphasis: set[str],
    marked: set[str],
    communities: Mapping[str, int] | None,
    tips: TipCache,
    compact: bool,
) -> tuple[list[dict], list[str]]:
    """The vis-network nodes, and the node ids from most to least important.

    ``compact`` (large views) gives a plain node its colour as one string, from which
    vis-network derives the rest, instead of the full colour record."""
    n = G.number_of_nodes()
    shapes: dict[str, str] = {}
    colours: dict[str, str] = {}
    spread = 260.0 + 55.0 * math.sqrt(max(n, 1))
    attrs = dict(G.nodes(data=True))
    counts: dict[str, Counter] = defaultdict(Counter)
    for s, t, k, d in G.edges(keys=True, data=True):
        rel = d.get("relation", k)
        counts[s][rel] += 1
        counts[t][rel] += 1
    # a node's degree is its relations in the view, self-loops twice (as G.degree)
    value = {node: round(_importance(attrs[node], counts[node].total()), 3) for node in attrs}
    low, high = (min(value.values()), max(value.values())) if value else (0.0, 0.0)
    nodes = []
    for node in sorted(attrs):
        data = attrs[node]
        kind = str(data.get("kind", ""))
        if kind not in shapes:
            st = kind_style(kind, vocab)
            shapes[kind], colours[kind] = st.shape, st.colour
        colour = colours[kind] if communities is None else community_colour(communities.get(node))
        x, y = positions.get(node, (0.0, 0.0))
        strong = node in emphasis
        share = (value[node] - low) / (high - low) if high > low else 0.5
        ringed = strong or node in marked
        record: dict[str, Any] = {
            "id": node,
            "label": plain_text(data.get("label", node), 40),
            "shape": shapes[kind],
            "color": colour
            if compact and not ringed
            else {
                "background": colour,
                "border": "#0f172a" if ringed else colour,
                "highlight": {"background": colour, "border": "#0f172a"},
                "hover": {"background": colour, "border": "#0f172a"},
            },
            "value": value[node],
            # the radius vis-network's scaling gives (for the label layer) and the
            # share of the view's importance (for the label's size)
            "r": round(_SIZE[0] + share * (_SIZE[1] - _SIZE[0]), 1),
            "imp": round(math.sqrt(share), 3),
            "x": round(x * spread, 2),
            "y": round(y * spread, 2),
            "tip": tips.get(
                ("node", node, tuple(sorted(counts[node].items()))),
                lambda node=node: node_tooltip(G, node, vocab, counts=counts[node]),
            ),
            "borderWidth": 4 if strong else 3 if node in marked else 1.5,
        }
        if data.get("merged_from") or data.get("curated"):
            record["shapeProperties"] = {"borderDashes": [4, 3]}
            record["borderWidth"] = max(record["borderWidth"], 3)
        nodes.append(record)
    order = sorted(attrs, key=lambda v: (-value[v], str(attrs[v].get("label", v)), v))
    return nodes, order


def _edges(
    G: nx.MultiDiGraph,
    vocab: Vocab,
    *,
    path_edges: set[frozenset],
    large: bool,
    quotes: int,
    tips: TipCache,
) -> list[str]:
    """The vis-network edges, each as the JSON text of its record (kept in ``tips``):
    colour and dashes by relation, width by evidence, parallel edges fanned out, the
    path's doubled, reviewed ones marked ✓. In a large view an edge's colour and arrow
    are the short forms vis-network expands itself."""
    pair_count: dict[frozenset, int] = Counter(frozenset((s, t)) for s, t in G.edges())
    pair_seen: dict[frozenset, int] = defaultdict(int)
    styles: dict[str, Any] = {}
    edges = []
    for s, t, k, data in sorted(
        G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))
    ):
        pair = frozenset((s, t))
        fan = -1
        if pair_count[pair] > 1 and not large:
            fan = pair_seen[pair]
            pair_seen[pair] += 1
        n_ev = len(data.get("evidence") or ())
        key = (s, t, k, quotes, n_ev, data.get("first_date"), data.get("last_date"))
        key += (data.get("reviewed"), data.get("curated"), large, pair in path_edges, fan)
        edges.append(
            tips.get(
                ("edge-json", *key),
                lambda s=s, t=t, k=k, data=data, fan=fan: script_json(
                    _edge_record(
                        G, vocab, styles, s, t, k, data, path_edges, large, quotes, tips, fan
                    )
                ),
            )
        )
    return edges


def _edge_record(
    G: nx.MultiDiGraph,
    vocab: Vocab,
    styles: dict[str, Any],
    s: str,
    t: str,
    k: Any,
    data: Mapping[str, Any],
    path_edges: set[frozenset],
    large: bool,
    quotes: int,
    tips: TipCache,
    fan: int,
) -> dict[str, Any]:
    """One edge's vis-network record (``fan``: its place among parallel edges, or -1)."""
    relation = str(data.get("relation", k))
    if relation not in styles:
        styles[relation] = relation_style(relation, vocab)
    style = styles[relation]
    colour = style.colour
    width = style.width + min(max(len(data.get("evidence") or []) - 1, 0), 3)
    pair = frozenset((s, t))
    record: dict[str, Any] = {"id": f"{s}\x1f{t}\x1f{k}", "from": s, "to": t}
    if large:
        record["color"] = colour
        if style.dashes:
            record["dashes"] = style.dashes
        if style.directed:
            record["arrows"] = "to"
    else:
        record["color"] = {
            "color": colour,
            "highlight": colour,
            "hover": colour,
            "opacity": 0.95,
        }
        record["dashes"] = style.dashes
        record["arrows"] = {"to": {"enabled": style.directed, "scaleFactor": 0.7}}
    record.update(
        width=width * 2 if pair in path_edges else width,
        tip=tips.get(
            (s, t, k, quotes, len(data.get("evidence") or ()), data.get("first_date"))
            + (data.get("last_date"), data.get("reviewed"), data.get("curated")),
            lambda s=s, t=t, k=k: edge_tooltip(G, s, t, k, vocab, quotes=quotes),
        ),
    )
    if data.get("reviewed"):
        record["label"] = "✓"
        record["font"] = {"color": REVIEW_COLOUR, "size": 15, "strokeWidth": 4}
        record["shadow"] = {"enabled": True, "color": REVIEW_COLOUR, "size": 5, "x": 0, "y": 0}
    elif data.get("curated"):
        record["shadow"] = {
            "enabled": True,
            "color": "rgba(15,23,42,0.45)",
            "size": 6,
            "x": 0,
            "y": 0,
        }
    if fan >= 0:
        # parallel edges fan out instead of drawing over each other
        record["smooth"] = {
            "enabled": True,
            "type": "curvedCW" if fan % 2 == 0 else "curvedCCW",
            "roundness": 0.12 + 0.14 * (fan // 2 + (1 if s > t else 0)),
        }
    return record


def _options(*, physics: bool, large: bool, seed: int) -> dict[str, Any]:
    """vis-network's options: labels are drawn by the page itself (see the template)."""
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {
            "font": {
                "size": 14,
                "face": "system-ui, -apple-system, Segoe UI, sans-serif",
                "color": "#0f172a",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "scaling": {
                "min": _SIZE[0],
                "max": _SIZE[1],
                "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 6},
            },
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 1.5,
            "arrowStrikethrough": False,
        },
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": True,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -110,
                "centralGravity": 0.006,
                "springLength": 160,
                "springConstant": 0.05,
                "damping": 0.55,
                "avoidOverlap": 0.5,
            },
            "stabilization": {
                "enabled": physics,
                "iterations": 400,
                "updateInterval": 50,
                "fit": True,
            },
            "minVelocity": 0.9,
            "maxVelocity": 40,
        },
    }
    if large:
        options["edges"]["color"] = {"inherit": False}
        options["nodes"]["scaling"]["label"]["drawThreshold"] = 9
    return options


def _network_data(
    G: nx.MultiDiGraph,
    vocab: Vocab,
    *,
    physics: bool,
    seed: int,
    highlight: Iterable[str] = (),
    selected: str | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    marked: Iterable[str] = (),
    communities: Mapping[str, int] | None = None,
    tips: TipCache | None = None,
) -> dict[str, Any]:
    """The vis-network nodes, edges and options, and which names the page always draws."""
    tips = tips if tips is not None else TipCache()
    n = G.number_of_nodes()
    large = n > LARGE_GRAPH
    physics = physics and not large
    if positions is None or any(node not in positions for node in G):
        positions = layout_positions(G, seed=seed)
    highlight = list(highlight)
    emphasis = set(highlight) | ({selected} if selected else set())
    marked = {m for m in marked if m in G}
    nodes, order = _nodes(
        G,
        vocab,
        positions,
        emphasis=emphasis,
        marked=marked,
        communities=communities,
        tips=tips,
        compact=large,
    )
    path_edges = {frozenset(p) for p in itertools.pairwise(highlight)}
    quotes = TOOLTIP_QUOTES if len(G.edges) <= LARGE_EDGES else 1
    edges = _edges(G, vocab, path_edges=path_edges, large=large, quotes=quotes, tips=tips)
    top = always_labelled(n)
    must = [v for v in [selected, *highlight, *sorted(marked)] if v in G]
    return {
        "nodes": nodes,
        "edges": edges,
        "options": _options(physics=physics, large=large, seed=seed),
        "labels": {"must": must, "top": order[:top], "more": order[top : top + MORE_LABELS]},
    }


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while a page's records are built: they make
    no cycles, and on a large corpus each collection would walk the whole graph."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@functools.lru_cache(maxsize=1)
def _template() -> str:
    """The page's HTML and JavaScript, with its markers."""
    return importlib.resources.files("graph").joinpath("templates", "page.html").read_text("utf-8")


def view_html(
    G: nx.MultiDiGraph,
    *,
    physics: bool = True,
    height: str | int = "720px",
    seed: int = 7,
    title: str | None = None,
    caption: str | None = None,
    highlight: Iterable[str] = (),
    selected: str | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    vocab: Vocab | None = None,
    marked: Iterable[str] = (),
    communities: Mapping[str, int] | None = None,
    community_rows: Sequence[tuple[int, str, int]] | None = None,
    tips: TipCache | None = None,
) -> str:
    """A self-contained interactive page of G (vis-network, no outside request).

    Parameters
    ----------
    G : the view to draw.
    physics : let the layout settle with physics (small graphs only: above
        :data:`LARGE_GRAPH` nodes the seeded precomputed layout is drawn as is).
    height : CSS height of the drawing (``"720px"``, ``"100vh"`` or pixels).
    seed : layout seed; the same graph and seed always give the same picture.
    title : the page's ``<title>`` (and, with ``caption``, a caption in the corner).
    highlight : a chain of node ids (a path) to emphasise.
    selected : a node to select on load.
    positions : precomputed positions in [-1, 1]² (from
        :func:`graph.select.layout_positions` of a larger graph, so a filtered
        view keeps every node where it was); computed for G when missing.
    marked : entities to name and ring whatever the zoom (the search's matches).
    communities : node -> community number (:func:`graph.select.community_map`):
        colour the entities by community instead of kind; ``community_rows`` are the
        legend's rows (:func:`graph.select.community_legend` of G when missing).
    tips : a :class:`TipCache` kept for the corpus, so the next view reuses the
        tooltips built for this one.

    Notes
    -----
    Names are drawn by the page on top of vis-network's canvas at a fixed screen
    size: always the selected, path and ``marked`` entities and the
    :func:`always_labelled` most connected ones, then more as the zoom makes room,
    never two on top of each other; a hovered entity is named too.

    Returns
    -------
    str
        The HTML page. Once drawn, it sets ``window.relateDrawn`` and the body's
        ``data-drawn`` attribute (what the browser tests and the benchmark wait for).

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("state:russia", label="Russia", kind="state")
    >>> page = view_html(G)
    >>> "vis.Network" in page and "https://" not in page
    True
    """
    vocab = vocab or load_vocab()
    with _no_collection():
        data = _network_data(
            G,
            vocab,
            physics=physics,
            seed=seed,
            highlight=highlight,
            selected=selected,
            positions=positions,
            marked=marked,
            communities=communities,
            tips=tips,
        )
        edges = data.pop("edges")
        data_json = script_json({**data, "selected": selected if selected in G else None})
        # the edges are JSON already (kept between pages); they go in as they are
        data_json = data_json[:-1] + ',"edges":[' + ",".join(edges) + "]}"
    if communities is not None and community_rows is None:
        community_rows = community_legend(G, dict(communities))
    height_css = f"{int(height)}px" if isinstance(height, int) else str(height)
    if not re.fullmatch(r"\d+(\.\d+)?(px|vh|%|em|rem)", height_css):
        raise RelateError(f"height {height!r} is not a CSS length such as '720px'")
    caption_html = f'<div id="title">{html_text(caption, 300)}</div>' if caption else ""
    page = _template()
    for marker, value in (
        ("__TITLE__", html_text(title or "Relate graph", 200)),
        ("__HEIGHT__", height_css),
        ("__LEGEND__", legend_html(G, vocab, communities=community_rows)),
        ("__CAPTION__", caption_html),
    ):
        page = page.replace(marker, value)
    # the large parts go in last, so no marker can be found inside them
    page = page.replace("__DATA__", data_json)
    return page.replace("__VIS__", _vis_assets())
