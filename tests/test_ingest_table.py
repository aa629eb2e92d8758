"""Corpus tables: one article per row, columns found by common names or named, a row
without text reported by its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.ingest import read_articles
from graph.ingest.table import parse_columns, parse_table

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    ("name", "empty_line", "lines"), [("cable.jsonl", 3, [1, 2]), ("cable.csv", 14, [2, 13])]
)
def test_one_article_per_row_and_the_empty_row_by_its_line(name, empty_line, lines):
    path = DOCS / name
    corpus = read_articles([path])
    first, _ = corpus.articles
    assert first.text == PLAIN
    assert (first.title, first.date, first.outlet, first.format) == (
        "Estonia accuses Russia of cutting Baltic data cable",
        "2025-03-14",
        "ledger.example",
        "table",
    )
    assert first.url == "https://ledger.example/world/2025/03/14/estonia-russia-cable"
    assert [a.path for a in corpus.articles] == [f"{path}#{n}" for n in lines]
    assert [str(p) for p in corpus.problems] == [
        f"{path}: line {empty_line}: no text (column 'body' is empty)"
    ]


def test_rows_with_the_same_text_keep_their_own_ids():
    rows = "".join(json.dumps({"text": "Estonia summoned the envoy."}) + "\n" for _ in range(2))
    articles, _ = parse_table(rows, "c.jsonl")
    assert len({a.id for a in articles}) == 2


def test_a_json_list_under_a_key_with_nested_values():
    doc = {
        "status": "ok",
        "articles": [
            {
                "source": {"id": None, "name": "Example Post"},
                "author": ["A. Tamm", "B. Saar"],
                "title": "Envoy summoned",
                "publishedAt": "2025-03-14T09:30:00Z",
                "content": "Estonia summoned the Russian envoy.",
                "url": "https://post.example/e",
            }
        ],
    }
    [a], problems = parse_table(json.dumps(doc), "news.json")
    assert problems == []
    assert (a.outlet, a.author, a.date, a.url) == (
        "Example Post",
        "A. Tamm, B. Saar",
        "2025-03-14",
        "https://post.example/e",
    )
    assert a.path == "news.json#1"


def test_columns_can_be_named():
    rows = json.dumps({"story": "Finland agreed.", "day": "20250317", "paper": "Example Post"})
    [a], _ = parse_table(
        rows, "c.jsonl", columns={"text": "story", "date": "day", "outlet": "paper"}
    )
    assert (a.text, a.date, a.outlet) == ("Finland agreed.", "2025-03-17", "Example Post")


def test_a_named_column_that_is_missing_is_named():
    with pytest.raises(InputError, match="no column 'story' for the text"):
        parse_table('{"body": "x"}\n', "c.jsonl", columns={"text": "story"})


def test_a_table_without_a_text_column_says_how_to_name_one(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("item,price\ntea,3\n")
    (reason,) = [p.reason for p in read_articles([path]).problems]
    assert reason.startswith("no text column") and "--columns text=NAME" in reason


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_separators_are_recognised(sep):
    data = f"headline{sep}text{sep}source\nEnvoy{sep}Estonia summoned the envoy.{sep}Example Post\n"
    [a], _ = parse_table(data, "c.csv")
    assert (a.title, a.outlet) == ("Envoy", "Example Post")


def test_a_broken_json_line_is_named_and_the_rest_read():
    data = '{"text": "Finland agreed."}\n{"text": \n{"text": "Estonia summoned the envoy."}\n'
    articles, problems = parse_table(data, "c.jsonl")
    assert len(articles) == 2
    assert str(problems[0]).startswith("c.jsonl: line 2: not JSON")


def test_jsonl_saved_as_json_is_read():
    data = '{"text": "Finland agreed."}\n{"text": "Estonia summoned the envoy."}\n'
    articles, _ = parse_table(data, "c.json")
    assert [a.text for a in articles] == ["Finland agreed.", "Estonia summoned the envoy."]


def test_parse_columns():
    assert parse_columns("text=story,title = head") == {"text": "story", "title": "head"}
    with pytest.raises(InputError, match="'text' is not FIELD=COLUMN"):
        parse_columns("text")
    with pytest.raises(InputError, match="unknown field 'colour'"):
        parse_columns("colour=red")
