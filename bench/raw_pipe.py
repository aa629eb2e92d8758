"""The baseline: raw ``nlp.pipe`` of Relate's spaCy pipeline over a corpus, nothing else.

Loads the same pipeline ``graph build`` uses (the packaged model plus the
gazetteer), reads the same texts and consumes ``nlp.pipe(texts, n_process=W,
batch_size=B)``. Prints one JSON line: load and pipe seconds, articles, words.

Usage::

    .venv/bin/python bench/raw_pipe.py /tmp/relate-bench/corpus --workers 2 --batch 8
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description="time raw nlp.pipe over a corpus")
    parser.add_argument("corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=8)
    args = parser.parse_args()
    start = time.perf_counter()
    from graph.ingest import read_articles
    from graph.nlp import make_nlp
    from graph.vocab import load_vocab

    texts = [a.text for a in read_articles([args.corpus]).articles]
    nlp = make_nlp(load_vocab())
    loaded = time.perf_counter()
    n = 0
    for _doc in nlp.pipe(texts, n_process=args.workers, batch_size=args.batch):
        n += 1
    end = time.perf_counter()
    print(
        json.dumps(
            {
                "load": round(loaded - start, 3),
                "pipe": round(end - loaded, 3),
                "articles": n,
                "words": sum(len(t.split()) for t in texts),
            }
        )
    )


if __name__ == "__main__":
    main()
