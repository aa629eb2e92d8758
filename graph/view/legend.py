"""The legend of the interactive page: one row per kind and relation in the view,
with a small SVG swatch drawn in its style (:mod:`graph.style`)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import networkx as nx

from ..style import REVIEW_COLOUR, community_colour, kind_style, legend_rows, relation_style
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


def _row(swatch: str, text: str, n: int | str) -> str:
    return (
        f'<div class="lg-row">{swatch}<span>{html.escape(plain_text(text))}</span><b>{n}</b></div>'
    )


def legend_html(
    G: nx.MultiDiGraph,
    vocab: Vocab | None = None,
    *,
    communities: Sequence[tuple[int, str, int]] | None = None,
) -> str:
    """The page's legend of what the view draws (empty for an empty view).

    One row per kind and relation in the view, as :func:`graph.style.legend_rows`
    lists them, with its count; the briefing image's legend has the same rows.
    With ``communities`` (``(number, name, size)`` rows, colour-by-community mode)
    the kinds are shapes in grey and each community has a row in its colour, named by
    its most connected members. Edges an analyst reviewed get a row of their own.
    """
    kind_rows, relation_rows = legend_rows(G, vocab)
    rows = []
    if communities is not None:
        rows.append('<div class="lg-h">Communities</div>')
        for number, name, size in communities:
            rows.append(_row(_shape_svg("dot", community_colour(number)), name, size))
        if len(communities) == 0:
            rows.append('<div class="lg-note">No community of two or more in this view.</div>')
        rows.append('<div class="lg-sep"></div>')
    for kind, n in kind_rows:
        st = kind_style(kind, vocab)
        colour = "#94a3b8" if communities is not None else st.colour
        rows.append(_row(_shape_svg(st.shape, colour), st.label, n))
    rel_rows = []
    for rel, n in relation_rows:
        st = relation_style(rel, vocab)
        rel_rows.append(_row(_line_svg(st.colour, st.dashes, st.width, st.directed), st.label, n))
    reviewed = sum(1 for _, _, d in G.edges(data=True) if d.get("reviewed"))
    if reviewed:
        tick = (
            '<svg width="38" height="12" viewBox="0 0 38 12" aria-hidden="true">'
            f'<text x="14" y="11" font-size="13" fill="{REVIEW_COLOUR}">✓</text></svg>'
        )
        rel_rows.append(_row(tick, "reviewed by an analyst", reviewed))
    if not rows and not rel_rows:
        return ""
    return (
        '<details id="legend" open><summary>Legend</summary>'
        + "".join(rows)
        + ('<div class="lg-sep"></div>' if rel_rows else "")
        + "".join(rel_rows)
        + '<div class="lg-note">Size: connections in this view. Thicker edge: more evidence. '
        "Names: the most connected, the picked and the searched; zoom in for more. "
        "Hover for quotes; click to light up neighbours.</div></details>"
    )
