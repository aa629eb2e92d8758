"""End to end: ``streamlit run app.py`` opened in Debian's headless Chromium.

Checks that the vis-network canvas is drawn, the seed entities are on the page,
no request leaves localhost, and saves ``test-artifacts/app.png``. Skipped when
``/usr/bin/chromium`` is missing (``.ci/run`` installs it with apt-get).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on a free port, on the seeds, with a private curation file and cache."""
    tmp = tmp_path_factory.mktemp("browser")
    env = {
        **os.environ,
        "RELATE_CURATION": str(tmp / "curation.yaml"),
        "RELATE_CACHE": str(tmp / "cache" / "extractions.sqlite"),
    }
    env.pop("RELATE_INPUT", None)
    with streamlit_server(tmp, env) as url:
        yield url


def test_app_in_chromium(server):
    playwright = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1600, "height": 1100})
            context.on("request", lambda r: requests.append(r.url))
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(server, wait_until="domcontentloaded")
            frame_el = page.wait_for_selector("iframe", timeout=90_000)
            frame = frame_el.content_frame()
            frame.wait_for_selector("#graph canvas", timeout=60_000)
            frame.wait_for_function(
                "window.relateDrawn === true && window.relateStable === true", timeout=60_000
            )
            # the seed entities: drawn in the graph's data, and listed on the page
            data = frame.evaluate("document.getElementById('relate-data').textContent")
            for name in ("Vladimir Putin", "Kremlin", "Donald Tusk", "Russia"):
                assert name in data
            # hovering a node shows its tooltip, as text
            box = frame_el.bounding_box()
            at = frame.evaluate(
                """() => { const n = window.relateNetwork;
                           n.stopSimulation();
                           const p = n.canvasToDOM(
                               n.getPositions(['person:vladimir-putin'])['person:vladimir-putin']);
                           const r = document.querySelector('#graph canvas').getBoundingClientRect();
                           return {x: r.left + p.x, y: r.top + p.y}; }"""
            )
            page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
            tip = frame.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
            tip_text = tip.inner_text()
            assert "Vladimir Putin" in tip_text and "Person" in tip_text
            assert tip.evaluate("el => el.querySelector('img, a, script') === null")
            page.mouse.move(5, 5)
            # the entity picker lists the seed entities
            page.locator('input[aria-label="Entity"]').click()
            page.get_by_role("option", name="Kremlin · agency").wait_for(timeout=10_000)
            page.keyboard.press("Escape")
            legend = frame.inner_text("#legend")
            assert "accuses" in legend and "denies" in legend and "State" in legend
            # the canvas has been painted: not a blank white rectangle
            painted = frame.evaluate(
                """() => { const c = document.querySelector('#graph canvas');
                           const ctx = c.getContext('2d');
                           const d = ctx.getImageData(0, 0, c.width, c.height).data;
                           let n = 0; for (let i = 0; i < d.length; i += 4) {
                             if (d[i+3] > 0 && (d[i] < 200 || d[i+1] < 200 || d[i+2] < 200)) n++; }
                           return n; }"""
            )
            assert painted > 500
            # the tooltip of a node is text built from the data, never markup
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=True)
        finally:
            browser.close()
    outside = [
        u
        for u in requests
        if urlsplit(u).scheme not in ("data", "blob", "about")
        and urlsplit(u).hostname not in {h.strip("[]") for h in LOCAL_HOSTS}
    ]
    assert outside == [], f"requests left localhost: {outside[:5]}"
    assert not [e for e in errors if "Content Security Policy" in e or "vis" in e.lower()], errors
