"""The interactive page: a self-contained vis-network drawing of a view.

The HTML and JavaScript are ``graph/templates/page.html``; its markers
(``__TITLE__``, ``__HEIGHT__``, ``__LEGEND__``, ``__CAPTION__``, then ``__DATA__`` and
``__VIS__``) are filled in here, the large parts last so no marker can be found
inside them. vis-network is inlined from pyvis's bundled copy and the page's
Content-Security-Policy forbids every outside request (see :mod:`graph.view`).
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import RelateError
from ..select import edge_support, layout_positions
from ..style import kind_style, relation_style
from ..vocab import Vocab, load_vocab
from .legend import legend_html
from .text import html_text, plain_text, script_json
from .tooltips import edge_tooltip, node_tooltip

__all__ = ["LARGE_GRAPH", "view_html"]

LARGE_GRAPH = 300
"""Above this many nodes the page uses the precomputed layout and no physics."""


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


def _importance(G: nx.MultiDiGraph, node: str) -> float:
    data = G.nodes[node]
    return 1.0 + G.degree(node) + 0.5 * math.log1p(int(data.get("mentions") or 0))


def _network_data(
    G: nx.MultiDiGraph,
    vocab: Vocab,
    *,
    physics: bool,
    seed: int,
    highlight: Iterable[str] = (),
    selected: str | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> tuple[list[dict], list[dict], dict]:
    """The vis-network nodes, edges and options, assembled with pyvis."""
    from pyvis.network import Network

    n = G.number_of_nodes()
    large = n > LARGE_GRAPH
    physics = physics and not large
    if positions is None or any(node not in positions for node in G):
        positions = layout_positions(G, seed=seed)
    spread = 260.0 + 55.0 * math.sqrt(max(n, 1))
    highlight = list(highlight)
    path_nodes = set(highlight)
    path_edges = {frozenset(p) for p in itertools.pairwise(highlight)}

    net = Network(directed=True, cdn_resources="in_line")
    for node in sorted(G.nodes()):
        data = G.nodes[node]
        kind = kind_style(data.get("kind", ""), vocab)
        colour = kind.colour
        x, y = positions.get(node, (0.0, 0.0))
        border = "#0f172a" if (node == selected or node in path_nodes) else colour
        options: dict[str, Any] = {
            "color": {
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": "#0f172a"},
                "hover": {"background": colour, "border": "#0f172a"},
            },
            "value": round(_importance(G, node), 3),
            "x": round(x * spread, 2),
            "y": round(y * spread, 2),
            "tip": node_tooltip(G, node, vocab),
            "borderWidth": 4 if (node == selected or node in path_nodes) else 1.5,
        }
        if data.get("merged_from") or data.get("curated"):
            options["shapeProperties"] = {"borderDashes": [4, 3]}
            options["borderWidth"] = max(options["borderWidth"], 3)
        net.add_node(
            node, label=plain_text(data.get("label", node), 40), shape=kind.shape, **options
        )
    pair_count: dict[frozenset, int] = Counter(frozenset((s, t)) for s, t in G.edges())
    pair_seen: dict[frozenset, int] = defaultdict(int)
    known = set(net.node_ids)
    for s, t, k, data in sorted(
        G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))
    ):
        if s not in known or t not in known:
            continue
        relation = str(data.get("relation", k))
        style = relation_style(relation, vocab)
        colour = style.colour
        support = edge_support(data)
        width = style.width + min(max(support["evidence"] - 1, 0), 3)
        pair = frozenset((s, t))
        on_path = pair in path_edges
        options = {
            "id": f"{s}\x1f{t}\x1f{k}",
            "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.95},
            "dashes": style.dashes,
            "width": width * 2 if on_path else width,
            "arrows": {"to": {"enabled": style.directed, "scaleFactor": 0.7}},
            "tip": edge_tooltip(G, s, t, k, vocab),
        }
        if data.get("curated"):
            options["shadow"] = {
                "enabled": True,
                "color": "rgba(15,23,42,0.45)",
                "size": 6,
                "x": 0,
                "y": 0,
            }
        if pair_count[pair] > 1 and not large:
            i = pair_seen[pair]
            pair_seen[pair] += 1
            # parallel edges fan out instead of drawing over each other
            options["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if i % 2 == 0 else "curvedCCW",
                "roundness": 0.12 + 0.14 * (i // 2 + (1 if s > t else 0)),
            }
        net.add_edge(s, t, **options)
    vis_options = {
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
                "min": 10,
                "max": 42,
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
        vis_options["edges"]["color"] = {"inherit": False}
        vis_options["nodes"]["scaling"]["label"]["drawThreshold"] = 9
    net.set_options(json.dumps(vis_options))
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    return nodes, edges, json.loads(options_json)


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
    nodes, edges, options = _network_data(
        G,
        vocab,
        physics=physics,
        seed=seed,
        highlight=highlight,
        selected=selected,
        positions=positions,
    )
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": options,
        "selected": selected if selected in G else None,
    }
    height_css = f"{int(height)}px" if isinstance(height, int) else str(height)
    if not re.fullmatch(r"\d+(\.\d+)?(px|vh|%|em|rem)", height_css):
        raise RelateError(f"height {height!r} is not a CSS length such as '720px'")
    caption_html = f'<div id="title">{html_text(caption, 300)}</div>' if caption else ""
    page = _template()
    for marker, value in (
        ("__TITLE__", html_text(title or "Relate graph", 200)),
        ("__HEIGHT__", height_css),
        ("__LEGEND__", legend_html(G, vocab)),
        ("__CAPTION__", caption_html),
    ):
        page = page.replace(marker, value)
    # the large parts go in last, so no marker can be found inside them
    page = page.replace("__DATA__", script_json(data))
    return page.replace("__VIS__", _vis_assets())
