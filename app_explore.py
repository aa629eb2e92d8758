"""The explorer's corpus-scale widgets, laid out for ``app.py``: the article search,
the date range, the colour mode and the community filter in the sidebar, and the
Review and Timeline tabs. Widgets and layout only; every computation is in
:mod:`graph.view` and :mod:`graph.timeline`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import streamlit as st

from graph import view
from graph.style import relation_label
from graph.timeline import weekly_counts
from graph.vocab import load_vocab

__all__ = [
    "article_search",
    "colour_and_community",
    "date_range",
    "isolated_toggle",
    "review_tab",
    "sentence_adder",
    "timeline_tab",
]

QUEUE_PICKS = 500
"""How many relations of the queue the picker lists (the least sure; the rest follow as
these are reviewed)."""

CHANGES = {"new edge": "new edges", "no longer reported": "no longer reported"}
CHANGES["new entity"] = "new entities"


def article_search(where: Any, choices: dict[str, list[str]], meta: dict[str, Any]) -> None:
    """Articles by search (title, outlet, date) and, folded away, one by one."""
    where.text_input(
        "Articles",
        key="f_doc_q",
        placeholder="search title, outlet or date (2024-05)",
        help="Keeps the articles whose title, outlet, date or file name hold every word.",
    )
    q = str(st.session_state.get("f_doc_q") or "").strip()
    total = len(choices["f_doc"])
    if q:
        found = view.match_articles(meta, q)
        where.caption(f"{len(found)} of {total} articles match.")
        for doc in found[:5]:
            m = meta.get(doc, {})
            line = " · ".join(x for x in (m.get("date"), m.get("outlet"), m.get("title")) if x)
            where.text(view.plain_text(line or doc, 80))
        if len(found) > 5:
            where.caption(f"… and {len(found) - 5} more.")
    with where.expander(f"Pick articles one by one ({total})"):
        st.multiselect(
            "Articles chosen",
            choices["f_doc"],
            key="f_doc",
            format_func=lambda d: view.plain_text(
                " · ".join(
                    x for x in (meta.get(d, {}).get("date"), meta.get(d, {}).get("title") or d) if x
                ),
                70,
            ),
        )


def date_range(where: Any) -> None:
    """The date-range slider over the corpus's article dates (none when undated)."""
    bounds = st.session_state.get("_dates")
    if not bounds:
        where.caption("Dates: no article of this corpus is dated.")
        return
    low, high = (dt.date.fromisoformat(b) for b in bounds)
    if low == high:
        where.caption(f"Dates: every dated article is of {bounds[0]}.")
        return
    if st.session_state.get("f_dates") is None:
        st.session_state["f_dates"] = (low, high)
    where.slider(
        "Reported between",
        min_value=low,
        max_value=high,
        key="f_dates",
        format="YYYY-MM-DD",
        help="Keeps the evidence of the articles dated in the range (undated ones drop out).",
    )


def colour_and_community(where: Any, rows: list[tuple[int, str, int]]) -> None:
    """Colour by kind or by community, and a filter to one community."""
    where.radio(
        "Colour entities by",
        ["kind", "community"],
        key="f_colour",
        horizontal=True,
        help="Communities: groups more tied to each other than to the rest "
        "(Louvain, seeded: the same corpus always gives the same groups).",
    )
    names = {number: f"{number}: {name} ({size})" for number, name, size in rows}
    options = list(names)
    current = st.session_state.get("f_comm")
    if current is not None and current not in names:
        options.append(current)
    where.selectbox(
        "Community",
        options,
        key="f_comm",
        index=None,
        format_func=lambda c: view.plain_text(names.get(c, f"{c}"), 70),
        placeholder="all communities",
    )


def isolated_toggle(G: Any, H: Any, hidden: bool) -> None:
    """One click to show (or hide again) the entities with no relation in the view."""
    if hidden:
        st.button(
            "Show unconnected entities",
            key="show_iso",
            on_click=lambda: st.session_state.update(f_iso=False),
            help="The view hides entities with no relation in it; this brings them back.",
        )
    elif view.hides_isolated(G):
        lone = sum(1 for n in H if H.degree(n) == 0)
        if lone:
            st.button(
                f"Hide {lone} unconnected entities",
                key="hide_iso",
                on_click=lambda: st.session_state.update(f_iso=True),
            )


# ------------------------------------------------------------------ review
def _save(curation: Path, action: dict[str, Any]) -> None:
    st.session_state["_flash"] = view.save_action(curation, action)


def _undo(curation: Path) -> None:
    st.session_state["_flash"] = view.undo_action(curation)


def review_tab(G: Any, curation: Path) -> None:
    """The review queue: machine-made relations, least sure first, one decision a click
    (or a key: A accept, X reject, V reverse, T change relation, M merge, U undo)."""
    done = view.review_progress(G)
    total = max(done["total"], 1)
    st.progress(
        done["reviewed"] / total,
        text=f"{done['reviewed']} of {done['total']} reviewed "
        f"({done['accepted']} accepted, {done['corrected']} corrected, "
        f"{done['rejected']} rejected)",
    )
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    analyst = c1.text_input(
        "Analyst", key="rev_analyst", placeholder="your name (kept with each decision)"
    )
    c2.toggle("Show reviewed ones too", key="rev_all")
    rows = view.review_queue(G, include_reviewed=bool(st.session_state.get("rev_all")))
    if not rows:
        st.info("Nothing left to review in this corpus.")
        return
    if (st.session_state.get("rev_pick") or 0) >= min(len(rows), QUEUE_PICKS):
        st.session_state["rev_pick"] = 0
    pick = st.selectbox(
        f"Relation to review ({len(rows)} in the queue, least sure first)",
        range(min(len(rows), QUEUE_PICKS)),
        key="rev_pick",
        format_func=lambda i: view.plain_text(
            f"{rows[i]['confidence']:.2f} · {rows[i]['source_name']} —{rows[i]['relation']}→ "
            f"{rows[i]['target_name']}"
            + (f" ({rows[i]['status']})" if rows[i]["status"] != "to review" else ""),
            120,
        ),
    )
    row = rows[pick or 0]
    edge = row["edge"]
    meta = (G.graph.get("articles") or {}).get(row["article"], {})
    st.text(
        view.plain_text(
            f"{row['source_name']} —{row['relation']}→ {row['target_name']} · confidence "
            f"{row['confidence']:.2f} ({row['rule']}) · {row['evidence']} piece(s) of evidence · "
            + " · ".join(x for x in (meta.get("title") or row["article"], meta.get("date")) if x),
            300,
        )
    )
    st.code(row["marked"] or "(no sentence)", language=None, wrap_lines=True)
    b = st.columns(4)
    b[0].button(
        "Accept",
        key="rev_accept",
        shortcut="a",
        type="primary",
        on_click=_save,
        args=(curation, view.review_action(edge, "accept", analyst)),
        width="stretch",
    )
    b[1].button(
        "Reject",
        key="rev_reject",
        shortcut="x",
        on_click=_save,
        args=(curation, view.review_action(edge, "reject", analyst)),
        width="stretch",
    )
    b[2].button(
        "Reverse direction",
        key="rev_reverse",
        shortcut="v",
        on_click=_save,
        args=(curation, view.review_action(edge, "reverse", analyst)),
        width="stretch",
    )
    b[3].button(
        "Undo last decision",
        key="rev_undo",
        shortcut="u",
        on_click=_undo,
        args=(curation,),
        width="stretch",
    )
    c1, c2, _ = st.columns([3, 1, 2], vertical_alignment="bottom")
    relations = [r for r in load_vocab().relations if r != edge[2]]
    new = c1.selectbox(
        "Change the relation to", relations, key="rev_rel", format_func=relation_label
    )
    c2.button(
        "Change",
        key="rev_retag",
        shortcut="t",
        on_click=_save,
        args=(curation, view.review_action(edge, "retag", analyst, relation=new)),
        width="stretch",
    )
    c3, c4, c5 = st.columns([2, 3, 1], vertical_alignment="bottom")
    end = c3.radio(
        "Merge an end",
        ["source", "target"],
        key="rev_end",
        horizontal=True,
        format_func=lambda e: row[f"{e}_name"],
    )
    order = view.entity_options(G)
    into = c4.selectbox(
        "into",
        [n for n in order if n not in edge[:2]],
        key="rev_into",
        index=None,
        format_func=lambda n: view.entity_name(G, n),
        placeholder="the entity it really is",
    )
    drop = edge[0] if end == "source" else edge[1]
    c5.button(
        "Merge",
        key="rev_merge",
        shortcut="m",
        disabled=into is None,
        on_click=_save,
        args=(curation, view.merge_action(into, [drop], analyst) if into else {}),
        width="stretch",
    )
    st.caption(f"The queue, least sure first (the first {min(len(rows), 300)}):")
    st.dataframe(
        rows[:300],
        hide_index=True,
        column_order=view.REVIEW_COLUMNS,
        column_config={
            "marked": st.column_config.TextColumn("evidence (entities marked ⟦ ⟧)", width="large"),
            "confidence": st.column_config.NumberColumn(format="%.2f"),
        },
        key="rev_table",
    )


def sentence_adder(G: Any, articles: dict[str, Any], curation: Path) -> None:
    """Add a relation with a sentence of an article as its evidence (real offsets)."""
    with st.expander("Add a relation from a sentence", expanded=False):
        ids = sorted(articles, key=lambda d: (articles[d].title or d).lower())
        doc = st.selectbox(
            "Article",
            ids,
            key="sa_doc",
            index=None,
            format_func=lambda d: view.plain_text(articles[d].title or d, 90),
            placeholder="pick an article",
        )
        if doc is None:
            return
        art = articles[doc]
        spans = view.sentences(art.text)
        pick = st.selectbox(
            "Sentence",
            range(len(spans)),
            key="sa_sent",
            format_func=lambda i: view.plain_text(spans[i][2], 160),
        )
        start, end, text = spans[pick or 0]
        st.code(text, language=None, wrap_lines=True)
        st.caption(f"Characters {start} to {end} of the article.")
        order = view.entity_options(G)
        c1, c2, c3 = st.columns(3)
        src = c1.selectbox(
            "Source", order, key="sa_src", index=None, format_func=lambda n: view.entity_name(G, n)
        )
        rel = c2.selectbox(
            "Relation", list(load_vocab().relations), key="sa_rel", format_func=relation_label
        )
        dst = c3.selectbox(
            "Target", order, key="sa_dst", index=None, format_func=lambda n: view.entity_name(G, n)
        )
        analyst = st.text_input("Analyst", key="sa_analyst", placeholder="your name")
        ready = bool(src and dst and rel and analyst and src != dst)
        st.button(
            "Add this relation",
            key="sa_add",
            disabled=not ready,
            on_click=_save,
            args=(
                curation,
                view.sentence_action(art, (start, end), src, rel, dst, analyst) if ready else {},
            ),
        )
        if not ready:
            st.caption("Source, target and the analyst's name are needed.")


# ------------------------------------------------------------------ time
def timeline_tab(G: Any, H: Any, f: view.ViewFilters, communities: Any) -> None:
    """Relations reported per week (the view, an entity or a pair), and what changed
    between two date ranges."""
    bounds = st.session_state.get("_dates")
    if not bounds:
        st.info(
            "No article of this corpus is dated (no date in its document or its text), "
            "so there is no timeline."
        )
        return
    c1, c2, c3 = st.columns([2, 3, 3], vertical_alignment="bottom")
    scope = c1.radio("Chart", ["the view", "an entity", "a pair"], key="tl_scope", horizontal=True)
    order = view.entity_options(H)

    def pick(where: Any, label: str, key: str) -> str | None:
        return where.selectbox(
            label, order, key=key, index=None, format_func=lambda n: view.entity_name(G, n)
        )

    entity = pair = None
    if scope == "an entity":
        entity = pick(c2, "Entity", "tl_a")
    elif scope == "a pair":
        a, b = pick(c2, "One", "tl_a"), pick(c3, "The other", "tl_b")
        pair = (a, b) if a and b and a != b else None
    rows = weekly_counts(H, entity=entity, pair=pair)
    if (scope == "an entity" and not entity) or (scope == "a pair" and not pair):
        st.caption("Pick whom to chart.")
    elif not rows:
        st.info("Nothing dated to chart in this view.")
    else:
        st.caption(
            "Relations reported per week (Monday), one count per article reporting one; "
            "the sidebar's filters apply."
        )
        st.bar_chart(
            rows,
            x="week",
            y=[c for c in rows[0] if c != "week"],
            color=["#dc2626", "#2563eb", "#94a3b8"],
            height=280,
        )
    st.subheader("What changed")
    low, high = (dt.date.fromisoformat(b) for b in bounds)
    if low == high:
        st.caption(f"Every dated article is of {bounds[0]}: nothing to compare.")
        return
    first, second = view.halves(bounds)
    c1, c2 = st.columns(2)
    r1 = c1.slider(
        "Before",
        min_value=low,
        max_value=high,
        value=tuple(dt.date.fromisoformat(d) for d in first),
        key="ch_first",
        format="YYYY-MM-DD",
    )
    r2 = c2.slider(
        "After",
        min_value=low,
        max_value=high,
        value=tuple(dt.date.fromisoformat(d) for d in second),
        key="ch_second",
        format="YYYY-MM-DD",
    )
    as_text = lambda r: (r[0].isoformat(), r[1].isoformat())
    rows = view.changes_between(G, f, as_text(r1), as_text(r2), communities)
    counts = {k: sum(1 for r in rows if r["change"] == k) for k in CHANGES}
    st.caption(" · ".join(f"{n} {k if n == 1 else CHANGES[k]}" for k, n in counts.items()))
    if rows:
        st.dataframe(rows, hide_index=True, column_order=view.CHANGE_COLUMNS, key="ch_table")
        st.download_button(
            "Download the changes (CSV)",
            data=view.changes_csv(rows),
            file_name=f"relate-changes-{as_text(r1)[0]}-{as_text(r2)[1]}.csv",
            mime="text/csv",
            key="ch_csv",
            on_click="ignore",
        )
