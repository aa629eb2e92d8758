"""How long a large graph takes to open in the browser (a measurement, not a test).

Synthesizes a graph of 2,000 entities and 6,000 relations (four kinds, every
relation of the vocabulary, one to three pieces of evidence per edge, seeded),
writes :func:`graph.view.view_html` to a temporary file, opens it in Debian's
headless Chromium through Playwright and measures the time from navigation to the
first frame vis-network draws (``window.relateDrawn``, set on its first
``afterDrawing`` event). Python's side (layout and page) is timed apart.

    .venv/bin/python bench/bench_browser.py [--nodes 2000] [--edges 6000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.select import layout_positions
from graph.view import view_html
from graph.vocab import load_vocab

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WORDS = (
    "Northern",
    "Eastern",
    "Federal",
    "National",
    "Maritime",
    "Border",
    "Security",
    "Energy",
    "Defence",
    "Trade",
    "Cyber",
    "Interior",
    "Foreign",
    "Strategic",
    "Regional",
)


def synthesize_graph(n_nodes: int, n_edges: int, seed: int = 7) -> nx.MultiDiGraph:
    """A seeded random graph shaped like an extracted one (hubs, evidence, articles)."""
    rng = random.Random(seed)
    vocab = load_vocab()
    kinds = list(vocab.kinds)
    relations = list(vocab.relations)
    G = nx.MultiDiGraph()
    ids = []
    for i in range(n_nodes):
        kind = kinds[i % len(kinds)]
        label = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {kind} {i}"
        nid = f"{kind}:n{i}"
        ids.append(nid)
        G.add_node(
            nid,
            id=nid,
            label=label,
            kind=kind,
            aliases=[label, f"N{i}"],
            mentions=rng.randint(1, 40),
            documents=[f"article-{i % 300}"],
            role="",
        )
    # preferential attachment: a few hubs, many leaves, as in news graphs
    weights = [1.0 / (1 + i) ** 0.6 for i in range(n_nodes)]
    while G.number_of_edges() < n_edges:
        s, t = rng.choices(ids, weights=weights, k=2)
        if s == t:
            continue
        rel = rng.choice(relations)
        if G.has_edge(s, t, rel):
            continue
        docs = sorted({f"article-{rng.randrange(300)}" for _ in range(rng.randint(1, 3))})
        evidence = [
            {
                "document": d,
                "sentence": f"{G.nodes[s]['label']} and {G.nodes[t]['label']}: "
                f"a sentence of evidence for {rel}.",
                "start": 0,
                "end": 60,
            }
            for d in docs
        ]
        G.add_edge(
            s,
            t,
            key=rel,
            relation=rel,
            evidence=evidence,
            modality="asserted",
            documents=docs,
            sources=docs,
            date="",
        )
    return G


def measure(page_path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1600, "height": 900})
                start = time.perf_counter()
                page.goto(page_path.as_uri(), wait_until="commit")
                page.wait_for_function("() => window.relateDrawn === true", timeout=120_000)
                times.append(time.perf_counter() - start)
                assert page.evaluate("document.querySelector('#graph canvas') !== null")
                page.close()
        finally:
            browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, default=None, help="save the drawn page as PNG")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed", file=sys.stderr)
        return 1
    G = synthesize_graph(args.nodes, args.edges)
    t0 = time.perf_counter()
    positions = layout_positions(G)
    t1 = time.perf_counter()
    page = view_html(G, positions=positions)
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_text(page, encoding="utf-8")
        times = measure(path, args.runs)
        if args.screenshot:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                shot = browser.new_page(viewport={"width": 1600, "height": 900})
                shot.goto(path.as_uri())
                shot.wait_for_function("window.relateDrawn === true", timeout=120_000)
                shot.screenshot(path=str(args.screenshot))
                browser.close()
    print(
        f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
        f"page {len(page) / 1e6:.1f} MB"
    )
    print(f"python: layout_positions {t1 - t0:.2f} s, view_html {t2 - t1:.2f} s")
    print(
        "browser, navigation to drawn canvas: "
        + ", ".join(f"{t:.2f}" for t in times)
        + f" s (median {statistics.median(times):.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
