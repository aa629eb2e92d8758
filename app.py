"""Relate explorer: ``streamlit run app.py``.

Opens the graph of the articles in ``seeds/``. Options go after ``--``::

    streamlit run app.py -- --input DIR [--input DIR2] [--curation PATH] [--no-cache]

``--input`` names the corpus (folders or files of ``.txt``/``.md`` articles; uploads
go into the first folder), ``--curation`` the analyst curation file (default
``data/curation.yaml``), ``--no-cache`` parses every article again instead of
using ``data/cache/extractions.sqlite``. Without options the environment
variables ``RELATE_INPUT`` (paths separated by the OS path separator),
``RELATE_CURATION`` and ``RELATE_NO_CACHE=1`` are read (the tests use them).

The page only lays out widgets: every computation is in :mod:`graph.view`,
:mod:`graph.select`, :mod:`graph.pipeline`, :mod:`graph.curate` and
:mod:`graph.render`. Text from articles is shown only with ``st.text``,
``st.code``, dataframes and widget options, never as Markdown or HTML; the graph
itself is a self-contained vis-network page (no outside request) in an iframe.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from graph import view
from graph.errors import CurationError, InputError, RelateError
from graph.pipeline import build_corpus
from graph.select import connecting_path, edge_support, layout_positions
from graph.vocab import load_vocab, slug

DEFAULT_INPUT = ROOT / "seeds"
DEFAULT_CURATION = ROOT / "data" / "curation.yaml"
GRAPH_HEIGHT = 720
CORPUS_CACHE_SIZE = 4


# ------------------------------------------------------------------ options
def parse_options(argv: list[str] | None = None) -> argparse.Namespace:
    """The app's options: command line after ``--``, else environment variables."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--input", action="append", default=None)
    parser.add_argument("--curation", default=None)
    parser.add_argument("--no-cache", action="store_true")
    opts, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if not opts.input and os.environ.get("RELATE_INPUT"):
        opts.input = [p for p in os.environ["RELATE_INPUT"].split(os.pathsep) if p]
    if not opts.curation and os.environ.get("RELATE_CURATION"):
        opts.curation = os.environ["RELATE_CURATION"]
    opts.no_cache = opts.no_cache or os.environ.get("RELATE_NO_CACHE") == "1"
    opts.input = [Path(p).expanduser().resolve() for p in (opts.input or [DEFAULT_INPUT])]
    opts.curation = Path(opts.curation).expanduser().resolve() if opts.curation else DEFAULT_CURATION
    return opts


# ------------------------------------------------------------------ corpus cache
@st.cache_resource(show_spinner=False)
def corpus_store() -> dict[str, Any]:
    """Built corpora, shared by every session, keyed on the corpus content."""
    return {"lock": threading.Lock(), "entries": OrderedDict()}


def load_corpus(inputs: list[Path], curation: Path, no_cache: bool) -> tuple[Any, str, list[str]]:
    """The built corpus (from the cache when its files are unchanged), its key and notes.

    A progress bar shows while articles are processed. Raises ``InputError`` when
    there is no article and ``CurationError`` for a broken curation file.
    """
    key = view.corpus_fingerprint(inputs, [curation]) + ("-nocache" if no_cache else "")
    store = corpus_store()
    with store["lock"]:
        hit = store["entries"].get(key)
        if hit is not None:
            store["entries"].move_to_end(key)
            return hit
    notes: list[str] = []
    bar = st.progress(0.0, text="Reading articles…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"Processing articles: {done} of {total}")

    try:
        result = build_corpus(
            inputs,
            cache_path=None if no_cache else "default",
            curation_path=curation,
            progress=progress,
            report=notes.append,
        )
    finally:
        bar.empty()
    notes = [n for n in notes if "not found; nothing applied" not in n]
    entry = (result, key, notes)
    with store["lock"]:
        store["entries"][key] = entry
        while len(store["entries"]) > CORPUS_CACHE_SIZE:
            store["entries"].popitem(last=False)
    return entry


@st.cache_resource(show_spinner="Laying out the graph…", max_entries=4)
def corpus_positions(key: str, _G: Any) -> dict[str, tuple[float, float]]:
    """Positions of the whole corpus graph: large views reuse them, so filtering
    never moves a node."""
    return layout_positions(_G)


@st.cache_data(show_spinner=False, max_entries=64)
def cached_view_html(key: str, filters: view.ViewFilters, highlight: tuple[str, ...],
                     _H: Any, _positions: Any) -> str:
    return view.view_html(_H, physics=filters.physics, height=f"{GRAPH_HEIGHT}px",
                          selected=filters.entity, highlight=highlight, positions=_positions)


# ------------------------------------------------------------------ state
STATE_DEFAULTS: dict[str, Any] = {
    "f_kinds": None, "f_rel": None, "f_mod": None, "f_doc": None,
    "f_min_ev": 1, "f_min_art": 1, "f_iso": False, "f_physics": True,
    "q": "", "entity": None, "focus_on": False, "hops": 1,
    "path_a": None, "path_b": None, "path_on": False,
}


def options_for(G: Any, articles: list[Any]) -> dict[str, list[str]]:
    vocab = load_vocab()
    kinds = {d.get("kind") for _, d in G.nodes(data=True)}
    rels = {d.get("relation", k) for _, _, k, d in G.edges(keys=True, data=True)}
    return {
        "f_kinds": [k for k in vocab.kinds if k in kinds] + sorted(kinds - set(vocab.kinds) - {None}),
        "f_rel": [r for r in vocab.relations if r in rels] + sorted(rels - set(vocab.relations) - {None}),
        "f_mod": list(view.MODALITIES),
        "f_doc": [a.id for a in articles],
    }


def init_state(G: Any, choices: dict[str, list[str]]) -> None:
    """Fill the widget state: from the URL on a session's first run, then keep it valid."""
    ss = st.session_state
    if "_started" not in ss:
        ss["_started"] = True
        f = view.view_from_params(st.query_params.to_dict(), G)
        ss.update({
            "f_kinds": list(f.kinds) if f.kinds is not None else None,
            "f_rel": list(f.relations) if f.relations is not None else None,
            "f_mod": list(f.modalities) if f.modalities is not None else None,
            "f_doc": list(f.documents) if f.documents is not None else None,
            "f_min_ev": f.min_evidence, "f_min_art": f.min_articles,
            "f_iso": f.hide_isolated, "f_physics": f.physics,
            "entity": f.focus or f.entity, "focus_on": bool(f.focus), "hops": max(1, f.hops),
            "path_a": f.path[0] if f.path else None, "path_b": f.path[1] if f.path else None,
            "path_on": bool(f.path),
        })
    for key, value in STATE_DEFAULTS.items():
        ss.setdefault(key, value)
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
    ss["hops"] = min(view.MAX_HOPS, max(1, int(ss["hops"])))


def filters_from_state(choices: dict[str, list[str]]) -> view.ViewFilters:
    ss = st.session_state

    def chosen(key: str) -> tuple[str, ...] | None:
        value = ss[key]
        return None if set(value) >= set(choices[key]) else tuple(value)

    path = None
    if ss["path_on"] and ss["path_a"] and ss["path_b"] and ss["path_a"] != ss["path_b"]:
        path = (ss["path_a"], ss["path_b"])
    return view.ViewFilters(
        kinds=chosen("f_kinds"), relations=chosen("f_rel"), modalities=chosen("f_mod"),
        documents=chosen("f_doc"), min_evidence=ss["f_min_ev"], min_articles=ss["f_min_art"],
        hide_isolated=ss["f_iso"], focus=ss["entity"] if ss["focus_on"] and ss["entity"] else None,
        hops=ss["hops"], path=path, entity=ss["entity"], physics=ss["f_physics"],
    )


def reset_filters() -> None:
    for key in ("f_kinds", "f_rel", "f_mod", "f_doc"):
        st.session_state[key] = None
    st.session_state.update({"f_min_ev": 1, "f_min_art": 1, "f_iso": False, "focus_on": False,
                             "path_on": False})


def set_state(**values: Any) -> None:
    st.session_state.update(values)


# ------------------------------------------------------------------ uploads
def upload_panel(folder: Path, where: Any) -> bool:
    """The article uploader; returns True when a new file was saved."""
    files = where.file_uploader(
        "Add articles (.txt, .md)", type=["txt", "md"], accept_multiple_files=True, key="uploads",
        help=f"Saved into the corpus folder; up to {view.MAX_UPLOAD_BYTES // 2**20} MB each.",
        max_upload_size=max(1, view.MAX_UPLOAD_BYTES // 2**20),
    )
    done = st.session_state.setdefault("_saved_uploads", {})
    saved = False
    for f in files or []:
        if f.file_id in done:
            continue
        try:
            path = view.save_upload(folder, f.name, f.getvalue())
        except InputError as exc:
            done[f.file_id] = ("refused", str(exc))
            continue
        done[f.file_id] = ("added", path.name)
        saved = True
    refused = [text for status, text in done.values() if status == "refused"]
    if refused:
        where.error("Not added:")
        where.text("\n".join(refused))
    added = [text for status, text in done.values() if status == "added"]
    if added:
        where.caption("Added this session:")
        where.text("\n".join(added))
    return saved


# ------------------------------------------------------------------ display helpers
def entity_name(G: Any, node: str | None) -> str:
    if node is None:
        return "—"
    if node not in G:
        return node
    data = G.nodes[node]
    kind = data.get("kind", "")
    return f"{data.get('label', node)} · {kind}"


def table(rows: list[dict[str, Any]], *, columns: list[str] | None = None, height: int | str = "auto",
          config: dict[str, Any] | None = None, key: str | None = None) -> None:
    if not rows:
        st.text("Nothing to show.")
        return
    st.dataframe(rows, hide_index=True, column_order=columns, column_config=config or {},
                 height=height, key=key)


def show_graph(page: str) -> None:
    if hasattr(st, "iframe"):
        st.iframe(page, height=GRAPH_HEIGHT + 6)
    else:  # pragma: no cover - Streamlit before st.iframe
        import streamlit.components.v1 as components

        components.html(page, height=GRAPH_HEIGHT + 6)


def article_context(articles: dict[str, Any], row: dict[str, Any], width: int = 320) -> str | None:
    """The passage around a piece of evidence in its article, the sentence marked."""
    art = articles.get(row["document"])
    start, end = row.get("start"), row.get("end")
    if art is None or not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return None
    text = art.text
    a, b = max(0, start - width), min(len(text), end + width)
    return (("…" if a else "") + text[a:start] + "▶ " + text[start:end] + " ◀" + text[end:b]
            + ("…" if b < len(text) else ""))


# ------------------------------------------------------------------ page parts
def sidebar_filters(G: Any, choices: dict[str, list[str]], titles: dict[str, str]) -> None:
    vocab = load_vocab()
    sb = st.sidebar
    sb.subheader("Filters")
    sb.multiselect("Kinds", choices["f_kinds"], key="f_kinds",
                   format_func=lambda k: vocab.kinds[k]["label"] if k in vocab.kinds else k)
    sb.multiselect("Relations", choices["f_rel"], key="f_rel",
                   format_func=lambda r: vocab.relations[r]["label"] if r in vocab.relations else r)
    sb.multiselect("Modality", choices["f_mod"], key="f_mod",
                   help="asserted: stated as fact; alleged: 'suspected', 'reportedly'; "
                        "hypothetical: 'may', 'could'.")
    sb.multiselect("Articles", choices["f_doc"], key="f_doc",
                   format_func=lambda d: view.plain_text(titles.get(d, d), 70))
    max_ev = max([2, *(edge_support(d)["evidence"] for _, _, d in G.edges(data=True))])
    max_art = max(2, len(choices["f_doc"]))
    st.session_state["f_min_ev"] = min(st.session_state["f_min_ev"], max_ev)
    st.session_state["f_min_art"] = min(st.session_state["f_min_art"], max_art)
    sb.slider("Minimum pieces of evidence per edge", 1, max_ev, key="f_min_ev")
    sb.slider("Minimum articles per edge", 1, max_art, key="f_min_art",
              help="2 or more hides every edge that rests on a single article.")
    sb.checkbox("Hide isolated entities", key="f_iso")
    sb.toggle("Physics (let the layout settle)", key="f_physics",
              help=f"Above {view.LARGE_GRAPH} entities the precomputed layout is drawn without physics.")
    sb.button("Reset filters", on_click=reset_filters, width="stretch")


def find_row(G: Any) -> None:
    c1, c2, c3, c4 = st.columns([3, 4, 2, 2], vertical_alignment="bottom")
    q = c1.text_input("Search entities", key="q", placeholder="any name or alias, e.g. Moscow")
    options = view.entity_options(G, q)
    current = st.session_state.get("entity")
    if current is not None and current not in options:
        options = [current, *options]
    c2.selectbox("Entity", options, key="entity", index=None, format_func=lambda n: entity_name(G, n),
                 placeholder=f"{len(options)} match{'es' if len(options) != 1 else ''}: pick one"
                 if q else "Pick an entity for details and focus")
    c3.toggle("Focus on it", key="focus_on", disabled=st.session_state.get("entity") is None,
              help="Show only what lies within the hop depth of the entity.")
    c4.slider("Hops", 1, view.MAX_HOPS, key="hops", disabled=not st.session_state.get("focus_on"))


def entity_panel(G: Any, H: Any, node: str | None, articles: dict[str, Any]) -> None:
    if node is None:
        st.info("Pick an entity (search above, or choose in the list) to see its evidence.")
        return
    d = view.entity_details(G, node)
    facts = [
        {"field": "Name", "value": d["label"]},
        {"field": "Kind", "value": d["kind_label"]},
        {"field": "Role", "value": d["role"] or "—"},
        {"field": "Also called", "value": ", ".join(a for a in d["aliases"] if a != d["label"]) or "—"},
        {"field": "Mentions", "value": str(d["mentions"])},
        {"field": "Articles", "value": ", ".join(d["documents"]) or "—"},
        {"field": "Relations", "value": f"{d['degree']} in the corpus, "
                                        f"{H.degree(node) if node in H else 0} in this view"},
        {"field": "Id", "value": d["id"]},
    ]
    if d["merged_from"]:
        facts.append({"field": "Merged from", "value": ", ".join(d["merged_from"])})
    table(facts, key="entity_facts")
    st.caption("Every relation and the sentence behind it; the entity's own words are marked ⟦ ⟧.")
    rows = [{
        "dir": "→" if r["direction"] == "out" else "←",
        "relation": r["relation_label"],
        "with": r["other"],
        "sentence": r["marked"],
        "names found": r["matched"],
        "article": r["document"],
        "modality": r["modality"],
        "articles": r["articles"],
        "single article": r["single_article"],
    } for r in d["evidence"]]
    table(rows, key="entity_evidence", config={
        "sentence": st.column_config.TextColumn(width="large"),
        "single article": st.column_config.CheckboxColumn(help="This edge rests on one article only"),
    })
    if d["evidence"]:
        labels = [f"{i + 1}. {'→' if r['direction'] == 'out' else '←'} {r['relation_label']} "
                  f"{view.plain_text(r['other'], 40)} ({r['document']})" for i, r in enumerate(d["evidence"])]
        pick = st.selectbox("Read a sentence in its article", range(len(labels)),
                            format_func=lambda i: labels[i], key="evidence_pick")
        row = d["evidence"][pick or 0]
        art = articles.get(row["document"])
        if art is not None:
            st.text(" · ".join(x for x in (art.title, art.source or "", art.date or "", art.id) if x))
        st.code(article_context(articles, row) or row["marked"], language=None, wrap_lines=True)


def claims_panel(H: Any) -> None:
    rows = view.claims_table(H)
    if not rows:
        st.info("No accusation in this view.")
        return
    denied = sum(r["denied"] for r in rows)
    single = sum(r["single_article"] for r in rows)
    st.caption(f"{len(rows)} accusation{'s' if len(rows) != 1 else ''}, {denied} denied, "
               f"{single} resting on a single article.")
    table(rows, key="claims", columns=[
        "accuser", "accused", "modality", "denied", "denied_by", "evidence", "articles", "sources",
        "single_article", "quotes", "denial_quotes", "documents"], config={
        "denied_by": st.column_config.TextColumn("denied by", width="medium"),
        "single_article": st.column_config.CheckboxColumn("single article"),
        "quotes": st.column_config.TextColumn("accusation quotes", width="large"),
        "denial_quotes": st.column_config.TextColumn("denial quotes", width="large"),
    })


def sourcing_panel(H: Any) -> None:
    rows = view.edge_table(H)
    if not rows:
        st.info("No edge in this view.")
        return
    single = sum(r["single_article"] for r in rows)
    c1, c2, c3 = st.columns(3)
    c1.metric("Edges", len(rows))
    c2.metric("Backed by 2+ articles", len(rows) - single)
    c3.metric("Single-article edges", single)
    if single and st.session_state["f_min_art"] < 2:
        st.button("Hide single-article edges", on_click=set_state, kwargs={"f_min_art": 2})
    table(rows, key="sourcing", columns=[
        "source", "relation", "target", "evidence", "articles", "sources", "single_article",
        "modality", "curated", "first_quote"], config={
        "single_article": st.column_config.CheckboxColumn("single article"),
        "first_quote": st.column_config.TextColumn("first quote", width="large"),
    })


def actors_panel(H: Any) -> None:
    rows, approximate = view.rank_view_actors(H, limit=30)
    if not rows:
        st.info("No entity in this view.")
        return
    top = max(r["betweenness"] for r in rows) or 1.0
    st.caption("Degree: relations in this view. Betweenness: how often the entity lies on the "
               "shortest path between two others" + (" (sampled, approximate)." if approximate else "."))
    table(rows, key="actors", columns=["label", "kind", "degree", "betweenness"], config={
        "betweenness": st.column_config.ProgressColumn(min_value=0.0, max_value=float(top), format="%.3f"),
    })


def path_panel(G: Any, base: Any) -> None:
    order = view.entity_options(G)
    c1, c2 = st.columns(2)
    c1.selectbox("From", order, key="path_a", index=None, format_func=lambda n: entity_name(G, n),
                 placeholder="Pick an entity")
    c2.selectbox("To", order, key="path_b", index=None, format_func=lambda n: entity_name(G, n),
                 placeholder="Pick an entity")
    a, b = st.session_state["path_a"], st.session_state["path_b"]
    st.toggle("Show only this path in the graph", key="path_on", disabled=not (a and b))
    if not (a and b):
        st.caption("Pick two entities to see how they are connected (kind, relation, article, "
                   "modality and evidence filters apply).")
        return
    chain = connecting_path(base, a, b) if a != b else []
    if not chain:
        st.warning("No connection between these two with the current filters.")
        return
    st.caption(f"Connected in {len(chain) - 1} step{'s' if len(chain) != 2 else ''}:")
    st.text(" → ".join(str(G.nodes[n].get("label", n)) for n in chain))
    table(view.path_steps(base, chain), key="path_steps", config={
        "quote": st.column_config.TextColumn(width="large")})


def export_panel(H: Any, G: Any, f: view.ViewFilters, highlight: tuple[str, ...]) -> None:
    from graph.render import view_title

    title = view_title(G, focus=f.focus, hops=f.hops, kinds=f.kinds, relations=f.relations,
                       min_evidence=f.min_evidence)
    subtitle = view.describe_filters(f, G)
    n_articles = len({doc for _, d in G.nodes(data=True) for doc in d.get("documents") or []})
    stem = "relate-" + (slug(str(G.nodes[f.focus].get("label", f.focus))) if f.focus in G else "view")
    st.caption(f"The current view: {H.number_of_nodes()} entities, {H.number_of_edges()} relations.")
    cols = st.columns(3)
    for i, (fmt, spec) in enumerate(view.DOWNLOAD_FORMATS.items()):
        def make(fmt: str = fmt) -> bytes:
            return view.generate_download(H, fmt, title=title, subtitle=subtitle, physics=f.physics,
                                          highlight=highlight, focus=f.focus,
                                          n_articles=n_articles)

        cols[i % 3].download_button(spec["label"], data=make, file_name=stem + spec["suffix"],
                                    mime=spec["mime"], key=f"dl_{fmt}", on_click="ignore",
                                    width="stretch")
    st.caption("The page address keeps these filters: copy it to share or reopen this view.")


def curate_panel(G: Any, H: Any, curation: Path) -> None:
    from graph import curate

    vocab = load_vocab()
    st.text(f"Curation file: {curation}")
    order = view.entity_options(G)

    def run(action: dict[str, Any]) -> None:
        try:
            curate.append_action(curation, action)
        except RelateError as exc:
            st.session_state["_flash"] = ("error", str(exc))
            return
        st.session_state["_flash"] = ("success", f"Saved: {action['op']}")

    def undo() -> None:
        try:
            last = curate.undo_last(curation)
        except RelateError as exc:
            st.session_state["_flash"] = ("error", str(exc))
            return
        st.session_state["_flash"] = ("success", f"Undone: {last['op']}" if last else "Nothing to undo")

    analyst = st.text_input("Analyst", key="cur_analyst", placeholder="your name (kept with each change)")
    with st.expander("Merge entities", expanded=True):
        keep = st.selectbox("Keep", order, key="cur_keep", index=None,
                            format_func=lambda n: entity_name(G, n), placeholder="the entity to keep")
        drop = st.multiselect("Merge into it", [n for n in order if n != keep], key="cur_drop",
                              format_func=lambda n: entity_name(G, n))
        st.button("Merge", key="cur_merge", disabled=not (keep and drop), on_click=lambda: run(
            {"op": "merge", "keep": keep, "drop": list(drop),
             **({"analyst": analyst} if analyst else {})}))
    with st.expander("Drop an edge"):
        edges = sorted(H.edges(keys=True), key=lambda e: (entity_name(G, e[0]), str(e[2]), entity_name(G, e[1])))
        pick = st.selectbox(
            "Edge (in the current view)", range(len(edges)), key="cur_edge", index=None,
            format_func=lambda i: f"{entity_name(G, edges[i][0])} —{edges[i][2]}→ {entity_name(G, edges[i][1])}",
            placeholder="pick an edge to remove")
        st.button("Drop edge", key="cur_drop_edge", disabled=pick is None, on_click=lambda: run(
            {"op": "drop_edge", "source": edges[pick][0], "target": edges[pick][1],
             "relation": str(edges[pick][2]), **({"analyst": analyst} if analyst else {})}))
    with st.expander("Add an edge"):
        c1, c2, c3 = st.columns(3)
        src = c1.selectbox("Source", order, key="cur_src", index=None, format_func=lambda n: entity_name(G, n))
        rel = c2.selectbox("Relation", list(vocab.relations), key="cur_rel",
                           format_func=lambda r: vocab.relations[r]["label"])
        dst = c3.selectbox("Target", order, key="cur_dst", index=None, format_func=lambda n: entity_name(G, n))
        note = st.text_input("Evidence note", key="cur_note", placeholder="where this comes from")
        ready = bool(src and dst and rel and note and analyst and src != dst)
        st.button("Add edge", key="cur_add_edge", disabled=not ready, on_click=lambda: run(
            {"op": "add_edge", "source": src, "target": dst, "relation": rel, "note": note,
             "analyst": analyst}))
        if not ready:
            st.caption("Source, target, a note and the analyst's name are needed.")
    actions = curate.load_curation(curation)
    st.button(f"Undo the last change ({len(actions)} in the file)", key="cur_undo",
              disabled=not actions, on_click=undo)
    log = (G.graph.get("curation") or {}).get("actions") or []
    if log:
        table([{"#": e["action"], "op": e["op"], "status": e["status"], "detail": e.get("detail", ""),
                "problems": "; ".join(e.get("problems") or [])} for e in log], key="cur_log")


def articles_panel(result: Any, notes: list[str]) -> None:
    G = result.graph
    counts: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        for doc in d.get("documents") or []:
            counts[doc] = counts.get(doc, 0) + 1
    table([{"article": a.id, "title": a.title, "source": a.source or "", "date": a.date or "",
            "entities": counts.get(a.id, 0), "file": Path(a.path).name} for a in result.articles],
          key="articles")
    if result.problems:
        st.caption("Skipped files:")
        table([{"file": p.path, "reason": p.reason} for p in result.problems], key="problems")
    if notes:
        st.caption("Build notes:")
        st.text("\n".join(notes))


# ------------------------------------------------------------------ the page
def main() -> None:
    st.set_page_config(page_title="Relate", layout="wide", initial_sidebar_state="expanded")
    opts = parse_options()
    folder = next((p for p in opts.input if p.is_dir()), opts.input[0].parent)
    st.sidebar.title("Relate")
    st.sidebar.caption("Who does what to whom, with the quotes behind it.")
    st.sidebar.text(f"Corpus: {', '.join(str(p) for p in opts.input)}")
    if upload_panel(folder, st.sidebar):
        st.rerun()
    try:
        result, key, notes = load_corpus(opts.input, opts.curation, opts.no_cache)
    except InputError as exc:
        st.title("Relate")
        st.info("No articles to show yet. Add news articles (.txt or .md) with the uploader in the "
                "sidebar, or start the app on a folder of articles: "
                "`streamlit run app.py -- --input DIR`.")
        st.text(str(exc))
        return
    except CurationError as exc:
        st.title("Relate")
        st.error("The curation file cannot be read; fix it or start with `--curation` another file.")
        st.text(str(exc))
        return
    G = result.graph
    titles = {a.id: a.title for a in result.articles}
    articles = {a.id: a for a in result.articles}
    choices = options_for(G, result.articles)
    init_state(G, choices)
    f = filters_from_state(choices)
    base = view.base_view(G, f) if f.path else None
    H = view.apply_filters(G, f)
    highlight = tuple(connecting_path(base, *f.path)) if f.path else ()
    params = view.params_from_filters(f)
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)

    sidebar_filters(G, choices, titles)
    flash = st.session_state.pop("_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)("Curation " + ("saved" if flash[0] == "success"
                                                                            else "failed"))
        st.text(flash[1])
    find_row(G)
    m = st.columns(5)
    single = sum(edge_support(d)["articles"] <= 1 for _, _, d in H.edges(data=True))
    m[0].metric("Entities", H.number_of_nodes(), help=f"{G.number_of_nodes()} in the corpus")
    m[1].metric("Relations", H.number_of_edges(), help=f"{G.number_of_edges()} in the corpus")
    m[2].metric("Accusations", sum(d.get("relation") == "accuses" for _, _, d in H.edges(data=True)))
    m[3].metric("Single-article edges", single)
    m[4].metric("Articles", len(result.articles))
    st.text("Showing: " + view.describe_filters(f, G))
    if H.number_of_nodes() == 0:
        st.info("Nothing matches these filters. Loosen them, or press Reset filters in the sidebar.")
    positions = corpus_positions(key, G) if H.number_of_nodes() > view.LARGE_GRAPH else None
    show_graph(cached_view_html(key, f, highlight, H, positions))

    tabs = st.tabs(["Entity", "Claims", "Sourcing", "Key actors", "Path", "Export", "Curate", "Articles"])
    with tabs[0]:
        entity_panel(G, H, st.session_state["entity"], articles)
    with tabs[1]:
        claims_panel(H)
    with tabs[2]:
        sourcing_panel(H)
    with tabs[3]:
        actors_panel(H)
    with tabs[4]:
        path_panel(G, base if base is not None else view.base_view(G, f))
    with tabs[5]:
        export_panel(H, G, f, highlight)
    with tabs[6]:
        curate_panel(G, H, opts.curation)
    with tabs[7]:
        articles_panel(result, notes)


if __name__ == "__main__":  # Streamlit runs the page as __main__; tests import it
    main()
