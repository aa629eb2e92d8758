"""Documents in the app: uploads of every type ingest reads, the articles table with each
document's metadata, the outlet, date and address of every quote, sourcing by outlet,
and hostile metadata shown as text, never as markup or a live ``javascript:`` link."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graph import view
from graph.errors import InputError
from graph.ingest import Article, parse_article, parse_document

st_testing = pytest.importorskip("streamlit.testing.v1")
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

# two invented dispatches: a saved web page and a PDF report
PAGE = {
    "title": "Chile blames Peru for jammed ship radios",
    "paragraphs": [
        "Chile accused Peru of jamming ship radios near the maritime border on Tuesday.",
        "Peru denied the accusation.",
    ],
    "outlet": "Example Ledger",
    "date": "2025-04-03",
    "url": "https://ledger.example/world/radios",
    "author": "Jane Roe",
}
REPORT = {
    "title": "Norway accuses Iceland over fishing data",
    "paragraphs": ["Norway accused Iceland of hiding fishing data from inspectors on Monday."],
    "outlet": "Northern Brief",
    "date": "2025-05-06",
    "author": "Desk B",
}
HOSTILE = {  # written as the page's markup: the title and outlet read with < and >
    "title": "&lt;script&gt;alert(1)&lt;/script&gt; Chile blames Peru",
    "paragraphs": ["Chile accused Peru of jamming ship radios near the maritime border."],
    "outlet": "&lt;img src=x onerror=alert(2)&gt;Ledger",
    "date": "2025-04-03",
    "url": "javascript:alert(3)",
}


def page_bytes(make_document, spec: dict) -> bytes:
    fmt = "pdf" if spec is REPORT else "html"
    return make_document(
        fmt,
        spec["title"],
        spec["paragraphs"],
        **{k: v for k, v in spec.items() if k not in ("title", "paragraphs")},
    )


# ------------------------------------------------------------------ uploads
def test_uploads_take_every_document_type(tmp_path, make_document):
    assert {"txt", "md", "html", "htm", "pdf", "docx", "rss", "csv", "jsonl", "zip"} <= set(
        view.UPLOAD_TYPES
    )
    page = view.save_upload(tmp_path, "../Radios page.HTML", page_bytes(make_document, PAGE))
    report = view.save_upload(tmp_path, "fishing.pdf", page_bytes(make_document, REPORT))
    assert (page.name, report.name) == ("Radios-page.html", "fishing.pdf")
    assert parse_document(page.read_bytes(), page.name).articles[0].outlet == "Example Ledger"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        (
            "empty-page.html",
            b"<html><body><script>x()</script><img src=a.png></body></html>",
            "no text",
        ),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << >>\n%%EOF", "PDF"),
        ("notes.zip", b"not a zip", "zip"),
        ("rows.jsonl", b"{not json", "JSON"),
        ("feed.rss", b"plain words", "feed"),
    ],
)
def test_an_upload_without_an_article_is_refused_with_its_problems(tmp_path, name, data, reason):
    with pytest.raises(InputError, match=reason) as err:
        view.save_upload(tmp_path, name, data)
    assert str(err.value).startswith(name + ": ") and str(err.value).isprintable()
    assert list(tmp_path.iterdir()) == []


def test_a_scanned_pdf_is_refused_by_name(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "src.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    folder = tmp_path / "corpus"
    folder.mkdir()
    with pytest.raises(InputError, match=r"scan\.pdf: no text layer"):
        view.save_upload(folder, "scan.pdf", path.read_bytes())
    assert list(folder.iterdir()) == []


def test_the_fingerprint_watches_every_document_type(seed_copy, tmp_path, make_document):
    first = view.corpus_fingerprint([seed_copy])
    (seed_copy / "radios.html").write_bytes(page_bytes(make_document, PAGE))
    second = view.corpus_fingerprint([seed_copy])
    assert second != first
    (seed_copy / "fishing.pdf").write_bytes(page_bytes(make_document, REPORT))
    third = view.corpus_fingerprint([seed_copy])
    assert third != second
    (seed_copy / "notes.exe").write_bytes(b"not a document")
    assert view.corpus_fingerprint([seed_copy]) == third


# ------------------------------------------------------------------ the articles table
def test_article_rows_show_each_documents_metadata(make_document):
    page = parse_document(page_bytes(make_document, PAGE), "radios.html").articles[0]
    text = parse_article("Dam talks\n\nSource: Example Wire\nDate: 2024-05-02\n", "dam.txt")
    rows = view.article_rows(nx.MultiDiGraph(), [page, text])
    assert [list(r) for r in rows] == [view.ARTICLE_COLUMNS] * 2
    assert {k: rows[0][k] for k in ("title", "outlet", "date", "address", "author", "format")} == {
        "title": PAGE["title"],
        "outlet": "Example Ledger",
        "date": "2025-04-03",
        "address": "https://ledger.example/world/radios",
        "author": "Jane Roe",
        "format": "html",
    }
    assert (rows[1]["outlet"], rows[1]["date"], rows[1]["address"], rows[1]["format"]) == (
        "Example Wire",
        "2024-05-02",
        "",
        "text",
    )


def test_hostile_metadata_is_text_and_no_live_link():
    art = Article(
        "x-1",
        "dir/<b>x</b>.html",
        "<script>alert(1)</script> Dam talks",
        "Dam talks.",
        date="<i>2025</i>",
        outlet="<img src=x onerror=alert(2)>",
        url="javascript:alert(3)",
        author="<a href='javascript:alert(4)'>me</a>",
        format="html",
    )
    row = view.article_rows(nx.MultiDiGraph(), [art])[0]
    assert not any("<" in str(v) or ">" in str(v) for v in row.values())
    assert row["title"] == "‹script›alert(1)‹/script› Dam talks" and row["address"] == ""
    for url in (
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " data:text/html,<script>x</script>",
        'https://x.example/"onmouseover=alert(1)',
        "https://x.example/<svg>",
        "//x.example/a",
        "vbscript:x",
        "https://",
    ):
        assert view.safe_address(url) == "", url
    assert view.safe_address("HTTPS://x.example/a?b=1#c") == "HTTPS://x.example/a?b=1#c"
    origin = view.quote_origin(
        {"document": "x-1", "sentence": "s", "url": "javascript:x"}, {"x-1": art}
    )
    assert origin["url"] == "" and "<" not in origin["outlet"] + origin["title"]


# ------------------------------------------------------------------ where a quote comes from
def test_a_quote_names_its_outlet_date_and_address(make_document, vocab, nlp):
    from graph.build import build_graph

    page = parse_document(page_bytes(make_document, PAGE), "radios.html").articles[0]
    text = parse_article(
        "Border balloons\n\nSource: Example Wire\nDate: 2024-05-02\n\n"
        "Lithuania accused Belarus of sending balloons across the border.\n",
        "balloons.txt",
    )
    G = build_graph([page, text], vocab=vocab, nlp=nlp, n_process=1)
    articles = {a.id: a for a in (page, text)}
    chile = view.entity_details(G, "state:chile", articles=articles)
    ev = next(r for r in chile["evidence"] if r["relation"] == "accuses")
    assert (ev["outlet"], ev["date"], ev["url"]) == (
        "Example Ledger",
        "2025-04-03",
        "https://ledger.example/world/radios",
    )
    row = next(r for r in view.evidence_rows(chile) if r["relation"] == "accuses")
    assert (row["outlet"], row["date"], row["address"]) == (ev["outlet"], ev["date"], ev["url"])
    assert view.evidence_heading(articles, ev) == (
        f"{PAGE['title']} · Example Ledger · 2025-04-03 · https://ledger.example/world/radios · "
        f"{page.id}"
    )
    # a plain-text article: its Source: line and date, from the article
    lithuania = view.entity_details(G, "state:lithuania", articles=articles)
    assert {(r["outlet"], r["date"], r["url"]) for r in lithuania["evidence"]} == {
        ("Example Wire", "2024-05-02", "")
    }
    claims = {r["accuser"]: r for r in view.claims_table(G, articles=articles)}
    assert claims["Lithuania"]["quotes"].endswith("[Example Wire · 2024-05-02]")
    assert claims["Chile"]["quotes"].endswith("[Example Ledger · 2025-04-03]")
    assert "[Example Ledger · 2025-04-03]" in claims["Chile"]["denial_quotes"]
    sourcing = {r["source"]: r for r in view.edge_table(G, articles=articles)}
    assert sourcing["Lithuania"]["quoted_from"] == "Example Wire · 2024-05-02"
    assert sourcing["Chile"]["quoted_from"] == (
        "Example Ledger · 2025-04-03 · https://ledger.example/world/radios"
    )
    steps = view.path_steps(G, ["state:chile", "state:peru"], articles=articles)
    assert steps and all(s["quoted_from"].startswith("Example Ledger") for s in steps)


def test_sourcing_counts_outlets(corpus_graph, corpus_articles):
    from conftest import SHARED_FACT

    s, t, _ = SHARED_FACT
    articles = {a.id: a for a in corpus_articles}
    rows = view.edge_table(corpus_graph, articles=articles)
    shared = next(r for r in rows if (r["source_id"], r["target_id"]) == (s, t))
    assert (shared["articles"], shared["sources"]) == (2, 2)  # Example Wire, Northern Herald
    assert "sources" in view.SOURCING_COLUMNS and "quoted_from" in view.SOURCING_COLUMNS


# ------------------------------------------------------------------ the page (AppTest)
@pytest.fixture()
def doc_env(monkeypatch, tmp_path):
    """The app on an empty corpus folder, with a private curation file and no cache."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    monkeypatch.setenv("RELATE_INPUT", str(corpus))
    monkeypatch.setenv("RELATE_CURATION", str(tmp_path / "curation.yaml"))
    monkeypatch.setenv("RELATE_NO_CACHE", "1")
    return corpus


def upload(make_document, *specs: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    files = [
        (
            ("report.pdf" if spec is REPORT else "page.html"),
            page_bytes(make_document, spec),
            "application/octet-stream",
        )
        for spec in specs
    ]
    at.sidebar.file_uploader[0].set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frame(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def column_config(at: AppTest, column: str) -> dict:
    df = next(d for d in at.dataframe if column in d.value.columns)
    return json.loads(df.proto.columns)


def test_uploaded_page_and_pdf_show_in_the_articles_tab(doc_env, make_document):
    at = upload(make_document, PAGE, REPORT)
    assert sorted(p.name for p in doc_env.iterdir()) == ["page.html", "report.pdf"]
    assert any("page.html" in t.value and "report.pdf" in t.value for t in at.sidebar.text)
    arts = frame(at, "format").set_index("format")
    assert arts.loc["html", ["title", "outlet", "date", "address", "author"]].tolist() == [
        PAGE["title"],
        "Example Ledger",
        "2025-04-03",
        "https://ledger.example/world/radios",
        "Jane Roe",
    ]
    assert arts.loc["pdf", ["title", "outlet", "date", "author"]].tolist() == [
        REPORT["title"],
        "Northern Brief",
        "2025-05-06",
        "Desk B",
    ]
    assert column_config(at, "format")["address"]["type_config"]["type"] == "link"
    # the evidence of an entity: the outlet and date on each quote, and above the context
    at.selectbox(key="entity").set_value("state:norway").run()
    evidence = frame(at, "sentence")
    accuses = evidence[evidence["relation"] == "accuses"].iloc[0]
    assert (accuses["outlet"], accuses["date"]) == ("Northern Brief", "2025-05-06")
    assert any(
        t.value.startswith(REPORT["title"] + " · Northern Brief · 2025-05-06") for t in at.text
    )
    at.selectbox(key="entity").set_value("state:chile").run()
    evidence = frame(at, "sentence")
    assert set(evidence["outlet"]) == {"Example Ledger"}
    assert set(evidence["address"]) == {"https://ledger.example/world/radios"}
    # sourcing by outlet; claims cite theirs
    assert column_config(at, "first_quote")["sources"]["label"] == "outlets"
    assert "Example Ledger · 2025-04-03" in set(frame(at, "first_quote")["quoted_from"].str[:27])
    claims = frame(at, "accuser").set_index("accuser")
    assert claims.loc["Chile", "quotes"].endswith("[Example Ledger · 2025-04-03]")


def test_a_hostile_page_is_shown_as_text(doc_env, make_document):
    read = parse_document(page_bytes(make_document, HOSTILE), "page.html").articles[0]
    assert (read.title, read.outlet.lower(), read.url) == (
        "<script>alert(1)</script> Chile blames Peru",
        "<img src=x onerror=alert(2)>ledger",  # trafilatura capitalises a site name
        None,
    )
    outlet = read.outlet.replace("<", "‹").replace(">", "›")
    at = upload(make_document, HOSTILE)
    arts = frame(at, "format")
    assert len(arts) == 1
    row = arts.iloc[0]
    assert row["title"] == "‹script›alert(1)‹/script› Chile blames Peru"
    assert row["outlet"] == outlet
    assert row["address"] == ""  # javascript: is no address, so never a link
    for el in [*at.markdown, *at.caption, *at.info, *at.title, *at.subheader, *at.text]:
        assert (
            "<script" not in el.value and "<img" not in el.value and "javascript:" not in el.value
        )
    at.selectbox(key="entity").set_value("state:chile").run()
    evidence = frame(at, "sentence")
    assert set(evidence["outlet"]) == {outlet}
    assert set(evidence["address"]) == {""}


def test_an_unreadable_upload_is_refused_in_the_sidebar(doc_env, make_document):
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.sidebar.file_uploader[0].set_value(
        [
            ("page.html", page_bytes(make_document, PAGE), "text/html"),
            ("broken.pdf", b"%PDF-1.7\n1 0 obj << >>\n%%EOF", "application/pdf"),
            ("empty.html", b"<html><body><script>x()</script></body></html>", "text/html"),
        ]
    ).run()
    assert not at.exception
    assert sorted(p.name for p in doc_env.iterdir()) == ["page.html"]
    assert any(e.value == "Not added:" for e in at.sidebar.error)
    refused = next(t.value for t in at.sidebar.text if "broken.pdf" in t.value)
    assert "broken.pdf: damaged PDF" in refused and "empty.html: no text in the page" in refused
    assert frame(at, "format")["title"].tolist() == [PAGE["title"]]
