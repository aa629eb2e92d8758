"""The drawing surface of a briefing image: a matplotlib figure in pixel units,
its typography, neutral colours and line styles (no layout, no data).

Everything is deterministic: no timestamps or software names in the files, a
fixed SVG hash salt and a fixed font, so the same drawing gives the same bytes.
"""

from __future__ import annotations

import io
import textwrap
import threading
from typing import Any

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

__all__ = [
    "FAINT",
    "FONT",
    "FOOTER_PT",
    "INK",
    "LABEL_PT",
    "LEGEND_PT",
    "MUTED",
    "RULE",
    "SUBTITLE_PT",
    "TITLE_PT",
    "Canvas",
]

# Typography and neutral colours (the data colours all come from the vocabulary).
FONT = "DejaVu Sans"
TITLE_PT, SUBTITLE_PT, LABEL_PT, LEGEND_PT, FOOTER_PT = 19, 11, 10, 10, 9
INK, MUTED, FAINT, RULE = "#0f172a", "#475569", "#64748b", "#e2e8f0"

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


_MARKER_SCALE = {"o": 1.0, "s": 0.9, "D": 0.85, "^": 1.15, "v": 1.15}


class Canvas:
    """A figure whose single axes uses pixel coordinates (origin bottom left)."""

    def __init__(self, size: tuple[int, int], dpi: int) -> None:
        self.W, self.H = size
        self.dpi = dpi
        self.fig = Figure(figsize=(self.W / dpi, self.H / dpi), dpi=dpi, facecolor="white")
        self.agg = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, self.W)
        self.ax.set_ylim(0, self.H)
        self.ax.set_axis_off()
        self.ax.set_facecolor("white")
        self.renderer = self.agg.get_renderer()

    def pt(self, points: float) -> float:
        """Points (1/72 inch) in pixels at this canvas's dpi."""
        return _px(points, self.dpi)

    def text(self, x: float, y: float, s: str, **kw: Any) -> Text:
        """Text at pixel (x, y), in the image's font and ink unless ``kw`` says otherwise."""
        kw.setdefault("fontfamily", FONT)
        kw.setdefault("color", INK)
        return self.ax.text(x, y, s, **kw)

    def extent(self, artist: Artist) -> tuple[float, float]:
        """The width and height of a drawn artist, in pixels."""
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
        """The drawing as PNG, SVG or PDF bytes, with no date or software name in them."""
        buf = io.BytesIO()
        self.fig.savefig(buf, format=fmt, dpi=self.dpi, facecolor="white", metadata=_METADATA[fmt])
        return buf.getvalue()


def _wrap_label(label: str, width: int = 18, max_lines: int = 4) -> str:
    lines = textwrap.wrap(label, width=width, break_long_words=False) or [label]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;:") + "…"
    return "\n".join(lines)
