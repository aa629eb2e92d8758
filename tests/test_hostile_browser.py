"""An adversarial article in the explorer: its HTML, ``<script>``, event handlers,
``javascript:`` links and markdown images are shown as text, nothing in it runs
and the page makes no request because of it.

The article names real entities, so the payloads end up in the evidence of
edges: in the vis-network tooltips, the tables, the standalone HTML export and
the Streamlit page. The browser tests run Debian's headless Chromium
(``/usr/bin/chromium``) through Playwright and are skipped without it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import networkx as nx
import pytest
from conftest import streamlit_server

from graph.build import build_graph
from graph.ingest import read_articles
from graph.view import view_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"
)

ADVERSARIAL = """\
<script>window.__pwned=1</script> Poland accuses Russia <b onmouseover="window.__pwned=1">of sabotage</b>

Poland accused Russia of sabotage <img src=x onerror="window.__pwned=1"> and arson, officials in Warsaw said.

Russia denied the accusation by Poland in a statement,![denial](http://attacker.example/p.png) \
[read more](javascript:window.__pwned=1), on Monday.

The Kremlin <a href="https://evil.example/track">rejected</a> claims by Donald Tusk \
<svg onload="window.__pwned=1"></svg> in a [statement](javascript:window.__pwned=1).

<iframe src="https://evil.example/frame"></iframe><link rel=stylesheet href="https://evil.example/s.css">\
<style>@import url(https://evil.example/x.css);</style><meta http-equiv="refresh" content="0;url=https://evil.example/">
"""
# Playwright: the page, and every frame in it, with nothing the article asked for
DOM_CLEAN = """() => {
  const bad = [];
  const URL_ATTRS = /^(href|src|srcset|action|formaction|xlink:href|data|poster|background|ping)$/i;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value || '';
      if (/^on/i.test(a.name) && v.includes('__pwned')) bad.push(el.tagName + ' ' + a.name);
      if (URL_ATTRS.test(a.name) && /javascript:|attacker\\.example|evil\\.example/i.test(v))
        bad.push(el.tagName + ' ' + a.name + '=' + v.slice(0, 60));
    }
  }
  for (const el of document.querySelectorAll('script'))
    if (el.id !== 'relate-data' && el.textContent.includes('__pwned')) bad.push('script: __pwned');
  for (const el of document.querySelectorAll('img[src="x"], iframe[src*="evil"], meta[http-equiv="refresh"]'))
    bad.push(el.outerHTML.slice(0, 80));
  return bad;
}"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "articles"
    folder.mkdir()
    (folder / "payload.txt").write_text(ADVERSARIAL, encoding="utf-8")
    (folder / "<img src=x onerror=window.__pwned=1>.txt").write_text(
        "Donald Tusk accused the Kremlin of arson in Warsaw.\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def payload_graph(corpus, vocab, nlp) -> nx.MultiDiGraph:
    corpus_read = read_articles([corpus])
    assert corpus_read.problems == [] and len(corpus_read.articles) == 2
    G = build_graph(corpus_read.articles, vocab=vocab, nlp=nlp, n_process=1)
    sentences = " ".join(ev["sentence"] for *_, d in G.edges(data=True) for ev in d["evidence"])
    # the payloads really are in the evidence the page shows
    for needle in (
        "<script>window.__pwned=1</script>",
        'onerror="window.__pwned=1"',
        "![denial](http://attacker.example/p.png)",
        '<a href="https://evil.example',
        '<svg onload="window.__pwned=1">',
        "[statement](javascript:window.__pwned=1)",
    ):
        assert needle in sentences
    return G


# ------------------------------------------------------------------ without a browser
def _page_data(page: str) -> dict:
    m = re.search(
        r'<script id="relate-data" type="application/json">(.*?)</script>', page, re.DOTALL
    )
    assert m, "the page has no data block"
    return json.loads(m.group(1))


def test_view_html_carries_article_markup_only_as_text(payload_graph):
    page = view_html(payload_graph)
    plain = view_html(nx.MultiDiGraph([("state:a", "state:b")]))
    # the page's own elements only: no tag, attribute or URL came from the article
    assert page.lower().count("<script") == plain.lower().count("<script")
    assert "<script>window.__pwned" not in page
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", page.split("<script>", 1)[0], re.IGNORECASE)
    assert not re.search(
        r"<(img|iframe|svg|a|link|meta|style)\b[^>]*(__pwned|evil\.example|"
        r"attacker\.example)",
        page,
        re.IGNORECASE,
    )
    assert not re.search(r"(href|src)\s*=\s*[\"']?\s*(javascript:|https?:)", page, re.IGNORECASE)
    assert "https://" not in page and "http://" not in page
    # ...but the evidence is all there, as text: tooltips are rows of plain strings
    data = _page_data(page)
    tips = " ".join(text for item in data["edges"] for _, text in item["tip"])
    assert '‹img src=x onerror="window.__pwned=1"›' in tips
    assert "‹script›window.__pwned=1‹/script›" in tips
    assert "![denial](http://attacker.example/p.png)" in tips
    assert all(
        isinstance(text, str) for item in data["nodes"] + data["edges"] for _, text in item["tip"]
    )


def test_tables_and_details_keep_the_payload_as_plain_strings(payload_graph):
    from graph.view import claims_table, edge_table, entity_details

    claims = claims_table(payload_graph)
    quotes = " ".join(str(r["quotes"]) for r in claims)
    assert 'onerror="window.__pwned=1"' in quotes or 'onerror="window.__pwned=1"' in quotes.replace(
        "‹", "<"
    ).replace("›", ">")
    for row in [*claims, *edge_table(payload_graph)]:
        assert all(isinstance(v, (str, int, float, bool, type(None), list)) for v in row.values())
    details = entity_details(payload_graph, "state:poland")
    assert any("__pwned" in str(r["marked"]) for r in details["evidence"])


# ------------------------------------------------------------------ in Chromium
def _launch(p):
    return p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


def _hover_edge(page, frame, frame_box, edge_id: str, heading: str) -> str:
    """Hover a free point of an edge until its tooltip (starting ``heading``) shows;
    return the tooltip's text."""
    at = frame.evaluate(
        """(id) => { const n = window.relateNetwork; const e = n.body.edges[id];
                     for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.35, 0.65, 0.25, 0.75]) {
                       const p = n.canvasToDOM(e.edgeType.getPoint(t));
                       if (n.getNodeAt(p) === undefined && n.getEdgeAt(p) === id) {
                         const r = n.body.container.getBoundingClientRect();
                         return {x: r.left + p.x, y: r.top + p.y};
                       }
                     }
                     return null; }""",
        edge_id,
    )
    assert at is not None, f"no free point on edge {edge_id!r} to hover"
    x0, y0 = (frame_box["x"], frame_box["y"]) if frame_box else (0, 0)
    page.mouse.move(1, 1)
    page.wait_for_timeout(200)
    page.mouse.move(x0 + at["x"] - 1, y0 + at["y"])
    page.mouse.move(x0 + at["x"], y0 + at["y"])
    frame.wait_for_function(
        """(h) => { const t = document.querySelector('div.vis-tooltip');
                    return t && t.style.visibility !== 'hidden' && t.innerText.startsWith(h); }""",
        arg=heading,
        timeout=10_000,
    )
    tip = frame.query_selector("div.vis-tooltip")
    assert tip.evaluate("el => el.querySelector('img, a, script, svg, iframe, b') === null")
    return tip.inner_text()


def _not_pwned(frames) -> None:
    for frame in frames:
        assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
        assert frame.evaluate(DOM_CLEAN) == [], frame.url


@needs_chromium
def test_standalone_export_in_chromium_shows_payload_as_text(payload_graph, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    path = tmp_path / "export.html"
    path.write_text(view_html(payload_graph, height="100vh"), encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = _launch(p)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 800})
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function(
                "window.relateDrawn === true && window.relateStable === true", timeout=60_000
            )
            page.wait_for_timeout(300)
            _not_pwned(page.frames)
            text = _hover_edge(
                page,
                page.main_frame,
                None,
                "state:poland\x1fstate:russia\x1faccuses",
                "Poland → accuses → Russia",
            )
            assert '‹img src=x onerror="window.__pwned=1"›' in text
            text = _hover_edge(
                page,
                page.main_frame,
                None,
                "state:russia\x1fstate:poland\x1fdenies",
                "Russia → denies → Poland",
            )
            assert "![denial](http://attacker.example/p.png)" in text
            page.wait_for_timeout(300)
            _not_pwned(page.frames)
        finally:
            browser.close()
    assert errors == []
    assert [
        u for u in requests if urlsplit(u).scheme not in ("file", "data", "blob", "about")
    ] == []


@needs_chromium
def test_the_checks_do_catch_the_payload_when_it_is_rendered_as_html():
    """The same article pasted as HTML (network cut off): the script runs and the
    DOM check finds the planted elements, so the checks above can fail."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = _launch(p)
        try:
            context = browser.new_context()
            context.route("**/*", lambda route: route.abort())
            page = context.new_page()
            html = ADVERSARIAL.replace('content="0;', 'content="3600;')  # stay on the page
            page.set_content(f"<!DOCTYPE html><html><body>{html}</body></html>")
            page.wait_for_function("window.__pwned === 1", timeout=10_000)
            found = " ".join(page.evaluate(DOM_CLEAN))
            for needle in (
                "IMG onerror",
                "svg onload",
                "A href=https://evil.example",
                "IFRAME",
                "http-equiv",
            ):
                assert needle in found
        finally:
            browser.close()


@pytest.fixture(scope="module")
def app_url(corpus, tmp_path_factory):
    """``streamlit run app.py`` on the adversarial corpus, without the extraction cache."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    tmp = tmp_path_factory.mktemp("hostile-app")
    env = {
        **os.environ,
        "RELATE_INPUT": str(corpus),
        "RELATE_NO_CACHE": "1",
        "RELATE_CURATION": str(tmp / "curation.yaml"),
    }
    with streamlit_server(tmp, env) as url:
        yield url


@needs_chromium
def test_adversarial_article_in_the_app(app_url):
    playwright = pytest.importorskip("playwright.sync_api")
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = _launch(p)
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1100})
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.goto(f"{app_url}/?entity={quote('state:poland')}", wait_until="domcontentloaded")
            frame_el = page.wait_for_selector("iframe", timeout=90_000)
            frame = frame_el.content_frame()
            frame.wait_for_function(
                "window.relateDrawn === true && window.relateStable === true", timeout=60_000
            )
            # the entity panel quotes the article around the evidence, verbatim, as text
            code = page.locator("code").filter(has_text="window.__pwned=1").first
            code.wait_for(timeout=30_000)
            shown = code.inner_text()
            for needle in (
                '<img src=x onerror="window.__pwned=1">',
                "<script>window.__pwned=1</script>",
            ):
                assert needle in shown
            assert code.evaluate("el => el.querySelector('img, script, a, svg, b') === null")
            # the graph's tooltip quotes the evidence as text
            text = _hover_edge(
                page,
                frame,
                frame_el.bounding_box(),
                "state:poland\x1fstate:russia\x1faccuses",
                "Poland → accuses → Russia",
            )
            assert 'onerror="window.__pwned=1"' in text
            page.mouse.move(5, 5)
            # every tab rendered; nothing the article carries became markup or ran
            for name in ("Claims", "Sourcing", "Articles", "Entity"):
                page.get_by_role("tab", name=name).click()
                page.wait_for_timeout(400)
            body = page.evaluate("document.body.innerText")
            assert "window.__pwned=1" in body
            _not_pwned(page.frames)
        finally:
            browser.close()
    outside = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob", "about")
        and urlsplit(u).hostname not in LOCAL_HOSTS
    ]
    assert outside == [], f"requests left localhost: {outside[:5]}"
