"""The explorer's tabs about the graph in view, laid out for ``app.py``: the entity's
evidence, claims, sourcing, key actors, paths, exports, curation and the articles.
Widgets and layout only; every computation is in :mod:`graph.view`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from graph import view
from graph.select import connecting_path
from graph.style import relation_label
from graph.timeline import date_range_text
from graph.vocab import load_vocab

__all__ = [
    "actors_panel",
    "articles_panel",
    "claims_panel",
    "curate_panel",
    "entity_panel",
    "export_panel",
    "path_panel",
    "pick_entity",
    "set_state",
    "sourcing_panel",
    "table",
]


def set_state(**values: Any) -> None:
    """Set session values (a button's ``on_click``)."""
    st.session_state.update(values)


def table(
    rows: list[dict[str, Any]],
    *,
    columns: list[str] | None = None,
    height: int | str = "auto",
    config: dict[str, Any] | None = None,
    key: str | None = None,
) -> None:
    if not rows:
        st.text("Nothing to show.")
        return
    st.dataframe(
        rows,
        hide_index=True,
        column_order=columns,
        column_config=config or {},
        height=height,
        key=key,
    )


def pick_entity(where: Any, label: str, G: Any, options: list[str], key: str, **kw: Any) -> Any:
    """A picker of entities, shown by name and kind, with nothing picked at first."""
    return where.selectbox(
        label, options, key=key, index=None, format_func=lambda n: view.entity_name(G, n), **kw
    )


def entity_panel(G: Any, H: Any, node: str | None, articles: dict[str, Any]) -> None:
    if node is None:
        st.info("Pick an entity (search above, or choose in the list) to see its evidence.")
        return
    d = view.entity_details(G, node, articles=articles)
    table(view.entity_facts(d, H.degree(node) if node in H else 0), key="entity_facts")
    st.caption("Every relation and the sentence behind it; the entity's own words are marked ⟦ ⟧.")
    rows = view.evidence_rows(d)
    table(
        rows,
        key="entity_evidence",
        config={
            "sentence": st.column_config.TextColumn(width="large"),
            "address": st.column_config.LinkColumn(help="Opens only when clicked"),
            "single article": st.column_config.CheckboxColumn(
                help="This edge rests on one article only"
            ),
        },
    )
    if d["evidence"]:
        labels = view.evidence_labels(d)
        pick = st.selectbox(
            "Read a sentence in its article",
            range(len(labels)),
            format_func=lambda i: labels[i],
            key="evidence_pick",
        )
        row = d["evidence"][pick or 0]
        st.text(view.evidence_heading(articles, row))
        st.code(
            view.article_context(articles, row) or row["marked"], language=None, wrap_lines=True
        )


def claims_panel(H: Any, articles: dict[str, Any]) -> None:
    rows = view.claims_table(H, articles=articles)
    if not rows:
        st.info("No accusation in this view.")
        return
    denied = sum(r["denied"] for r in rows)
    single = sum(r["single_article"] for r in rows)
    st.caption(
        f"{len(rows)} accusation{'s' if len(rows) != 1 else ''}, {denied} denied, "
        f"{single} resting on a single article."
    )
    table(
        rows,
        key="claims",
        columns=view.CLAIM_COLUMNS,
        config={
            "denied_by": st.column_config.TextColumn("denied by", width="medium"),
            "sources": st.column_config.NumberColumn("outlets", help="Distinct outlets"),
            "single_article": st.column_config.CheckboxColumn("single article"),
            "quotes": st.column_config.TextColumn("accusation quotes", width="large"),
            "denial_quotes": st.column_config.TextColumn("denial quotes", width="large"),
        },
    )


def sourcing_panel(H: Any, articles: dict[str, Any]) -> None:
    rows = view.edge_table(H, articles=articles)
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
    table(
        rows,
        key="sourcing",
        columns=view.SOURCING_COLUMNS,
        config={
            "sources": st.column_config.NumberColumn(
                "outlets", help="Distinct outlets: two articles of one outlet count once"
            ),
            "single_article": st.column_config.CheckboxColumn("single article"),
            "first_quote": st.column_config.TextColumn("first quote", width="large"),
            "quoted_from": st.column_config.TextColumn("quoted from", width="medium"),
        },
    )


def actors_panel(H: Any) -> None:
    rows, approximate = view.rank_view_actors(H, limit=30)
    if not rows:
        st.info("No entity in this view.")
        return
    top = max(r["betweenness"] for r in rows) or 1.0
    st.caption(
        "Degree: relations in this view. Betweenness: how often the entity lies on the "
        "shortest path between two others" + (" (sampled, approximate)." if approximate else ".")
    )
    table(
        rows,
        key="actors",
        columns=["label", "kind", "degree", "betweenness"],
        config={
            "betweenness": st.column_config.ProgressColumn(
                min_value=0.0, max_value=float(top), format="%.3f"
            ),
        },
    )


def path_panel(G: Any, base: Any, articles: dict[str, Any]) -> None:
    order = view.entity_options(G)
    c1, c2 = st.columns(2)
    pick_entity(c1, "From", G, order, "path_a", placeholder="Pick an entity")
    pick_entity(c2, "To", G, order, "path_b", placeholder="Pick an entity")
    a, b = st.session_state["path_a"], st.session_state["path_b"]
    st.toggle("Show only this path in the graph", key="path_on", disabled=not (a and b))
    if not (a and b):
        st.caption(
            "Pick two entities to see how they are connected (kind, relation, article, "
            "modality and evidence filters apply)."
        )
        return
    chain = connecting_path(base, a, b) if a != b else []
    if not chain:
        st.warning("No connection between these two with the current filters.")
        return
    st.caption(f"Connected in {len(chain) - 1} step{'s' if len(chain) != 2 else ''}:")
    st.text(" → ".join(str(G.nodes[n].get("label", n)) for n in chain))
    table(
        view.path_steps(base, chain, articles=articles),
        key="path_steps",
        config={
            "quote": st.column_config.TextColumn(width="large"),
            "quoted_from": st.column_config.TextColumn("quoted from"),
        },
    )


def export_panel(
    H: Any, G: Any, f: view.ViewFilters, highlight: tuple[str, ...], communities: Any = None
) -> None:
    names = view.download_context(G, f)
    st.caption(
        f"The current view: {H.number_of_nodes()} entities, {H.number_of_edges()} relations."
    )
    cols = st.columns(3)
    for i, (fmt, spec) in enumerate(view.DOWNLOAD_FORMATS.items()):

        def make(fmt: str = fmt) -> bytes:
            return view.generate_download(
                H,
                fmt,
                title=names.title,
                subtitle=names.subtitle,
                physics=f.physics,
                highlight=highlight,
                focus=f.focus,
                n_articles=names.n_articles,
                communities=communities if f.colour == "community" else None,
                date_range=date_range_text(f.since, f.until) if f.dated else None,
            )

        cols[i % 3].download_button(
            spec["label"],
            data=make,
            file_name=names.stem + spec["suffix"],
            mime=spec["mime"],
            key=f"dl_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    st.caption("The page address keeps these filters: copy it to share or reopen this view.")


def curate_panel(G: Any, H: Any, curation: Path) -> None:
    from graph import curate

    st.text(f"Curation file: {curation}")
    order = view.entity_options(G)

    def run(action: dict[str, Any]) -> None:
        st.session_state["_flash"] = view.save_action(curation, action)

    def undo() -> None:
        st.session_state["_flash"] = view.undo_action(curation)

    analyst = st.text_input(
        "Analyst", key="cur_analyst", placeholder="your name (kept with each change)"
    )
    with st.expander("Merge entities", expanded=True):
        keep = pick_entity(st, "Keep", G, order, "cur_keep", placeholder="the entity to keep")
        drop = st.multiselect(
            "Merge into it",
            [n for n in order if n != keep],
            key="cur_drop",
            format_func=lambda n: view.entity_name(G, n),
        )
        st.button(
            "Merge",
            key="cur_merge",
            disabled=not (keep and drop),
            on_click=lambda: run(view.merge_action(keep, drop, analyst)),
        )
    with st.expander("Drop an edge"):
        edges = view.edge_choices(G, H)
        pick = st.selectbox(
            "Edge (in the current view)",
            range(len(edges)),
            key="cur_edge",
            index=None,
            format_func=lambda i: (
                f"{view.entity_name(G, edges[i][0])} —{edges[i][2]}→ {view.entity_name(G, edges[i][1])}"
            ),
            placeholder="pick an edge to remove",
        )
        st.button(
            "Drop edge",
            key="cur_drop_edge",
            disabled=pick is None,
            on_click=lambda: run(view.drop_edge_action(edges[pick], analyst)),
        )
    with st.expander("Add an edge"):
        c1, c2, c3 = st.columns(3)
        src = pick_entity(c1, "Source", G, order, "cur_src")
        rel = c2.selectbox(
            "Relation", list(load_vocab().relations), key="cur_rel", format_func=relation_label
        )
        dst = pick_entity(c3, "Target", G, order, "cur_dst")
        note = st.text_input("Evidence note", key="cur_note", placeholder="where this comes from")
        ready = bool(src and dst and rel and note and analyst and src != dst)
        st.button(
            "Add edge",
            key="cur_add_edge",
            disabled=not ready,
            on_click=lambda: run(view.add_edge_action(src, dst, rel, note, analyst)),
        )
        if not ready:
            st.caption("Source, target, a note and the analyst's name are needed.")
    actions = curate.load_curation(curation)
    st.button(
        f"Undo the last change ({len(actions)} in the file)",
        key="cur_undo",
        disabled=not actions,
        on_click=undo,
    )
    log = view.curation_log(G)
    if log:
        table(log, key="cur_log")


def articles_panel(result: Any, notes: list[str]) -> None:
    table(
        view.article_rows(result.graph, result.articles),
        key="articles",
        columns=view.ARTICLE_COLUMNS,
        config={
            "title": st.column_config.TextColumn(width=380),
            "outlet": st.column_config.TextColumn(width=150),
            "date": st.column_config.TextColumn(width=95),
            "address": st.column_config.LinkColumn(width=280, help="Opens only when clicked"),
        },
    )
    if result.problems:
        st.caption("Skipped files:")
        table([{"file": p.path, "reason": p.reason} for p in result.problems], key="problems")
    if notes:
        st.caption("Build notes:")
        st.text("\n".join(notes))
