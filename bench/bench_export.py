"""Benchmark graph export: GraphML, GEXF, node-link JSON and CSV on a built graph.

The graph is built (through a cache in the work folder, so a second run starts
at once) from the synthetic corpus of ``bench/make_corpus.py``, read from
``--graph FILE``, or synthetic (``--nodes N``, as in ``bench/bench_view.py``). Each format is generated in memory and written to a file
(atomically, as ``graph build`` does), ``--repeat`` times; the best time is printed
with the output size, and the file is read back once to time the reader.

Usage::

    .venv/bin/python bench/bench_export.py --n 300 --dir /tmp/relate-bench
    .venv/bin/python bench/bench_export.py --graph data/build/graph.json
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import write_corpus

SUFFIXES = (".json", ".graphml", ".gexf", ".csv")


def load_graph(args: argparse.Namespace, work: Path):
    """The graph to export: read from --graph, or built from the synthetic corpus."""
    if args.graph:
        from graph.export import read_graph

        return read_graph(args.graph)
    if args.nodes:
        from bench_view import synthetic_graph

        return synthetic_graph(args.nodes)
    from graph.pipeline import build_corpus

    corpus = work / "corpus"
    if len(list(corpus.glob("bench-*.txt"))) != args.n:
        write_corpus(args.n, corpus)
    start = time.perf_counter()
    result = build_corpus([corpus], cache_path=work / "cache.sqlite", curation_path=None)
    print(
        f"built {args.n} articles in {time.perf_counter() - start:.1f} s "
        f"({result.cached} from cache)"
    )
    return result.graph


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--graph", default=None, help="export this graph file instead")
    parser.add_argument(
        "--nodes",
        type=int,
        default=0,
        help="export the synthetic graph of bench_view.py with this many nodes",
    )
    parser.add_argument("--dir", default=None, help="work folder (kept; holds the cache)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from graph.export import read_graph, write_graph

    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="relate-export-"))
    work.mkdir(parents=True, exist_ok=True)
    G = load_graph(args, work)
    evidence = sum(len(d["evidence"]) for _, _, d in G.edges(data=True))
    print(
        f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges, "
        f"{evidence} pieces of evidence"
    )
    print(f"\n| format | write (best of {args.repeat}) | size | read back |")
    print("|---|---|---|---|")
    for suffix in SUFFIXES:
        path = work / f"export{suffix}"
        seconds = best_of(args.repeat, lambda p=path: write_graph(G, p))
        files = [path] if suffix != ".csv" else list(work.glob("export.*.csv"))
        size = sum(f.stat().st_size for f in files)
        start = time.perf_counter()
        read_graph(path)
        read = time.perf_counter() - start
        print(f"| {suffix[1:]} | {seconds:.2f} s | {size / 1e6:.1f} MB | {read:.2f} s |")


if __name__ == "__main__":
    main()
