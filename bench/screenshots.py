"""Screenshots of the app on a corpus, for docs/ (a tool, not a test).

Starts ``streamlit run app.py`` on the corpus with a private curation file, opens it
in Debian's headless Chromium and saves the overview and, on request, the Review and
Timeline tabs:

    .venv/bin/python bench/screenshots.py CORPUS OUT_PREFIX [--tabs Review Timeline]
        [--query "colour=community"] [--cache PATH]

writes ``OUT_PREFIX-overview.png`` and ``OUT_PREFIX-<tab>.png``.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve(corpus: Path, tmp: Path, cache: Path | None) -> tuple[subprocess.Popen, str]:
    """The app on a free port; its process and URL once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "RELATE_INPUT": str(corpus),
        "RELATE_CURATION": str(tmp / "curation.yaml"),
        "RELATE_CACHE": str(cache or tmp / "cache.sqlite"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
        + ["--server.headless", "true", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("streamlit did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path, help="prefix of the PNG files")
    parser.add_argument("--tabs", nargs="*", default=[])
    parser.add_argument("--query", default="", help="URL query, e.g. colour=community")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--width", type=int, default=1600)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        proc, url = serve(args.corpus.resolve(), tmp, args.cache)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=CHROMIUM,
                    args=ARGS,  # Playwright gives each launch a fresh profile
                    headless=True,
                )
                page = browser.new_page(viewport={"width": args.width, "height": 1300})
                page.goto(url + ("/?" + args.query if args.query else ""), timeout=600_000)
                frame = page.wait_for_selector("iframe", timeout=600_000).content_frame()
                frame.wait_for_function("window.relateDrawn === true", timeout=120_000)
                page.wait_for_timeout(4000)  # physics settles, names placed
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{args.out}-overview.png")
                for tab in args.tabs:
                    page.get_by_role("tab", name=tab).click()
                    page.wait_for_timeout(2500)
                    panel = page.locator('[role="tabpanel"]:visible').first
                    panel.scroll_into_view_if_needed()
                    page.wait_for_timeout(500)
                    panel.screenshot(path=f"{args.out}-{tab.lower()}.png")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
