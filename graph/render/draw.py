"""Drawing a view on the canvas: edges, markers, labels and the legend.

Node positions come from :func:`graph.select.layout_positions`, the function the
app uses, so the image looks like the view the analyst explored; colours, markers
and line styles from :mod:`graph.style`. Above :data:`LABEL_ALL_LIMIT` entities only
the most connected ones are labelled.

Two optional entries of ``G.graph`` change the picture: ``node_colours`` (node ->
colour, e.g. by community) colours the markers instead of their kind, and
``community_legend`` (``(number, name, size)`` rows, with ``node_colours``) adds
the communities to the legend, kinds then shown as grey shapes. Edges an analyst
reviewed (``reviewed``) carry a green ✓ at their middle and a legend row.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import numpy as np
from matplotlib.patches import FancyArrowPatch

from ..select import layout_positions
from ..style import REVIEW_COLOUR, community_colour, kind_style, legend_rows, relation_style
from ..vocab import Vocab
from .canvas import (
    _MARKER_SCALE,
    FAINT,
    FOOTER_PT,
    INK,
    LABEL_PT,
    LEGEND_PT,
    Canvas,
    _line_width,
    _linestyle,
)
from .geometry import _bezier, _separate
from .labels import _place_labels

__all__ = ["LABEL_ALL_LIMIT", "MAX_STRETCH"]

LABEL_ALL_LIMIT = 150  # above this many entities, only the most connected are labelled
MAX_STRETCH = 1.35  # how much wider (or taller) than the app's layout the image may draw it


def _draw_legend(
    cv: Canvas, G: nx.MultiDiGraph, vocab: Vocab, x0: float, top: float, width: float
) -> float:
    """Draw the legend panel from (x0, top) downwards; return its bottom y."""
    kind_rows, rel_rows = legend_rows(G, vocab)
    row = cv.pt(LEGEND_PT) * 2.0
    y = top
    swatch = cv.pt(LEGEND_PT) * 2.6
    text_x = x0 + swatch + cv.pt(6)
    room = width - (text_x - x0)

    def header(s: str) -> None:
        nonlocal y
        cv.text(x0, y, s, fontsize=LEGEND_PT, fontweight="bold", color=INK, va="top")
        y -= row * 1.05

    communities = G.graph.get("community_legend") if G.graph.get("node_colours") else None
    if communities:
        header("Communities")
        for number, name, size in communities:
            cy = y - row * 0.35
            cv.ax.plot(
                [x0 + swatch / 2],
                [cy],
                marker="o",
                markersize=cv.pt(LEGEND_PT) * 0.72 * 72 / cv.dpi,
                color=community_colour(number),
                linestyle="none",
            )
            cv.text(
                text_x,
                cy,
                cv.fit_text(f"{name}  ({size:,})", room, fontsize=LEGEND_PT),
                fontsize=LEGEND_PT,
                va="center",
                color=INK,
            )
            y -= row
        y -= row * 0.45
    if kind_rows:
        header("Entities")
        for kind, n in kind_rows:
            ks = kind_style(kind, vocab)
            colour, marker, label = ks.colour, ks.marker, ks.label
            if communities:
                colour = "#94a3b8"
            cy = y - row * 0.35
            ms = cv.pt(LEGEND_PT) * 0.72 * _MARKER_SCALE.get(marker, 1.0)
            cv.ax.plot(
                [x0 + swatch / 2],
                [cy],
                marker=marker,
                markersize=ms * 72 / cv.dpi,
                color=colour,
                markeredgecolor="white",
                markeredgewidth=0.8,
                linestyle="none",
            )
            cv.text(
                text_x,
                cy,
                cv.fit_text(f"{label}  ({n:,})", room, fontsize=LEGEND_PT),
                fontsize=LEGEND_PT,
                va="center",
                color=INK,
            )
            y -= row
        y -= row * 0.45
    if rel_rows:
        header("Relations")
        for rel, n in rel_rows:
            st = relation_style(rel, vocab)
            cy = y - row * 0.35
            arrow = FancyArrowPatch(
                (x0, cy),
                (x0 + swatch, cy),
                arrowstyle="-|>,head_length=0.45,head_width=0.25" if st.directed else "-",
                mutation_scale=cv.pt(LEGEND_PT) * 72 / cv.dpi * 1.1,
                color=st.colour,
                linewidth=_line_width(st.width, False) + 0.3,
                linestyle=_linestyle(st.dashes),
                shrinkA=0,
                shrinkB=0,
            )
            cv.ax.add_artist(arrow)
            cv.text(
                text_x,
                cy,
                cv.fit_text(f"{st.label}  ({n:,})", room, fontsize=LEGEND_PT),
                fontsize=LEGEND_PT,
                va="center",
                color=INK,
            )
            y -= row
        reviewed = sum(1 for _, _, d in G.edges(data=True) if d.get("reviewed"))
        if reviewed:
            cy = y - row * 0.35
            cv.text(
                x0 + swatch / 2,
                cy,
                "✓",
                fontsize=LEGEND_PT + 2,
                color=REVIEW_COLOUR,
                ha="center",
                va="center",
                fontweight="bold",
            )
            cv.text(
                text_x,
                cy,
                cv.fit_text(f"reviewed by an analyst  ({reviewed:,})", room, fontsize=LEGEND_PT),
                fontsize=LEGEND_PT,
                va="center",
                color=INK,
            )
            y -= row
        y -= row * 0.45
    if kind_rows:
        notes = ["Size: number of links"]
        if any(relation_style(r, vocab).directed for r, _ in rel_rows):
            notes.append("Arrow: from actor to target")
        for note in notes:
            cv.text(
                x0,
                y,
                cv.fit_text(note, width, fontsize=FOOTER_PT),
                fontsize=FOOTER_PT,
                va="top",
                color=FAINT,
            )
            y -= cv.pt(FOOTER_PT) * 1.7
    return y


def _legend_width(cv: Canvas, G: nx.MultiDiGraph, vocab: Vocab) -> float:
    kind_rows, rel_rows = legend_rows(G, vocab)
    labels = [f"{kind_style(k, vocab).label}  ({n:,})" for k, n in kind_rows]
    labels += [f"{relation_style(r, vocab).label}  ({n:,})" for r, n in rel_rows]
    if G.graph.get("node_colours"):
        labels += [f"{name}  ({size:,})" for _, name, size in G.graph.get("community_legend") or []]
    if any(d.get("reviewed") for _, _, d in G.edges(data=True)):
        labels.append("reviewed by an analyst  (00)")
    widest = 0.0
    for s in labels:
        probe = cv.text(0, 0, s, fontsize=LEGEND_PT)
        widest = max(widest, cv.extent(probe)[0])
        probe.remove()
    for s in ("Size: number of links", "Arrow: from actor to target"):
        probe = cv.text(0, 0, s, fontsize=FOOTER_PT)
        widest = max(widest, cv.extent(probe)[0] - cv.pt(LEGEND_PT) * 2.6 - cv.pt(6))
        probe.remove()
    inner = cv.pt(LEGEND_PT) * 2.6 + cv.pt(6) + widest + 2.0  # 2 px against rounding
    return min(inner, cv.W * 0.26)


def _node_order(G: nx.MultiDiGraph) -> list[str]:
    """Entities, most important first: links, then mentions, then name."""
    return sorted(
        G.nodes(),
        key=lambda n: (
            -G.degree(n),
            -int(G.nodes[n].get("mentions") or 0),
            str(G.nodes[n].get("label", n)).lower(),
            n,
        ),
    )


def _edge_curves(
    G: nx.MultiDiGraph, xy: dict[str, np.ndarray]
) -> list[tuple[str, str, str, dict, float]]:
    """Every edge with its arc3 bend: several edges between one pair fan out."""
    pairs: dict[tuple[str, str], list[tuple[str, str, str, dict]]] = defaultdict(list)
    for s, t, k, data in G.edges(keys=True, data=True):
        if s == t or s not in xy or t not in xy:
            continue
        pairs[(min(s, t), max(s, t))].append((s, t, k, data))
    out = []
    for (a, _b), edges in sorted(pairs.items()):
        edges.sort(key=lambda e: (str(e[3].get("relation", e[2])), e[0] != a, e[2]))
        m = len(edges)
        step = 0.22 if m <= 3 else 0.5 / (m - 1)
        for i, (s, t, k, data) in enumerate(edges):
            rad = 0.0 if m == 1 else (i - (m - 1) / 2) * step
            if m == 2:
                rad = 0.16 if i == 0 else -0.16
            if s != a:  # arc3's bend is relative to the drawing direction
                rad = -rad
            out.append((s, t, k, data, rad))
    return out


def _draw_graph(
    cv: Canvas, G: nx.MultiDiGraph, vocab: Vocab, region: tuple[float, float, float, float]
) -> tuple[int, int]:
    """Edges, nodes and labels inside region; returns (labelled, total) entities."""
    x0, y0, x1, y1 = region
    n = G.number_of_nodes()
    big = n > LABEL_ALL_LIMIT
    pos = layout_positions(G)
    order = _node_order(G)
    degree = {v: G.degree(v) for v in G}
    max_deg = max(degree.values()) if degree else 1
    area = (x1 - x0) * (y1 - y0)
    if big:
        r_max = min(cv.pt(8), 0.3 * math.sqrt(area / n))
        r_min = max(cv.pt(1.6), r_max * 0.3)
    else:
        r_max = min(cv.pt(11), 0.22 * math.sqrt(area / max(n, 1)))
        r_min = max(cv.pt(3.2), r_max * 0.38)
    radius = {
        v: r_min + (r_max - r_min) * math.sqrt(degree[v] / max_deg if max_deg else 0.0) for v in G
    }
    # the layout is in [-1, 1]²: stretch it over the region, inset by a margin for labels
    inset_x = r_max + cv.pt(LABEL_PT) * (4.5 if not big else 2.5)
    inset_y = r_max + cv.pt(LABEL_PT) * 1.6
    if n == 1:
        inset_x = inset_y = 0.0
    ids = sorted(G.nodes())
    raw = np.array([pos[v] for v in ids], dtype=float)
    w, h = (x1 - x0) - 2 * inset_x, (y1 - y0) - 2 * inset_y
    # fit the layout to the region with one scale, then stretch the short way by at
    # most MAX_STRETCH to use the space: the picture keeps the app's arrangement
    lo, hi = raw.min(0), raw.max(0)
    centre = (lo + hi) / 2
    span = np.maximum(hi - lo, 1e-9)
    scale = min(w / span[0], h / span[1])
    sx = min(w / span[0], scale * MAX_STRETCH)
    sy = min(h / span[1], scale * MAX_STRETCH)
    px = np.column_stack(
        [
            (x0 + x1) / 2 + (raw[:, 0] - centre[0]) * sx,
            (y0 + y1) / 2 + (raw[:, 1] - centre[1]) * sy,
        ]
    )
    rad_arr = np.array([radius[v] for v in ids])
    px = _separate(px, rad_arr, (x0, y0, x1, y1), gap=cv.pt(5 if not big else 2))
    xy = {v: px[i] for i, v in enumerate(ids)}

    focus = G.graph.get("focus")
    marker_radius = dict(radius)
    if focus in xy:  # room for the focus ring: edges stop at it, labels clear it
        radius[focus] += cv.pt(2.5)

    # edges
    curves = _edge_curves(G, xy)
    samples: list[np.ndarray] = []
    alpha = 0.9 if not big else 0.55
    for s, t, k, data, rad in curves:
        st = relation_style(str(data.get("relation", k)), vocab)
        lw = _line_width(st.width, big)
        head = "-|>,head_length=0.55,head_width=0.28" if st.directed else "-"
        patch = FancyArrowPatch(
            tuple(xy[s]),
            tuple(xy[t]),
            connectionstyle=f"arc3,rad={rad:.4f}",
            arrowstyle=head,
            mutation_scale=(9.0 if not big else 6.0) + lw * 2,
            shrinkA=radius[s] * 72 / cv.dpi + 0.5,
            shrinkB=radius[t] * 72 / cv.dpi + 1.0,
            color=st.colour,
            linewidth=lw,
            linestyle=_linestyle(st.dashes),
            alpha=alpha,
            zorder=2 if st.directed else 1,
            joinstyle="miter",
        )
        cv.ax.add_artist(patch)
        length = float(np.hypot(*(xy[t] - xy[s])))
        samples.append(_bezier(xy[s], xy[t], rad, max(4, min(150, int(length / cv.pt(4))))))
        if data.get("reviewed"):  # an analyst's ✓ at the edge's middle
            mx, my = samples[-1][len(samples[-1]) // 2]
            cv.text(
                mx,
                my,
                "✓",
                fontsize=LABEL_PT,
                color=REVIEW_COLOUR,
                ha="center",
                va="center",
                fontweight="bold",
                zorder=5,
            )
    edge_points = np.concatenate(samples) if samples else np.zeros((0, 2))
    edge_ids = np.repeat(np.arange(len(samples)), [len(p) for p in samples])

    # nodes, one scatter per kind and marker, biggest last so they sit on top
    groups: dict[str, list[str]] = defaultdict(list)
    for v in ids:
        groups[str(G.nodes[v].get("kind", ""))].append(v)
    kind_order = {k: i for i, k in enumerate(vocab.kinds)}
    painted = G.graph.get("node_colours") or {}
    for kind in sorted(groups, key=lambda k: (kind_order.get(k, 99), k)):
        ks = kind_style(kind, vocab)
        colour, marker = ks.colour, ks.marker
        members = sorted(groups[kind], key=lambda v: (degree[v], v))
        if painted:
            colour = [painted.get(v, "#cbd5e1") for v in members]
        scale = _MARKER_SCALE.get(marker, 1.0)
        sizes = [(2 * marker_radius[v] * scale * 72 / cv.dpi) ** 2 for v in members]
        cv.ax.scatter(
            [xy[v][0] for v in members],
            [xy[v][1] for v in members],
            s=sizes,
            marker=marker,
            c=colour,
            edgecolors="white",
            linewidths=1.0 if not big else 0.5,
            zorder=4,
        )

    # labels
    if big:
        limit = max(10, min(80, int(area / (cv.pt(LABEL_PT) ** 2 * 140))))
    else:
        limit = n
    if focus in xy:  # the entity the view is centred on gets a dark ring
        ring = 2 * radius[focus] * 72 / cv.dpi
        cv.ax.scatter(
            [xy[focus][0]],
            [xy[focus][1]],
            s=[ring**2],
            marker="o",
            facecolors="none",
            edgecolors=INK,
            linewidths=1.4,
            zorder=3,
        )
    # the hubs and the focus get bold labels
    bold = {v for v in G if degree[v] >= max(3, 0.6 * max_deg)} | ({focus} & set(G))
    labelled = _place_labels(
        cv,
        order,
        G,
        xy,
        radius,
        region,
        edge_points,
        edge_ids,
        must_label=not big,
        limit=limit,
        bold=bold,
    )
    return len(labelled), n
