"""Relate explorer: ``streamlit run app.py``.

Opens the graph of the articles in ``seeds/``. Options go after ``--``::

    streamlit run app.py -- --input DIR [--input DIR2] [--curation PATH]
                            [--cache PATH] [--no-cache]

``--input`` names the corpus (folders or files of documents: plain text, web pages,
PDFs, Word files, feeds, tables, zips; uploads go into the first folder), ``--curation`` the analyst curation file (default
``data/curation.yaml``), ``--cache`` the extraction cache (default
``data/cache/extractions.sqlite``), ``--no-cache`` parses every article again
instead. Without options the environment variables ``RELATE_INPUT`` (paths
separated by the OS path separator), ``RELATE_CURATION``, ``RELATE_CACHE`` and
``RELATE_NO_CACHE=1`` are read (the tests use them); ``RELATE_AUTO_HIDE`` sets above
how many entities the view hides unconnected ones by default (40).

The corpus-scale widgets (article search, dates, communities, the Review and Timeline
tabs) are laid out by ``app_explore.py``, the tabs about the graph in view (entity,
claims, sourcing, key actors, path, export, curate, articles) by ``app_tabs.py``.

The page only lays out widgets: every computation is in :mod:`graph.view` (the
options, the corpus store and the filter state too), :mod:`graph.select`,
:mod:`graph.curate`, :mod:`graph.style` and :mod:`graph.render`. Text from articles is
shown only with ``st.text``, ``st.code``, dataframes and widget options, never as
Markdown or HTML (a document's web address only as text, or as a table link that
opens when clicked; nothing is fetched); the graph itself is a self-contained vis-network page (no outside
request) in an iframe.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import app_explore
from app_tabs import (
    actors_panel,
    articles_panel,
    claims_panel,
    curate_panel,
    entity_panel,
    export_panel,
    path_panel,
    sourcing_panel,
)
from graph import view
from graph.errors import CurationError, InputError
from graph.select import (
    community_legend,
    community_map,
    connecting_path,
    edge_support,
    layout_positions,
)
from graph.style import kind_label, relation_label

GRAPH_HEIGHT = 720
CORPUS_CACHE_SIZE = 4


def parse_options(argv: list[str] | None = None) -> view.AppOptions:
    """The app's options: command line after ``--``, else environment variables."""
    return view.parse_app_options(sys.argv[1:] if argv is None else argv, root=ROOT)


# ------------------------------------------------------------------ corpus and caches
@st.cache_resource(show_spinner=False)
def corpus_store() -> view.CorpusStore:
    """Built corpora, shared by every session, keyed on the corpus content."""
    return view.CorpusStore(size=CORPUS_CACHE_SIZE)


@contextmanager
def progress_bar() -> Iterator[Any]:
    """A progress bar while articles are processed; gone when the build ends."""
    bar = st.progress(0.0, text="Reading articles…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"Processing articles: {done} of {total}")

    try:
        yield progress
    finally:
        bar.empty()


@st.cache_resource(show_spinner="Laying out the graph…", max_entries=4)
def corpus_positions(key: str, _G: Any) -> dict[str, tuple[float, float]]:
    """Positions of the whole corpus graph: large views reuse them, so filtering
    never moves a node."""
    return layout_positions(_G)


@st.cache_resource(show_spinner=False, max_entries=4)
def corpus_communities(key: str, _G: Any) -> dict[str, int]:
    """The corpus's communities (seeded Louvain), computed once per corpus."""
    return community_map(_G)


@st.cache_resource(show_spinner=False, max_entries=4)
def corpus_tips(key: str) -> view.TipCache:
    """Tooltips built for a corpus's views, reused by the next view."""
    return view.TipCache()


@st.cache_data(show_spinner=False, max_entries=64)
def cached_view_html(
    key: str,
    filters: view.ViewFilters,
    highlight: tuple[str, ...],
    marked: tuple[str, ...],
    _H: Any,
    _positions: Any,
    _communities: Any,
) -> str:
    return view.view_html(
        _H,
        physics=filters.physics,
        height=f"{GRAPH_HEIGHT}px",
        selected=filters.entity,
        highlight=highlight,
        positions=_positions,
        marked=marked,
        communities=_communities if filters.colour == "community" else None,
        tips=corpus_tips(key),
    )


def reset_filters() -> None:
    view.reset_filters(st.session_state)


# ------------------------------------------------------------------ uploads
def upload_panel(folder: Path, where: Any) -> bool:
    """The document uploader; returns True when a new file was saved."""
    files = where.file_uploader(
        "Add documents (text, web page, PDF, Word, feed, table, zip)",
        type=view.UPLOAD_TYPES,
        accept_multiple_files=True,
        key="uploads",
        help=f"Saved into the corpus folder; up to {view.MAX_UPLOAD_BYTES // 2**20} MB each.",
        max_upload_size=max(1, view.MAX_UPLOAD_BYTES // 2**20),
    )
    done = st.session_state.setdefault("_saved_uploads", {})
    uploads = ((f.file_id, f.name, f.getvalue()) for f in files or [] if f.file_id not in done)
    saved = view.save_uploads(folder, uploads, done)
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
def show_graph(page: str) -> None:
    if hasattr(st, "iframe"):
        st.iframe(page, height=GRAPH_HEIGHT + 6)
    else:  # pragma: no cover - Streamlit before st.iframe
        import streamlit.components.v1 as components

        components.html(page, height=GRAPH_HEIGHT + 6)


# ------------------------------------------------------------------ page parts
def sidebar_filters(
    G: Any, choices: dict[str, list[str]], titles: dict[str, str], communities: Any
) -> None:
    sb = st.sidebar
    sb.subheader("Filters")
    sb.multiselect("Kinds", choices["f_kinds"], key="f_kinds", format_func=kind_label)
    sb.multiselect("Relations", choices["f_rel"], key="f_rel", format_func=relation_label)
    sb.multiselect(
        "Modality",
        choices["f_mod"],
        key="f_mod",
        help="asserted: stated as fact; alleged: 'suspected', 'reportedly'; "
        "hypothetical: 'may', 'could'.",
    )
    app_explore.article_search(sb, choices, G.graph.get("articles") or {})
    app_explore.date_range(sb)
    app_explore.colour_and_community(sb, community_legend(G, communities, limit=40))
    max_ev = max([2, *(edge_support(d)["evidence"] for _, _, d in G.edges(data=True))])
    max_art = max(2, len(choices["f_doc"]))
    st.session_state["f_min_ev"] = min(st.session_state["f_min_ev"], max_ev)
    st.session_state["f_min_art"] = min(st.session_state["f_min_art"], max_art)
    sb.slider("Minimum pieces of evidence per edge", 1, max_ev, key="f_min_ev")
    sb.slider(
        "Minimum articles per edge",
        1,
        max_art,
        key="f_min_art",
        help="2 or more hides every edge that rests on a single article.",
    )
    sb.checkbox("Hide isolated entities", key="f_iso")
    sb.toggle(
        "Physics (let the layout settle)",
        key="f_physics",
        help=f"Above {view.LARGE_GRAPH} entities the precomputed layout is drawn without physics.",
    )
    sb.button("Reset filters", on_click=reset_filters, width="stretch")


def find_row(G: Any) -> None:
    c1, c2, c3, c4 = st.columns([3, 4, 2, 2], vertical_alignment="bottom")
    q = c1.text_input("Search entities", key="q", placeholder="any name or alias, e.g. Moscow")
    options = view.entity_options(G, q)
    current = st.session_state.get("entity")
    if current is not None and current not in options:
        options = [current, *options]
    c2.selectbox(
        "Entity",
        options,
        key="entity",
        index=None,
        format_func=lambda n: view.entity_name(G, n),
        placeholder=f"{len(options)} match{'es' if len(options) != 1 else ''}: pick one"
        if q
        else "Pick an entity for details and focus",
    )
    c3.toggle(
        "Focus on it",
        key="focus_on",
        disabled=st.session_state.get("entity") is None,
        help="Show only what lies within the hop depth of the entity.",
    )
    c4.slider("Hops", 1, view.MAX_HOPS, key="hops", disabled=not st.session_state.get("focus_on"))


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
        corpus = corpus_store().load(opts, progress=progress_bar)
    except InputError as exc:
        st.title("Relate")
        st.info(
            "No articles to show yet. Add news documents (text, web pages, PDFs, Word files, "
            "feeds, tables) with the uploader in the sidebar, or start the app on a folder: "
            "`streamlit run app.py -- --input DIR`."
        )
        st.text(str(exc))
        return
    except CurationError as exc:
        st.title("Relate")
        st.error(
            "The curation file cannot be read; fix it or start with `--curation` another file."
        )
        st.text(str(exc))
        return
    result, key, notes = corpus.result, corpus.key, corpus.notes
    G = result.graph
    titles = {a.id: a.title for a in result.articles}
    articles = {a.id: a for a in result.articles}
    choices = view.filter_choices(G, [a.id for a in result.articles])
    view.init_state(st.session_state, G, choices, st.query_params.to_dict())
    communities = corpus_communities(key, G)
    f = view.filters_from_state(st.session_state, choices, G.graph.get("articles") or {})
    base = view.base_view(G, f, communities) if f.path else None
    H = view.apply_filters(G, f, communities)
    highlight = tuple(connecting_path(base, *f.path)) if f.path else ()
    params = view.params_from_filters(f, hide_default=view.hides_isolated(G))
    if st.query_params.to_dict() != params:
        st.query_params.from_dict(params)

    sidebar_filters(G, choices, titles, communities)
    flash = st.session_state.pop("_flash", None)
    if flash:
        (st.success if flash[0] == "success" else st.error)(
            "Curation " + ("saved" if flash[0] == "success" else "failed")
        )
        st.text(flash[1])
    find_row(G)
    metrics = view.view_metrics(G, H, len(result.articles))
    for col, (label, value, tip) in zip(st.columns(len(metrics)), metrics):
        col.metric(label, value, help=tip)
    st.text("Showing: " + view.describe_filters(f, G))
    if H.number_of_nodes() == 0:
        st.info(
            "Nothing matches these filters. Loosen them, or press Reset filters in the sidebar."
        )
    positions = corpus_positions(key, G) if H.number_of_nodes() > view.LARGE_GRAPH else None
    q = str(st.session_state.get("q") or "").strip()
    marked = tuple(view.entity_options(G, q)[:20]) if q else ()
    show_graph(cached_view_html(key, f, highlight, marked, H, positions, communities))
    app_explore.isolated_toggle(G, H, f.hide_isolated)

    tabs = st.tabs(
        [
            "Entity",
            "Claims",
            "Sourcing",
            "Key actors",
            "Path",
            "Export",
            "Curate",
            "Articles",
            "Review",
            "Timeline",
        ]
    )
    with tabs[0]:
        entity_panel(G, H, st.session_state["entity"], articles)
    with tabs[1]:
        claims_panel(H, articles)
    with tabs[2]:
        sourcing_panel(H, articles)
    with tabs[3]:
        actors_panel(H)
    with tabs[4]:
        path_panel(G, base if base is not None else view.base_view(G, f, communities), articles)
    with tabs[5]:
        export_panel(H, G, f, highlight, communities)
    with tabs[6]:
        curate_panel(G, H, opts.curation)
    with tabs[7]:
        articles_panel(result, notes)
        app_explore.sentence_adder(G, articles, opts.curation)
    with tabs[8]:
        app_explore.review_tab(G, opts.curation)
    with tabs[9]:
        app_explore.timeline_tab(G, H, f, communities)


if __name__ == "__main__":  # Streamlit runs the page as __main__; tests import it
    main()
