"""Long texts, piece by piece: cut, offsets, joining, workers, memory budget, progress.

The pieces are made small here (``nlp.max_length`` lowered to a few thousand
characters) so that a text of a few pages takes the long path; everything else
is the build as users run it.
"""

from __future__ import annotations

import io
import itertools

import pytest
from conftest import long_text
from hypothesis import given, settings
from hypothesis import strategies as st

import graph.memory
from graph.build import ProgressBar, build_graph, extract_articles
from graph.errors import BudgetError
from graph.extract import extract, prepare_text
from graph.ingest import parse_article
from graph.longtext import (
    PieceMerger,
    extract_long,
    make_pieces,
    piece_limit,
    piece_spans,
    prepared,
)

PIECE = 1_500


@pytest.fixture()
def small_pieces(nlp, monkeypatch):
    """Pieces of at most ``PIECE`` characters for this test."""
    monkeypatch.setattr(nlp, "max_length", PIECE)
    return PIECE


# ------------------------------------------------------------------ cutting
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=1, max_value=60))
def test_pieces_cover_the_text_in_order_and_respect_the_limit(text, limit):
    spans = piece_spans(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < e - s <= limit for s, e in spans) or text == ""


def test_pieces_end_after_a_paragraph_break():
    text = long_text(40)
    for s, e in piece_spans(text, 300)[:-1]:
        assert text[s:e].endswith("\n\n")


def test_a_text_without_breaks_is_cut_at_spaces_then_anywhere():
    assert piece_spans("aaaa bbbb cccc", 6) == [(0, 5), (5, 10), (10, 14)]
    assert piece_spans("x" * 10, 4) == [(0, 4), (4, 8), (8, 10)]


def test_the_piece_limit_never_exceeds_the_parsers(nlp, small_pieces):
    assert piece_limit(nlp) == PIECE
    assert piece_limit(nlp, 500) == 500


def test_pieces_keep_the_articles_own_text_and_each_is_prepared_alone(vocab):
    article = parse_article("BORDER INCIDENTS LOG\n\n" + long_text(30), "log.txt")
    pieces = make_pieces(article, 400)
    assert "".join(p.text for p in pieces) == article.text
    assert [p.index for p in pieces] == list(range(len(pieces)))
    assert all(p.count == len(pieces) and p.document == article.id for p in pieces)
    assert all(article.text[p.start : p.start + len(p.text)] == p.text for p in pieces)
    for p in pieces:  # letter case only: the offsets hold
        assert prepared(p, vocab) == prepare_text(p.text, vocab)
        assert prepared(p, vocab).lower() == p.text.lower()


# ------------------------------------------------------------------ joining
def test_merged_entities_unite_aliases_and_sum_mentions():
    from graph.records import Extraction

    m = PieceMerger("memo")
    m.add(
        Extraction(
            "memo",
            {
                "person:ann-lee": {
                    "key": "person:ann-lee",
                    "kind": "person",
                    "label": "Ann Lee",
                    "aliases": ["Ann Lee"],
                    "vocab_id": None,
                    "role": None,
                    "mentions": 2,
                }
            },
            [
                {
                    "source": "a",
                    "target": "b",
                    "relation": "accuses",
                    "evidence": {"document": "memo", "sentence": "x", "start": 5, "end": 6},
                }
            ],
        )
    )
    m.add(
        Extraction(
            "memo",
            {
                "person:ann-lee": {
                    "key": "person:ann-lee",
                    "kind": "person",
                    "label": "Ann Lee",
                    "aliases": ["Lee"],
                    "vocab_id": None,
                    "role": "Envoy",
                    "mentions": 1,
                }
            },
            [],
        )
    )
    ex = m.result()
    ent = ex.entities["person:ann-lee"]
    assert ent["aliases"] == ["Ann Lee", "Lee"] and ent["mentions"] == 3 and ent["role"] == "Envoy"
    assert ex.document == "memo" and len(ex.relations) == 1 and m.pieces == 2


def test_a_long_article_gives_offsets_into_the_whole_text(vocab, nlp, small_pieces):
    article = parse_article(long_text(), "log.txt")
    assert len(article.text) > 3 * PIECE
    ex = extract_long(article, nlp, vocab)
    assert ex.document == article.id
    starts = [r["evidence"]["start"] for r in ex.relations]
    assert max(starts) > 2 * PIECE  # relations from late pieces too
    for r in ex.relations:
        ev = r["evidence"]
        assert article.text[ev["start"] : ev["end"]] == ev["sentence"]
        assert ev["document"] == article.id
    # every piece's extraction is in the whole, shifted
    pieces = make_pieces(article, PIECE)
    per_piece = [extract(nlp(prepared(p, vocab)), article.id, vocab, text=p.text) for p in pieces]
    assert len(ex.relations) == sum(len(e.relations) for e in per_piece)
    russia = sum(e.entities.get("state:russia", {}).get("mentions", 0) for e in per_piece)
    assert ex.entities["state:russia"]["mentions"] == russia > len(pieces)


def test_a_text_no_longer_than_one_piece_is_extracted_whole(vocab, nlp):
    article = parse_article(long_text(20), "log.txt")
    (ex,) = extract_articles([article], vocab=vocab, nlp=nlp, n_process=1)
    whole = extract(nlp(prepare_text(article.text, vocab)), article.id, vocab, text=article.text)
    assert ex.as_dict() == whole.as_dict()


def test_the_graph_of_a_long_text_has_the_facts_of_every_piece(vocab, nlp, small_pieces):
    article = parse_article(long_text(), "log.txt")
    G = build_graph([article], vocab=vocab, nlp=nlp, n_process=1)
    edge = G.edges["state:poland", "state:russia", "accuses"]
    assert len(edge["evidence"]) == 20  # one per "Poland accused Russia" paragraph
    assert edge["documents"] == [article.id]
    assert ("state:lithuania", "state:belarus", "accuses") in G.edges(keys=True)


def test_workers_give_the_same_extraction_as_one_process(vocab, nlp, small_pieces):
    articles = [
        parse_article("Poland accused Russia of sabotage.", "short.txt"),
        parse_article(long_text(), "log.txt"),
        parse_article("Lithuania accused Belarus of sending balloons.", "tail.txt"),
    ]
    pieces: list[tuple[str, int, int]] = []
    done: list[tuple[int, int]] = []
    parallel = extract_articles(
        articles,
        vocab=vocab,
        nlp=nlp,
        n_process=2,
        progress=lambda i, n: done.append((i, n)),
        on_piece=lambda a, i, n: pieces.append((a.path, i, n)),
    )
    serial = extract_articles(articles, vocab=vocab, nlp=nlp, n_process=1)
    assert [e.as_dict() for e in parallel] == [e.as_dict() for e in serial]
    n = len(make_pieces(articles[1], PIECE))
    assert pieces == [("log.txt", i, n) for i in range(1, n + 1)]
    assert done[-1] == (3, 3) and [d for d, _ in done] == sorted(d for d, _ in done)


# ------------------------------------------------------------------ memory budget
def test_an_article_that_cannot_fit_is_skipped_with_its_reason(vocab, nlp, small_pieces):
    short = parse_article("Poland accused Russia of sabotage.", "short.txt")
    article = parse_article(long_text(), "log.txt")
    skipped: list[tuple[str, str]] = []
    budget = graph.memory.tree_rss() + 100_000_000  # room for short texts, not for a piece
    G = build_graph(
        [short, article],
        vocab=vocab,
        nlp=nlp,
        n_process=1,
        max_memory=budget,
        on_skipped=lambda a, reason: skipped.append((a.path, reason)),
    )
    assert [p for p, _ in skipped] == ["log.txt"]
    assert skipped[0][1].startswith("not processed: the build holds about ")
    assert "(--max-memory)" in skipped[0][1]
    assert G.edges["state:poland", "state:russia", "accuses"]["documents"] == [short.id]


def test_an_article_going_over_half_way_is_given_up(vocab, nlp, small_pieces, monkeypatch):
    calls = []

    def over(self, extra=0):
        if extra:
            return None  # the estimate before it starts fits
        calls.append(1)
        return "the build holds about 9 GB, over the memory budget" if len(calls) == 2 else None

    monkeypatch.setattr(graph.memory.MemoryBudget, "over", over)
    article = parse_article(long_text(), "log.txt")
    skipped: list[str] = []
    out = extract_articles(
        [article],
        vocab=vocab,
        nlp=nlp,
        n_process=1,
        on_skipped=lambda a, reason: skipped.append(reason),
    )
    n = len(make_pieces(article, PIECE))
    assert out == [] and skipped == [
        f"given up at piece 2 of {n}: the build holds about 9 GB, over the memory budget"
    ]


def test_a_build_over_budget_between_articles_stops_with_one_line(vocab, nlp):
    articles = [
        parse_article(f"Poland accused Russia of sabotage, day {i}.", f"d{i}.txt") for i in range(3)
    ]
    with pytest.raises(BudgetError) as err:
        extract_articles(articles, vocab=vocab, nlp=nlp, n_process=1, max_memory=1)
    message = str(err.value)
    assert message.startswith("stopped after 3 of 3 articles: the build holds about ")
    assert "\n" not in message and "raise --max-memory" in message


# ------------------------------------------------------------------ progress
def test_the_progress_bar_counts_the_pieces_of_a_long_article():
    out = io.StringIO()
    bar = ProgressBar(out)
    article = parse_article("Poland accused Russia.", "reports/annual.txt")
    bar(0, 3)
    bar.on_piece(article, 4, 20)
    assert out.getvalue().endswith("0/3 articles, reports/annual.txt: piece 4/20")
    bar.on_piece(article, 20, 20)
    bar(1, 3)
    line = out.getvalue().rsplit("\r", 1)[1]
    assert line.startswith("[##########....................] 1/3 articles")
    assert "piece" not in line  # the piece count is cleared with spaces
    bar(3, 3)
    last = out.getvalue().rsplit("\r", 1)[1]
    assert last.startswith("[" + "#" * 30 + "] 3/3 articles") and last.endswith("\n")
