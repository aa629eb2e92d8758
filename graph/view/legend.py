"""The legend of the interactive page: one row per kind and relation in the view,
with a small SVG swatch drawn in its style (:mod:`graph.style`)."""

from __future__ import annotations

import html
from typing import Any

import networkx as nx

from ..style import kind_style, legend_rows, relation_style
from ..vocab import Vocab
from .text import plain_text

__all__ = ["legend_html"]


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
    return (
        f'<svg width="38" height="12" viewBox="0 0 38 12" aria-hidden="true">'
        f'<line x1="1" y1="6" x2="{end}" y2="6" stroke="{c}" stroke-width="{max(1, int(width))}"{dash}/>'
        f"{head}</svg>"
    )


def legend_html(G: nx.MultiDiGraph, vocab: Vocab | None = None) -> str:
    """The page's legend of what the view draws (empty for an empty view).

    One row per kind and relation in the view, as :func:`graph.style.legend_rows`
    lists them, with its count; the briefing image's legend has the same rows.
    """
    kind_rows, relation_rows = legend_rows(G, vocab)
    rows = []
    for kind, n in kind_rows:
        st = kind_style(kind, vocab)
        rows.append(
            f'<div class="lg-row">{_shape_svg(st.shape, st.colour)}'
            f"<span>{html.escape(plain_text(st.label))}</span><b>{n}</b></div>"
        )
    rel_rows = []
    for rel, n in relation_rows:
        st = relation_style(rel, vocab)
        rel_rows.append(
            f'<div class="lg-row">{_line_svg(st.colour, st.dashes, st.width, st.directed)}'
            f"<span>{html.escape(plain_text(st.label))}</span><b>{n}</b></div>"
        )
    if not rows and not rel_rows:
        return ""
    return (
        '<details id="legend" open><summary>Legend</summary>'
        + "".join(rows)
        + ('<div class="lg-sep"></div>' if rel_rows else "")
        + "".join(rel_rows)
        + '<div class="lg-note">Size: connections in this view. Thicker edge: more evidence. '
        "Hover for quotes; click to light up neighbours.</div></details>"
    )
