"""The filter state of the app: :class:`~graph.view.ViewFilters` to and from the
widgets' session state.

The page keeps what the analyst chose in ``st.session_state`` under the widget
keys of :data:`STATE_DEFAULTS`; these functions map between that state (any
mutable mapping, so they are tested without Streamlit), the filters and the URL.
A list widget holding every option means "all" (``None`` in the filters), so a
shared link stays short and "everything" stays everything when an upload or a
curation adds options.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

import networkx as nx

from .. import select
from ..edges import MODALITIES
from ..vocab import Vocab, load_vocab
from .filters import MAX_HOPS, ViewFilters, match_articles
from .params import view_from_params

__all__ = [
    "AUTO_HIDE",
    "LIST_KEYS",
    "STATE_DEFAULTS",
    "date_bounds",
    "filter_choices",
    "filters_from_state",
    "hides_isolated",
    "init_state",
    "reset_filters",
    "state_from_filters",
]

STATE_DEFAULTS: dict[str, Any] = {
    "f_kinds": None,
    "f_rel": None,
    "f_mod": None,
    "f_doc": None,
    "f_min_ev": 1,
    "f_min_art": 1,
    "f_iso": False,
    "f_physics": True,
    "q": "",
    "entity": None,
    "focus_on": False,
    "hops": 1,
    "path_a": None,
    "path_b": None,
    "path_on": False,
    "f_dates": None,
    "f_comm": None,
    "f_colour": "kind",
    "f_doc_q": "",
}
"""Every widget key of the filters, with its value when nothing is chosen."""

AUTO_HIDE = int(os.environ.get("RELATE_AUTO_HIDE") or select.AUTO_HIDE)
"""Above this many entities the view hides unconnected ones unless the URL says
``isolated=show`` (one click in the page brings them back); the environment variable
``RELATE_AUTO_HIDE`` sets another number (the browser tests' small corpus)."""

LIST_KEYS = ("f_kinds", "f_rel", "f_mod", "f_doc")
"""The multiselect widgets; their options come from :func:`filter_choices`."""


def filter_choices(
    G: nx.MultiDiGraph, article_ids: Sequence[str], vocab: Vocab | None = None
) -> dict[str, list[str]]:
    """The options of each list widget: the kinds and relations the graph has (the
    vocabulary's order, then unknown ones sorted), the modalities, the articles.

    >>> G = nx.MultiDiGraph([("a", "b", {"relation": "accuses"})])
    >>> filter_choices(G, ["doc-1"])["f_rel"]
    ['accuses']
    """
    vocab = vocab or load_vocab()
    kinds = {d.get("kind") for _, d in G.nodes(data=True)}
    rels = {d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True)}
    return {
        "f_kinds": [k for k in vocab.kinds if k in kinds]
        + sorted(kinds - set(vocab.kinds) - {None}),
        "f_rel": [r for r in vocab.relations if r in rels]
        + sorted(rels - set(vocab.relations) - {None}),
        "f_mod": list(MODALITIES),
        "f_doc": list(article_ids),
    }


def state_from_filters(f: ViewFilters) -> dict[str, Any]:
    """The widget values showing ``f`` (the entity is the focus when there is one).

    >>> state_from_filters(ViewFilters(kinds=("state",), focus="state:ruritania"))["entity"]
    'state:ruritania'
    """
    return {
        "f_kinds": list(f.kinds) if f.kinds is not None else None,
        "f_rel": list(f.relations) if f.relations is not None else None,
        "f_mod": list(f.modalities) if f.modalities is not None else None,
        "f_doc": list(f.documents) if f.documents is not None else None,
        "f_min_ev": f.min_evidence,
        "f_min_art": f.min_articles,
        "f_iso": f.hide_isolated,
        "f_physics": f.physics,
        "entity": f.focus or f.entity,
        "focus_on": bool(f.focus),
        "hops": max(1, f.hops),
        "path_a": f.path[0] if f.path else None,
        "path_b": f.path[1] if f.path else None,
        "path_on": bool(f.path),
        "f_dates": (f.since, f.until) if f.dated else None,
        "f_comm": f.community,
        "f_colour": f.colour,
    }


def init_state(
    ss: MutableMapping[str, Any],
    G: nx.MultiDiGraph,
    choices: Mapping[str, list[str]],
    params: Mapping[str, Any],
) -> None:
    """Fill the widget state: from the URL ``params`` on a session's first run, then
    keep every value valid for ``G`` and the current ``choices``.

    >>> G = nx.MultiDiGraph(); G.add_node("state:ruritania", label="Ruritania", kind="state")
    >>> ss = {}
    >>> init_state(ss, G, filter_choices(G, []), {"focus": "Ruritania"})
    >>> ss["entity"], ss["focus_on"], ss["f_kinds"]
    ('state:ruritania', True, ['state'])
    """
    if "_started" not in ss:
        ss["_started"] = True
        ss.update(state_from_filters(view_from_params(params, G)))
        if "isolated" not in params and hides_isolated(G):
            ss["f_iso"] = True
    for key, value in STATE_DEFAULTS.items():
        ss.setdefault(key, value)
    ss["_dates"] = bounds = date_bounds(G)
    if ss["f_dates"] is not None:
        ss["f_dates"] = _clamp_dates(ss["f_dates"], bounds)
    before = ss.get("_choices", {})
    for key, options in choices.items():
        chose_all = key in before and ss[key] is not None and set(ss[key]) >= set(before[key])
        if ss[key] is None or chose_all:
            # "everything" stays everything when an upload or a curation adds options
            ss[key] = list(options)
        else:
            ss[key] = [v for v in ss[key] if v in options]
    ss["_choices"] = {key: list(options) for key, options in choices.items()}
    for key in ("entity", "path_a", "path_b"):
        if ss[key] is not None and ss[key] not in G:
            ss[key] = None
    ss["f_min_ev"] = max(1, int(ss["f_min_ev"]))
    ss["f_min_art"] = max(1, int(ss["f_min_art"]))
    ss["hops"] = min(MAX_HOPS, max(1, int(ss["hops"])))


def filters_from_state(
    ss: Mapping[str, Any],
    choices: Mapping[str, list[str]],
    articles: Mapping[str, Mapping[str, Any]] | None = None,
) -> ViewFilters:
    """The filters the widgets show; a list widget holding every option is "all".

    With ``articles`` (id -> metadata, ``G.graph["articles"]``) the article search
    (``f_doc_q``: words of a title, an outlet or a date) narrows the articles chosen.

    >>> ss = {**STATE_DEFAULTS, "f_kinds": ["state"], "f_rel": [], "f_mod": [], "f_doc": []}
    >>> choices = {"f_kinds": ["state", "person"], "f_rel": [], "f_mod": [], "f_doc": []}
    >>> filters_from_state(ss, choices).kinds
    ('state',)
    """

    def chosen(key: str) -> tuple[str, ...] | None:
        value = ss[key]
        return None if set(value) >= set(choices[key]) else tuple(value)

    since = until = None
    bounds = ss.get("_dates")
    if ss.get("f_dates") and bounds:
        low, high = (str(d)[:10] for d in ss["f_dates"])
        since = low if low > bounds[0] else None
        until = high if high < bounds[1] else None
    path = None
    if ss["path_on"] and ss["path_a"] and ss["path_b"] and ss["path_a"] != ss["path_b"]:
        path = (ss["path_a"], ss["path_b"])
    documents = chosen("f_doc")
    if articles is not None and str(ss.get("f_doc_q") or "").strip():
        found = match_articles(articles, str(ss["f_doc_q"]))
        documents = tuple(d for d in found if documents is None or d in documents)
    return ViewFilters(
        kinds=chosen("f_kinds"),
        relations=chosen("f_rel"),
        modalities=chosen("f_mod"),
        documents=documents,
        min_evidence=ss["f_min_ev"],
        min_articles=ss["f_min_art"],
        hide_isolated=ss["f_iso"],
        focus=ss["entity"] if ss["focus_on"] and ss["entity"] else None,
        hops=ss["hops"],
        path=path,
        entity=ss["entity"],
        physics=ss["f_physics"],
        since=since,
        until=until,
        community=ss.get("f_comm"),
        colour=ss.get("f_colour") or "kind",
    )


def reset_filters(ss: MutableMapping[str, Any]) -> None:
    """Show everything again (the entity picked and the search stay).

    >>> ss = {"f_kinds": ["state"], "f_min_art": 3}
    >>> reset_filters(ss); ss["f_kinds"], ss["f_min_art"]
    (None, 1)
    """
    for key in LIST_KEYS:
        ss[key] = None
    ss.update({"f_min_ev": 1, "f_min_art": 1, "f_iso": False, "focus_on": False, "path_on": False})
    ss.update({"f_dates": None, "f_comm": None, "f_doc_q": ""})


def hides_isolated(G: nx.MultiDiGraph) -> bool:
    """True when G is large enough (over :data:`AUTO_HIDE` entities) for its view to
    hide unconnected entities unless told otherwise."""
    return G.number_of_nodes() > AUTO_HIDE


def date_bounds(G: nx.MultiDiGraph) -> tuple[str, str] | None:
    """The first and last article dates of G's corpus, or None when no article is dated.

    >>> G = nx.MultiDiGraph(); G.graph["articles"] = {"a": {"date": "2024-05-02"}}
    >>> date_bounds(G)
    ('2024-05-02', '2024-05-02')
    """
    dates = sorted(m.get("date") for m in (G.graph.get("articles") or {}).values() if m.get("date"))
    return (dates[0], dates[-1]) if dates else None


def _clamp_dates(value: Any, bounds: tuple[str, str] | None) -> tuple[_dt.date, _dt.date] | None:
    """The date slider's value kept inside the corpus's dates (None: no range)."""
    if not bounds:
        return None
    low, high = (str(v)[:10] if v else None for v in value)
    low = min(max(low or bounds[0], bounds[0]), bounds[1])
    high = max(min(high or bounds[1], bounds[1]), low)
    return _dt.date.fromisoformat(low), _dt.date.fromisoformat(high)
