"""Make the README's pictures of documents in the explorer: ``docs/articles_tab.png``
(the Articles tab) and ``docs/evidence_quote.png`` (an evidence quote with its outlet,
date and address).

The corpus is ``bench/blind/batch1/articles`` (plain text, which names no outlet or
date) plus one saved web page built from one of its articles, with an outlet, a date
and an address set for the picture. Runs the app on a free localhost port and
Debian's Chromium (``/usr/bin/chromium``) through Playwright::

    .venv/bin/python docs/document_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import html
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "germany_russia_navalny_novichok_bbc.txt"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def web_page(text: str) -> str:
    """The article as a saved web page: navigation, the article, a footer."""
    title, *paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head>"
        f"<title>{html.escape(title)}</title>"
        '<meta property="og:site_name" content="BBC News">'
        '<meta property="article:published_time" content="2020-09-02T16:00:00Z">'
        '<link rel="canonical" href="https://bbc.example/news/world-europe-navalny">'
        "</head><body><nav>Home | World | Europe</nav><article>"
        f"<h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Cookies | Terms</footer></body></html>"
    )


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import streamlit_server  # the tests' app server on a free port

    tmp = Path(tempfile.mkdtemp(prefix="relate-shots-"))
    corpus = tmp / "corpus"
    shutil.copytree(ROOT / "bench" / "blind" / "batch1" / "articles", corpus)
    text = (corpus / ARTICLE).read_text(encoding="utf-8")
    (corpus / "navalny-page.html").write_text(web_page(text), encoding="utf-8")
    env = {
        **os.environ,
        "RELATE_INPUT": str(corpus),
        "RELATE_NO_CACHE": "1",
        "RELATE_CURATION": str(tmp / "curation.yaml"),
    }
    with streamlit_server(tmp, env) as url, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1900, "height": 1300})
            page.goto(f"{url}/?entity={quote('state:germany')}", wait_until="domcontentloaded")
            frame = page.wait_for_selector("iframe", timeout=180_000).content_frame()
            frame.wait_for_function("window.relateDrawn === true", timeout=120_000)
            # read a sentence of the web page in its article
            pick = page.locator('[data-testid="stSelectbox"]').filter(
                has_text="Read a sentence in its article"
            )
            pick.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)  # the page's last run settles
            pick.scroll_into_view_if_needed()
            pick.click()
            page.get_by_role("option").filter(has_text="navalny-page-html").first.click()
            page.wait_for_timeout(2500)
            tabs = page.locator('[data-testid="stTabs"]').first
            tabs.screenshot(path=str(out / "evidence_quote.png"))
            page.get_by_role("tab", name="Articles").click()
            page.wait_for_timeout(2500)
            tabs.screenshot(path=str(out / "articles_tab.png"))
        finally:
            browser.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
