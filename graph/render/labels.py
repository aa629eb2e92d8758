"""Placing the entities' labels of a briefing image beside their markers without
covering other labels or markers, and with few edges crossed."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .canvas import FAINT, INK, LABEL_PT, Canvas, _wrap_label
from .geometry import _overlap_area

__all__: list[str] = []


def _place_labels(
    cv: Canvas,
    order: list[str],
    G: nx.MultiDiGraph,
    xy: dict[str, np.ndarray],
    radius: dict[str, float],
    region: tuple[float, float, float, float],
    edge_points: np.ndarray,
    edge_ids: np.ndarray,
    *,
    must_label: bool,
    limit: int,
    bold: set[str],
) -> list[str]:
    """Put a label beside each node without covering nodes or other labels.

    Candidates are tried around each node (right, left, above, below, corners),
    then further out with a leader line; the cheapest wins. When ``must_label``
    is false, labels that would collide are left out. Returns the labelled ids.
    """
    x0, y0, x1, y1 = region
    pad = cv.pt(LABEL_PT) * 0.2  # the white box around each label
    ids = list(xy)
    node_rects = (
        np.array(
            [
                [
                    xy[n][0] - radius[n],
                    xy[n][1] - radius[n],
                    xy[n][0] + radius[n],
                    xy[n][1] + radius[n],
                ]
                for n in ids
            ]
        )
        if ids
        else np.zeros((0, 4))
    )
    index = {n: i for i, n in enumerate(ids)}
    placed: list[np.ndarray] = []
    labelled: list[str] = []
    gap = cv.pt(3)
    spacing = cv.pt(5)  # clear space kept between a label and other labels or markers
    # preferred directions first: right, left, above, below, then the diagonals
    angles = [0, 180, 90, 270, 30, 150, 330, 210, 60, 120, 300, 240]
    directions = [(math.cos(math.radians(a)), math.sin(math.radians(a))) for a in angles]
    for n in order[:limit]:
        data = G.nodes[n]
        text = _wrap_label(str(data.get("label") or n))
        art = cv.text(
            0,
            0,
            text,
            fontsize=LABEL_PT,
            ha="center",
            va="center",
            color=INK,
            fontweight="bold" if n in bold else "normal",
            linespacing=1.1,
            zorder=6,
            bbox={
                "boxstyle": f"round,pad={0.2}",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.82,
            },
        )
        w, h = cv.extent(art)  # includes the box
        cx, cy = xy[n]
        r = radius[n]
        best = None
        placed_arr = np.array(placed) if placed else np.zeros((0, 4))
        others = np.ones(len(ids), dtype=bool)
        others[index[n]] = False
        for level, dist in enumerate((gap, gap + cv.pt(10), gap + cv.pt(24))):
            rr = r + dist
            for j, (ux, uy) in enumerate(directions):
                # the box centre along (ux, uy), just far enough to clear the marker
                t = rr + min(
                    w / 2 / abs(ux) if abs(ux) > 1e-9 else math.inf,
                    h / 2 / abs(uy) if abs(uy) > 1e-9 else math.inf,
                )
                lx, ly = cx + ux * t, cy + uy * t
                for _ in range(4):  # a corner may still reach the marker: step out
                    nx_ = min(max(cx, lx - w / 2), lx + w / 2)
                    ny_ = min(max(cy, ly - h / 2), ly + h / 2)
                    d = math.hypot(nx_ - cx, ny_ - cy)
                    if d >= rr - 0.5:
                        break
                    lx, ly = lx + ux * (rr - d + 0.5), ly + uy * (rr - d + 0.5)
                align = "left" if ux > 0.3 else "right" if ux < -0.3 else "center"
                rect = np.array([lx - w / 2, ly - h / 2, lx + w / 2, ly + h / 2])
                grown = rect + np.array([-spacing, -spacing, spacing, spacing])
                out = (max(0.0, x0 - rect[0]) + max(0.0, rect[2] - x1)) * h + (
                    max(0.0, y0 - rect[1]) + max(0.0, rect[3] - y1)
                ) * w
                lab = _overlap_area(grown, placed_arr).sum()
                nod = _overlap_area(grown, node_rects[others]).sum() if len(ids) > 1 else 0.0
                if len(edge_points):
                    inside = (
                        (edge_points[:, 0] > rect[0])
                        & (edge_points[:, 0] < rect[2])
                        & (edge_points[:, 1] > rect[1])
                        & (edge_points[:, 1] < rect[3])
                    )
                    # edges crossed, and a little for how much of each is covered
                    crossing = len(np.unique(edge_ids[inside])) + 0.1 * float(inside.sum())
                else:
                    crossing = 0.0
                # in a crowded picture the hubs' labels may sit on other markers
                hard = out + lab + (nod if must_label else 0.0)
                # two labels never overlap while any candidate keeps them apart
                cost = hard * 50 + crossing * 120 + level * 300 + j * 2 + (1e7 if lab > 0 else 0)
                if best is None or cost < best[0]:
                    best = (cost, hard, rect, lx, ly, align, level)
        assert best is not None
        cost, hard, rect, lx, ly, align, level = best
        if hard > 0 and not must_label:
            art.remove()
            continue
        art.set_position((lx, ly))
        art.set_multialignment(align)
        placed.append(rect)
        labelled.append(n)
        if level > 0:  # a leader line from the marker to the label
            bx = min(max(cx, rect[0] + pad), rect[2] - pad)
            by = min(max(cy, rect[1] + pad), rect[3] - pad)
            vx, vy = bx - cx, by - cy
            d = math.hypot(vx, vy) or 1.0
            cv.ax.plot(
                [cx + vx / d * r, bx],
                [cy + vy / d * r, by],
                color=FAINT,
                linewidth=0.6,
                zorder=5,
                solid_capstyle="butt",
            )
    return labelled
