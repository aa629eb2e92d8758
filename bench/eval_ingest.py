"""Body-text quality of ``graph read`` on real saved news pages: shingle F1.

The measure is the one of the public article-extraction benchmarks (scrapinghub's
article-extraction-benchmark, reused by trafilatura's evaluation): each text is cut into
word 4-grams ("shingles"), true positives, false positives and false negatives are
counted per page and normalised by the page's total, precision and recall are averaged
over pages, and F1 is their harmonic mean.

The data folder has the layout of that benchmark: ``ground-truth.json`` maps a page id
to ``{"articleBody": ...}``, and ``html/<id>.html`` (or ``.html.gz``) is the saved page.
``bench/ingest_eval/`` holds a small sample (see its README); the full benchmark can be
dropped in the same layout and run with ``--data DIR``.

Relate puts the page's title first in the text it analyses (as a plain-text article's
first line); benchmark bodies leave the headline out, so the score is printed both for
the text as read and with that leading title paragraph removed.

Usage::

    .venv/bin/python bench/eval_ingest.py [--data bench/ingest_eval] [-v]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    """Counts of the word n-grams of ``text`` (one short text is one shingle)."""
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle true/false positives and false negatives, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum(min(t[k], p[k]) for k in t.keys() | p.keys())
    fp = sum(max(0, p[k] - t[k]) for k in p)
    fn = sum(max(0, t[k] - p[k]) for k in t)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision, mean recall and their F1, as the benchmark computes them."""
    precisions = [tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0) for tp, fp, fn in counts]
    recalls = [tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0) for tp, fp, fn in counts]
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_pages(pages: list[Path]) -> dict[str, dict]:
    """``python -m graph read --json`` on the pages: path -> the JSON object printed."""
    out = subprocess.run(
        [sys.executable, "-m", "graph", "read", "--json", *map(str, pages)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    return {row["path"]: row for row in rows}


def without_title(row: dict) -> str:
    text, title = row["text"], row.get("title") or ""
    head, _, rest = text.partition("\n\n")
    return rest if title and head.strip() == title.strip() else text


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=ROOT / "bench" / "ingest_eval")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per page")
    args = p.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        pages: dict[str, Path] = {}
        for key in truth:
            plain, packed = (
                args.data / "html" / f"{key}.html",
                args.data / "html" / f"{key}.html.gz",
            )
            if plain.exists():
                pages[key] = plain
            elif packed.exists():
                pages[key] = Path(tmp) / f"{key}.html"
                pages[key].write_bytes(gzip.decompress(packed.read_bytes()))
        rows = read_pages(list(pages.values()))
        as_read, body_only = [], []
        for key, body in sorted(truth.items()):
            row = rows.get(str(pages.get(key, "")))
            text = row["text"] if row else ""
            as_read.append(tp_fp_fn(body["articleBody"], text))
            body_only.append(tp_fp_fn(body["articleBody"], without_title(row) if row else ""))
            if args.verbose:
                bp, br, bf = scores([body_only[-1]])
                print(f"{key:40s} P={bp:.3f} R={br:.3f} F1={bf:.3f}{'' if row else '  (not read)'}")
    for name, counts in (("as read", as_read), ("title line removed", body_only)):
        pr, rc, f1 = scores(counts)
        print(
            f"graph read, {name:18s} pages={len(counts)} precision={pr:.3f} recall={rc:.3f} F1={f1:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
