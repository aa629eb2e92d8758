"""Reviewing machine-made edges: the curation ops accept_edge, reject_edge,
set_relation and reverse_edge (apply, survive a rebuild, undo, every export), an
edge added from an article's sentence with its offsets, the review queue, and the
app's Review and Articles tabs."""

from __future__ import annotations

import pytest

from graph.build import build_graph
from graph.curate import append_action, apply_curation, load_curation, undo_last
from graph.errors import CurationError
from graph.export import read_csv, read_gexf, read_graphml, read_json, write_graph
from graph.ingest import read_articles
from graph.view import review_action, review_progress, review_queue, sentence_action, sentences

EDGE = ("state:lithuania", "state:belarus", "accuses")


@pytest.fixture(scope="module")
def dated_articles(dated_dir):
    return read_articles([dated_dir]).articles


@pytest.fixture(scope="module")
def dated_graph(dated_articles, vocab, nlp):
    return build_graph(dated_articles, vocab=vocab, nlp=nlp, n_process=1)


def curate(G, path, action):
    append_action(path, action)
    return apply_curation(G, path)


def test_accept_marks_the_edge_and_survives_a_rebuild(
    tmp_path, dated_graph, dated_articles, vocab, nlp
):
    path = tmp_path / "c.yaml"
    H = curate(dated_graph, path, review_action(EDGE, "accept", "A. Analyst"))
    data = H.edges[EDGE]
    assert data["reviewed"] == "accepted" and data["reviewed_by"] == "A. Analyst"
    assert data["reviewed_at"].startswith("20")
    assert review_progress(H)["accepted"] == 1
    # a rebuild with a new article applies the file again
    from graph.ingest import parse_article

    extra = parse_article("Envoys meet\n\nSweden backed Finland.\n", "extra.txt")
    rebuilt = build_graph([*dated_articles, extra], vocab=vocab, nlp=nlp, n_process=1)
    again = apply_curation(rebuilt, path)
    assert again.edges[EDGE]["reviewed"] == "accepted" and "state:sweden" in again
    undo_last(path)
    assert "reviewed" not in apply_curation(dated_graph, path).edges[EDGE]


def test_reject_removes_the_edge_and_counts(tmp_path, dated_graph):
    path = tmp_path / "c.yaml"
    before = review_progress(dated_graph)
    H = curate(dated_graph, path, review_action(EDGE, "reject", "A. Analyst"))
    assert not H.has_edge(*EDGE[:2], EDGE[2])
    after = review_progress(H)
    assert after["rejected"] == 1 and after["total"] == before["total"]
    assert f"{after['reviewed']} of {after['total']}" == f"1 of {before['total']}"
    undo_last(path)
    assert apply_curation(dated_graph, path).has_edge(*EDGE[:2], EDGE[2])


def test_set_relation_moves_the_evidence(tmp_path, dated_graph):
    path = tmp_path / "c.yaml"
    n_ev = len(dated_graph.edges[EDGE]["evidence"])
    H = curate(dated_graph, path, review_action(EDGE, "retag", "A. Analyst", relation="threatens"))
    assert not H.has_edge(*EDGE[:2], "accuses")
    moved = H.edges["state:lithuania", "state:belarus", "threatens"]
    assert moved["reviewed"] == "corrected" and moved["relation"] == "threatens"
    assert len(moved["evidence"]) == n_ev
    undo_last(path)
    assert apply_curation(dated_graph, path).has_edge(*EDGE[:2], "accuses")


def test_reverse_swaps_the_direction(tmp_path, dated_graph):
    path = tmp_path / "c.yaml"
    H = curate(dated_graph, path, review_action(EDGE, "reverse", "A. Analyst"))
    assert H.edges["state:belarus", "state:lithuania", "accuses"]["reviewed"] == "corrected"
    assert not H.has_edge("state:lithuania", "state:belarus", "accuses")
    assert load_curation(path)[0]["op"] == "reverse_edge"
    undo_last(path)
    assert apply_curation(dated_graph, path).has_edge("state:lithuania", "state:belarus", "accuses")


def test_review_of_a_missing_edge_is_reported(dated_graph):
    msgs: list[str] = []
    action = review_action(("state:japan", "state:china", "accuses"), "accept")
    apply_curation(dated_graph, [action], report=msgs.append)
    assert msgs and "no accuses edge from state:japan to state:china" in msgs[0]


@pytest.mark.parametrize("suffix", [".json", ".graphml", ".gexf", ".csv"])
def test_review_marks_survive_every_export(tmp_path, dated_graph, suffix):
    H = apply_curation(
        dated_graph,
        [{**review_action(EDGE, "accept", "A. Analyst"), "when": "2025-01-31T09:30:00+00:00"}],
    )
    path = tmp_path / f"g{suffix}"
    write_graph(H, path)
    read = {".json": read_json, ".graphml": read_graphml, ".gexf": read_gexf, ".csv": read_csv}
    back = read[suffix](path)
    (data,) = [
        d
        for s, t, d in back.edges(data=True)
        if (s, t) == EDGE[:2] and d.get("relation") == "accuses"
    ]
    assert data["reviewed"] == "accepted" and data["reviewed_by"] == "A. Analyst"
    assert str(data["reviewed_at"]).startswith("2025-01-31T09:30")


def test_edge_from_a_sentence_carries_its_offsets(tmp_path, dated_graph, dated_articles):
    art = next(a for a in dated_articles if a.title.startswith("Island"))
    (span,) = [(s, e) for s, e, text in sentences(art.text) if text.startswith("China")]
    path = tmp_path / "c.yaml"
    action = sentence_action(art, span, "state:china", "accuses", "state:japan", "A. Analyst")
    H = curate(dated_graph, path, action)
    (ev,) = H.edges["state:china", "state:japan", "accuses"]["evidence"]
    assert (ev["document"], ev["start"], ev["end"]) == (art.id, *span)
    assert ev["sentence"] == art.text[span[0] : span[1]] == "China criticised the pact."
    assert H.edges["state:china", "state:japan", "accuses"]["documents"] == [art.id]


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"start": 3, "end": 9}, "'start' and 'end' go together, with the 'document'"),
        ({"document": "d", "start": 9, "end": 3}, "'end' \\(3\\) must come after 'start' \\(9\\)"),
        ({"document": "d", "start": -1, "end": 3}, "'start' must be a character offset"),
    ],
)
def test_sentence_fields_are_checked(tmp_path, extra, message):
    action = {"op": "add_edge", "source": "a", "target": "b", "relation": "accuses"}
    action |= {"note": "n", "analyst": "A", **extra}
    with pytest.raises(CurationError, match=message):
        append_action(tmp_path / "c.yaml", action)


def test_queue_puts_the_least_sure_first(dated_graph):
    rows = review_queue(dated_graph)
    confidences = [r["confidence"] for r in rows]
    assert confidences == sorted(confidences) and len(rows) == dated_graph.number_of_edges()
    row = next(r for r in rows if r["edge"] == EDGE)
    assert "⟦Lithuania⟧" in row["marked"] and "⟦Belarus⟧" in row["marked"]


# ------------------------------------------------------------------ the app
@pytest.fixture()
def dated_app(monkeypatch, tmp_path, dated_dir):
    curation = tmp_path / "curation.yaml"
    monkeypatch.setenv("RELATE_INPUT", str(dated_dir))
    monkeypatch.setenv("RELATE_CURATION", str(curation))
    monkeypatch.setenv("RELATE_CACHE", str(tmp_path / "cache.sqlite"))
    return curation


def progress(at) -> str:
    return [p.proto.text for p in at.get("progress")][-1]


def test_review_tab_writes_the_curation_file_and_undoes(dated_app):
    from test_app import run_app

    at = run_app()
    total = progress(at).split(" of ")[1].split()[0]
    assert progress(at).startswith("0 of ")
    at.text_input(key="rev_analyst").input("A. Analyst").run()
    first = at.selectbox(key="rev_pick").options[0]
    at.button(key="rev_accept").click().run()
    assert progress(at).startswith(f"1 of {total} reviewed (1 accepted")
    assert load_curation(dated_app)[-1]["op"] == "accept_edge"
    assert at.selectbox(key="rev_pick").options[0] != first  # the next one comes up
    at.button(key="rev_reject").click().run()
    assert progress(at).startswith(f"2 of {total} reviewed (1 accepted, 0 corrected, 1 rejected")
    at.button(key="rev_reverse").click().run()
    at.selectbox(key="rev_rel").set_value("threatens").run()
    at.button(key="rev_retag").click().run()
    ops = [a["op"] for a in load_curation(dated_app)]
    assert ops == ["accept_edge", "reject_edge", "reverse_edge", "set_relation"]
    assert progress(at).startswith(f"4 of {total} reviewed (1 accepted, 2 corrected, 1 rejected")
    at.button(key="rev_undo").click().run()
    assert [a["op"] for a in load_curation(dated_app)] == ops[:3]
    assert progress(at).startswith("3 of ")
    assert not at.exception


def test_articles_tab_adds_an_edge_from_a_sentence(dated_app, dated_articles):
    from test_app import run_app

    art = next(a for a in dated_articles if a.title.startswith("Island"))
    i, (start, end, _) = next(
        (i, s) for i, s in enumerate(sentences(art.text)) if s[2].startswith("China")
    )
    at = run_app()
    at.selectbox(key="sa_doc").set_value(art.id).run()
    at.selectbox(key="sa_sent").set_value(i).run()
    at.selectbox(key="sa_src").set_value("state:china").run()
    at.selectbox(key="sa_rel").set_value("accuses").run()
    at.selectbox(key="sa_dst").set_value("state:japan").run()
    at.text_input(key="sa_analyst").input("A. Analyst").run()
    at.button(key="sa_add").click().run()
    assert not at.exception
    (action,) = load_curation(dated_app)
    assert (action["document"], action["start"], action["end"]) == (art.id, start, end)
    assert action["sentence"] == "China criticised the pact."


def test_reviewed_edges_are_marked_in_the_page_and_the_image(dated_graph):
    from graph.select import community_map
    from graph.view import generate_download, view_html

    H = apply_curation(dated_graph, [review_action(EDGE, "accept", "A. Analyst")])
    page = view_html(H, physics=False)
    assert "reviewed by an analyst" in page and "✓ Reviewed: accepted by A. Analyst" in page
    png = generate_download(
        H, "png", communities=community_map(H), date_range="2024-03-01 to 2024-03-31"
    )
    assert png.startswith(b"\x89PNG")


def test_review_tab_merges_an_end(dated_app):
    from test_app import run_app

    at = run_app()
    at.text_input(key="rev_analyst").input("A. Analyst").run()
    # review the Kremlin's denial, and say its source is Russia itself
    pick = at.selectbox(key="rev_pick")
    i = next(j for j, o in enumerate(pick.options) if "Kremlin —denies→" in o)
    pick.set_value(i).run()
    at.radio(key="rev_end").set_value("source").run()
    at.selectbox(key="rev_into").set_value("state:russia").run()
    at.button(key="rev_merge").click().run()
    assert not at.exception
    (action,) = load_curation(dated_app)
    assert action["op"] == "merge" and action["keep"] == "state:russia"
    assert action["drop"] == ["agency:kremlin"]
