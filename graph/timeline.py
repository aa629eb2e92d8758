"""When things were reported: each article's date, each edge's and entity's first and
last date, and the articles of a date range.

An article's date is the one its document gives (a page's, a PDF's or a feed entry's
metadata, a plain text's ``Date:`` line or the first date near its start, as
:mod:`graph.ingest` reads them); failing that, the first full date written anywhere in
its text ("5 March 2024", "March 5, 2024", "2024-03-05"), marked as guessed; otherwise
the article is undated. Dates are ISO ``YYYY-MM-DD`` strings, so they sort as text.

:func:`stamp_dates` puts the corpus's article metadata in ``G.graph["articles"]`` and
gives every edge ``first_date`` and ``last_date`` (its articles' earliest and latest
dates; an analyst's evidence counts with the date the analyst gave) and every entity the
same from the articles that mention it. An edge or entity with no dated article has
empty dates. The edge's ``date`` attribute (the extraction's, from the article
metadata alone) is left as it is.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from .ingest import Article

__all__ = [
    "ArticleMeta",
    "article_meta",
    "changes",
    "date_range_text",
    "documents_in_range",
    "guess_date",
    "restamp",
    "span_of",
    "stamp_dates",
    "week_start",
    "weekly_counts",
]

ArticleMeta = dict[str, str]
"""What the app and the exports know of an article: ``title``, ``date``, ``date_from``
(``document``, ``text`` or empty), ``outlet``, ``url``, ``author``, ``format``, ``file``."""

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for m in names.split()
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_FULL_DATES = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? (\d{{4}})\b", re.IGNORECASE)),
    ("mdy", re.compile(rf"\b{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", re.IGNORECASE)),
]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        day = _dt.date(y, m, d)
    except ValueError:
        return None
    return day.isoformat() if 1900 <= y <= 2100 else None


# how far into a plain text its date may be: the headline, byline and dateline (a date
# deeper in the body is an event's, often years before the article: "poisoned on 1 Nov 2006")
DATE_REACH = 500


def guess_date(text: str) -> str | None:
    """The first full date written in a text's opening (its first :data:`DATE_REACH`
    characters: headline, byline, dateline), as ``YYYY-MM-DD``; None if it has none.

    >>> guess_date("Talks resumed. On 5 Sept. 2024 the envoys met; on March 1, 2025 again.")
    '2024-09-05'
    >>> guess_date("Last Tuesday the talks resumed.") is None
    True
    """
    found: list[tuple[int, str]] = []
    text = text[:DATE_REACH]
    for shape, pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            g = m.groups()
            if shape == "ymd":
                iso = _iso(int(g[0]), int(g[1]), int(g[2]))
            elif shape == "dmy":
                iso = _iso(int(g[2]), _MONTHS[g[1].lower()], int(g[0]))
            else:
                iso = _iso(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
            if iso:
                found.append((m.start(), iso))
                break  # the first of this shape; the earliest of the shapes wins below
    return min(found)[1] if found else None


def article_meta(articles: Iterable[Article]) -> dict[str, ArticleMeta]:
    """Article id -> its metadata and date (see the module notes), as plain strings.

    >>> from graph.ingest import parse_article
    >>> a = parse_article("Talks\\n\\nSource: Example Wire\\n\\nThey met on 2 May 2024.", "t.txt")
    >>> meta = article_meta([a])[a.id]
    >>> meta["date"], meta["date_from"], meta["outlet"]
    ('2024-05-02', 'document', 'Example Wire')
    """
    out: dict[str, ArticleMeta] = {}
    for a in articles:
        date, how = (a.date or "")[:10], "document" if a.date else ""
        if not date:
            date = guess_date(a.text) or ""
            how = "text" if date else ""
        out[a.id] = {
            "title": a.title or "",
            "date": date,
            "date_from": how,
            "outlet": a.outlet or a.source or "",
            "url": a.url or "",
            "author": a.author or "",
            "format": a.format or "text",
            "file": str(a.path).replace("\\", "/").rsplit("/", 1)[-1],
        }
    return out


def span_of(dates: Iterable[str | None]) -> tuple[str, str]:
    """The earliest and latest of some dates (empty ones ignored); ``("", "")`` for none.

    >>> span_of(["2024-05-02", "", "2024-01-09"])
    ('2024-01-09', '2024-05-02')
    """
    known = sorted(d[:10] for d in dates if d)
    return (known[0], known[-1]) if known else ("", "")


def _evidence_dates(data: Mapping[str, Any], meta: Mapping[str, ArticleMeta]) -> list[str]:
    dates = [meta[d]["date"] for d in data.get("documents") or [] if d in meta]
    for ev in data.get("evidence") or []:
        if not isinstance(ev, dict):
            continue
        doc = ev.get("document")
        if doc in meta:
            dates.append(meta[doc]["date"])
        elif ev.get("date"):  # an analyst's evidence: the date the analyst gave
            dates.append(str(ev["date"]))
    return dates


def stamp_dates(G: nx.MultiDiGraph, articles: Sequence[Article]) -> nx.MultiDiGraph:
    """Give G its articles' metadata (``G.graph["articles"]``) and every edge and entity
    its ``first_date`` and ``last_date``; changes G in place and returns it.

    >>> from graph.ingest import parse_article
    >>> a = parse_article("Talks\\n\\nDate: 2024-05-02\\n\\nRuritania blamed Freedonia.", "t.txt")
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("state:ruritania", "state:freedonia", key="accuses", documents=[a.id])
    'accuses'
    >>> G = stamp_dates(G, [a])
    >>> G.edges["state:ruritania", "state:freedonia", "accuses"]["first_date"]
    '2024-05-02'
    """
    meta = article_meta(articles)
    G.graph["articles"] = meta
    restamp(G, meta)
    return G


def restamp(G: nx.MultiDiGraph, meta: Mapping[str, ArticleMeta] | None = None) -> None:
    """Recompute the first and last dates of G's edges and entities from ``meta``
    (default ``G.graph["articles"]``): after a view keeps only part of the evidence."""
    meta = meta if meta is not None else G.graph.get("articles") or {}
    for _, _, data in G.edges(data=True):
        data["first_date"], data["last_date"] = span_of(_evidence_dates(data, meta))
    for _, data in G.nodes(data=True):
        docs = data.get("documents") or []
        data["first_date"], data["last_date"] = span_of(meta[d]["date"] for d in docs if d in meta)


def documents_in_range(
    meta: Mapping[str, ArticleMeta], since: str | None = None, until: str | None = None
) -> set[str]:
    """The ids of the dated articles between ``since`` and ``until`` (inclusive; either
    may be None for an open end). Undated articles are never in a range.

    >>> meta = {"a": {"date": "2024-01-05"}, "b": {"date": "2024-03-01"}, "c": {"date": ""}}
    >>> sorted(documents_in_range(meta, since="2024-02-01"))
    ['b']
    """
    return {
        doc
        for doc, m in meta.items()
        if m.get("date")
        and (not since or m["date"] >= since[:10])
        and (not until or m["date"] <= until[:10])
    }


def week_start(date: str) -> str:
    """The Monday of a date's ISO week, as ``YYYY-MM-DD``.

    >>> week_start("2024-05-02")
    '2024-04-29'
    """
    day = _dt.date.fromisoformat(date[:10])
    return (day - _dt.timedelta(days=day.weekday())).isoformat()


def date_range_text(since: str | None, until: str | None) -> str:
    """A date range in words, for subtitles and headers.

    >>> date_range_text("2024-01-01", "2024-03-31"), date_range_text(None, "2024-03-31")
    ('2024-01-01 to 2024-03-31', 'until 2024-03-31')
    """
    if since and until:
        return f"{since[:10]} to {until[:10]}"
    if since:
        return f"from {since[:10]}"
    if until:
        return f"until {until[:10]}"
    return "all dates"


def _edge_dates(data: Mapping[str, Any], meta: Mapping[str, ArticleMeta]) -> list[str]:
    """The date of each piece of an edge's evidence (its article's; an analyst's own)."""
    out = []
    for ev in data.get("evidence") or []:
        if not isinstance(ev, dict):
            continue
        doc = ev.get("document")
        date = meta[doc]["date"] if doc in meta else str(ev.get("date") or "")
        if date:
            out.append(date[:10])
    return out


def weekly_counts(
    G: nx.MultiDiGraph,
    *,
    pair: tuple[str, str] | None = None,
    entity: str | None = None,
    groups: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """How many relations were reported each week, by group: one row per week (its
    Monday) with a count per group, weeks without a report included between the first
    and the last. A relation is counted once per article that reports it, in that
    article's week. ``pair`` keeps the edges between two entities (either way),
    ``entity`` those touching one; ``groups`` maps a relation to its column (default:
    accusations, denials and everything else as "other relations").

    >>> G = nx.MultiDiGraph(); G.graph["articles"] = {"a": {"date": "2024-05-02"}}
    >>> _ = G.add_edge("x", "y", key="accuses", relation="accuses", evidence=[{"document": "a"}])
    >>> weekly_counts(G)
    [{'week': '2024-04-29', 'accusations': 1, 'denials': 0, 'other relations': 0}]
    """
    groups = groups or {"accuses": "accusations", "denies": "denials"}
    columns = list(dict.fromkeys([*groups.values(), "other relations"]))
    meta = G.graph.get("articles") or {}
    counts: dict[str, dict[str, int]] = {}
    for s, t, k, data in G.edges(keys=True, data=True):
        if pair is not None and {s, t} != set(pair):
            continue
        if entity is not None and entity not in (s, t):
            continue
        column = groups.get(str(data.get("relation", k)), "other relations")
        for date in set(_edge_dates(data, meta)):
            row = counts.setdefault(week_start(date), dict.fromkeys(columns, 0))
            row[column] += 1
    if not counts:
        return []
    weeks = sorted(counts)
    day, last = _dt.date.fromisoformat(weeks[0]), _dt.date.fromisoformat(weeks[-1])
    rows = []
    while day <= last:
        key = day.isoformat()
        rows.append({"week": key, **counts.get(key, dict.fromkeys(columns, 0))})
        day += _dt.timedelta(days=7)
    return rows


def changes(before: nx.MultiDiGraph, after: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """What changed from one view to another (two date ranges of a corpus): the edges
    only ``after`` reports (``new edge``), those only ``before`` reports (``no longer
    reported``) and the entities that appear only in ``after`` (``new entity``).

    >>> A = nx.MultiDiGraph([("x", "y", "accuses")])
    >>> B = nx.MultiDiGraph([("x", "z", "accuses")])
    >>> [(r["change"], r["source"], r["target"]) for r in changes(A, B)]
    [('new edge', 'x', 'z'), ('no longer reported', 'x', 'y'), ('new entity', 'z', '')]
    """

    def name(G: nx.MultiDiGraph, n: str) -> str:
        return str(G.nodes[n].get("label", n)) if n in G else n

    def edges(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {
            (s, t, str(d.get("relation", k))): d for s, t, k, d in G.edges(keys=True, data=True)
        }

    old, new = edges(before), edges(after)
    rows: list[dict[str, Any]] = []
    for label, keys, G in (
        ("new edge", sorted(set(new) - set(old)), after),
        ("no longer reported", sorted(set(old) - set(new)), before),
    ):
        for s, t, rel in keys:
            d = (new if G is after else old)[(s, t, rel)]
            rows.append(
                {
                    "change": label,
                    "source": s,
                    "relation": rel,
                    "target": t,
                    "source_name": name(G, s),
                    "target_name": name(G, t),
                    "first_date": d.get("first_date") or "",
                    "last_date": d.get("last_date") or "",
                    "articles": len(d.get("documents") or []),
                }
            )
    for n in sorted(set(after) - set(before)):
        rows.append(
            {
                "change": "new entity",
                "source": n,
                "relation": "",
                "target": "",
                "source_name": name(after, n),
                "target_name": "",
                "first_date": after.nodes[n].get("first_date") or "",
                "last_date": after.nodes[n].get("last_date") or "",
                "articles": len(after.nodes[n].get("documents") or []),
            }
        )
    return rows
