"""The explorer's corpus-scale widgets, laid out for ``app.py``: the article search,
the date range, the colour mode and the community filter in the sidebar, and the
Review and Timeline tabs. Widgets and layout only; every computation is in
:mod:`graph.view` and :mod:`graph.timeline`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from graph import view

__all__ = ["article_search", "colour_and_community", "date_range", "isolated_toggle"]


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
    elif G.number_of_nodes() > view.AUTO_HIDE:
        lone = sum(1 for n in H if H.degree(n) == 0)
        if lone:
            st.button(
                f"Hide {lone} unconnected entities",
                key="hide_iso",
                on_click=lambda: st.session_state.update(f_iso=True),
            )
