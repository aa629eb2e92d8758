"""RSS and Atom feeds: one article per entry, with its title, date, link and content."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.ingest import read_article, read_articles
from graph.ingest.feed import parse_feed

DOCS = Path(__file__).resolve().parent / "fixtures" / "documents"
PLAIN = (DOCS / "cable.txt").read_text(encoding="utf-8").strip()
URL = "https://ledger.example/world/2025/03/14/estonia-russia-cable"


def rss(items: str, title: str = "Example Post") -> str:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://post.example</link>{items}</channel></rss>"
    )


@pytest.mark.parametrize("name", ["cable.rss", "cable.atom"])
def test_one_article_per_entry(name):
    corpus = read_articles([DOCS / name])
    assert corpus.problems == []
    first, second = corpus.articles
    assert first.text == PLAIN
    assert (first.title, first.date, first.url, first.author, first.outlet, first.format) == (
        "Estonia accuses Russia of cutting Baltic data cable",
        "2025-03-14",
        URL,
        "Mart Kivi",
        "The Baltic Ledger - World",
        "feed",
    )
    assert first.path == f"{DOCS / name}#1"
    assert second.title == "Baltic states to share radar data" and second.date == "2025-03-17"
    assert second.text.startswith("Baltic states to share radar data\n\nLatvia and Lithuania")


def test_the_summary_is_read_when_there_is_no_content_and_its_html_is_text():
    [a], problems = parse_feed(
        rss(
            "<item><title>Envoy summoned</title><link>https://post.example/e</link>"
            "<description>&lt;p&gt;Estonia &lt;b&gt;summoned&lt;/b&gt; the envoy.&lt;/p&gt;"
            "&lt;script&gt;alert('Poland')&lt;/script&gt;&lt;p&gt;Talks follow.&lt;/p&gt;</description></item>"
        )
    )
    assert problems == []
    assert a.text == "Envoy summoned\n\nEstonia summoned the envoy.\n\nTalks follow."


def test_an_entry_without_text_is_named_by_its_number(tmp_path):
    path = tmp_path / "f.rss"
    path.write_text(
        rss(
            "<item><title>Good</title><description>Estonia summoned the envoy."
            "</description></item><item><title>Photo of the day</title></item>"
        )
    )
    corpus = read_articles([path])
    assert [a.title for a in corpus.articles] == ["Good"]
    assert [str(p) for p in corpus.problems] == [f"{path}: entry 2 (Photo of the day): no text"]


def test_an_entry_date_falls_back_to_updated_and_a_link_must_be_a_web_address():
    [a], _ = parse_feed(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title><entry><title>T</title>'
        '<link href="javascript:alert(1)"/><updated>2025-01-02T03:04:05Z</updated>'
        "<summary>Finland agreed.</summary></entry></feed>"
    )
    assert (a.date, a.url, a.outlet) == ("2025-01-02", None, "Desk")


def test_xml_that_is_not_a_feed_is_named(tmp_path):
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    assert [p.reason for p in read_articles([path]).problems] == ["not an RSS or Atom feed"]
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        parse_feed(path.read_text(), "config.xml")


def test_a_feed_with_several_entries_is_not_one_article():
    with pytest.raises(InputError, match="holds 2 articles"):
        read_article(DOCS / "cable.rss")
