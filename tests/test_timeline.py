"""Time: article dates (the document's, else the first full date in the text), every
edge's first and last date, the date-range filter (sidebar and URL), the Timeline
tab's weekly chart and the what-changed table with its CSV."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest

from graph.ingest import parse_article
from graph.timeline import article_meta, changes, guess_date, stamp_dates, weekly_counts
from graph.view import ViewFilters, apply_filters, changes_between, changes_csv
from graph.view.history import halves
from graph.view.state import date_bounds


@pytest.fixture(scope="module")
def dated_graph(dated_dir, vocab, nlp):
    from graph.pipeline import build_corpus

    return build_corpus([dated_dir], cache_path=None, curation_path=None).graph


def test_dates_from_the_document_else_the_text():
    filler = "The envoys spoke of the weather and of the roads. " * 80  # past 3,000 characters
    a = parse_article(f"Talks\n\nThe envoys met in Lima on 5 Mar. 2024.\n\n{filler}\n", "t.txt")
    meta = article_meta([a])[a.id]
    assert (meta["date"], meta["date_from"]) == ("2024-03-05", "text")
    # a date deep in the body is an event's (often years old), not the article's
    c = parse_article(f"Talks\n\n{filler}\n\nThey first met on 5 March 2001.\n", "t.txt")
    assert article_meta([c])[c.id]["date"] == ""
    b = parse_article("Talks\n\nDate: 2024-05-02\n\nThey met on 5 March 2024.\n", "t.txt")
    assert article_meta([b])[b.id]["date_from"] == "document"
    assert guess_date("On March 5, 2024 and on 2024-01-02.") == "2024-03-05"
    assert guess_date("Last Tuesday.") is None
    # a date deep in the body is an event's, not the article's
    assert guess_date("Talks resumed. " + "The envoys met again. " * 40 + "On May 2, 2001.") is None


def test_every_edge_has_a_first_and_last_date(dated_graph):
    data = dated_graph.edges["state:poland", "state:russia", "accuses"]
    assert (data["first_date"], data["last_date"]) == ("2024-03-04", "2024-03-20")
    assert date_bounds(dated_graph) == ("2024-03-04", "2024-04-15")
    assert dated_graph.nodes["state:estonia"]["first_date"] == "2024-04-15"


def test_date_range_filter_keeps_the_evidence_of_its_articles(dated_graph):
    H = apply_filters(dated_graph, ViewFilters(since="2024-03-10", until="2024-03-31"))
    assert H.has_edge("state:lithuania", "state:belarus", "accuses")
    assert not H.has_edge("state:estonia", "state:russia", "accuses")
    data = H.edges["state:poland", "state:russia", "accuses"]
    assert (data["first_date"], data["last_date"]) == ("2024-03-20", "2024-03-20")


def test_weekly_counts_by_kind_of_relation(dated_graph):
    rows = weekly_counts(dated_graph)
    assert rows[0]["week"] == "2024-03-04" and rows[-1]["week"] == "2024-04-15"
    assert [r["week"] for r in rows] == sorted(r["week"] for r in rows)
    assert sum(r["accusations"] for r in rows) == 4  # three edges, Poland's in two weeks
    pair = weekly_counts(dated_graph, pair=("state:russia", "state:poland"))
    assert [r["accusations"] for r in pair] == [1, 0, 1]


def test_what_changed_between_two_ranges(dated_graph):
    first, second = halves(date_bounds(dated_graph))
    rows = changes_between(dated_graph, ViewFilters(), first, second)
    kinds = {(r["change"], r["source"], r["relation"], r["target"]) for r in rows}
    assert ("new edge", "state:estonia", "accuses", "state:russia") in kinds
    assert ("no longer reported", "state:lithuania", "accuses", "state:belarus") in kinds
    assert ("new entity", "state:estonia", "", "") in kinds
    csv_text = changes_csv(rows)
    assert csv_text.splitlines()[0].startswith("change,source_name,relation,target_name")
    assert len(csv_text.splitlines()) == len(rows) + 1


def test_changes_of_identical_views_is_empty():
    G = nx.MultiDiGraph([("a", "b", "accuses")])
    assert changes(G, G) == []


def test_stamp_with_no_dates_leaves_them_empty():
    a = parse_article("Talks\n\nRuritania blamed Freedonia.\n", "t.txt")
    G = nx.MultiDiGraph()
    G.add_edge("x", "y", key="accuses", documents=[a.id])
    stamp_dates(G, [a])
    assert G.edges["x", "y", "accuses"]["first_date"] == ""


# ------------------------------------------------------------------ the app
@pytest.fixture()
def dated_app(monkeypatch, tmp_path, dated_dir):
    monkeypatch.setenv("RELATE_INPUT", str(dated_dir))
    monkeypatch.setenv("RELATE_CURATION", str(tmp_path / "curation.yaml"))
    monkeypatch.setenv("RELATE_CACHE", str(tmp_path / "cache.sqlite"))


def test_date_slider_and_url_change_the_view(dated_app):
    from test_app import graph_nodes, metrics, run_app

    at = run_app()
    before = metrics(at)["Relations"]
    at.sidebar.slider(key="f_dates").set_value((dt.date(2024, 4, 1), dt.date(2024, 4, 15))).run()
    assert at.query_params["since"] == "2024-04-01" and "until" not in at.query_params
    assert metrics(at)["Relations"] < before
    assert "state:estonia" in graph_nodes(at)
    shared = run_app({"since": "2024-04-01"})
    assert metrics(shared)["Relations"] == metrics(at)["Relations"]
    assert shared.sidebar.slider(key="f_dates").value == (dt.date(2024, 4, 1), dt.date(2024, 4, 15))


def test_timeline_tab_charts_and_compares(dated_app):
    from test_app import run_app

    at = run_app()
    assert not at.exception
    charts = at.get("vega_lite_chart")
    assert charts, "the weekly chart is drawn"
    rows = [d for d in at.dataframe if "change" in list(d.value.columns)]
    assert rows and set(rows[0].value["change"]) >= {"new edge", "no longer reported"}
    # a narrower "after" range changes the comparison
    at.slider(key="ch_second").set_value((dt.date(2024, 4, 10), dt.date(2024, 4, 15))).run()
    rows = [d for d in at.dataframe if "change" in list(d.value.columns)]
    changed = set(zip(rows[0].value["change"], rows[0].value["source"], strict=True))
    assert ("new entity", "state:estonia") in changed
    assert ("new entity", "state:japan") not in changed
