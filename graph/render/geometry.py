"""Plane geometry for the briefing image: curves, close pairs, pushing overlapping
markers apart and rectangle overlaps (numpy arrays in pixels)."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

__all__: list[str] = []


def _bezier(p0: np.ndarray, p1: np.ndarray, rad: float, n: int) -> np.ndarray:
    """Points along matplotlib's ``arc3`` curve from p0 to p1."""
    mid = (p0 + p1) / 2
    d = p1 - p0
    ctrl = mid + rad * np.array([d[1], -d[0]])
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) ** 2 * p0 + 2 * (1 - t) * t * ctrl + t**2 * p1


def _close_pairs(xy: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points that may lie within ``reach`` (a grid of cells)."""
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    keys = np.floor(xy / reach).astype(int)
    for i, (cx, cy) in enumerate(keys.tolist()):
        cells[(cx, cy)].append(i)
    first: list[int] = []
    second: list[int] = []
    for (cx, cy), members in cells.items():
        for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
            other = members if (dx, dy) == (0, 0) else cells.get((cx + dx, cy + dy))
            if not other:
                continue
            for a in members:
                for b in other:
                    if (dx, dy) != (0, 0) or a < b:
                        first.append(min(a, b))
                        second.append(max(a, b))
    return np.array(first, dtype=int), np.array(second, dtype=int)


def _separate(
    xy: np.ndarray,
    radius: np.ndarray,
    box: tuple[float, float, float, float],
    gap: float,
    rounds: int = 40,
) -> np.ndarray:
    """Push apart nodes whose markers touch; a deterministic, minimal correction."""
    x0, y0, x1, y1 = box
    xy = xy.copy()
    n = len(xy)
    if n < 2:
        return xy
    reach = 2 * float(radius.max()) + gap
    for _ in range(rounds):
        i, j = _close_pairs(xy, reach)
        if not len(i):
            break
        d = xy[i] - xy[j]
        dist = np.hypot(d[:, 0], d[:, 1])
        overlap = radius[i] + radius[j] + gap - dist
        hit = overlap > 0.5
        if not hit.any():
            break
        i, j, d, dist, overlap = i[hit], j[hit], d[hit], dist[hit], overlap[hit]
        # coincident nodes part along a fixed, index-dependent direction
        angle = (i * 2.399963 + j) % (2 * math.pi)
        zero = dist < 1e-9
        unit = np.where(
            zero[:, None],
            np.column_stack([np.cos(angle), np.sin(angle)]),
            d / np.where(zero, 1.0, dist)[:, None],
        )
        step = unit * ((overlap / 2 + 0.5) * 0.5)[:, None]
        move = np.zeros_like(xy)
        np.add.at(move, i, step)
        np.add.at(move, j, -step)
        xy += move
        xy[:, 0] = np.clip(xy[:, 0], x0 + radius, x1 - radius)
        xy[:, 1] = np.clip(xy[:, 1], y0 + radius, y1 - radius)
    return xy


def _overlap_area(rect: np.ndarray, rects: np.ndarray) -> np.ndarray:
    """Overlap areas of one rect (x0, y0, x1, y1) with many."""
    if len(rects) == 0:
        return np.zeros(0)
    w = np.minimum(rect[2], rects[:, 2]) - np.maximum(rect[0], rects[:, 0])
    h = np.minimum(rect[3], rects[:, 3]) - np.maximum(rect[1], rects[:, 1])
    return np.clip(w, 0, None) * np.clip(h, 0, None)
