"""The current view as a file to download: the graph formats through the writers of
:mod:`graph.export`, the interactive page and the briefing image."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import RelateError
from ..export import csv_paths, write_graph
from ..render import render_image, view_title
from ..select import community_legend
from ..style import community_colour
from ..vocab import slug
from .filters import ViewFilters, describe_filters
from .page import view_html
from .tables import claims_table

__all__ = ["DOWNLOAD_FORMATS", "DownloadContext", "download_context", "generate_download"]

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


def _written(G: nx.MultiDiGraph, suffix: str) -> dict[str, bytes]:
    """The files :func:`graph.export.write_graph` writes for ``view<suffix>``, by name."""
    with tempfile.TemporaryDirectory(prefix="relate-download-") as tmp:
        path = Path(tmp) / f"view{suffix}"
        write_graph(G, path)
        paths = csv_paths(path) if suffix == ".csv" else (path,)
        return {p.name: p.read_bytes() for p in paths}


def _graph_file(suffix: str) -> Callable[..., bytes]:
    def make(G: nx.MultiDiGraph, **_: Any) -> bytes:
        return _written(G, suffix)[f"view{suffix}"]

    return make


def _csv_zip(G: nx.MultiDiGraph, **_: Any) -> bytes:
    nodes_path, edges_path = csv_paths("view.csv")
    tables = _written(G, ".csv")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nodes.csv", tables[nodes_path.name].decode("utf-8"))
        zf.writestr("edges.csv", tables[edges_path.name].decode("utf-8"))
        zf.writestr("claims.csv", _rows_csv(claims_table(G)))
    return buf.getvalue()


def _page(
    G: nx.MultiDiGraph,
    *,
    title: str | None,
    subtitle: str | None,
    physics: bool,
    highlight: Iterable[str],
    **_: Any,
) -> bytes:
    page = view_html(
        G,
        physics=physics,
        height="100vh",
        title=title,
        caption=subtitle or title,
        highlight=highlight,
    )
    return page.encode("utf-8")


def _image(
    G: nx.MultiDiGraph,
    *,
    title: str | None,
    focus: str | None,
    n_articles: int | None,
    communities: Mapping[str, int] | None = None,
    date_range: str | None = None,
    **_: Any,
) -> bytes:
    H = G.copy()
    if focus and focus in H:
        H.graph["focus"] = focus
    if communities is not None:
        H.graph["node_colours"] = {n: community_colour(communities.get(n)) for n in H}
        H.graph["community_legend"] = community_legend(H, dict(communities), limit=8)
    subtitle = f"reported {date_range}" if date_range else None
    return render_image(H, fmt="png", title=title, subtitle=subtitle, n_articles=n_articles)


# format -> what makes its bytes; the graph formats are the export's own writers
_MAKERS: dict[str, Callable[..., bytes]] = {
    "graphml": _graph_file(".graphml"),
    "gexf": _graph_file(".gexf"),
    "json": _graph_file(".json"),
    "csv": _csv_zip,
    "html": _page,
    "png": _image,
}


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
    communities: Mapping[str, int] | None = None,
    date_range: str | None = None,
) -> bytes:
    """The current view as a file: one of :data:`DOWNLOAD_FORMATS`.

    ``graphml``, ``gexf`` and ``json`` are the files :func:`graph.export.write_graph`
    writes; ``csv`` is a zip holding its ``nodes.csv`` and ``edges.csv`` and the
    claims table as ``claims.csv``; ``html`` is :func:`~graph.view.view_html` as a
    standalone page; ``png`` is the briefing image of
    :func:`graph.render.render_image`, where ``focus`` and ``n_articles`` make it the
    image ``python -m graph render`` draws for the same view (title, focus ring, counts);
    ``communities`` (node -> number) colour its entities by community, with a legend
    naming them, and ``date_range`` (its words, "2024-03-01 to 2024-03-31") goes in its
    subtitle. Reviewed edges keep their ``reviewed`` marks in every format.

    Raises
    ------
    RelateError
        For an unknown format.

    Examples
    --------
    >>> G = nx.MultiDiGraph(); G.add_node("state:ruritania", label="Ruritania", kind="state")
    >>> generate_download(G, "json")[:1]
    b'{'
    """
    make = _MAKERS.get(fmt)
    if make is None:
        raise RelateError(
            f"unknown download format {fmt!r}; use one of {', '.join(DOWNLOAD_FORMATS)}"
        )
    return make(
        G,
        title=title,
        subtitle=subtitle,
        physics=physics,
        highlight=highlight,
        focus=focus,
        n_articles=n_articles,
        communities=communities,
        date_range=date_range,
    )


@dataclass(frozen=True)
class DownloadContext:
    """What the downloads of a view are called and say: the image's ``title``, a
    ``subtitle`` naming the filters, the corpus's ``n_articles`` and the file ``stem``."""

    title: str
    subtitle: str
    n_articles: int
    stem: str


def download_context(G: nx.MultiDiGraph, f: ViewFilters) -> DownloadContext:
    """The names of the downloads of the view ``f`` selects from the corpus graph G:
    the title :func:`graph.render.view_title` gives the same filters, and a stem
    naming the focus.

    >>> G = nx.MultiDiGraph(); G.add_node("state:ruritania", label="Ruritania", documents=["a"])
    >>> download_context(G, ViewFilters(focus="state:ruritania")).stem
    'relate-ruritania'
    """
    title = view_title(
        G,
        focus=f.focus,
        hops=f.hops,
        kinds=f.kinds,
        relations=f.relations,
        min_evidence=f.min_evidence,
    )
    n_articles = len({doc for _, d in G.nodes(data=True) for doc in d.get("documents") or []})
    name = slug(str(G.nodes[f.focus].get("label", f.focus))) if f.focus in G else "view"
    return DownloadContext(title, describe_filters(f, G), n_articles, "relate-" + name)
