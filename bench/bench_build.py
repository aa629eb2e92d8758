"""Benchmark ``graph build`` against raw ``nlp.pipe`` on a synthetic corpus.

Measures, each as a separate process started the way a user starts it:

- raw ``nlp.pipe(texts, n_process=W)`` of the same pipeline over the same texts
  (``bench/raw_pipe.py``), with and without the model load;
- the first ``python -m graph build`` (empty cache), end to end;
- an unchanged rebuild, and a rebuild after adding one article;
- words per second, CPU seconds and peak memory (main RSS and the whole process
  tree's PSS);
- then, in this process, what the steps around parsing cost on the cached corpus:
  reading, fingerprint, cache lookup, resolution and assembly, JSON export.

Raw and build runs alternate (``--repeat`` rounds) so that load from other
programs on the machine hits both alike; the best round is reported with all of
them listed. Nothing here is a test: it prints numbers.

Usage::

    .venv/bin/python bench/bench_build.py            # 300 articles, 2 workers
    .venv/bin/python bench/bench_build.py --n 100 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import make_article, write_corpus
from measure import PYTHON, ROOT, check, env_with_root, fmt_mb, run_measured, snapshot


def build_cmd(corpus: Path, out: Path, cache: Path, workers: int) -> list[str]:
    return [
        PYTHON,
        "-m",
        "graph",
        "build",
        str(corpus),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--workers",
        str(workers),
        "-q",
    ]


def breakdown(corpus: Path, cache_path: Path, out: Path) -> dict[str, float]:
    """Seconds of each non-parsing step on the cached corpus, in this process."""
    from graph.build import assemble_graph
    from graph.cache import ExtractionCache, pipeline_fingerprint
    from graph.export import write_json
    from graph.ingest import read_articles
    from graph.vocab import load_vocab

    t: dict[str, float] = {}
    s = time.perf_counter()
    vocab = load_vocab()
    t["load vocabulary"] = time.perf_counter() - s
    s = time.perf_counter()
    articles = read_articles([corpus]).articles
    t["read articles"] = time.perf_counter() - s
    s = time.perf_counter()
    fp = pipeline_fingerprint(vocab=vocab)
    t["fingerprint"] = time.perf_counter() - s
    s = time.perf_counter()
    cache = ExtractionCache(cache_path, fp)
    found = cache.get_many(articles)
    cache.close()
    t["cache lookup"] = time.perf_counter() - s
    if len(found) != len(articles):
        print(f"  (only {len(found)} of {len(articles)} articles cached)")
    s = time.perf_counter()
    G = assemble_graph([found[a.id] for a in articles if a.id in found], articles)
    t["resolve + assemble"] = time.perf_counter() - s
    s = time.perf_counter()
    write_json(G, out)
    t["write JSON"] = time.perf_counter() - s
    print(f"  graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300, help="articles (default 300)")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    parser.add_argument("--batch", type=int, default=8, help="raw nlp.pipe batch size")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of raw + first build")
    parser.add_argument("--dir", default=None, help="work folder (default: a temp folder)")
    parser.add_argument(
        "--src",
        default=None,
        help="benchmark the graph/ and data/vocab of this tree (default: this one)",
    )
    args = parser.parse_args()

    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="relate-bench-"))
    corpus = write_corpus(args.n, work / "corpus")
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.glob("*.txt"))
    out, cache = work / "graph.json", work / "cache.sqlite"
    src = snapshot(work, args.src or ROOT)  # the code under test, frozen for the whole run
    env = env_with_root(src)
    sys.path.insert(0, str(src))  # the in-process breakdown imports the same snapshot
    print(
        f"corpus: {args.n} articles, {words} words ({words / args.n:.0f} per article) in {corpus}"
    )
    print(f"workers: {args.workers}; raw batch size: {args.batch}")

    raws, firsts = [], []
    for r in range(args.repeat):
        raw = check(
            run_measured(
                [
                    PYTHON,
                    str(src / "bench" / "raw_pipe.py"),
                    str(corpus),
                    "--workers",
                    str(args.workers),
                    "--batch",
                    str(args.batch),
                ],
                cwd=src,
                env=env,
            ),
            "raw pipe",
        )
        info = json.loads(raw.stdout.strip().splitlines()[-1])
        raws.append((raw, info))
        print(
            f"round {r + 1}: raw nlp.pipe {info['pipe']:.1f} s (+ {info['load']:.1f} s load; "
            f"process {raw.wall:.1f} s, cpu {raw.cpu:.1f} s, peak {fmt_mb(raw.peak_pss)} PSS)"
        )
        for side in cache.parent.glob(cache.name + "*"):
            side.unlink()
        first = check(
            run_measured(build_cmd(corpus, out, cache, args.workers), cwd=src, env=env), "build"
        )
        firsts.append(first)
        print(
            f"round {r + 1}: first build {first.wall:.1f} s (cpu {first.cpu:.1f} s, "
            f"peak {fmt_mb(first.peak_rss)} main RSS, {fmt_mb(first.peak_pss)} tree PSS)"
        )

    unchanged = check(
        run_measured(build_cmd(corpus, out, cache, args.workers), cwd=src, env=env), "rebuild"
    )
    name, text = make_article(args.n)
    added_path = corpus / name
    added_path.write_text(text, encoding="utf-8")
    added = check(
        run_measured(build_cmd(corpus, out, cache, args.workers), cwd=src, env=env), "rebuild+1"
    )
    print("\nbreakdown of the cached corpus (in this process):")
    steps = breakdown(corpus, cache, work / "graph-breakdown.json")
    added_path.unlink()

    raw, info = min(raws, key=lambda x: x[0].wall)
    first = min(firsts, key=lambda x: x.wall)
    raw_proc = raw.wall
    print("\n| measure | seconds | vs first build |")
    print("|---|---|---|")
    print(f"| raw `nlp.pipe(n_process={args.workers})`, pipeline loaded | {info['pipe']:.1f} | |")
    print(f"| raw `nlp.pipe` process (start, load, pipe) | {raw_proc:.1f} | |")
    print(f"| first `graph build` (end to end) | {first.wall:.1f} | 100% |")
    print(f"| unchanged rebuild | {unchanged.wall:.2f} | {unchanged.wall / first.wall:.1%} |")
    print(
        f"| rebuild after adding one article | {added.wall:.2f} | {added.wall / first.wall:.1%} |"
    )
    print()
    print(
        f"build / raw process: {first.wall / raw_proc:.2f}x "
        f"(rounds: {', '.join(f'{f.wall / r.wall:.2f}x' for f, (r, _) in zip(firsts, raws))})"
    )
    print(f"build / raw pipe only: {first.wall / info['pipe']:.2f}x")
    print(f"words per second: build {words / first.wall:.0f}, raw pipe {words / info['pipe']:.0f}")
    print(f"CPU seconds: build {first.cpu:.1f}, raw {raw.cpu:.1f}")
    print(
        f"peak memory: build main {fmt_mb(first.peak_rss)}, tree {fmt_mb(first.peak_pss)} PSS; "
        f"raw tree {fmt_mb(raw.peak_pss)} PSS; unchanged rebuild main {fmt_mb(unchanged.peak_rss)}"
    )
    print("steps around parsing: " + ", ".join(f"{k} {v:.2f} s" for k, v in steps.items()))
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
