"""Saved web pages: the article body without the page's furniture, its metadata, and
the same graph as the article's plain text (and its PDF report).

The fixtures (``tests/fixtures/documents/cable.*``) hold one invented article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.build import build_graph
from graph.errors import InputError
from graph.evaluate import load_gold, score_graph
from graph.export import graph_to_json_data
from graph.ingest import parse_document, read_article, read_articles
from graph.ingest.html import _headline, _join, _teasers_start, parse_html

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()
# what the page holds besides the article: none of it may be read
FURNITURE = [
    "China accuses Japan",
    "Iran blames Israel",
    "Belarus helicopters",
    "Sweden expels",
    "Germany is behind",
    "Turkey helped",
    "Brussels",
    "cookies",
    "Accept all",
    "Hungary accuses",
    "Lithuania accuses",
    "Latvia accuses",
    "Norway accuses",
    "Related stories",
    "Subscribe",
    "Advertisement",
    "Post comment",
    "All rights reserved",
    "Topics:",
    "Photo: Ledger archive",
]
FURNITURE_ENTITIES = {
    "china",
    "japan",
    "iran",
    "israel",
    "germany",
    "turkey",
    "hungary",
    "serbia",
    "lithuania",
    "latvia",
    "belarus",
    "norway",
    "sweden",
    "poland",
}


def test_the_page_gives_the_article_text_exactly():
    article = read_article(DOCS / "cable.html")
    assert article.text == PLAIN
    assert article.format == "html"


def test_the_page_gives_its_metadata():
    a = read_article(DOCS / "cable.html")
    assert (a.title, a.date, a.outlet, a.author) == (
        "Estonia accuses Russia of cutting Baltic data cable",
        "2025-03-14",
        "The Baltic Ledger",
        "Mart Kivi",
    )
    assert a.url == "https://ledger.example/world/2025/03/14/estonia-russia-cable"
    assert a.source == a.outlet


@pytest.mark.parametrize("phrase", FURNITURE)
def test_no_page_furniture_is_read(phrase):
    assert phrase not in read_article(DOCS / "cable.html").text


def test_a_page_without_an_article_is_read_as_its_visible_text():
    page = (
        "<html><head><title>Note</title><script>var x = 'Poland accuses Russia';</script>"
        "<style>p {color: red}</style></head><body><p>Estonia summoned the Russian envoy."
        "</p></body></html>"
    )
    a = parse_html(page, "note.html")
    assert "Estonia summoned the Russian envoy." in a.text
    assert "Poland" not in a.text and "color" not in a.text


def test_a_fragment_saved_as_html_is_read():
    c = parse_document(b"<p>Poland accused Russia.</p>", "article.html")
    assert [a.text for a in c.articles] == ["Poland accused Russia."]


def test_the_declared_charset_is_used():
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body>'
        "<article><p>Talks at the caf\xe9 in Tallinn ended without a deal, officials said "
        "on Friday after a long night of negotiations.</p></article></body></html>"
    )
    a = parse_html(page.encode("cp1252"), "c.html")
    assert "caf\u00e9 in Tallinn" in a.text
    assert a.title == "Caf\u00e9 talks"


def test_a_utf8_page_without_a_charset_is_read_as_utf8():
    page = "<html><body><article><p>Gda\u0144sk port reopened on Monday after the storm.</p></article></body></html>"
    assert "Gda\u0144sk" in parse_html(page.encode("utf-8"), "g.html").text


def test_a_page_without_text_is_a_named_problem(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>alert(1)</script></head><body>  </body></html>")
    corpus = read_articles([path])
    assert corpus.articles == []
    assert [str(p) for p in corpus.problems] == [f"{path}: no text in the page"]
    with pytest.raises(InputError, match="blank.html: no text in the page"):
        parse_html(path.read_bytes(), str(path))


def test_only_web_addresses_are_kept_as_the_url():
    page = (
        '<html><head><link rel="canonical" href="javascript:alert(1)"></head><body><article>'
        "<p>Estonia summoned the Russian envoy over the cable on Friday morning, the foreign "
        "ministry said in a statement.</p></article></body></html>"
    )
    assert parse_html(page, "j.html").url is None


# ------------------------------------------------------------------ joining trafilatura's two readings
LEAD = "Estonia accused Russia on Friday of cutting the data cable under the Baltic Sea, officials said."
BODY = [
    "The cable between Tallinn and Helsinki stopped carrying traffic early on Thursday morning.",
    "Investigators",
    "Divers found the damage about forty kilometres off the coast, the navy said in a statement.",
]
LAST = "The foreign ministry summoned the Russian envoy to explain the ship's course that night."


def test_paragraphs_the_precise_reading_skipped_inside_the_article_are_kept():
    whole = ["Menu", *BODY, "Comments", "Post a comment"]
    assert _join(whole, [BODY[0], BODY[2]]) == BODY


def test_prose_next_to_the_precise_reading_is_kept_and_furniture_is_not():
    whole = ["By Mart Kivi", LEAD, *BODY, LAST, "Report an error", "Sign up to our newsletter!"]
    assert _join(whole, [BODY[0], BODY[2]]) == [LEAD, *BODY, LAST]


def test_a_trailing_block_of_teasers_is_left_out():
    teasers = [
        "More from the Ledger",
        "- [Poland expels two diplomats](/world/poland-expels)",
        "- Why [the Baltic ports are closing](/world/ports) early",
        "- [Finland buys new patrol boats](/world/finland-boats)",
    ]
    precise = [LEAD, *BODY, *teasers]
    assert _teasers_start(precise) == 1 + len(BODY)
    whole = [LEAD, *BODY, "More from the Ledger", "- Poland expels two diplomats"]
    assert _join(whole, precise) == [LEAD, *BODY]


def test_a_rail_of_columns_with_kickers_and_summaries_is_left_out():
    rail = ["Other columns"]
    for kicker, head in (("Editorial", "Ports"), ("Opinion", "Cables"), ("Letters", "Ships")):
        rail += [kicker, f"[{head} matter more than ever](/opinion/{head})", f"{head} were news."]
    precise = [LEAD, *BODY, LAST, *rail]
    assert _teasers_start(precise) == 2 + len(BODY)


def test_lines_with_a_link_in_the_article_are_not_teasers():
    precise = [LEAD, "See the [ministry's statement](/doc) on the cable.", BODY[0], LAST]
    assert _teasers_start(precise) == len(precise)
    two = [LEAD, *BODY, "- [Poland expels two diplomats](/a)", "- [Finland buys boats](/b)"]
    assert _teasers_start(two) == len(two)


def test_the_headline_read_twice_becomes_the_title():
    title = "Estonia accuses Russia of cutting cable | The Baltic Ledger"
    heading = "Estonia accuses Russia of cutting cable"
    assert _headline(title, [heading, LEAD], [heading]) == (heading, [LEAD])
    assert _headline(title, [heading, LEAD], []) == (heading, [LEAD])
    assert _headline("World news", ["World news", heading, LEAD], [heading]) == (heading, [LEAD])
    assert _headline(title, [LEAD, heading], [heading]) == (heading, [LEAD, heading])
    assert _headline("Cable cut", [BODY[1], LEAD], []) == ("Cable cut", [BODY[1], LEAD])


# ------------------------------------------------------------------ the same article, three ways
@pytest.fixture(scope="module")
def three_graphs(vocab, nlp):
    """The graph of the plain text, of the page and of the PDF, each built on its own."""
    graphs = {}
    for name in ("cable.txt", "cable.html", "cable.pdf"):
        article = read_article(DOCS / name)
        graphs[name] = build_graph([article], vocab=vocab, nlp=nlp, n_process=1)
    return graphs


def _facts(G) -> tuple[set, set]:
    nodes = {(n, d["kind"]) for n, d in G.nodes(data=True)}
    edges = {(s, t, k, d["modality"]) for s, t, k, d in G.edges(keys=True, data=True)}
    return nodes, edges


def test_page_pdf_and_plain_text_build_the_same_graph(three_graphs):
    plain = _facts(three_graphs["cable.txt"])
    assert plain[1], "the plain text builds edges"
    assert _facts(three_graphs["cable.html"]) == plain
    assert _facts(three_graphs["cable.pdf"]) == plain


def test_no_entity_comes_from_the_page_furniture(three_graphs):
    ids = {n.split(":", 1)[1] for n in three_graphs["cable.html"]}
    assert not ids & FURNITURE_ENTITIES


def test_page_and_pdf_score_as_the_plain_text(three_graphs):
    gold = load_gold([DOCS / "cable.gold.json"])
    scores = {
        name: score_graph(json.loads(json.dumps(graph_to_json_data(G))), gold)
        for name, G in three_graphs.items()
    }
    plain = scores["cable.txt"]
    assert plain.f1 > 0.5
    for name in ("cable.html", "cable.pdf"):
        assert abs(scores[name].f1 - plain.f1) <= 0.03, name
        assert abs(scores[name].entity_recall - plain.entity_recall) <= 0.03, name
