"""The explorer's logic: filters from and to URL parameters, the interactive
vis-network page, the claims and sourcing tables, entity evidence and downloads.

``app.py`` only lays out widgets and calls these functions, so everything the
page shows can be tested without a browser.

Notes
-----
Article text is untrusted. The interactive page (:func:`view_html`) carries it
only inside a JSON block in which ``<``, ``>`` and ``&`` are written as
``\\u003c``-style escapes, and its tooltips are built in the browser with
``textContent``, never ``innerHTML``. On top of that every text that reaches a
tooltip or a label has ``<`` and ``>`` replaced by ``‹`` and ``›``
(:func:`plain_text`), so no template that did use ``innerHTML`` could find a tag
in it.

The page is self-contained: vis-network is inlined from pyvis's bundled copy
(pyvis's own template is not used, because it links Bootstrap from a CDN and
switches tooltips to ``innerHTML`` as soon as a title contains "href"), a
Content-Security-Policy forbids every outside request, and the page holds no
``http://`` or ``https://`` string at all: the URLs in vis-network's licence
header and its SVG namespace string are written ``http:\\/\\/...``, which is the
same string to JavaScript.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html
import io
import itertools
import json
import math
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import InputError, RelateError
from .select import (
    connecting_path,
    edge_support,
    find_entity,
    layout_positions,
    rank_actors,
    subgraph,
)
from .vocab import Vocab, load_vocab

__all__ = [
    "DOWNLOAD_FORMATS",
    "LARGE_GRAPH",
    "MAX_HOPS",
    "MAX_UPLOAD_BYTES",
    "MODALITIES",
    "ViewFilters",
    "apply_filters",
    "base_view",
    "claims_table",
    "corpus_fingerprint",
    "describe_filters",
    "edge_table",
    "edge_tooltip",
    "entity_details",
    "entity_options",
    "generate_download",
    "highlight_spans",
    "mark_spans",
    "node_tooltip",
    "params_from_filters",
    "path_steps",
    "plain_text",
    "rank_view_actors",
    "save_upload",
    "view_from_params",
    "view_html",
]

LARGE_GRAPH = 300
"""Above this many nodes the page uses the precomputed layout and no physics."""

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
TOOLTIP_QUOTES = 3
QUOTE_CHARS = 320
MODALITIES = ("asserted", "alleged", "hypothetical")
MAX_HOPS = 4

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# ------------------------------------------------------------------ text
def plain_text(value: Any, limit: int | None = None) -> str:
    """Text safe to show anywhere: control characters dropped, ``<``/``>`` made
    harmless look-alikes, cut to ``limit`` characters with an ellipsis.

    >>> plain_text("<img src=x onerror=alert(1)> Moscow")
    '‹img src=x onerror=alert(1)› Moscow'
    >>> plain_text("a long sentence", limit=6)
    'a lon…'
    """
    text = _CONTROL.sub(" ", "" if value is None else str(value))
    text = text.replace("<", "\u2039").replace(">", "\u203a")
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)].rstrip() + "\u2026"
    return text


def _html_text(value: Any, limit: int) -> str:
    """Escaped text for an HTML element; ``/`` as ``&#x2F;`` so no URL can be read in it."""
    return html.escape(plain_text(value, limit)).replace("/", "&#x2F;")


def _script_json(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``</script>``, no entity,
    and ``/`` written ``\\/`` so that not even a URL quoted in an article reads as one."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("/", "\\/")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# ------------------------------------------------------------------ filters
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


_LIST_PARAMS = {"kinds": "kinds", "relations": "rel", "documents": "doc", "modalities": "mod"}


def params_from_filters(filters: ViewFilters) -> dict[str, str]:
    """URL query parameters for a view; defaults are left out so URLs stay short.

    >>> params_from_filters(ViewFilters(kinds=("state", "person"), min_articles=2))
    {'kinds': 'state,person', 'min_art': '2'}
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
    if filters.hide_isolated:
        out["isolated"] = "hide"
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
entity=None, physics=True)
    """
    vocab = vocab or load_vocab()
    allowed: dict[str, set[str] | None] = {
        "kinds": set(vocab.kinds),
        "relations": set(vocab.relations),
        "modalities": set(MODALITIES),
        "documents": None,
    }
    if G is not None:
        allowed["documents"] = {d for _, data in G.nodes(data=True) for d in data.get("documents") or []}
        allowed["relations"] |= {d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True)}
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
    )


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
        parts.append(f"around {name(filters.focus)} ({filters.hops} hop{'s' if filters.hops != 1 else ''})")
    for attr, label in (("kinds", "kinds"), ("relations", "relations"),
                        ("modalities", "modality"), ("documents", "articles")):
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


# ------------------------------------------------------------------ tooltips
def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else str(node)


def _relation_label(vocab: Vocab, relation: str) -> str:
    spec = vocab.relations.get(relation)
    return spec["label"] if spec else str(relation).replace("_", " ")


def _is_directed(vocab: Vocab, relation: str) -> bool:
    spec = vocab.relations.get(relation)
    return bool(spec["directed"]) if spec else True


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in value.split(" | ") if v]
    return [str(v) for v in value]


def node_tooltip(G: nx.MultiDiGraph, node: str, vocab: Vocab | None = None) -> list[tuple[str, str]]:
    """Tooltip rows ``(style, text)`` for a node: name, kind and role, aliases,
    mentions and articles, and what curation did to it.

    Styles: ``h`` heading, ``k`` kind line, ``t`` text, ``c`` curation note.
    """
    vocab = vocab or load_vocab()
    data = G.nodes[node]
    label = str(data.get("label", node))
    kind = str(data.get("kind", ""))
    kind_label = vocab.kinds[kind]["label"] if kind in vocab.kinds else kind
    rows = [("h", plain_text(label, 120))]
    line = kind_label + (f" · {data['role']}" if data.get("role") else "")
    rows.append(("k", plain_text(line, 160)))
    aliases = [a for a in _as_list(data.get("aliases")) if a != label]
    if aliases:
        rows.append(("t", plain_text("Also: " + ", ".join(aliases), 300)))
    docs = _as_list(data.get("documents"))
    relations = Counter(_relation_label(vocab, d.get("relation", k))
                        for _, _, k, d in [*G.out_edges(node, keys=True, data=True),
                                           *G.in_edges(node, keys=True, data=True)])
    mentions = int(data.get("mentions") or 0)
    summary = f"{mentions} mention{'s' if mentions != 1 else ''} in {len(docs)} article"
    summary += "s" if len(docs) != 1 else ""
    if relations:
        summary += " · " + ", ".join(f"{c} {r}" for r, c in relations.most_common())
    rows.append(("t", plain_text(summary, 300)))
    if docs:
        rows.append(("d", plain_text("Articles: " + ", ".join(docs[:6])
                                     + (f" (+{len(docs) - 6})" if len(docs) > 6 else ""), 400)))
    merged = _as_list(data.get("merged_labels")) or _as_list(data.get("merged_from"))
    if merged:
        rows.append(("c", plain_text("Merged by an analyst from: " + ", ".join(merged), 300)))
    notes = _as_list(data.get("curation_notes"))
    if notes:
        rows.extend(("c", plain_text(note, 200)) for note in notes[-2:])
    elif data.get("curated"):
        rows.append(("c", "Changed by an analyst"))
    return rows


def edge_tooltip(
    G: nx.MultiDiGraph, source: str, target: str, key: str, vocab: Vocab | None = None
) -> list[tuple[str, str]]:
    """Tooltip rows for an edge: who → relation → whom, its sourcing, the quotes.

    Styles: ``h`` heading, ``k`` sourcing line, ``w`` single-article warning,
    ``c`` curation note, ``q`` quote, ``d`` the article a quote comes from,
    ``t`` "more evidence" line.
    """
    vocab = vocab or load_vocab()
    data = G.edges[source, target, key]
    relation = str(data.get("relation", key))
    joiner = "→" if _is_directed(vocab, relation) else "—"
    rows = [("h", plain_text(
        f"{_label(G, source)} {joiner} {_relation_label(vocab, relation)} {joiner} {_label(G, target)}", 200))]
    support = edge_support(data)
    rows.append(("k", plain_text(
        f"{data.get('modality') or 'asserted'} · {_count(support['evidence'], 'piece')} of evidence · "
        f"{_count(support['articles'], 'article')} · {_count(support['sources'], 'source')}"
        + (f" · {data['date']}" if data.get("date") else ""))))
    if support["articles"] <= 1:
        rows.append(("w", "⚠ Single article: no independent confirmation"))
    evidence = _evidence_list(data)
    if data.get("curated"):
        analysts = sorted({str(e.get("analyst")) for e in evidence if e.get("analyst")})
        rows.append(("c", plain_text("Added or confirmed by "
                                     + (", ".join(analysts) if analysts else "an analyst"), 200)))
    for ev in evidence[:TOOLTIP_QUOTES]:
        rows.append(("q", plain_text(f"“{ev.get('sentence', '').strip()}”", QUOTE_CHARS)))
        rows.append(("d", plain_text(f"— {ev.get('document', '')}", 120)))
    if len(evidence) > TOOLTIP_QUOTES:
        rows.append(("t", f"+ {len(evidence) - TOOLTIP_QUOTES} more (see the entity panel)"))
    return rows


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# ------------------------------------------------------------------ the page
@functools.lru_cache(maxsize=1)
def _vis_assets() -> str:
    """vis-network's JavaScript from pyvis's bundled copy, with no URL left in it."""
    import pyvis

    path = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    try:
        js = path.read_text(encoding="utf-8")
    except OSError as exc:  # pragma: no cover - a broken pyvis install
        raise RelateError(f"{path}: cannot read vis-network ({exc})") from None
    # Same string to JavaScript (in strings, comments and regular expressions),
    # but no URL for a scanner or a browser to follow.
    js = js.replace("http://", "http:\\/\\/").replace("https://", "https:\\/\\/")
    return js.replace("</script", "<\\/script")


def _shape_svg(shape: str, colour: str) -> str:
    c = html.escape(colour, quote=True)
    if shape == "diamond":
        body = f'<polygon points="9,1 17,9 9,17 1,9" fill="{c}"/>'
    elif shape in ("square", "box"):
        body = f'<rect x="2" y="2" width="14" height="14" fill="{c}"/>'
    elif shape == "triangle":
        body = f'<polygon points="9,2 17,16 1,16" fill="{c}"/>'
    elif shape == "triangleDown":
        body = f'<polygon points="1,2 17,2 9,16" fill="{c}"/>'
    elif shape == "star":
        body = f'<polygon points="9,1 11,7 17,7 12,11 14,17 9,13 4,17 6,11 1,7 7,7" fill="{c}"/>'
    else:
        body = f'<circle cx="9" cy="9" r="7" fill="{c}"/>'
    return f'<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{body}</svg>'


def _line_svg(colour: str, dashes: Any, width: int, directed: bool) -> str:
    c = html.escape(colour, quote=True)
    dash = ""
    if dashes is True:
        dash = ' stroke-dasharray="5,4"'
    elif isinstance(dashes, list) and dashes:
        dash = f' stroke-dasharray="{",".join(str(int(d)) for d in dashes)}"'
    head = f'<polygon points="28,2 36,6 28,10" fill="{c}"/>' if directed else ""
    end = 28 if directed else 36
    return (f'<svg width="38" height="12" viewBox="0 0 38 12" aria-hidden="true">'
            f'<line x1="1" y1="6" x2="{end}" y2="6" stroke="{c}" stroke-width="{max(1, int(width))}"{dash}/>'
            f"{head}</svg>")


def _legend_html(G: nx.MultiDiGraph, vocab: Vocab) -> str:
    kinds = Counter(d.get("kind") for _, d in G.nodes(data=True))
    relations = Counter(d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True))
    rows = []
    for kind, spec in vocab.kinds.items():
        if kinds.get(kind):
            rows.append(f'<div class="lg-row">{_shape_svg(spec["shape"], spec["colour"])}'
                        f'<span>{html.escape(spec["label"])}</span><b>{kinds[kind]}</b></div>')
    rel_rows = []
    for rel, spec in vocab.relations.items():
        if relations.get(rel):
            rel_rows.append(
                f'<div class="lg-row">{_line_svg(spec["colour"], spec["dashes"], spec["width"], spec["directed"])}'
                f'<span>{html.escape(spec["label"])}</span><b>{relations[rel]}</b></div>')
    for rel in sorted(set(relations) - set(vocab.relations)):
        rel_rows.append(f'<div class="lg-row">{_line_svg("#64748b", False, 1, True)}'
                        f'<span>{html.escape(plain_text(rel))}</span><b>{relations[rel]}</b></div>')
    if not rows and not rel_rows:
        return ""
    return ('<details id="legend" open><summary>Legend</summary>'
            + "".join(rows)
            + ('<div class="lg-sep"></div>' if rel_rows else "")
            + "".join(rel_rows)
            + '<div class="lg-note">Size: connections in this view. Thicker edge: more evidence. '
              "Hover for quotes; click to light up neighbours.</div></details>")


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
        kind = vocab.kinds.get(data.get("kind", ""))
        colour = kind["colour"] if kind else "#64748b"
        x, y = positions.get(node, (0.0, 0.0))
        border = "#0f172a" if (node == selected or node in path_nodes) else colour
        options: dict[str, Any] = {
            "color": {"background": colour, "border": border,
                      "highlight": {"background": colour, "border": "#0f172a"},
                      "hover": {"background": colour, "border": "#0f172a"}},
            "value": round(_importance(G, node), 3),
            "x": round(x * spread, 2),
            "y": round(y * spread, 2),
            "tip": node_tooltip(G, node, vocab),
            "borderWidth": 4 if (node == selected or node in path_nodes) else 1.5,
        }
        if data.get("merged_from") or data.get("curated"):
            options["shapeProperties"] = {"borderDashes": [4, 3]}
            options["borderWidth"] = max(options["borderWidth"], 3)
        net.add_node(node, label=plain_text(data.get("label", node), 40),
                     shape=kind["shape"] if kind else "dot", **options)
    pair_count: dict[frozenset, int] = Counter(frozenset((s, t)) for s, t in G.edges())
    pair_seen: dict[frozenset, int] = defaultdict(int)
    known = set(net.node_ids)
    for s, t, k, data in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        if s not in known or t not in known:
            continue
        relation = str(data.get("relation", k))
        spec = vocab.relations.get(relation)
        colour = spec["colour"] if spec else "#64748b"
        support = edge_support(data)
        width = (spec["width"] if spec else 1) + min(max(support["evidence"] - 1, 0), 3)
        pair = frozenset((s, t))
        on_path = pair in path_edges
        options = {
            "id": f"{s}\x1f{t}\x1f{k}",
            "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.95},
            "dashes": spec["dashes"] if spec else False,
            "width": width * 2 if on_path else width,
            "arrows": {"to": {"enabled": bool(spec["directed"]) if spec else True, "scaleFactor": 0.7}},
            "tip": edge_tooltip(G, s, t, k, vocab),
        }
        if data.get("curated"):
            options["shadow"] = {"enabled": True, "color": "rgba(15,23,42,0.45)", "size": 6, "x": 0, "y": 0}
        if pair_count[pair] > 1 and not large:
            i = pair_seen[pair]
            pair_seen[pair] += 1
            # parallel edges fan out instead of drawing over each other
            options["smooth"] = {"enabled": True, "type": "curvedCW" if i % 2 == 0 else "curvedCCW",
                                 "roundness": 0.12 + 0.14 * (i // 2 + (1 if s > t else 0))}
        net.add_edge(s, t, **options)
    vis_options = {
        "autoResize": True,
        "nodes": {
            "font": {"size": 14, "face": "system-ui, -apple-system, Segoe UI, sans-serif",
                     "color": "#0f172a", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 10, "max": 42,
                        "label": {"enabled": True, "min": 12, "max": 22, "drawThreshold": 6}},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5,
                  "arrowStrikethrough": False},
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": large, "hideEdgesOnZoom": large, "multiselect": True},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -110, "centralGravity": 0.006,
                                 "springLength": 160, "springConstant": 0.05,
                                 "damping": 0.55, "avoidOverlap": 0.5},
            "stabilization": {"enabled": physics, "iterations": 400, "updateInterval": 50,
                              "fit": True},
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


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>__TITLE__</title>
<style>
html, body { margin: 0; padding: 0; background: #ffffff; height: 100%;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #0f172a; }
#wrap { position: relative; width: 100%; height: __HEIGHT__; display: flex; gap: 0;
  border: 1px solid #e2e8f0; border-radius: 6px; overflow: hidden; box-sizing: border-box; }
#side { flex: 0 0 200px; overflow-y: auto; border-right: 1px solid #e2e8f0; background: #ffffff;
  padding: 8px 10px; font-size: 13px; box-sizing: border-box; }
#stage { position: relative; flex: 1 1 auto; min-width: 0; background: #fcfcfd; }
#graph { position: absolute; inset: 0; }
#bar { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin-bottom: 8px; }
#count { width: 100%; color: #334155; font-weight: 600; }
#bar button { font: inherit; border: 1px solid #cbd5e1; background: #fff; border-radius: 4px;
  padding: 1px 8px; cursor: pointer; }
#bar label { cursor: pointer; user-select: none; }
#title { position: absolute; bottom: 6px; right: 8px; z-index: 5; font-size: 12px; color: #475569;
  background: rgba(255,255,255,0.85); padding: 2px 6px; border-radius: 4px; max-width: 60%; }
#legend { border-top: 1px solid #e2e8f0; padding-top: 6px; }
#legend summary { font-weight: 600; cursor: pointer; margin-bottom: 2px; }
.lg-row { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
.lg-row span { flex: 1; }
.lg-row b { font-weight: 500; color: #64748b; font-size: 12px; }
.lg-sep { border-top: 1px solid #e2e8f0; margin: 6px 0; }
.lg-note { color: #64748b; font-size: 11px; margin-top: 6px; line-height: 1.35; }
#empty { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: #64748b; font-size: 15px; }
div.vis-tooltip { position: absolute; visibility: hidden; z-index: 10; pointer-events: none;
  background: #ffffff; color: #0f172a; border: 1px solid #cbd5e1; border-radius: 6px;
  box-shadow: 0 4px 14px rgba(15,23,42,0.18); padding: 8px 10px; max-width: 440px;
  white-space: normal; font-size: 13px; line-height: 1.4; }
.rt-h { font-weight: 650; font-size: 14px; }
.rt-k { color: #475569; margin-bottom: 3px; }
.rt-t { color: #334155; }
.rt-d { color: #64748b; font-size: 12px; margin-bottom: 4px; }
.rt-q { font-style: italic; border-left: 3px solid #cbd5e1; padding-left: 6px; margin-top: 4px; }
.rt-w { color: #b45309; font-weight: 600; }
.rt-c { color: #7c3aed; }
</style>
<script>__VIS__</script>
</head>
<body>
<div id="wrap">
<div id="side">
<div id="bar"><span id="count"></span><button type="button" id="fit">Fit</button>
<label><input type="checkbox" id="physics"> Physics</label></div>
__LEGEND__
</div>
<div id="stage"><div id="graph"></div>__CAPTION__</div>
</div>
<script id="relate-data" type="application/json">__DATA__</script>
<script>
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("relate-data").textContent);
  function tip(rows) {
    var box = document.createElement("div");
    for (var i = 0; i < rows.length; i++) {
      var line = document.createElement("div");
      line.className = "rt-" + rows[i][0];
      line.textContent = rows[i][1];
      box.appendChild(line);
    }
    return box;
  }
  DATA.nodes.forEach(function (n) { if (n.tip) { n.title = tip(n.tip); delete n.tip; } });
  DATA.edges.forEach(function (e) { if (e.tip) { e.title = tip(e.tip); delete e.tip; } });
  var count = document.getElementById("count");
  count.textContent = DATA.nodes.length + " entities \\u00b7 " + DATA.edges.length + " relations";
  var container = document.getElementById("graph");
  if (!DATA.nodes.length) {
    var empty = document.createElement("div");
    empty.id = "empty";
    empty.textContent = "Nothing matches these filters.";
    container.appendChild(empty);
    document.body.setAttribute("data-drawn", "empty");
    window.relateDrawn = true;
    return;
  }
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, DATA.options);
  window.relateNetwork = network;
  network.once("afterDrawing", function () {
    window.relateDrawn = true;
    document.body.setAttribute("data-drawn", "1");
  });
  var physics = document.getElementById("physics");
  physics.checked = !!DATA.options.physics.enabled;
  if (!physics.checked) { window.relateStable = true; }
  network.on("stabilizationIterationsDone", function () {
    window.relateStable = true;
    network.fit({animation: false});
  });
  physics.addEventListener("change", function () {
    network.setOptions({physics: {enabled: physics.checked, stabilization: {enabled: false}}});
  });
  document.getElementById("fit").addEventListener("click", function () {
    network.fit({animation: {duration: 300}});
  });
  // click a node: light up it and its neighbours, dim the rest
  var dimmed = false;
  function restore() {
    if (!dimmed) { return; }
    nodes.update(DATA.nodes.map(function (n) { return {id: n.id, opacity: 1}; }));
    edges.update(DATA.edges.map(function (e) { return {id: e.id, color: e.color}; }));
    dimmed = false;
  }
  network.on("selectNode", function (params) {
    var keep = {};
    params.nodes.forEach(function (id) {
      keep[id] = true;
      network.getConnectedNodes(id).forEach(function (m) { keep[m] = true; });
    });
    nodes.update(DATA.nodes.map(function (n) { return {id: n.id, opacity: keep[n.id] ? 1 : 0.18}; }));
    edges.update(DATA.edges.map(function (e) {
      var on = keep[e.from] && keep[e.to] && (params.nodes.indexOf(e.from) >= 0 || params.nodes.indexOf(e.to) >= 0);
      return {id: e.id, color: on ? e.color : {color: e.color.color, opacity: 0.12}};
    }));
    dimmed = true;
  });
  network.on("deselectNode", restore);
  if (DATA.selected && nodes.get(DATA.selected)) {
    network.selectNodes([DATA.selected]);
  }
})();
</script>
</body>
</html>
"""


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
        G, vocab, physics=physics, seed=seed, highlight=highlight, selected=selected,
        positions=positions)
    data = {"nodes": nodes, "edges": edges, "options": options,
            "selected": selected if selected in G else None}
    height_css = f"{int(height)}px" if isinstance(height, int) else str(height)
    if not re.fullmatch(r"\d+(\.\d+)?(px|vh|%|em|rem)", height_css):
        raise RelateError(f"height {height!r} is not a CSS length such as '720px'")
    caption_html = f'<div id="title">{_html_text(caption, 300)}</div>' if caption else ""
    page = _PAGE
    for marker, value in (
        ("__TITLE__", _html_text(title or "Relate graph", 200)),
        ("__HEIGHT__", height_css),
        ("__LEGEND__", _legend_html(G, vocab)),
        ("__CAPTION__", caption_html),
    ):
        page = page.replace(marker, value)
    # the large parts go in last, so no marker can be found inside them
    page = page.replace("__DATA__", _script_json(data))
    return page.replace("__VIS__", _vis_assets())


# ------------------------------------------------------------------ evidence
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


def mark_spans(sentence: str, spans: Iterable[tuple[int, int]], left: str = "⟦", right: str = "⟧") -> str:
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


def _evidence_list(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    evidence = data.get("evidence") or []
    if isinstance(evidence, str):
        try:
            evidence = json.loads(evidence)
        except ValueError:
            evidence = []
    return [e for e in evidence if isinstance(e, dict)]


def entity_details(G: nx.MultiDiGraph, node: str, vocab: Vocab | None = None) -> dict[str, Any]:
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
        marked ⟦like this⟧), ``matched`` (the words found) and ``document``.

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
    names = [label, *_as_list(data.get("aliases"))]
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
            "relation_label": _relation_label(vocab, relation),
            "other": _label(G, other),
            "other_id": other,
            "modality": d.get("modality") or "asserted",
            "evidence_count": support["evidence"],
            "articles": support["articles"],
            "sources": support["sources"],
            "single_article": support["articles"] <= 1,
            "curated": bool(d.get("curated")),
        }
        evidence = _evidence_list(d)
        if not evidence:
            note = str(d.get("note") or ("added by an analyst" if d.get("curated") else ""))
            evidence = [{"sentence": note, "document": d.get("analyst") or "analyst",
                         "start": None, "end": None}]
        for ev in evidence:
            sentence = str(ev.get("sentence", ""))
            spans = highlight_spans(sentence, names)
            rows.append({
                **base,
                "sentence": sentence,
                "spans": spans,
                "marked": mark_spans(sentence, spans),
                "matched": ", ".join(dict.fromkeys(sentence[a:b] for a, b in spans)),
                "document": str(ev.get("document", "")),
                "start": ev.get("start"),
                "end": ev.get("end"),
            })
    rows.sort(key=lambda r: (r["relation"], r["direction"], r["other"], r["document"], r["start"] or 0))
    return {
        "id": node,
        "label": label,
        "kind": kind,
        "kind_label": vocab.kinds[kind]["label"] if kind in vocab.kinds else kind,
        "role": str(data.get("role") or ""),
        "aliases": sorted(set(_as_list(data.get("aliases")))),
        "mentions": int(data.get("mentions") or 0),
        "documents": _as_list(data.get("documents")),
        "merged_from": _as_list(data.get("merged_from")),
        "degree": G.degree(node),
        "evidence": rows,
    }


def _camp(G: nx.MultiDiGraph, node: str, depth: int = 3) -> set[str]:
    """The node and whom it speaks for: up its ``affiliated_with``/``part_of`` chain."""
    camp, frontier = {node}, [node]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for _, t, k, d in G.out_edges(n, keys=True, data=True):
                if d.get("relation", k) in ("affiliated_with", "part_of") and t not in camp:
                    camp.add(t)
                    nxt.append(t)
        frontier = nxt
    return camp


def claims_table(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every accusation, who made it, against whom, whether and by whom it was denied.

    A denial answers an accusation when the one denying speaks for the accused
    (it is the accused, or they share an ``affiliated_with``/``part_of`` chain, as
    the Kremlin and Russia do) and the denial is aimed at the accuser, at someone
    on the accuser's own chain (Donald Tusk → Poland) or at an incident the
    accused is said to be involved in. ``denied_by`` says whom
    each denial was aimed at, so the match can be checked.
    """
    camps: dict[str, set[str]] = {}

    def camp(n: str) -> set[str]:
        if n not in camps:
            camps[n] = _camp(G, n)
        return camps[n]

    denials = [(s, t, d) for s, t, k, d in G.edges(keys=True, data=True) if d.get("relation", k) == "denies"]
    rows = []
    for s, t, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (_label(G, e[0]), _label(G, e[1]))):
        if d.get("relation", k) != "accuses":
            continue
        incidents = {x for _, x, kk, dd in G.out_edges(t, keys=True, data=True)
                     if dd.get("relation", kk) == "involved_in"}
        answers = []
        for ds, dt, dd in denials:
            # the one denying speaks for the accused (or both speak for the same state) ...
            if not camp(ds) & camp(t):
                continue
            # ... and aims at the accuser, someone the accuser speaks for or who speaks
            # for the accuser, or at an incident the accused is said to be involved in
            if dt in camp(s) or s in camp(dt) or dt in incidents:
                answers.append((ds, dt, dd))
        support = edge_support(d)
        evidence = _evidence_list(d)
        denial_quotes = list(dict.fromkeys(
            e.get("sentence", "").strip() for _, _, dd in answers for e in _evidence_list(dd)))
        rows.append({
            "accuser": _label(G, s),
            "accused": _label(G, t),
            "modality": d.get("modality") or "asserted",
            "evidence": support["evidence"],
            "articles": support["articles"],
            "sources": support["sources"],
            "single_article": support["articles"] <= 1,
            "denied": bool(answers),
            "denied_by": "; ".join(
                f"{_label(G, ds)} (against {_label(G, dt)})" for ds, dt, _ in answers),
            "quotes": " ‖ ".join(e.get("sentence", "").strip() for e in evidence),
            "denial_quotes": " ‖ ".join(denial_quotes),
            "documents": ", ".join(_as_list(d.get("documents"))),
            "source_id": s,
            "target_id": t,
        })
    return rows


def edge_table(G: nx.MultiDiGraph, vocab: Vocab | None = None) -> list[dict[str, Any]]:
    """One row per edge with how well it is sourced, best-sourced first."""
    vocab = vocab or load_vocab()
    rows = []
    for s, t, k, d in G.edges(keys=True, data=True):
        support = edge_support(d)
        evidence = _evidence_list(d)
        rows.append({
            "source": _label(G, s),
            "relation": _relation_label(vocab, str(d.get("relation", k))),
            "target": _label(G, t),
            "modality": d.get("modality") or "asserted",
            "evidence": support["evidence"],
            "articles": support["articles"],
            "sources": support["sources"],
            "single_article": support["articles"] <= 1,
            "curated": bool(d.get("curated")),
            "first_quote": evidence[0].get("sentence", "").strip() if evidence else str(d.get("note") or ""),
            "source_id": s,
            "target_id": t,
            "key": k,
        })
    rows.sort(key=lambda r: (-r["articles"], -r["evidence"], r["source"], r["target"], r["relation"]))
    return rows


def path_steps(G: nx.MultiDiGraph, path: list[str], vocab: Vocab | None = None) -> list[dict[str, Any]]:
    """The edges joining each pair of consecutive entities on a path, in reading order."""
    vocab = vocab or load_vocab()
    steps = []
    for a, b in itertools.pairwise(path):
        for s, t in ((a, b), (b, a)):
            if not G.has_node(s) or not G.has_node(t):
                continue
            for k, d in (G.get_edge_data(s, t) or {}).items():
                ev = _evidence_list(d)
                steps.append({
                    "from": _label(G, a),
                    "to": _label(G, b),
                    "statement": f"{_label(G, s)} {_relation_label(vocab, str(d.get('relation', k)))} "
                                 f"{_label(G, t)}",
                    "articles": edge_support(d)["articles"],
                    "quote": ev[0].get("sentence", "").strip() if ev else str(d.get("note") or ""),
                })
    return steps


def rank_view_actors(G: nx.MultiDiGraph, limit: int | None = 25) -> tuple[list[dict[str, Any]], bool]:
    """Key actors of a view by degree and betweenness.

    Returns the rows and whether betweenness is approximate: exact up to 600
    nodes (:func:`graph.select.rank_actors`), sampled from 200 seeded sources
    above, so a large view still answers in about a second.
    """
    n = G.number_of_nodes()
    if n <= 600:
        return rank_actors(G, limit=limit), False
    U = nx.Graph(G.to_undirected())
    between = nx.betweenness_centrality(U, k=200, seed=7)
    rows = [
        {"id": node, "label": data.get("label", node), "kind": data.get("kind", ""),
         "degree": G.degree(node), "betweenness": round(between.get(node, 0.0), 4)}
        for node, data in G.nodes(data=True)
    ]
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], str(r["label"])))
    return (rows[:limit] if limit else rows), True


def entity_options(G: nx.MultiDiGraph, query: str = "") -> list[str]:
    """Node ids for an entity picker: the search matches (any alias) when there is
    a query, else every entity, most connected first."""
    from .select import search_entities

    if query.strip():
        return search_entities(G, query, limit=50)
    return sorted(G.nodes(), key=lambda n: (-G.degree(n), str(G.nodes[n].get("label", n)).casefold()))


# ------------------------------------------------------------------ downloads
DOWNLOAD_FORMATS: dict[str, dict[str, str]] = {
    "graphml": {"label": "GraphML", "suffix": ".graphml", "mime": "application/graphml+xml"},
    "gexf": {"label": "GEXF (Gephi)", "suffix": ".gexf", "mime": "application/gexf+xml"},
    "json": {"label": "Node-link JSON", "suffix": ".json", "mime": "application/json"},
    "csv": {"label": "CSV tables (zip)", "suffix": ".csv.zip", "mime": "application/zip"},
    "html": {"label": "Interactive HTML", "suffix": ".html", "mime": "text/html"},
    "png": {"label": "Briefing image (PNG)", "suffix": ".png", "mime": "image/png"},
}


def _rows_csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    columns = list(rows[0]) if rows else ["accuser", "accused"]
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def generate_download(
    G: nx.MultiDiGraph,
    fmt: str,
    *,
    title: str | None = None,
    subtitle: str | None = None,
    physics: bool = True,
    highlight: Iterable[str] = (),
    focus: str | None = None,
    n_articles: int | None = None,
) -> bytes:
    """The current view as a file: one of :data:`DOWNLOAD_FORMATS`.

    For ``png``, ``focus`` and ``n_articles`` make the image the one
    ``python -m graph render`` draws for the same view (title, focus ring, counts).

    ``csv`` is a zip holding ``nodes.csv``, ``edges.csv`` and ``claims.csv``;
    ``html`` is :func:`view_html` as a standalone page; ``png`` is the briefing
    image of :func:`graph.render.render_image`.

    Raises
    ------
    RelateError
        For an unknown format.
    """
    from .export import generate_csv, generate_gexf, generate_graphml, graph_to_json_data

    if fmt == "graphml":
        return generate_graphml(G).encode("utf-8")
    if fmt == "gexf":
        return generate_gexf(G).encode("utf-8")
    if fmt == "json":
        text = json.dumps(graph_to_json_data(G), ensure_ascii=False, indent=1, sort_keys=True, default=str)
        return (text + "\n").encode("utf-8")
    if fmt == "csv":
        nodes_csv, edges_csv = generate_csv(G)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("nodes.csv", nodes_csv)
            zf.writestr("edges.csv", edges_csv)
            zf.writestr("claims.csv", _rows_csv(claims_table(G)))
        return buf.getvalue()
    if fmt == "html":
        return view_html(G, physics=physics, height="100vh", title=title, caption=subtitle or title,
                         highlight=highlight).encode("utf-8")
    if fmt == "png":
        from .render import render_image

        H = G.copy()
        if focus and focus in H:
            H.graph["focus"] = focus
        return render_image(H, fmt="png", title=title, n_articles=n_articles)
    raise RelateError(f"unknown download format {fmt!r}; use one of {', '.join(DOWNLOAD_FORMATS)}")


# ------------------------------------------------------------------ corpus
def corpus_fingerprint(inputs: Iterable[str | Path], extra: Iterable[str | Path] = ()) -> str:
    """A hash of every article file's name and bytes under the inputs, and of the
    ``extra`` files (the curation file) when they exist: the app's cache key."""
    from .ingest import ARTICLE_SUFFIXES

    digest = hashlib.sha256()
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES]
        elif path.is_file():
            files.append(path)
    for path in sorted(set(files)):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    for item in extra:
        path = Path(item)
        digest.update(b"extra\0" + str(path).encode("utf-8", "surrogateescape"))
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def save_upload(folder: str | Path, name: str, data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> Path:
    """Save an uploaded article into the corpus folder under a safe name.

    Only ``.txt`` and ``.md`` files of text up to ``max_bytes`` are accepted; the
    name loses any folder part and odd characters. Saving the same bytes again
    returns the existing file; another file of the same name gets ``-2``,
    ``-3``... appended.

    Raises
    ------
    InputError
        For another suffix, an empty or too large file, or binary content.

    Examples
    --------
    >>> import tempfile; d = tempfile.mkdtemp()
    >>> save_upload(d, "../../etc/My report!.TXT", b"Poland accused Russia.").name
    'My-report.txt'
    """
    from .export import atomic_write
    from .ingest import ARTICLE_SUFFIXES, decode_text

    base = Path(str(name).replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    stem = _SAFE_NAME.sub("-", Path(base).stem).strip("-._")[:80] or "article"
    shown = stem + _SAFE_NAME.sub("-", suffix)[:10]  # messages name the file only by its safe name
    if suffix not in ARTICLE_SUFFIXES:
        raise InputError(f"{shown}: only {' and '.join(ARTICLE_SUFFIXES)} articles can be added")
    if not data:
        raise InputError(f"{shown}: the file is empty")
    if len(data) > max_bytes:
        raise InputError(f"{shown}: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    try:
        decode_text(data, shown)
    except InputError as exc:
        raise InputError(str(exc)) from None
    folder = Path(folder)
    target = folder / f"{stem}{suffix}"
    n = 1
    while target.exists():
        if target.read_bytes() == data:
            return target
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return atomic_write(target, data)
