"""How long a large graph takes to open in the browser (a measurement, not a test).

Synthesizes a graph of 2,000 entities and 6,000 relations (four kinds, every
relation of the vocabulary, one to three pieces of evidence per edge, seeded),
writes :func:`graph.view.view_html` to a temporary file, opens it in Debian's
headless Chromium through Playwright and measures the time from navigation to the
first frame vis-network draws (``window.relateDrawn``, set on its first
``afterDrawing`` event). Python's side (layout and page) is timed apart, and so is a
filter change as the app makes it: the view of other filters (a relation left out,
then a date range) through :func:`graph.view.apply_filters` and its page, with the
corpus's layout and tooltips kept from the first page.

    .venv/bin/python bench/bench_browser.py [--nodes 2000] [--edges 6000] [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import itertools
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
from graph.timeline import restamp
from graph.view import TipCache, ViewFilters, apply_filters, view_html
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
    # 300 articles over a year, so date ranges have something to cut
    G.graph["articles"] = {
        f"article-{i}": {"title": f"Article {i}", "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        for i in range(300)
    }
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
    cumulative = list(itertools.accumulate(weights))  # the same draws as weights=, in O(log n)
    made = 0
    while made < n_edges:
        s, t = rng.choices(ids, cum_weights=cumulative, k=2)
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
        made += 1
    restamp(G)
    return G


def filter_changes(G: nx.MultiDiGraph, positions: dict, tips: TipCache) -> list[tuple[str, float]]:
    """Seconds to answer a filter change on the Python side: the view and its page."""
    relations = sorted({d["relation"] for _, _, d in G.edges(data=True)})
    out = []
    for name, f in (
        ("a relation left out", ViewFilters(relations=tuple(relations[1:]))),
        ("a date range (one quarter)", ViewFilters(since="2024-04-01", until="2024-06-30")),
        ("hide unconnected, min 2 pieces", ViewFilters(hide_isolated=True, min_evidence=2)),
    ):
        t = time.perf_counter()
        H = apply_filters(G, f)
        view_html(H, positions=positions, tips=tips)
        out.append((f"{name} ({H.number_of_nodes()} nodes)", time.perf_counter() - t))
    return out


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
    tips = TipCache()
    page = view_html(G, positions=positions, tips=tips)
    t2 = time.perf_counter()
    gc.freeze()  # as the app's corpus store does once a corpus is built
    changes = filter_changes(G, positions, tips)
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
    print(f"python: layout_positions {t1 - t0:.2f} s (once per corpus), view_html {t2 - t1:.2f} s")
    for name, seconds in changes:
        print(f"python: filter change, {name}: {seconds:.2f} s")
    print(
        "browser, navigation to drawn canvas: "
        + ", ".join(f"{t:.2f}" for t in times)
        + f" s (median {statistics.median(times):.2f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
