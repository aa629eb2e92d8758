"""The words of a briefing image: its default title from the filters, the facts of
its subtitle (counts, articles, dates), its sources, and the render options
(sizes, kind and relation names) given as text."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from ..errors import RelateError
from ..search import find_entity
from ..vocab import load_vocab, norm

__all__ = ["parse_names", "parse_size", "view_title"]


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
