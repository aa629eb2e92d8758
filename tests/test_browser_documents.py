"""Documents in the explorer, end to end in Debian's headless Chromium: a web page and a
PDF report show their title, outlet and date in the Articles tab and on each quote,
the sourcing table counts outlets, and a page with hostile metadata (markup in its
title, outlet and author, an address on another host) shows it all as text, runs
nothing and fetches nothing. Saves ``test-artifacts/documents.png``; skipped when
``/usr/bin/chromium`` is missing.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from conftest import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
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

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")

# invented dispatches; the hostile page's markup is written escaped, so that its title,
# outlet and author read with < and > (the address is a real web address on another host)
PAGE = (
    "Chile blames Peru for jammed ship radios",
    ["Chile accused Peru of jamming ship radios near the maritime border on Tuesday."],
    {
        "outlet": "Example Ledger",
        "date": "2025-04-03",
        "url": "https://ledger.example/world/radios",
        "author": "Jane Roe",
    },
)
REPORT = (
    "Norway accuses Iceland over fishing data",
    ["Norway accused Iceland of hiding fishing data from inspectors on Monday."],
    {"outlet": "Northern Brief", "date": "2025-05-06", "author": "Desk B"},
)
HOSTILE = (
    "&lt;script&gt;window.__pwned=1&lt;/script&gt; Kenya blames Uganda",
    ["Kenya accused Uganda of moving border markers near the lake."],
    {
        "outlet": "&lt;img src=x onerror=window.__pwned=1&gt;",
        "date": "2025-06-07",
        "url": "https://evil.example/track?id=1",
        "author": '&lt;a href="javascript:window.__pwned=1"&gt;me&lt;/a&gt;',
    },
)
# every element of the page and its frames: no attribute that runs or loads what a
# document carries
DOM_CLEAN = """() => {
  const bad = [];
  const URL_ATTRS = /^(href|src|srcset|action|formaction|xlink:href|data|poster|background|ping)$/i;
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value || '';
      if (/^on/i.test(a.name) && v.includes('__pwned')) bad.push(el.tagName + ' ' + a.name);
      if (URL_ATTRS.test(a.name) && /javascript:|evil\\.example/i.test(v))
        bad.push(el.tagName + ' ' + a.name + '=' + v.slice(0, 60));
    }
  }
  for (const el of document.querySelectorAll('script'))
    if (el.id !== 'relate-data' && el.textContent.includes('__pwned')) bad.push('script');
  return bad;
}"""


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, make_document):
    """The app on a folder of a web page, a PDF and a hostile page; no extraction cache."""
    tmp = tmp_path_factory.mktemp("documents-app")
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, fmt, (title, paragraphs, meta) in (
        ("radios.html", "html", PAGE),
        ("fishing.pdf", "pdf", REPORT),
        ("markers.html", "html", HOSTILE),
    ):
        (corpus / name).write_bytes(make_document(fmt, title, paragraphs, **meta))
    env = {
        **os.environ,
        "RELATE_INPUT": str(corpus),
        "RELATE_NO_CACHE": "1",
        "RELATE_CURATION": str(tmp / "curation.yaml"),
    }
    with streamlit_server(tmp, env) as url:
        yield url


def _cells(page, column: str) -> list[str]:
    """The header and cells of the visible table with a ``column`` header, once drawn
    (the table's accessible DOM mirrors what its canvas shows)."""
    return page.wait_for_function(
        """(column) => {
             for (const t of document.querySelectorAll('[data-testid="stDataFrame"]')) {
               if (!t.checkVisibility()) continue;
               const heads = [...t.querySelectorAll('th')].map(h => h.textContent.trim());
               const cells = [...t.querySelectorAll('td')].map(c => c.textContent);
               if (heads.includes(column) && cells.length) return [...heads, ...cells];
             }
             return null; }""",
        arg=column,
        timeout=30_000,
    ).json_value()


def test_documents_in_the_app(app_url):
    playwright = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    dialogs: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1400})
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"{app_url}/?entity={quote('state:chile')}", wait_until="domcontentloaded")
            frame = page.wait_for_selector("iframe", timeout=90_000).content_frame()
            frame.wait_for_function("window.relateDrawn === true", timeout=60_000)
            # the quote read in its article names the page's outlet, date and address
            heading = "Chile blames Peru for jammed ship radios · Example Ledger · 2025-04-03"
            page.get_by_text(heading).first.wait_for(timeout=30_000)
            assert (
                "https://ledger.example/world/radios"
                in page.get_by_text(heading).first.inner_text()
            )
            evidence = _cells(page, "outlet")
            assert "Example Ledger" in evidence and "2025-04-03" in evidence
            # sourcing counts outlets
            page.get_by_role("tab", name="Sourcing").click()
            assert "Example Ledger · 2025-04-03" in " ".join(_cells(page, "outlets"))
            # the Articles tab: each document's metadata, the hostile one as text
            page.get_by_role("tab", name="Articles").click()
            cells = _cells(page, "format")
            for value in (
                "Chile blames Peru for jammed ship radios",
                "Example Ledger",
                "2025-04-03",
                "https://ledger.example/world/radios",
                "Norway accuses Iceland over fishing data",
                "Northern Brief",
                "2025-05-06",
                "pdf",
                "‹script›window.__pwned=1‹/script› Kenya blames Uganda",
                "https://evil.example/track?id=1",  # an address: text, fetched never
            ):
                assert value in cells, value
            assert any(c.lower() == "‹img src=x onerror=window.__pwned=1›" for c in cells), cells
            page.locator('[data-testid="stDataFrame"]').filter(
                has_text="Northern Brief"
            ).first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "documents.png"))
            for frame in page.frames:
                assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
                assert frame.evaluate(DOM_CLEAN) == [], frame.url
        finally:
            browser.close()
    assert dialogs == []
    outside = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob", "about")
        and urlsplit(u).hostname not in LOCAL_HOSTS
    ]
    assert outside == [], f"requests left localhost: {outside[:5]}"
