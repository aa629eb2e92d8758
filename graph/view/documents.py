"""The documents behind the app: the articles table, where each quote comes from, and
the file types an analyst may upload.

A document's metadata is untrusted like its text: every field shown passes through
:func:`~graph.view.text.plain_text`, and an address is kept only when it is a plain
``http``/``https`` address (:func:`safe_address`), so no ``javascript:`` or ``data:``
address can become a link. Nothing is fetched: an address is shown as text, or as a
link the analyst may click.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..ingest import DOCUMENT_SUFFIXES
from .text import plain_text

__all__ = [
    "ARTICLE_COLUMNS",
    "UPLOAD_TYPES",
    "article_rows",
    "cite",
    "origin_text",
    "quote_origin",
    "safe_address",
]

UPLOAD_TYPES = [s.lstrip(".") for s in DOCUMENT_SUFFIXES]
"""The suffixes the uploader takes (without the dot): every document type ingest reads."""

ARTICLE_COLUMNS = [
    "title",
    "outlet",
    "date",
    "address",
    "author",
    "format",
    "entities",
    "file",
    "article",
]
"""The columns of the articles table the app shows, in order."""

# an address as a browser would take it: http(s), a host, no space, quote, angle bracket
# or backslash anywhere (ingest already keeps only web addresses; this checks again)
_ADDRESS = re.compile(r"https?://[^\s/?#\\\"'<>`]+(?:[/?#][^\s\\\"'<>`]*)?", re.IGNORECASE)


def safe_address(value: Any) -> str:
    """``value`` when it is a plain ``http``/``https`` address, else ``""``.

    >>> safe_address("https://news.example/a?b=1"), safe_address("javascript:alert(1)")
    ('https://news.example/a?b=1', '')
    >>> safe_address("https://x.example/<script>"), safe_address(None)
    ('', '')
    """
    text = "" if value is None else str(value).strip()
    if len(text) > 2000 or not _ADDRESS.fullmatch(text):
        return ""
    return text


def _field(obj: Any, name: str) -> str:
    """An attribute of an :class:`~graph.ingest.Article`, or a key of a metadata dict."""
    value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
    return "" if value is None else str(value)


def quote_origin(
    ev: Mapping[str, Any], articles: Mapping[str, Any] | None = None
) -> dict[str, str]:
    """Where a quote comes from: ``outlet``, ``date``, ``url``, ``title`` and ``article``.

    Evidence from a document with publication metadata carries its outlet, date and
    address; for the rest (plain-text articles) they come from the article of that
    id in ``articles`` (id -> :class:`~graph.ingest.Article` or metadata dict): the
    outlet of its ``Source:`` line, its date. Every value is safe to show; an unknown
    one is ``""``.

    >>> from graph.ingest import parse_article
    >>> art = parse_article("Dam talks\\n\\nSource: Example Wire\\nDate: 2024-05-02\\n", "d.txt")
    >>> quote_origin({"document": art.id, "sentence": "..."}, {art.id: art})["outlet"]
    'Example Wire'
    >>> quote_origin({"document": "x", "outlet": "<b>Post</b>", "url": "javascript:x"})
    {'article': 'x', 'title': '', 'outlet': '‹b›Post‹/b›', 'date': '', 'url': ''}
    """
    doc = str(ev.get("document") or "")
    art = (articles or {}).get(doc)
    outlet = str(ev.get("outlet") or "")
    date = str(ev.get("date") or "")
    url = str(ev.get("url") or "")
    title = ""
    if art is not None:
        outlet = outlet or _field(art, "outlet") or _field(art, "source")
        date = date or _field(art, "date")
        url = url or _field(art, "url")
        title = _field(art, "title")
    return {
        "article": plain_text(doc, 120),
        "title": plain_text(title, 200),
        "outlet": plain_text(outlet, 120),
        "date": plain_text(date[:10]),
        "url": safe_address(url),
    }


def origin_text(origin: Mapping[str, str], *, address: bool = True) -> str:
    """One line naming a quote's origin: outlet · date · address; ``""`` when none known.

    >>> origin_text({"outlet": "Example Wire", "date": "2024-05-02", "url": ""})
    'Example Wire · 2024-05-02'
    """
    keys = ("outlet", "date", "url") if address else ("outlet", "date")
    return " · ".join(origin[k] for k in keys if origin.get(k))


def cite(ev: Mapping[str, Any], articles: Mapping[str, Any] | None) -> str:
    """A quote followed by its outlet and date in brackets, when they are known.

    >>> cite({"sentence": " Ruritania blamed Freedonia. ", "outlet": "Example Wire"}, None)
    'Ruritania blamed Freedonia. [Example Wire]'
    """
    sentence = str(ev.get("sentence") or "").strip()
    if articles is None and not any(ev.get(k) for k in ("outlet", "date")):
        return sentence
    where = origin_text(quote_origin(ev, articles), address=False)
    return f"{sentence} [{where}]" if where else sentence


def article_rows(G: nx.MultiDiGraph, articles: Iterable[Any]) -> list[dict[str, Any]]:
    """The articles table: title, outlet, date, address, author, format, the number of
    entities found, the file name and the article id, each safe to show.

    >>> from graph.ingest import parse_article
    >>> art = parse_article("Dam talks\\n\\nSource: Example Wire\\n", "d.txt")
    >>> row = article_rows(nx.MultiDiGraph(), [art])[0]
    >>> row["title"], row["outlet"], row["format"], row["file"]
    ('Dam talks', 'Example Wire', 'text', 'd.txt')
    """
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        for doc in d.get("documents") or []:
            counts[doc] = counts.get(doc, 0) + 1
    return [
        {
            "title": plain_text(a.title, 300),
            "outlet": plain_text(a.outlet or a.source or "", 200),
            "date": plain_text(a.date or ""),
            "address": safe_address(a.url),
            "author": plain_text(a.author or "", 200),
            "format": plain_text(a.format),
            "entities": counts.get(a.id, 0),
            "file": plain_text(Path(str(a.path).replace("\\", "/")).name, 200),
            "article": a.id,
        }
        for a in articles
    ]
