"""The corpus-scale overview in headless Chromium, on the dated fixture corpus
(counted as large: ``RELATE_AUTO_HIDE=10``): unconnected entities hidden and back
by the URL, names drawn on the canvas, the date range from the URL, the Review tab.
Skipped when ``/usr/bin/chromium`` is missing."""

from __future__ import annotations

import json
import os

import pytest
from conftest import streamlit_server
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")

ISOLATED = {"state:china", "state:france", "state:germany"}


@pytest.fixture(scope="module")
def server(tmp_path_factory, dated_dir):
    tmp = tmp_path_factory.mktemp("browser-explore")
    env = {**os.environ, "RELATE_INPUT": str(dated_dir), "RELATE_AUTO_HIDE": "10"}
    with streamlit_server(tmp, env) as url:
        yield url


def open_graph(page, url: str):
    """Open the app at url; the graph's frame once its canvas is drawn."""
    page.goto(url, wait_until="domcontentloaded")
    frame = page.wait_for_selector("iframe", timeout=90_000).content_frame()
    frame.wait_for_selector("#graph canvas", timeout=60_000)
    frame.wait_for_function("window.relateDrawn === true", timeout=60_000)
    frame.wait_for_function("window.relateLabels > 0", timeout=30_000)
    return frame


def nodes(frame) -> set[str]:
    data = json.loads(frame.evaluate("document.getElementById('relate-data').textContent"))
    return {n["id"] for n in data["nodes"]}


def test_overview_in_chromium(server):
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
            frame = open_graph(page, server)
            shown = nodes(frame)
            assert shown and not shown & ISOLATED
            # every entity of this small view is named on the canvas
            assert frame.evaluate("window.relateLabels") >= len(shown)
            frame = open_graph(page, server + "/?isolated=show")
            assert ISOLATED <= nodes(frame)
            frame = open_graph(page, server + "/?since=2024-04-01")
            later = nodes(frame)
            assert "state:estonia" in later and "state:belarus" not in later
            # the Review tab counts and lists
            page.get_by_role("tab", name="Review").click()
            page.get_by_text("of 13 reviewed").first.wait_for(timeout=20_000)
        finally:
            browser.close()
