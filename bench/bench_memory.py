"""Peak memory of ``graph build`` against corpus size, to show it grows linearly.

For each size (default 100, 200, 400 articles) a synthetic corpus is generated
and built from scratch (``--no-cache``) by ``python -m graph build`` with
``--workers`` processes; the peak resident set of the main process and the peak
proportional set size of the whole process tree (main plus workers, shared pages
counted once) are sampled every 20 ms. The per-article slope between the
smallest and largest size, and the memory of the graph alone (``--graph-only``:
extractions assembled in memory, no parsing) tell how large a corpus fits on one
machine.

Usage::

    .venv/bin/python bench/bench_memory.py --sizes 100 200 400 --workers 2
    .venv/bin/python bench/bench_memory.py --graph-only --sizes 1000 5000 20000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus
from measure import PYTHON, ROOT, check, env_with_root, fmt_mb, run_measured, snapshot

GRAPH_ONLY = r"""
import json, resource, sys, time, random
sys.path.insert(0, {root!r})
from graph.build import assemble_graph
from graph.records import Extraction
from graph.ingest import parse_article
templates = json.load(open({templates!r}))
n = {n}
rng = random.Random(7)
start = time.perf_counter()
extractions, articles = [], []
for i in range(n):
    t = templates[i % len(templates)]
    doc = f"article-{{i}}"
    ents = dict(t["entities"])
    # about a third of the people are new in each article, as in a growing corpus
    extra = {{f"person:new-{{i}}-{{k}}": {{"key": "", "kind": "person", "label": f"New Person {{i}} {{k}}",
              "aliases": [f"New Person {{i}} {{k}}"], "vocab_id": None, "role": None, "mentions": 1}}
             for k in range(3)}}
    ents.update(extra)
    rels = []
    for r in t["relations"]:
        r = dict(r)
        r["evidence"] = dict(r["evidence"], document=doc)
        rels.append(r)
    for k in extra:
        rels.append({{"source": k, "target": rng.choice(list(t["entities"])), "relation": "affiliated_with",
                     "modality": "asserted", "evidence": {{"document": doc, "sentence": "x" * 150,
                     "start": 0, "end": 150}}}})
    extractions.append(Extraction(doc, ents, rels))
G = assemble_graph(extractions)
print(json.dumps({{"nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
                  "seconds": time.perf_counter() - start}}))
"""


def graph_only(sizes: list[int], work: Path, workers: int) -> None:
    """Memory of extractions + graph alone, from real extractions of a small corpus."""
    from graph.build import extract_articles
    from graph.ingest import read_articles

    corpus = write_corpus(20, work / "templates")
    articles = read_articles([corpus]).articles
    templates = [ex.as_dict() for ex in extract_articles(articles, n_process=workers)]
    path = work / "templates.json"
    path.write_text(json.dumps(templates), encoding="utf-8")
    root = str(Path(__file__).resolve().parent.parent)
    print("| extractions | nodes | edges | assemble | peak RSS |")
    print("|---|---|---|---|---|")
    for n in sizes:
        code = GRAPH_ONLY.format(root=root, templates=str(path), n=n)
        run = check(run_measured([PYTHON, "-c", code]), f"graph of {n}")
        info = json.loads(run.stdout.strip().splitlines()[-1])
        print(
            f"| {n} | {info['nodes']} | {info['edges']} | {info['seconds']:.1f} s | "
            f"{fmt_mb(run.peak_rss)} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--graph-only",
        action="store_true",
        help="measure assembled graphs of many extractions, no parsing",
    )
    parser.add_argument("--dir", default=None)
    parser.add_argument(
        "--src",
        default=None,
        help="measure the graph/ and data/vocab of this tree (default: this one)",
    )
    args = parser.parse_args()
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="relate-mem-"))
    if args.graph_only:
        graph_only(args.sizes, work, args.workers)
        return
    src = snapshot(work, args.src or ROOT)  # the code under test, frozen for the whole run
    env = env_with_root(src)
    rows = []
    print("| articles | words | wall | main peak RSS | tree peak PSS |")
    print("|---|---|---|---|---|")
    for n in args.sizes:
        corpus = write_corpus(n, work / f"corpus-{n}")
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
        cmd = [
            PYTHON,
            "-m",
            "graph",
            "build",
            str(corpus),
            "--out",
            str(work / f"g{n}.json"),
            "--no-cache",
            "--workers",
            str(args.workers),
            "-q",
        ]
        run = check(run_measured(cmd, cwd=src, env=env), f"build of {n}")
        rows.append((n, run))
        print(
            f"| {n} | {words} | {run.wall:.0f} s | {fmt_mb(run.peak_rss)} | "
            f"{fmt_mb(run.peak_pss)} |"
        )
    (n0, r0), (n1, r1) = rows[0], rows[-1]
    if n1 > n0:
        main_slope = (r1.peak_rss - r0.peak_rss) / (n1 - n0)
        tree_slope = (r1.peak_pss - r0.peak_pss) / (n1 - n0)
        print(
            f"\nper added article: main {main_slope / 1e3:.0f} kB, tree {tree_slope / 1e3:.0f} kB; "
            f"fixed part (tree at 0 articles): {fmt_mb(int(r0.peak_pss - tree_slope * n0))}"
        )


if __name__ == "__main__":
    main()
