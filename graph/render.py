"""Briefing images: the graph (or a filtered view of it) as a clean PNG, SVG or PDF.

The picture has a title, a subtitle (counts, the articles' dates), a legend of
every entity kind and relation shown, and a footer naming the sources. Node
positions come from :func:`graph.select.layout_positions`, the function the app
uses, so the exported image looks like the view the analyst explored; colours,
markers and line styles come from ``data/vocab/kinds.yaml`` and
``relations.yaml``.

Everything is deterministic: the same graph and options give the same bytes
(no timestamps or software names in the files, a fixed SVG hash salt, a fixed
font). SVG keeps its text as text, so labels can be searched and edited.

Above :data:`LABEL_ALL_LIMIT` entities only the most connected ones are
labelled, and the footer says so.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import math
import textwrap
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from .errors import RelateError
from .select import find_entity, layout_positions, subgraph
from .vocab import load_vocab, norm

__all__ = [
    "FORMATS",
    "LABEL_ALL_LIMIT",
    "parse_names",
    "parse_size",
    "render",
    "render_from_args",
    "render_image",
    "view_title",
]

FORMATS = ("png", "svg", "pdf")
LABEL_ALL_LIMIT = 150  # above this many entities, only the most connected are labelled
MAX_STRETCH = 1.35  # how much wider (or taller) than the app's layout the image may draw it

# Typography and neutral colours (the data colours all come from the vocabulary).
FONT = "DejaVu Sans"
TITLE_PT, SUBTITLE_PT, LABEL_PT, LEGEND_PT, FOOTER_PT = 19, 11, 10, 10, 9
INK, MUTED, FAINT, RULE = "#0f172a", "#475569", "#64748b", "#e2e8f0"
UNKNOWN_COLOUR = "#9ca3af"

_RC = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "svg.fonttype": "none",
    "svg.hashsalt": "relate-briefing",
    "pdf.fonttype": 42,
    "path.simplify": False,
    "text.usetex": False,
    "axes.unicode_minus": False,
}
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None, "Format": None, "Type": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None},
}
_LOCK = threading.Lock()  # rcParams are global: one render at a time


# ------------------------------------------------------------------ options
def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> ``(1920, 1080)``.

    >>> parse_size("1280x720")
    (1280, 720)
    """
    parts = str(text).lower().replace("×", "x").split("x")
    try:
        w, h = (int(p) for p in parts)
    except ValueError:
        raise RelateError(f"size {text!r} is not WIDTHxHEIGHT in pixels, e.g. 1920x1080") from None
    if not (320 <= w <= 16000 and 240 <= h <= 16000):
        raise RelateError(f"size {text!r} is out of range (320x240 to 16000x16000 pixels)")
    return w, h


def parse_names(
    text: str | Iterable[str] | None, valid: dict[str, Any], what: str
) -> list[str] | None:
    """Comma-separated kind or relation names (ids or labels) -> vocabulary ids.

    Raises ``RelateError`` naming the unknown value and listing the valid ones.

    >>> parse_names("accuses, member of", load_vocab().relations, "relation")
    ['accuses', 'member_of']
    """
    if text is None:
        return None
    items = text.split(",") if isinstance(text, str) else list(text)
    lookup: dict[str, str] = {}
    for key, spec in valid.items():
        lookup[norm(key.replace("_", " "))] = key
        lookup[norm(str(spec.get("label", key)))] = key
        lookup[norm(str(spec.get("label", key))) + "s"] = key  # "states", "people"
    if "person" in valid:
        lookup["people"] = "person"
    out: list[str] = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        key = lookup.get(norm(item.replace("_", " ")))
        if key is None:
            raise RelateError(f"unknown {what} {item!r}; choose from {', '.join(valid)}")
        if key not in out:
            out.append(key)
    if not out:
        raise RelateError(f"no {what} given; choose from {', '.join(valid)}")
    return out


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _join(words: Sequence[str], last: str = "and") -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def view_title(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 1,
    kinds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    min_evidence: int = 1,
) -> str:
    """The default title of a view, said in words from its filters.

    >>> G = nx.MultiDiGraph(); G.add_node("state:russia", label="Russia", kind="state")
    >>> view_title(G, focus="russia", relations=["accuses", "denies"])
    'Russia and its direct connections: accuses, denies'
    >>> view_title(G)
    'Who does what to whom'
    """
    vocab = load_vocab()
    if focus:
        centre = find_entity(G, focus)
        name = str(G.nodes[centre].get("label", centre)) if centre else focus
        if hops <= 0:
            title = name
        elif hops == 1:
            title = f"{name} and its direct connections"
        else:
            title = f"{name}: network within {hops} hops"
    else:
        title = "Who does what to whom"
    if kinds is not None:
        names = {"person": "people"}
        kinds = [k for k in vocab.kinds if k in set(kinds)]
        if kinds and len(kinds) < len(vocab.kinds):
            words = [names.get(k, str(vocab.kinds[k]["label"]).lower() + "s") for k in kinds]
            title += " among " + _join(words)
    if relations is not None:
        rels = [r for r in vocab.relations if r in set(relations)]
        if rels and len(rels) < len(vocab.relations):
            title += ": " + ", ".join(str(vocab.relations[r]["label"]) for r in rels)
    if min_evidence > 1:
        title += f" (links with {min_evidence}+ pieces of evidence)"
    return title


# ------------------------------------------------------------------ facts about the view
def _view_documents(G: nx.MultiDiGraph) -> set[str]:
    docs: set[str] = set()
    for _, data in G.nodes(data=True):
        docs.update(data.get("documents") or [])
    for _, _, data in G.edges(data=True):
        docs.update(data.get("documents") or [])
        docs.update(e.get("document") for e in data.get("evidence") or [] if e.get("document"))
    return docs


def _view_sources(G: nx.MultiDiGraph) -> list[str]:
    """Sources of the view's edges, most cited first."""
    count: Counter[str] = Counter()
    for _, _, data in G.edges(data=True):
        for s in data.get("sources") or data.get("documents") or []:
            count[str(s)] += 1
    return [s for s, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0].lower()))]


def _format_day(day: str) -> str:
    try:
        d = _dt.date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{d.day} {d.strftime('%b %Y')}"


def _date_phrase(G: nx.MultiDiGraph) -> str:
    dates = sorted({str(d.get("date"))[:10] for _, _, d in G.edges(data=True) if d.get("date")})
    if not dates:
        return "rendered " + _format_day(_dt.date.today().isoformat())
    if dates[0] == dates[-1]:
        return "articles dated " + _format_day(dates[0])
    return f"articles dated {_format_day(dates[0])} to {_format_day(dates[-1])}"


def _default_subtitle(G: nx.MultiDiGraph, n_articles: int | None) -> str:
    n_docs = len(_view_documents(G))
    parts = [
        _plural(G.number_of_nodes(), "entity", "entities"),
        _plural(G.number_of_edges(), "relation"),
    ]
    if n_articles is not None and n_articles > n_docs:
        parts.append(f"from {n_docs:,} of {_plural(n_articles, 'article')}")
    elif n_docs:
        parts.append("from " + _plural(n_docs, "article"))
    parts.append(_date_phrase(G))
    return " · ".join(parts)


# ------------------------------------------------------------------ geometry helpers
def _px(points: float, dpi: int) -> float:
    return points * dpi / 72.0


def _linestyle(dashes: Any) -> Any:
    if dashes is True:
        return (0, (4.0, 3.0))
    if isinstance(dashes, (list, tuple)) and len(dashes) >= 2:
        return (0, (float(dashes[0]), float(dashes[1])))
    return "solid"


def _line_width(width: Any, big: bool) -> float:
    w = 0.55 + 0.45 * float(width or 1)
    return w * (0.7 if big else 1.0)


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


def _separate(xy: np.ndarray, radius: np.ndarray, box: tuple[float, float, float, float],
              gap: float, rounds: int = 40) -> np.ndarray:
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
        unit = np.where(zero[:, None], np.column_stack([np.cos(angle), np.sin(angle)]),
                        d / np.where(zero, 1.0, dist)[:, None])
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


# ------------------------------------------------------------------ the picture
class _Canvas:
    """A figure whose single axes uses pixel coordinates (origin bottom left)."""

    def __init__(self, size: tuple[int, int], dpi: int) -> None:
        self.W, self.H = size
        self.dpi = dpi
        self.fig = Figure(figsize=(self.W / dpi, self.H / dpi), dpi=dpi,
                          facecolor="white")
        self.agg = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, self.W)
        self.ax.set_ylim(0, self.H)
        self.ax.set_axis_off()
        self.ax.set_facecolor("white")
        self.renderer = self.agg.get_renderer()

    def pt(self, points: float) -> float:
        return _px(points, self.dpi)

    def text(self, x: float, y: float, s: str, **kw: Any):
        kw.setdefault("fontfamily", FONT)
        kw.setdefault("color", INK)
        return self.ax.text(x, y, s, **kw)

    def extent(self, artist) -> tuple[float, float]:
        bb = artist.get_window_extent(self.renderer)
        # window extents are figure pixels; the axes maps 1 unit to 1 pixel
        sx = self.W / self.fig.bbox.width
        sy = self.H / self.fig.bbox.height
        return bb.width * sx, bb.height * sy

    def fit_text(self, s: str, max_width: float, **kw: Any) -> str:
        """Shorten s with an ellipsis until it fits max_width pixels."""
        probe = self.text(0, 0, s, **kw)
        if self.extent(probe)[0] <= max_width:
            probe.remove()
            return s
        lo, hi = 0, len(s)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            probe.set_text(s[:mid].rstrip() + "…")
            if self.extent(probe)[0] <= max_width:
                lo = mid
            else:
                hi = mid - 1
        probe.remove()
        return s[:lo].rstrip() + "…"

    def save(self, fmt: str) -> bytes:
        buf = io.BytesIO()
        self.fig.savefig(buf, format=fmt, dpi=self.dpi, facecolor="white",
                         metadata=_METADATA[fmt])
        return buf.getvalue()


def _wrap_label(label: str, width: int = 18, max_lines: int = 4) -> str:
    lines = textwrap.wrap(label, width=width, break_long_words=False) or [label]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return "\n".join(lines)


def _legend_rows(G: nx.MultiDiGraph, vocab) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    kinds = Counter(str(d.get("kind", "")) for _, d in G.nodes(data=True))
    rels = Counter(str(d.get("relation", k)) for _, _, k, d in G.edges(keys=True, data=True))
    order_k = [k for k in vocab.kinds if kinds.get(k)]
    order_k += sorted(k for k in kinds if k not in vocab.kinds)
    order_r = [r for r in vocab.relations if rels.get(r)]
    order_r += sorted(r for r in rels if r not in vocab.relations)
    return [(k, kinds[k]) for k in order_k], [(r, rels[r]) for r in order_r]


def _kind_style(vocab, kind: str) -> tuple[str, str, str]:
    spec = vocab.kinds.get(kind)
    if spec is None:
        return UNKNOWN_COLOUR, "o", kind or "other"
    return str(spec["colour"]), str(spec.get("marker") or "o"), str(spec["label"])


def _relation_style(vocab, rel: str) -> dict[str, Any]:
    spec = vocab.relations.get(rel)
    if spec is None:
        return {"colour": UNKNOWN_COLOUR, "dashes": False, "width": 1, "directed": True,
                "label": rel}
    return {
        "colour": str(spec["colour"]),
        "dashes": spec.get("dashes", False),
        "width": spec.get("width", 1),
        "directed": bool(spec.get("directed", True)),
        "label": str(spec.get("label", rel)),
    }


# marker scale so that diamonds and triangles look as big as circles of the same size
_MARKER_SCALE = {"o": 1.0, "s": 0.9, "D": 0.85, "^": 1.15, "v": 1.15}


def _draw_legend(cv: _Canvas, G: nx.MultiDiGraph, vocab, x0: float, top: float,
                 width: float) -> float:
    """Draw the legend panel from (x0, top) downwards; return its bottom y."""
    kind_rows, rel_rows = _legend_rows(G, vocab)
    row = cv.pt(LEGEND_PT) * 2.0
    y = top
    swatch = cv.pt(LEGEND_PT) * 2.6
    text_x = x0 + swatch + cv.pt(6)
    room = width - (text_x - x0)

    def header(s: str) -> None:
        nonlocal y
        cv.text(x0, y, s, fontsize=LEGEND_PT, fontweight="bold", color=INK, va="top")
        y -= row * 1.05

    if kind_rows:
        header("Entities")
        for kind, n in kind_rows:
            colour, marker, label = _kind_style(vocab, kind)
            cy = y - row * 0.35
            ms = cv.pt(LEGEND_PT) * 0.72 * _MARKER_SCALE.get(marker, 1.0)
            cv.ax.plot([x0 + swatch / 2], [cy], marker=marker, markersize=ms * 72 / cv.dpi,
                       color=colour, markeredgecolor="white", markeredgewidth=0.8, linestyle="none")
            cv.text(text_x, cy, cv.fit_text(f"{label}  ({n:,})", room, fontsize=LEGEND_PT),
                    fontsize=LEGEND_PT, va="center", color=INK)
            y -= row
        y -= row * 0.45
    if rel_rows:
        header("Relations")
        for rel, n in rel_rows:
            st = _relation_style(vocab, rel)
            cy = y - row * 0.35
            arrow = FancyArrowPatch(
                (x0, cy), (x0 + swatch, cy),
                arrowstyle="-|>,head_length=0.45,head_width=0.25" if st["directed"] else "-",
                mutation_scale=cv.pt(LEGEND_PT) * 72 / cv.dpi * 1.1,
                color=st["colour"], linewidth=_line_width(st["width"], False) + 0.3,
                linestyle=_linestyle(st["dashes"]), shrinkA=0, shrinkB=0,
            )
            cv.ax.add_artist(arrow)
            cv.text(text_x, cy, cv.fit_text(f"{st['label']}  ({n:,})", room, fontsize=LEGEND_PT),
                    fontsize=LEGEND_PT, va="center", color=INK)
            y -= row
        y -= row * 0.45
    if kind_rows:
        notes = ["Size: number of links"]
        if any(_relation_style(vocab, r)["directed"] for r, _ in rel_rows):
            notes.append("Arrow: from actor to target")
        for note in notes:
            cv.text(x0, y, cv.fit_text(note, width, fontsize=FOOTER_PT), fontsize=FOOTER_PT,
                    va="top", color=FAINT)
            y -= cv.pt(FOOTER_PT) * 1.7
    return y


def _legend_width(cv: _Canvas, G: nx.MultiDiGraph, vocab) -> float:
    kind_rows, rel_rows = _legend_rows(G, vocab)
    labels = [f"{_kind_style(vocab, k)[2]}  ({n:,})" for k, n in kind_rows]
    labels += [f"{_relation_style(vocab, r)['label']}  ({n:,})" for r, n in rel_rows]
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
        key=lambda n: (-G.degree(n), -int(G.nodes[n].get("mentions") or 0),
                       str(G.nodes[n].get("label", n)).lower(), n),
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


def _place_labels(
    cv: _Canvas,
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
    node_rects = np.array([
        [xy[n][0] - radius[n], xy[n][1] - radius[n], xy[n][0] + radius[n], xy[n][1] + radius[n]]
        for n in ids
    ]) if ids else np.zeros((0, 4))
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
        art = cv.text(0, 0, text, fontsize=LABEL_PT, ha="center", va="center", color=INK,
                      fontweight="bold" if n in bold else "normal",
                      linespacing=1.1, zorder=6,
                      bbox={"boxstyle": f"round,pad={0.2}", "facecolor": "white",
                            "edgecolor": "none", "alpha": 0.82})
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
                t = rr + min(w / 2 / abs(ux) if abs(ux) > 1e-9 else math.inf,
                             h / 2 / abs(uy) if abs(uy) > 1e-9 else math.inf)
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
                out = (max(0.0, x0 - rect[0]) + max(0.0, rect[2] - x1)) * h \
                    + (max(0.0, y0 - rect[1]) + max(0.0, rect[3] - y1)) * w
                lab = _overlap_area(grown, placed_arr).sum()
                nod = _overlap_area(grown, node_rects[others]).sum() if len(ids) > 1 else 0.0
                if len(edge_points):
                    inside = ((edge_points[:, 0] > rect[0]) & (edge_points[:, 0] < rect[2])
                              & (edge_points[:, 1] > rect[1]) & (edge_points[:, 1] < rect[3]))
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
            cv.ax.plot([cx + vx / d * r, bx], [cy + vy / d * r, by], color=FAINT,
                       linewidth=0.6, zorder=5, solid_capstyle="butt")
    return labelled


def _draw_graph(cv: _Canvas, G: nx.MultiDiGraph, vocab, region: tuple[float, float, float, float]
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
        v: r_min + (r_max - r_min) * math.sqrt(degree[v] / max_deg if max_deg else 0.0)
        for v in G
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
    px = np.column_stack([
        (x0 + x1) / 2 + (raw[:, 0] - centre[0]) * sx,
        (y0 + y1) / 2 + (raw[:, 1] - centre[1]) * sy,
    ])
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
        st = _relation_style(vocab, str(data.get("relation", k)))
        lw = _line_width(st["width"], big)
        head = "-|>,head_length=0.55,head_width=0.28" if st["directed"] else "-"
        patch = FancyArrowPatch(
            tuple(xy[s]), tuple(xy[t]),
            connectionstyle=f"arc3,rad={rad:.4f}",
            arrowstyle=head,
            mutation_scale=(9.0 if not big else 6.0) + lw * 2,
            shrinkA=radius[s] * 72 / cv.dpi + 0.5,
            shrinkB=radius[t] * 72 / cv.dpi + 1.0,
            color=st["colour"], linewidth=lw, linestyle=_linestyle(st["dashes"]),
            alpha=alpha, zorder=2 if st["directed"] else 1, joinstyle="miter",
        )
        cv.ax.add_artist(patch)
        length = float(np.hypot(*(xy[t] - xy[s])))
        samples.append(_bezier(xy[s], xy[t], rad, max(4, min(150, int(length / cv.pt(4))))))
    edge_points = np.concatenate(samples) if samples else np.zeros((0, 2))
    edge_ids = np.repeat(np.arange(len(samples)), [len(p) for p in samples])

    # nodes, one scatter per kind and marker, biggest last so they sit on top
    groups: dict[str, list[str]] = defaultdict(list)
    for v in ids:
        groups[str(G.nodes[v].get("kind", ""))].append(v)
    kind_order = {k: i for i, k in enumerate(vocab.kinds)}
    for kind in sorted(groups, key=lambda k: (kind_order.get(k, 99), k)):
        colour, marker, _ = _kind_style(vocab, kind)
        members = sorted(groups[kind], key=lambda v: (degree[v], v))
        scale = _MARKER_SCALE.get(marker, 1.0)
        sizes = [(2 * marker_radius[v] * scale * 72 / cv.dpi) ** 2 for v in members]
        cv.ax.scatter(
            [xy[v][0] for v in members], [xy[v][1] for v in members], s=sizes, marker=marker,
            c=colour, edgecolors="white", linewidths=1.0 if not big else 0.5, zorder=4,
        )

    # labels
    if big:
        limit = max(10, min(80, int(area / (cv.pt(LABEL_PT) ** 2 * 140))))
    else:
        limit = n
    if focus in xy:  # the entity the view is centred on gets a dark ring
        ring = 2 * radius[focus] * 72 / cv.dpi
        cv.ax.scatter([xy[focus][0]], [xy[focus][1]], s=[ring**2], marker="o",
                      facecolors="none", edgecolors=INK, linewidths=1.4, zorder=3)
    # the hubs and the focus get bold labels
    bold = {v for v in G if degree[v] >= max(3, 0.6 * max_deg)} | ({focus} & set(G))
    labelled = _place_labels(cv, order, G, xy, radius, region, edge_points, edge_ids,
                             must_label=not big, limit=limit, bold=bold)
    return len(labelled), n


def _sources_line(cv: _Canvas, sources: list[str], width: float) -> str:
    if not sources:
        return "Sources: none cited"
    for shown in range(len(sources), 0, -1):
        rest = len(sources) - shown
        text = "Sources: " + ", ".join(sources[:shown])
        if rest:
            text += f" and {rest:,} more"
        probe = cv.text(0, 0, text, fontsize=FOOTER_PT)
        fits = cv.extent(probe)[0] <= width
        probe.remove()
        if fits:
            return text
    return cv.fit_text(f"Sources: {sources[0]} and {len(sources) - 1:,} more", width,
                       fontsize=FOOTER_PT)


def _compose(
    G: nx.MultiDiGraph,
    *,
    title: str,
    subtitle: str,
    size: tuple[int, int],
    dpi: int,
    sources: list[str],
) -> _Canvas:
    vocab = load_vocab()
    cv = _Canvas(size, dpi)
    W, H = cv.W, cv.H
    margin = max(cv.pt(14), min(W, H) * 0.03)
    # header
    top = H - margin
    cv.text(margin, top, cv.fit_text(title, W - 2 * margin, fontsize=TITLE_PT, fontweight="bold"),
            fontsize=TITLE_PT, fontweight="bold", va="top", color=INK)
    sub_y = top - cv.pt(TITLE_PT) * 1.45
    cv.text(margin, sub_y, cv.fit_text(subtitle, W - 2 * margin, fontsize=SUBTITLE_PT),
            fontsize=SUBTITLE_PT, va="top", color=MUTED)
    header_bottom = sub_y - cv.pt(SUBTITLE_PT) * 1.3 - cv.pt(6)
    cv.ax.plot([margin, W - margin], [header_bottom, header_bottom], color=RULE, linewidth=0.8)

    # footer (text filled in after the graph, when the label count is known)
    foot_line = margin + cv.pt(FOOTER_PT) * 1.6
    foot_rule = foot_line + cv.pt(FOOTER_PT) * 1.5
    cv.ax.plot([margin, W - margin], [foot_rule, foot_rule], color=RULE, linewidth=0.8)

    graph_top = header_bottom - cv.pt(8)
    graph_bottom = foot_rule + cv.pt(6)
    if G.number_of_nodes() == 0:
        cv.text(W / 2, (graph_top + graph_bottom) / 2, "No entities match these filters",
                fontsize=SUBTITLE_PT + 3, ha="center", va="center", color=MUTED)
        cv.text(W / 2, (graph_top + graph_bottom) / 2 - cv.pt(SUBTITLE_PT) * 2.2,
                "Widen the focus, add kinds or relations, or lower the evidence threshold.",
                fontsize=SUBTITLE_PT, ha="center", va="center", color=FAINT)
        labelled = total = 0
    else:
        legend_w = _legend_width(cv, G, vocab)
        legend_x = W - margin - legend_w
        cv.ax.plot([legend_x - cv.pt(10)] * 2, [graph_bottom + cv.pt(4), graph_top - cv.pt(4)],
                   color=RULE, linewidth=0.8)
        _draw_legend(cv, G, vocab, legend_x, graph_top - cv.pt(2), legend_w)
        region = (margin, graph_bottom, legend_x - cv.pt(22), graph_top)
        labelled, total = _draw_graph(cv, G, vocab, region)

    credit = ("Made with Relate · relations extracted automatically;"
              " check the evidence before quoting")
    note = ""
    if total and labelled < total:
        note = (f"Labels shown for {labelled:,} of the {_plural(total, 'entity', 'entities')}"
                " (the most connected)")
    right = note or credit
    probe = cv.text(W - margin, foot_line, right, fontsize=FOOTER_PT, ha="right", va="baseline",
                    color=FAINT if not note else MUTED)
    right_w = cv.extent(probe)[0]
    cv.text(margin, foot_line, _sources_line(cv, sources, W - 2 * margin - right_w - cv.pt(24)),
            fontsize=FOOTER_PT, va="baseline", color=MUTED)
    if note:
        cv.text(W - margin, margin, credit, fontsize=FOOTER_PT - 1.5, ha="right", va="baseline",
                color=FAINT)
    return cv


def render_image(
    G: nx.MultiDiGraph,
    fmt: str = "png",
    *,
    title: str | None = None,
    subtitle: str | None = None,
    size: tuple[int, int] = (1920, 1080),
    dpi: int = 150,
    n_articles: int | None = None,
    sources: list[str] | None = None,
) -> bytes:
    """The briefing image of a graph view, as PNG, SVG or PDF bytes.

    Parameters
    ----------
    G : the view to draw (already filtered, e.g. by :func:`graph.select.subgraph`).
    fmt : ``"png"``, ``"svg"`` or ``"pdf"``.
    title : default "Who does what to whom"; see :func:`view_title` for one from filters.
    subtitle : what the view shows (its filters, say), added after the facts the subtitle
        always gives: counts of entities, relations and articles, and the articles' dates
        (today's date when the articles have none).
    size : (width, height) in pixels; ``dpi`` sets how big text and lines are in them.
    n_articles : articles in the whole corpus, to say "from 3 of 40 articles".
    sources : outlet names for the footer; default the sources cited by the view's edges.

    Returns
    -------
    bytes : the file content; the same inputs always give the same bytes.

    Raises
    ------
    RelateError : unknown format or a size or dpi out of range.

    Notes
    -----
    Positions come from :func:`graph.select.layout_positions` of G. When
    ``G.graph["focus"]`` names a node (as :func:`render` sets it), that entity is
    ringed and its label is bold.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("state:russia", label="Russia", kind="state")
    >>> render_image(G, "svg")[:5]
    b'<?xml'
    """
    fmt = str(fmt).lower().lstrip(".")
    if fmt not in FORMATS:
        raise RelateError(f"unknown image format {fmt!r}; choose from {', '.join(FORMATS)}")
    w, h = (int(v) for v in size)
    if not (320 <= w <= 16000 and 240 <= h <= 16000):
        raise RelateError(f"size {w}x{h} is out of range (320x240 to 16000x16000 pixels)")
    if not 50 <= int(dpi) <= 1200:
        raise RelateError(f"dpi {dpi} is out of range (50 to 1200)")
    title = title or "Who does what to whom"
    facts = _default_subtitle(G, n_articles)
    subtitle = f"{facts} · {subtitle}" if subtitle else facts
    sources = list(sources) if sources is not None else _view_sources(G)
    with _LOCK, matplotlib.rc_context(_RC):
        cv = _compose(G, title=title, subtitle=subtitle, size=(w, h), dpi=int(dpi),
                      sources=sources)
        return cv.save(fmt)


def _format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise RelateError(f"{path}: unknown image format {path.suffix or '(none)'!r}; "
                          f"choose from {', '.join('.' + f for f in FORMATS)}")
    return fmt


def render(
    G: nx.MultiDiGraph,
    out: str | Path,
    *,
    focus: str | None = None,
    hops: int = 1,
    kinds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    min_evidence: int = 1,
    title: str | None = None,
    size: tuple[int, int] = (1920, 1080),
    dpi: int = 150,
    n_articles: int | None = None,
) -> Path:
    """Filter G as the app does, draw the view and write it to ``out`` (.png .svg .pdf).

    The format follows the suffix; the file is written atomically. Raises
    ``RelateError`` for an unknown suffix or a ``focus`` that names no entity.
    """
    from .export import atomic_write

    out = Path(out)
    fmt = _format_of(out)
    if focus and find_entity(G, focus) is None:
        raise RelateError(f"no entity named {focus!r} in the graph")
    view = subgraph(G, focus=focus, hops=hops, kinds=kinds, relations=relations,
                    min_evidence=min_evidence)
    if focus and find_entity(view, focus) is not None:
        view.graph["focus"] = find_entity(view, focus)
    if title is None:
        title = view_title(G, focus=focus, hops=hops, kinds=kinds, relations=relations,
                           min_evidence=min_evidence)
    data = render_image(view, fmt, title=title, size=size, dpi=dpi, n_articles=n_articles)
    return atomic_write(out, data)


def render_from_args(args: argparse.Namespace) -> Path:
    """The ``render`` subcommand: build (or read ``--graph``), filter, draw, write."""
    vocab = load_vocab()
    kinds = parse_names(args.kinds, vocab.kinds, "kind")
    relations = parse_names(args.relations, vocab.relations, "relation")
    size = parse_size(args.size)
    _format_of(Path(args.out))
    if args.hops < 0:
        raise RelateError(f"--hops {args.hops} must be 0 or more")
    extra = getattr(args, "input_dirs", None) or []
    if args.graph and (args.inputs or extra):
        raise RelateError("--graph and INPUT/--input cannot be used together: "
                          "render one or the other")
    n_articles = None
    if args.graph:
        from .export import read_graph

        if not Path(args.graph).is_file():
            raise RelateError(f"{args.graph}: no such graph file")
        G = read_graph(args.graph)
    else:
        from .cli import load_corpus_graph

        if extra:
            args.inputs = [*(args.inputs or []), *extra]
        result = load_corpus_graph(args)
        G = result.graph
        n_articles = len(result.articles)
    return render(G, args.out, focus=args.focus, hops=args.hops, kinds=kinds,
                  relations=relations, min_evidence=args.min_evidence, title=args.title,
                  size=size, dpi=args.dpi, n_articles=n_articles)
