"""A whole briefing image: header, the drawn view with its legend, footer; and the
files: :func:`render_image` gives bytes, :func:`render` filters a graph as the app
does and writes the image of the view."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import matplotlib
import networkx as nx

from ..errors import RelateError
from ..export import atomic_write
from ..search import find_entity
from ..select import AUTO_HIDE, drop_isolated, subgraph
from ..vocab import load_vocab
from .canvas import (
    _LOCK,
    _RC,
    FAINT,
    FOOTER_PT,
    INK,
    MUTED,
    RULE,
    SUBTITLE_PT,
    TITLE_PT,
    Canvas,
)
from .draw import _draw_graph, _draw_legend, _legend_width
from .text import _default_subtitle, _plural, _view_sources, view_title

__all__ = ["FORMATS", "briefing_view", "image_format", "render", "render_image"]

FORMATS = ("png", "svg", "pdf")


def _sources_line(cv: Canvas, sources: list[str], width: float) -> str:
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
    return cv.fit_text(
        f"Sources: {sources[0]} and {len(sources) - 1:,} more", width, fontsize=FOOTER_PT
    )


def _compose(
    G: nx.MultiDiGraph,
    *,
    title: str,
    subtitle: str,
    size: tuple[int, int],
    dpi: int,
    sources: list[str],
) -> Canvas:
    vocab = load_vocab()
    cv = Canvas(size, dpi)
    W, H = cv.W, cv.H
    margin = max(cv.pt(14), min(W, H) * 0.03)
    # header
    top = H - margin
    cv.text(
        margin,
        top,
        cv.fit_text(title, W - 2 * margin, fontsize=TITLE_PT, fontweight="bold"),
        fontsize=TITLE_PT,
        fontweight="bold",
        va="top",
        color=INK,
    )
    sub_y = top - cv.pt(TITLE_PT) * 1.45
    cv.text(
        margin,
        sub_y,
        cv.fit_text(subtitle, W - 2 * margin, fontsize=SUBTITLE_PT),
        fontsize=SUBTITLE_PT,
        va="top",
        color=MUTED,
    )
    header_bottom = sub_y - cv.pt(SUBTITLE_PT) * 1.3 - cv.pt(6)
    cv.ax.plot([margin, W - margin], [header_bottom, header_bottom], color=RULE, linewidth=0.8)

    # footer (text filled in after the graph, when the label count is known)
    foot_line = margin + cv.pt(FOOTER_PT) * 1.6
    foot_rule = foot_line + cv.pt(FOOTER_PT) * 1.5
    cv.ax.plot([margin, W - margin], [foot_rule, foot_rule], color=RULE, linewidth=0.8)

    graph_top = header_bottom - cv.pt(8)
    graph_bottom = foot_rule + cv.pt(6)
    if G.number_of_nodes() == 0:
        cv.text(
            W / 2,
            (graph_top + graph_bottom) / 2,
            "No entities match these filters",
            fontsize=SUBTITLE_PT + 3,
            ha="center",
            va="center",
            color=MUTED,
        )
        cv.text(
            W / 2,
            (graph_top + graph_bottom) / 2 - cv.pt(SUBTITLE_PT) * 2.2,
            "Widen the focus, add kinds or relations, or lower the evidence threshold.",
            fontsize=SUBTITLE_PT,
            ha="center",
            va="center",
            color=FAINT,
        )
        labelled = total = 0
    else:
        legend_w = _legend_width(cv, G, vocab)
        legend_x = W - margin - legend_w
        cv.ax.plot(
            [legend_x - cv.pt(10)] * 2,
            [graph_bottom + cv.pt(4), graph_top - cv.pt(4)],
            color=RULE,
            linewidth=0.8,
        )
        _draw_legend(cv, G, vocab, legend_x, graph_top - cv.pt(2), legend_w)
        region = (margin, graph_bottom, legend_x - cv.pt(22), graph_top)
        labelled, total = _draw_graph(cv, G, vocab, region)

    credit = (
        "Made with Relate · relations extracted automatically; check the evidence before quoting"
    )
    note = ""
    if total and labelled < total:
        note = (
            f"Labels shown for {labelled:,} of the {_plural(total, 'entity', 'entities')}"
            " (the most connected)"
        )
    right = note or credit
    probe = cv.text(
        W - margin,
        foot_line,
        right,
        fontsize=FOOTER_PT,
        ha="right",
        va="baseline",
        color=FAINT if not note else MUTED,
    )
    right_w = cv.extent(probe)[0]
    cv.text(
        margin,
        foot_line,
        _sources_line(cv, sources, W - 2 * margin - right_w - cv.pt(24)),
        fontsize=FOOTER_PT,
        va="baseline",
        color=MUTED,
    )
    if note:
        cv.text(
            W - margin,
            margin,
            credit,
            fontsize=FOOTER_PT - 1.5,
            ha="right",
            va="baseline",
            color=FAINT,
        )
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
        cv = _compose(G, title=title, subtitle=subtitle, size=(w, h), dpi=int(dpi), sources=sources)
        return cv.save(fmt)


def image_format(path: Path) -> str:
    """The image format a file name asks for, from its suffix.

    >>> image_format(Path("briefing.SVG"))
    'svg'

    Raises
    ------
    RelateError : for a suffix other than .png, .svg or .pdf.
    """
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise RelateError(
            f"{path}: unknown image format {path.suffix or '(none)'!r}; "
            f"choose from {', '.join('.' + f for f in FORMATS)}"
        )
    return fmt


def briefing_view(
    G: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    hops: int = 1,
    kinds: Iterable[str] | None = None,
    relations: Iterable[str] | None = None,
    min_evidence: int = 1,
    hide_isolated: bool | None = None,
) -> nx.MultiDiGraph:
    """The view a briefing image draws: G filtered as the app filters it; entities the
    filters leave unconnected hidden when there are more than :data:`AUTO_HIDE` of them
    (``hide_isolated`` None), always (True) or never (False). Raises ``RelateError`` for
    a ``focus`` that names no entity."""
    if focus and find_entity(G, focus) is None:
        raise RelateError(f"no entity named {focus!r} in the graph")
    view = subgraph(
        G, focus=focus, hops=hops, kinds=kinds, relations=relations, min_evidence=min_evidence
    )
    if hide_isolated is None:
        hide_isolated = view.number_of_nodes() > AUTO_HIDE
    if hide_isolated:
        drop_isolated(view, keep=find_entity(view, focus) if focus else None)
    if focus and find_entity(view, focus) is not None:
        view.graph["focus"] = find_entity(view, focus)
    return view


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
    hide_isolated: bool | None = None,
) -> Path:
    """Filter G as the app does, draw the view and write it to ``out`` (.png .svg .pdf).

    The format follows the suffix; the file is written atomically. Raises
    ``RelateError`` for an unknown suffix or a ``focus`` that names no entity.
    ``hide_isolated`` None hides entities the filters leave unconnected when there
    are more than :data:`graph.select.AUTO_HIDE` of them, as the app's overview does.
    """
    out = Path(out)
    fmt = image_format(out)
    view = briefing_view(
        G,
        focus=focus,
        hops=hops,
        kinds=kinds,
        relations=relations,
        min_evidence=min_evidence,
        hide_isolated=hide_isolated,
    )
    if title is None:
        title = view_title(
            G, focus=focus, hops=hops, kinds=kinds, relations=relations, min_evidence=min_evidence
        )
    data = render_image(view, fmt, title=title, size=size, dpi=dpi, n_articles=n_articles)
    return atomic_write(out, data)
