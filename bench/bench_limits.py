"""Times of the pathological inputs the tests guard, where the tests assert only margins.

The tests of these inputs (tests/test_ingest.py, tests/test_hostile.py) assert
bounds that a loaded machine cannot break; this script prints what they really
take, best of ``--repeat`` runs, each beside a baseline measured in the same
run:

- reading one 2 MB line (``read_article``) against reading the same bytes with
  ``Path.read_text``;
- parsing an article of 200,000 blank lines (``parse_article``) against
  ``str.splitlines`` of it;
- one sentence of 2,400 tokens and 600 cues: extraction against spaCy's parse;
- a briefing image of a 500-node synthetic graph (``bench/bench_view.py``'s
  graph) in PNG, SVG and PDF.

Usage::

    .venv/bin/python bench/bench_limits.py --repeat 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def best(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--no-render", action="store_true", help="skip the briefing images")
    args = p.parse_args(argv)
    from graph.extract import extract, prepare_text
    from graph.ingest import parse_article, read_article
    from graph.nlp import make_nlp
    from graph.vocab import load_vocab

    rows: list[tuple[str, float, str, float]] = []
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "long.txt"
        path.write_text(("Poland accused Russia of sabotage " * 60_000).strip(), encoding="utf-8")
        rows.append(
            (
                "read one 2 MB line",
                best(args.repeat, lambda: read_article(path)),
                "Path.read_text",
                best(args.repeat, lambda: path.read_text(encoding="utf-8")),
            )
        )
    blank = "Headline\n" + "\n" * 200_000 + "Source: Example News\n"
    rows.append(
        (
            "parse 200,000 blank lines",
            best(args.repeat, lambda: parse_article(blank)),
            "str.splitlines",
            best(args.repeat, blank.splitlines),
        )
    )
    vocab = load_vocab()
    nlp = make_nlp(vocab)
    article = parse_article("Poland accused Russia and " * 600, "one-sentence.txt")
    prepared = prepare_text(article.text, vocab)
    doc = nlp(prepared)
    rows.append(
        (
            "extract one 2,400-token sentence",
            best(args.repeat, lambda: extract(doc, article.id, vocab, text=article.text)),
            "spaCy parse of it",
            best(args.repeat, lambda: nlp(prepared)),
        )
    )
    if not args.no_render:
        from bench_view import synthetic_graph

        from graph.render import render_image

        G = synthetic_graph(500)
        for fmt in ("png", "svg", "pdf"):
            rows.append(
                (
                    f"briefing {fmt.upper()}, 500 nodes",
                    best(args.repeat, lambda fmt=fmt: render_image(G, fmt)),
                    "",
                    0.0,
                )
            )
    print("| input | seconds | baseline | seconds | ratio |")
    print("|---|---|---|---|---|")
    for what, t, base, b in rows:
        ratio = f"{t / b:.1f}x" if b else ""
        print(
            f"| {what} | {t:.3f} | {base} | {b:.3f} | {ratio} |"
            if base
            else f"| {what} | {t:.3f} | | | |"
        )


if __name__ == "__main__":
    main()
